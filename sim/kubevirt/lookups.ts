/** Small store queries and metadata helpers shared by the KubeVirt controllers. */
import type { KubeObject } from "../../provider/k8s/client";
import { guardedPatch, type Action } from "../actions";
import { Vm, Vmi } from "../kinds";
import type { Store } from "../store";
import { claimNameOf, type VirtualMachine, type VirtualMachineInstance } from "./types";

export function byName<T extends KubeObject>(objs: T[]): Map<string, T> {
    return new Map(objs.map((o) => [o.metadata.name ?? "", o]));
}

export function hasFinalizer(obj: KubeObject, f: string): boolean {
    return (obj.metadata.finalizers ?? []).includes(f);
}

/** A guarded patch removing one finalizer (the list is replaced whole, hence the guard). */
export function removeFinalizer(obj: KubeObject, f: string, why: string): Action {
    return guardedPatch(
        obj,
        { metadata: { finalizers: (obj.metadata.finalizers ?? []).filter((x) => x !== f) } },
        `remove finalizer ${f}: ${why}`,
    );
}

/** Keys ("ns/name") of the owners of `obj` with the given kind. */
export function ownerKeys(obj: KubeObject, kind: string): string[] {
    return (obj.metadata.ownerReferences ?? [])
        .filter((r) => r.kind === kind)
        .map((r) => `${obj.metadata.namespace}/${r.name}`);
}

/** VMs whose template volumes or dataVolumeTemplates use the claim/DataVolume `obj`, plus its owner VM. */
export function vmsReferencingClaim(obj: KubeObject, store: Store): string[] {
    const ns = obj.metadata.namespace;
    const name = obj.metadata.name;
    const keys = new Set(ownerKeys(obj, "VirtualMachine"));
    for (const vm of store.list<VirtualMachine>(Vm, ns)) {
        const vols = vm.spec.template?.spec?.volumes ?? [];
        if (
            vols.some((v) => claimNameOf(v) === name) ||
            (vm.spec.dataVolumeTemplates ?? []).some((t) => t.metadata.name === name)
        ) {
            keys.add(`${ns}/${vm.metadata.name}`);
        }
    }
    return [...keys];
}

/** VMIs whose volumes use the claim/DataVolume `obj`. */
export function vmisReferencingClaim(obj: KubeObject, store: Store): VirtualMachineInstance[] {
    return store
        .list<VirtualMachineInstance>(Vmi, obj.metadata.namespace)
        .filter((vmi) =>
            (vmi.spec.volumes ?? []).some((v) => claimNameOf(v) === obj.metadata.name),
        );
}
