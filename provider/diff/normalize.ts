/**
 * Normalization and pruning of VirtualMachine objects before diffing.
 *
 * Two sources of phantom diffs are removed here (docs/semantics.md#server-side-writes):
 * 1. `normalizeVm` undoes the Go round-trip the KubeVirt webhook applies on every write (docs/semantics.md#vm-mutating-webhook):
 *    empty non-pointer structs (`domain.resources: {}`, `domain.devices: {}`),
 *    `creationTimestamp: null`, canonical quantities, omitted empty slices and maps, and drops
 *    server-owned metadata and status.
 * 2. `pruneToShape` keeps from the live object only what the user declared (docs/semantics.md#other-writers, pulumi-kubernetes
 *    `pruneLiveState`), so fields filled in by webhooks and controllers (machine.type,
 *    firmware.uuid/serial, architecture, kubemacpool MACs, pci-topology annotations,
 *    instancetype revisionName) never show as a change.
 *
 * Rejected alternative: a deny-list of server fields only. It breaks on every new KubeVirt
 * default, while pruning to the user's shape is version-proof; the deny-list below is kept only for
 * metadata annotations, which the user's shape contains as a whole map.
 */
import {
    isKeyedList,
    isPlainObject,
    listKey,
    matchPath,
    type JsonObject,
    type Segment,
} from "./paths";
import { canonicalizeQuantity } from "./quantity";

/** Annotations written by KubeVirt, kubemacpool or kubectl on the VM itself (docs/semantics.md#controller-writes-into-the-vm, docs/semantics.md#other-writers). */
export const serverAnnotations: readonly string[] = [
    "kubevirt.io/latest-observed-api-version",
    "kubevirt.io/storage-observed-api-version",
    "kubemacpool.io/transaction-timestamp",
    "kubectl.kubernetes.io/last-applied-configuration",
];

/**
 * Objects that mean the same as "absent" when empty. Only maps and non-pointer Go structs are
 * listed: many KubeVirt markers are meaningful empty objects (`masquerade: {}`, `bridge: {}`,
 * `cdrom: {}`, `blank: {}`), so empty objects are never dropped in general.
 */
const emptyMeansAbsent: readonly string[] = [
    "**.labels",
    "**.annotations",
    "**.nodeSelector",
    "spec.template.metadata",
    "spec.dataVolumeTemplates[*].metadata",
    "spec.template.spec.domain.resources",
    "spec.template.spec.domain.resources.requests",
    "spec.template.spec.domain.resources.limits",
    "spec.template.spec.domain.devices",
];

/** Keys whose value is a resource.Quantity in the VM schema, identified by parent key. */
const quantityParents: Record<string, readonly string[]> = {
    memory: ["guest", "maxGuest"],
    emptyDisk: ["capacity"],
    reservedOverhead: ["addedOverhead"],
};

function isQuantityPath(segs: readonly Segment[]): boolean {
    const key = segs[segs.length - 1];
    const parent = segs[segs.length - 2];
    if (typeof key !== "string" || typeof parent !== "string") return false;
    if (parent === "requests" || parent === "limits") return true;
    return quantityParents[parent]?.includes(key) ?? false;
}

function cleanValue(value: unknown, segs: Segment[]): unknown {
    // Go pointers with omitempty: null and absent are the same on the server.
    if (value === null || value === undefined) return undefined;
    if (Array.isArray(value)) {
        const keyed = isKeyedList(value);
        const items = value
            .map((v) => cleanValue(v, keyed ? [...segs, { name: listKey(v) as string }] : segs))
            .filter((v) => v !== undefined);
        return items.length === 0 ? undefined : items;
    }
    if (isPlainObject(value)) {
        const out: JsonObject = {};
        for (const [k, v] of Object.entries(value)) {
            const c = cleanValue(v, [...segs, k]);
            if (c !== undefined) out[k] = c;
        }
        const empty = Object.keys(out).length === 0;
        return empty && emptyMeansAbsent.some((p) => matchPath(p, segs)) ? undefined : out;
    }
    return isQuantityPath(segs) ? canonicalizeQuantity(value) : value;
}

function pickMetadata(meta: unknown): JsonObject {
    const m = isPlainObject(meta) ? meta : {};
    const out: JsonObject = {};
    for (const k of ["name", "namespace", "labels", "annotations"])
        if (m[k] !== undefined) out[k] = m[k];
    if (isPlainObject(out.annotations)) {
        out.annotations = Object.fromEntries(
            Object.entries(out.annotations).filter(([k]) => !serverAnnotations.includes(k)),
        );
    }
    return out;
}

/**
 * A copy of a VirtualMachine with server-owned and server-rewritten noise removed (docs/semantics.md#vm-mutating-webhook, docs/semantics.md#other-writers):
 * only apiVersion, kind, metadata (name, namespace, labels, non-server annotations) and spec are
 * kept; nulls, `creationTimestamp: null`, empty slices/maps and empty `domain.resources`/
 * `domain.devices` are dropped; quantities are canonicalized. Pure; the input is not modified.
 */
export function normalizeVm(obj: unknown): JsonObject {
    const src = isPlainObject(obj) ? obj : {};
    const shaped: JsonObject = {
        apiVersion: src.apiVersion,
        kind: src.kind,
        metadata: pickMetadata(src.metadata),
        spec: src.spec,
    };
    const cleaned = cleanValue(shaped, []);
    return isPlainObject(cleaned) ? cleaned : {};
}

function pruneKeyed(live: unknown[], desired: unknown[]): unknown[] {
    const byName = new Map(desired.map((d) => [listKey(d), d] as const));
    // Elements the user did not declare are kept whole: they are real drift (e.g. addvolume).
    return live.map((l) => (byName.has(listKey(l)) ? pruneToShape(l, byName.get(listKey(l))) : l));
}

/**
 * The part of `live` that has a counterpart in `desired`: object keys absent from `desired` are
 * dropped, lists keyed by `name`/`metadata.name` are matched by name (live-only elements stay),
 * other lists are pruned element-wise when their lengths agree. Scalars and type mismatches
 * return `live` as is, so real differences survive.
 */
export function pruneToShape(live: unknown, desired: unknown): unknown {
    if (isPlainObject(live) && isPlainObject(desired)) {
        const out: JsonObject = {};
        for (const k of Object.keys(desired)) {
            if (k in live) out[k] = pruneToShape(live[k], desired[k]);
        }
        return out;
    }
    if (Array.isArray(live) && Array.isArray(desired)) {
        if (desired.length > 0 && isKeyedList(desired) && isKeyedList(live))
            return pruneKeyed(live, desired);
        if (live.length === desired.length) return live.map((l, i) => pruneToShape(l, desired[i]));
    }
    return live;
}
