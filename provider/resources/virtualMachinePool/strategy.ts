/**
 * What KubeVirt's pool controller will do with a pool spec, read from the spec alone: how it rolls
 * a template change out, which VMs a scale-in deletes and the names a scale-out creates
 * (docs/semantics.md#virtualmachinepool). Pure.
 */
import type { Props } from "../../kindProvider";

/**
 * `proactive` (the default when `updateStrategy` is unset) rewrites each VM and then restarts
 * every VMI started from an older VMI template; `opportunistic` rewrites the VMs only, so each
 * VM's own rollout rules apply; `unmanaged` leaves existing VMs alone.
 */
export type UpdateStrategy = "proactive" | "opportunistic" | "unmanaged";

export function updateStrategyOf(spec: Props | undefined): UpdateStrategy {
    const u = spec?.updateStrategy;
    if (u?.unmanaged) return "unmanaged";
    if (u?.opportunistic) return "opportunistic";
    return "proactive";
}

/** The replica count the controller aims at (the API's default is 1). */
export function replicasOf(spec: Props | undefined): number {
    const r = spec?.replicas;
    return typeof r === "number" && Number.isInteger(r) ? r : 1;
}

/** The ordinal a pool VM name ends with, or undefined. */
export function ordinalOf(name: string): number | undefined {
    const m = /-(\d+)$/.exec(name);
    return m ? Number(m[1]) : undefined;
}

/** Names a scale-out creates: the controller takes the lowest ordinals not in use. */
export function namesCreated(pool: string, existing: readonly string[], count: number): string[] {
    const taken = new Set(existing);
    const out: string[] = [];
    for (let i = 0; out.length < count; i++) {
        const name = `${pool}-${i}`;
        if (!taken.has(name)) out.push(name);
    }
    return out;
}

/** Which VMs a scale-in of `count` deletes, as far as the spec decides it. */
export interface ScaleIn {
    /** The VMs that go, when the order is known (AscendingOrder / DescendingOrder). */
    deleted?: string[];
    /** One sentence: which VMs go and why those. */
    text: string;
    /** The pool deletes nothing itself (scaleInStrategy opportunistic or unmanaged). */
    deletesNothing?: boolean;
}

const byOrdinal = (a: string, b: string) => (ordinalOf(a) ?? 0) - (ordinalOf(b) ?? 0);

/** The scale-in the controller performs for `count` fewer replicas. */
export function scaleInOf(spec: Props | undefined, existing: string[], count: number): ScaleIn {
    const s = spec?.scaleInStrategy;
    if (s?.unmanaged || s?.opportunistic) {
        const which = s.unmanaged ? "unmanaged" : "opportunistic";
        return {
            deletesNothing: true,
            text: `scaleInStrategy ${which}: the pool deletes no VM itself; it counts ${count} fewer once you delete VMs`,
        };
    }
    const sort: string = s?.proactive?.selectionPolicy?.sortPolicy ?? "Random";
    const filtered = s?.proactive?.selectionPolicy?.selectors
        ? " among VMs matching the selectors"
        : "";
    const sorted = [...existing].sort(byOrdinal);
    if (!filtered && (sort === "AscendingOrder" || sort === "DescendingOrder")) {
        const deleted = (sort === "AscendingOrder" ? sorted : sorted.reverse()).slice(0, count);
        return { deleted, text: `deletes ${deleted.join(", ")} (sortPolicy ${sort})` };
    }
    const words: Record<string, string> = {
        Newest: "the most recently created",
        Oldest: "the earliest created",
    };
    const how = words[sort] ?? "chosen at random (sortPolicy Random, the default)";
    return { text: `deletes ${count} of ${sorted.join(", ")}${filtered}, ${how}` };
}

/**
 * The VM the controller builds for replica `name` from the template `tpl`: the template's
 * metadata and spec, with the ordinal appended to DataVolume template names and the volumes using them.
 */
export function indexedVm(pool: Props, tpl: Props | undefined, name: string): Props {
    const idx = ordinalOf(name);
    const spec = structuredClone(tpl?.spec ?? {});
    const rename = new Map<string, string>();
    for (const dvt of spec.dataVolumeTemplates ?? []) {
        const indexed = `${dvt.metadata?.name}-${idx}`;
        rename.set(dvt.metadata?.name, indexed);
        dvt.metadata = { ...dvt.metadata, name: indexed };
    }
    for (const v of spec.template?.spec?.volumes ?? []) {
        const ref = v.dataVolume ?? v.persistentVolumeClaim;
        const key = v.dataVolume ? "name" : "claimName";
        if (ref && rename.has(ref[key])) ref[key] = rename.get(ref[key]);
    }
    const metadata: Props = { name, namespace: pool.metadata?.namespace };
    if (tpl?.metadata?.labels) metadata.labels = tpl.metadata.labels;
    if (tpl?.metadata?.annotations) metadata.annotations = tpl.metadata.annotations;
    return { apiVersion: "kubevirt.io/v1", kind: "VirtualMachine", metadata, spec };
}
