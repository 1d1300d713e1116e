/**
 * Instancetypes and preferences (instancetype.kubevirt.io/v1beta1, docs/semantics.md#instancetypes-and-preferences): the four
 * kinds, namespaced and cluster-wide. Editing one changes the object only: KubeVirt copies an
 * instancetype/preference into a ControllerRevision when a VM first uses it, and the VM keeps
 * that copy. So a spec change is "live" for the object and has no effect on existing VMs; a VM
 * changes only when its reference changes, which the VM's own plan classifies (docs/semantics.md#live-updatable-fields).
 */
import type { KindDef } from "../generic/kindDefinition";
import type { PolicyRule } from "../../diff/classify";
import type { Props } from "../../kindProvider";

const apiVersion = "instancetype.kubevirt.io/v1beta1";

const revisionNote =
    "existing VMs keep the revision captured at their start; they pick up the change only when the VM's instancetype name changes or its revision is cleared (docs/semantics.md#instancetypes-and-preferences)";

function policy(what: string): readonly PolicyRule<Props>[] {
    return [
        {
            pattern: "metadata.name",
            impact: "replace",
            why: `the name identifies the ${what}; VMs reference it by name`,
        },
        {
            pattern: "metadata.namespace",
            impact: "replace",
            why: `the namespace identifies the ${what}`,
        },
        { pattern: "metadata.**", impact: "metadata", why: (c) => `${c.path} changed` },
        {
            pattern: "spec.**",
            impact: "live",
            why: (c) => `${c.path} changed for VMs that start using this ${what}`,
            note: revisionNote,
        },
        { pattern: "**", impact: "live", why: (c) => `${c.path} changed`, note: revisionNote },
    ];
}

function kindDef(kind: string, namespaced: boolean, what: string): KindDef {
    return { kind, apiVersion, namespaced, bodyKeys: ["spec"], policy: policy(what) };
}

export const virtualMachineInstancetypeKind = kindDef(
    "VirtualMachineInstancetype",
    true,
    "instancetype",
);
export const virtualMachineClusterInstancetypeKind = kindDef(
    "VirtualMachineClusterInstancetype",
    false,
    "instancetype",
);
export const virtualMachinePreferenceKind = kindDef("VirtualMachinePreference", true, "preference");
export const virtualMachineClusterPreferenceKind = kindDef(
    "VirtualMachineClusterPreference",
    false,
    "preference",
);

/** All four, for registration. */
export const instancetypeKinds: readonly KindDef[] = [
    virtualMachineInstancetypeKind,
    virtualMachineClusterInstancetypeKind,
    virtualMachinePreferenceKind,
    virtualMachineClusterPreferenceKind,
];
