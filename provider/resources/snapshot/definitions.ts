/**
 * VirtualMachineSnapshot, VirtualMachineRestore (snapshot.kubevirt.io/v1beta1) and
 * VirtualMachineClone (clone.kubevirt.io/v1beta1) for the generic provider. KubeVirt's admission
 * rejects spec changes to all three ("spec in immutable after creation", docs/semantics.md#snapshots-restores-and-clones), so every
 * spec change replaces: the operation runs again as a new object.
 */
import type { KubeObject } from "../../k8s/client";
import type { Props } from "../../kindProvider";
import type { PolicyRule } from "../../diff/classify";
import type { KindDef } from "../generic/kindDefinition";
import { identityRules } from "../generic/identityRules";
import { cloneReady, restoreReady, snapshotReady } from "./readiness";

/** Policy of a job-like kind: metadata updates in place, any spec change replaces with `why`. */
export function jobPolicy(kind: string, why: string): readonly PolicyRule<Props>[] {
    return [
        ...identityRules(kind),
        { pattern: "spec.**", impact: "replace", why },
        { pattern: "**", impact: "replace", why },
    ];
}

const statusOf = (live: KubeObject | undefined): Props => (live?.status ?? {}) as Props;

export const virtualMachineSnapshotKind: KindDef = {
    kind: "VirtualMachineSnapshot",
    apiVersion: "snapshot.kubevirt.io/v1beta1",
    namespaced: true,
    bodyKeys: ["spec"],
    policy: jobPolicy(
        "VirtualMachineSnapshot",
        "snapshot specs are immutable; replacing deletes this snapshot (and its content, unless deletionPolicy is Retain) and takes a new one",
    ),
    readiness: () => snapshotReady,
    outputs: (live) => {
        const s = statusOf(live);
        return {
            status: {
                phase: s.phase ?? "",
                readyToUse: s.readyToUse === true,
                contentName: s.virtualMachineSnapshotContentName ?? "",
                indications: s.indications ?? [],
            },
        };
    },
};

export const virtualMachineRestoreKind: KindDef = {
    kind: "VirtualMachineRestore",
    apiVersion: "snapshot.kubevirt.io/v1beta1",
    namespaced: true,
    bodyKeys: ["spec"],
    policy: jobPolicy(
        "VirtualMachineRestore",
        "restore specs are immutable; replacing runs the restore again, overwriting the target VM's spec and disks with the snapshot's",
    ),
    readiness: () => restoreReady,
    outputs: (live) => {
        const s = statusOf(live);
        return { status: { complete: s.complete === true, restoreTime: s.restoreTime ?? "" } };
    },
};

export const virtualMachineCloneKind: KindDef = {
    kind: "VirtualMachineClone",
    apiVersion: "clone.kubevirt.io/v1beta1",
    namespaced: true,
    bodyKeys: ["spec"],
    policy: jobPolicy(
        "VirtualMachineClone",
        "clone specs are immutable; replacing runs a new clone (the VM cloned before is not deleted)",
    ),
    readiness: () => cloneReady,
    outputs: (live) => {
        const s = statusOf(live);
        return { status: { phase: s.phase ?? "", targetName: s.targetName ?? "" } };
    },
};
