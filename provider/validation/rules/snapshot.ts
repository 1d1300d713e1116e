/**
 * The object references of snapshots, restores and clones: KubeVirt's admission accepts only a
 * VirtualMachine (or, as a clone source, a snapshot) there (vmsnapshot.go, vmrestore.go,
 * vmclone-admitter.go), and refuses the apply. A table of where each kind references what.
 */
import { CheckFailure, fail, isUnknown } from "../types";
import { asRecord } from "./dataVolume";

interface RefRule {
    /** Property path of the reference, e.g. "spec.source". */
    path: string;
    /** Accepted {apiGroup, kind} pairs. */
    accepts: readonly { apiGroup: string; kind: string }[];
}

const VM = { apiGroup: "kubevirt.io", kind: "VirtualMachine" };
const SNAPSHOT = { apiGroup: "snapshot.kubevirt.io", kind: "VirtualMachineSnapshot" };

export const REFERENCE_RULES: Record<string, readonly RefRule[]> = {
    VirtualMachineSnapshot: [{ path: "spec.source", accepts: [VM] }],
    VirtualMachineRestore: [{ path: "spec.target", accepts: [VM] }],
    VirtualMachineClone: [
        { path: "spec.source", accepts: [VM, SNAPSHOT] },
        { path: "spec.target", accepts: [VM] },
    ],
};

function refFailures(ref: Record<string, unknown>, rule: RefRule): CheckFailure[] {
    const { apiGroup, kind } = ref;
    if ([apiGroup, kind].some(isUnknown)) return [];
    const shown = rule.accepts.map((a) => `${a.kind} (apiGroup ${a.apiGroup})`).join(" or ");
    if (!rule.accepts.some((a) => a.kind === kind)) {
        return [
            fail(
                `${rule.path}.kind`,
                `'${rule.path}.kind' is ${JSON.stringify(kind)}; KubeVirt accepts only ${shown}`,
            ),
        ];
    }
    const want = rule.accepts.find((a) => a.kind === kind)!.apiGroup;
    if (apiGroup !== want)
        return [
            fail(
                `${rule.path}.apiGroup`,
                `'${rule.path}.apiGroup' must be ${JSON.stringify(want)} for kind ${String(kind)}, got ${JSON.stringify(apiGroup)}`,
            ),
        ];
    return [];
}

/** Reference rules of a snapshot, restore or clone manifest. */
export function checkReferences(kind: string, obj: unknown): CheckFailure[] {
    return (REFERENCE_RULES[kind] ?? []).flatMap((rule) => {
        const ref = asRecord(asRecord(asRecord(obj)?.spec)?.[rule.path.split(".")[1]!]);
        return ref ? refFailures(ref, rule) : [];
    });
}

/** CDI DataSource: `spec.source` must point at exactly one thing, else it never becomes Ready. */
export function checkDataSource(obj: unknown): CheckFailure[] {
    const source = asRecord(asRecord(asRecord(obj)?.spec)?.source);
    if (!source || Object.values(source).some(isUnknown)) return [];
    const set = Object.keys(source).filter((k) => source[k] !== undefined && source[k] !== null);
    if (set.length === 1) return [];
    const got = set.length
        ? `${set.length} (${set.join(", ")})`
        : "none, so it would never become Ready";
    return [
        fail(
            "spec.source",
            `'spec.source' must set exactly one of pvc, snapshot or dataSource; got ${got}`,
        ),
    ];
}
