/**
 * The plan of a KubeVirtConfiguration change. Nothing here touches a VM directly: every setting is
 * cluster-level and takes effect for what KubeVirt does next (the next template change, the next
 * migration, the next KubeVirt upgrade), so each reason says which of those it changes
 * (docs/semantics.md#cluster-configuration). Moving to another CR releases the fields on the
 * old one and applies them on the new one: a replace. Pure.
 */
import type { PolicyRule, Verdict } from "../../diff/classify";
import type { PathChange } from "../../diff/paths";
import type { Props } from "../../kindProvider";

const gateList = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : []);

/** Gates turned on and off, by name. */
export function gatesChange(c: PathChange): Verdict {
    const before = gateList(c.old);
    const after = gateList(c.new);
    const on = after.filter((g) => !before.includes(g));
    const off = before.filter((g) => !after.includes(g));
    const parts = [
        ...(on.length ? [`enables ${on.join(", ")}`] : []),
        ...(off.length ? [`no longer enables ${off.join(", ")} (unless another writer does)`] : []),
    ];
    return {
        impact: "live",
        why: `cluster-level: feature gates: ${parts.join("; ") || "reordered"}; KubeVirt components pick gates up without restarting VMs`,
    };
}

/** What a rollout strategy switch means for the VM changes that follow it. */
export function rolloutChange(c: PathChange): Verdict {
    const to = c.new ?? "KubeVirt's default (LiveUpdate)";
    const effect =
        c.new === "Stage"
            ? "later VM template changes are held until each VM restarts (RestartRequired)"
            : "later VM template changes that KubeVirt can apply live reach running VMs at once";
    return {
        impact: "live",
        why: `cluster-level: vmRolloutStrategy ${String(c.old ?? "default")}→${String(to)}: ${effect}; running VMs are not restarted`,
    };
}

export const kubevirtConfigurationPolicy: readonly PolicyRule<Props>[] = [
    {
        pattern: "target",
        impact: "replace",
        why: "the settings move to another operator CR: released on the old one, applied on the new",
    },
    {
        pattern: "cr.**",
        impact: "replace",
        why: "the settings move to another CR: released on the old one, applied on the new",
    },
    { pattern: "vmRolloutStrategy", predicate: rolloutChange },
    { pattern: "featureGates", predicate: gatesChange },
    {
        pattern: "migrations.**",
        impact: "live",
        why: (c) =>
            `cluster-level: ${c.path} ${JSON.stringify(c.old ?? null)}→${JSON.stringify(c.new ?? null)} applies to migrations that start from now on; running migrations keep their settings`,
    },
    {
        pattern: "workloadUpdateStrategy.**",
        impact: "live",
        why: (c) =>
            `cluster-level: ${c.path} changed: decides how KubeVirt moves running VMs onto new virt-launcher versions after an upgrade`,
    },
    {
        pattern: "fieldManager",
        impact: "replace",
        why: "the settings are released under the old field manager and applied under the new one",
    },
    { pattern: "**", impact: "live", why: (c) => `cluster-level: ${c.path} changed` },
];
