/**
 * Pure checks on a NetworkAttachmentDefinition's CNI config (`spec.config`, a JSON string), and a
 * readable description of how two configs differ. Multus parses the config only when a pod (a
 * VM's launcher) attaches, so a broken config otherwise surfaces minutes later as a VM stuck in
 * Scheduling; checking it at preview time moves that failure to where the mistake was made.
 */
import type { KubeObject } from "../../k8s/client";
import { fail, type CheckFailure } from "../../validation/types";
import { deepEqual, diffValues, formatValue } from "../../diff/paths";

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
    typeof v === "object" && v !== null && !Array.isArray(v);

/** The parsed config, or the parse error. */
export function parseCniConfig(text: string): { config?: Json; error?: string } {
    try {
        const v: unknown = JSON.parse(text);
        return isObject(v) ? { config: v } : { error: "must be a JSON object" };
    } catch (e) {
        return { error: `is not valid JSON (${(e as Error).message})` };
    }
}

/** The plugins of a config: its `plugins` list, or the config itself when it is a single plugin. */
export function pluginsOf(config: Json): Json[] {
    return Array.isArray(config.plugins) ? (config.plugins as Json[]) : [config];
}

function pluginFailures(config: Json, where: string): CheckFailure[] {
    if (config.plugins === undefined) {
        return typeof config.type === "string" && config.type
            ? []
            : [fail(where, "CNI config needs 'type' (a single plugin) or 'plugins' (a list)")];
    }
    if (!Array.isArray(config.plugins) || config.plugins.length === 0)
        return [fail(where, "'plugins' must be a non-empty list")];
    return config.plugins.flatMap((p, i) =>
        isObject(p) && typeof p.type === "string" && p.type
            ? []
            : [fail(where, `plugins[${i}] needs a string 'type'`)],
    );
}

/** OVN-Kubernetes refuses a secondary network whose netAttachDefName is not this NAD. */
function ovnFailures(config: Json, self: string, where: string): CheckFailure[] {
    const ovn = pluginsOf(config).find((p) => p.type === "ovn-k8s-cni-overlay");
    if (!ovn) return [];
    const out: CheckFailure[] = [];
    if (ovn.netAttachDefName !== self) {
        out.push(
            fail(
                where,
                `ovn-k8s-cni-overlay 'netAttachDefName' must be "${self}" (this NAD), got ${JSON.stringify(ovn.netAttachDefName)}`,
            ),
        );
    }
    if (!["layer2", "layer3", "localnet"].includes(String(ovn.topology))) {
        out.push(
            fail(
                where,
                `ovn-k8s-cni-overlay 'topology' must be layer2, layer3 or localnet, got ${JSON.stringify(ovn.topology)}`,
            ),
        );
    }
    return out;
}

/**
 * Failures of a NAD manifest's config. An absent or empty config is valid: Multus then reads a
 * CNI config file of the same name from the node.
 */
export function checkNadConfig(obj: KubeObject): CheckFailure[] {
    const text = (obj.spec as Json | undefined)?.config;
    if (text === undefined || text === "") return [];
    const where = "spec.config";
    if (typeof text !== "string") return [fail(where, "'spec.config' must be a JSON string")];
    const { config, error } = parseCniConfig(text);
    if (!config) return [fail(where, `'spec.config' ${error}`)];
    const out: CheckFailure[] = [];
    if (typeof config.cniVersion !== "string" || !config.cniVersion)
        out.push(fail(where, "'spec.config' needs a string 'cniVersion', e.g. \"0.3.1\""));
    out.push(...pluginFailures(config, where));
    out.push(...ovnFailures(config, `${obj.metadata.namespace}/${obj.metadata.name}`, where));
    return out;
}

/**
 * How `oldText` and `newText` differ as CNI configs: "same config, formatting only", or the keys
 * that changed ("vlan 10→20, macspoofchk added"). Falls back to "config text changed".
 */
export function describeConfigChange(
    oldText: unknown,
    newText: unknown,
): { sameJson: boolean; text: string } {
    const a = typeof oldText === "string" ? parseCniConfig(oldText).config : undefined;
    const b = typeof newText === "string" ? parseCniConfig(newText).config : undefined;
    if (!a || !b) return { sameJson: false, text: "CNI config text changed" };
    if (deepEqual(a, b))
        return { sameJson: true, text: "formatting only; the parsed CNI config is the same" };
    const parts = diffValues(a, b).map((c) => {
        if (c.kind === "added") return `${c.path} added`;
        if (c.kind === "removed") return `${c.path} removed`;
        return `${c.path} ${formatValue(c.old)}→${formatValue(c.new)}`;
    });
    const shown =
        parts.slice(0, 4).join(", ") + (parts.length > 4 ? `, +${parts.length - 4} more` : "");
    return { sameJson: false, text: `CNI config: ${shown}` };
}
