/**
 * Field policy of a CDI DataVolume (docs/semantics.md#datavolume-spec-is-immutable).
 *
 * CDI's validating webhook rejects every spec update ("Cannot update DataVolume Spec"), so any
 * spec change is a replacement, and replacing deletes the DV-owned PVC: data loss, said so in the
 * why. Two exceptions are real updates:
 * - growing the requested size: the DV spec stays as created and the PVC is expanded instead
 *   (Kubernetes allows requests.storage to grow on bound claims whose class allows expansion);
 * - checkpoints / finalCheckpoint of a multi-stage VDDK or imageio import, the one spec change
 *   the webhook accepts.
 * Metadata (labels, annotations) updates in place.
 */
import type { PolicyRule, Predicate } from "../../diff/classify";
import { compareQuantities } from "../../diff/quantity";
import type { Props } from "../../kindProvider";

/** The why of every spec replacement; says what is lost. */
export const dataVolumeReplaceWhy =
    "DataVolume spec is immutable (CDI rejects updates); replacing deletes the PVC and its data";

/** Where the requested size lives for each of the two claim APIs. */
export const sizePaths = {
    storage: ["spec", "storage", "resources", "requests", "storage"],
    pvc: ["spec", "pvc", "resources", "requests", "storage"],
} as const;

/** Which claim API a DataVolume spec uses ("storage" when neither is set yet). */
export function claimApiOf(spec: Props | undefined): "storage" | "pvc" {
    return spec?.pvc ? "pvc" : "storage";
}

/** The requested size of a DataVolume-shaped object (`{spec}`), or undefined. */
export function requestedSize(obj: Props | undefined): string | undefined {
    const spec = obj?.spec as Props | undefined;
    const v = spec?.[claimApiOf(spec)]?.resources?.requests?.storage;
    return v === undefined || v === null ? undefined : String(v);
}

/** A copy of `obj` whose requested size is `size` (the object's claim API). */
export function withRequestedSize<T extends Props>(obj: T, size: string): T {
    const spec = { ...(obj.spec ?? {}) } as Props;
    const api = claimApiOf(spec);
    const claim = { ...(spec[api] ?? {}) };
    claim.resources = {
        ...(claim.resources ?? {}),
        requests: { ...(claim.resources?.requests ?? {}), storage: size },
    };
    spec[api] = claim;
    return { ...obj, spec };
}

/** docs/semantics.md#datavolume-spec-is-immutable "To grow a disk, resize the PVC, not the DV": growth is live, a shrink replaces. */
export const storageSizeChange: Predicate<Props> = (change) => {
    const cmp = compareQuantities(change.old, change.new);
    const fromTo = `${String(change.old)}→${String(change.new)}`;
    if (cmp === 0)
        return { impact: "none", why: `storage ${fromTo}: the same size written differently` };
    if (cmp === -1) {
        return {
            impact: "live",
            why: `storage ${fromTo}: the PVC is expanded in place (the DataVolume spec keeps its original size)`,
            note: "growing a DataVolume expands its PVC; the guest sees the new size after KubeVirt resizes the disk (or a restart)",
        };
    }
    if (cmp === 1)
        return {
            impact: "replace",
            why: `storage ${fromTo}: volumes cannot shrink; ${dataVolumeReplaceWhy}`,
        };
    return undefined;
};

/** docs/semantics.md#datavolume-spec-is-immutable: the webhook lets multi-stage (vddk/imageio) imports move their checkpoints. */
export const checkpointChange: Predicate<Props> = (change, news) => {
    const source = (news.spec as Props | undefined)?.source ?? {};
    if (!source.vddk && !source.imageio) return undefined;
    return {
        impact: "live",
        why: `${change.path}: the multi-stage import continues with the new checkpoints`,
    };
};

export const dataVolumePolicy: readonly PolicyRule<Props>[] = [
    {
        pattern: "metadata.name",
        impact: "replace",
        why: "the name identifies the DataVolume and its PVC; a new name is a new, empty disk (data loss)",
    },
    {
        pattern: "metadata.namespace",
        impact: "replace",
        why: "the namespace identifies the DataVolume; moving it creates a new disk (data loss)",
    },
    { pattern: "metadata.**", impact: "metadata", why: (c) => `${c.path} changed` },
    { pattern: "spec.storage.resources.requests.storage", predicate: storageSizeChange },
    { pattern: "spec.pvc.resources.requests.storage", predicate: storageSizeChange },
    { pattern: "spec.checkpoints", predicate: checkpointChange },
    { pattern: "spec.checkpoints.**", predicate: checkpointChange },
    { pattern: "spec.finalCheckpoint", predicate: checkpointChange },
    { pattern: "spec.**", impact: "replace", why: dataVolumeReplaceWhy },
    { pattern: "**", impact: "replace", why: dataVolumeReplaceWhy },
];
