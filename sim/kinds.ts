/** The group/version/kinds the simulator reads and writes, and helpers to name objects. */
import type { KubeObject, ObjectRef, OwnerReference } from "../provider/k8s/client";
// The client's own ref of an object, so the simulator names objects as the provider does.
import { refOf } from "../provider/k8s/requests";

export interface Gvk {
    apiVersion: string;
    kind: string;
    namespaced: boolean;
}

export const Node: Gvk = { apiVersion: "v1", kind: "Node", namespaced: false };
export const Pod: Gvk = { apiVersion: "v1", kind: "Pod", namespaced: true };
export const Namespace: Gvk = { apiVersion: "v1", kind: "Namespace", namespaced: false };
export const ServiceAccount: Gvk = { apiVersion: "v1", kind: "ServiceAccount", namespaced: true };
export const Pvc: Gvk = { apiVersion: "v1", kind: "PersistentVolumeClaim", namespaced: true };
export const Event: Gvk = { apiVersion: "v1", kind: "Event", namespaced: true };
export const ControllerRevision: Gvk = {
    apiVersion: "apps/v1",
    kind: "ControllerRevision",
    namespaced: true,
};
export const Vm: Gvk = { apiVersion: "kubevirt.io/v1", kind: "VirtualMachine", namespaced: true };
export const Vmi: Gvk = {
    apiVersion: "kubevirt.io/v1",
    kind: "VirtualMachineInstance",
    namespaced: true,
};
export const Vmim: Gvk = {
    apiVersion: "kubevirt.io/v1",
    kind: "VirtualMachineInstanceMigration",
    namespaced: true,
};
export const Dv: Gvk = {
    apiVersion: "cdi.kubevirt.io/v1beta1",
    kind: "DataVolume",
    namespaced: true,
};
export const DataSource: Gvk = {
    apiVersion: "cdi.kubevirt.io/v1beta1",
    kind: "DataSource",
    namespaced: true,
};
export const Nncp: Gvk = {
    apiVersion: "nmstate.io/v1",
    kind: "NodeNetworkConfigurationPolicy",
    namespaced: false,
};
export const Nnce: Gvk = {
    apiVersion: "nmstate.io/v1beta1",
    kind: "NodeNetworkConfigurationEnactment",
    namespaced: false,
};
export const Nns: Gvk = {
    apiVersion: "nmstate.io/v1beta1",
    kind: "NodeNetworkState",
    namespaced: false,
};
export const StorageClass: Gvk = {
    apiVersion: "storage.k8s.io/v1",
    kind: "StorageClass",
    namespaced: false,
};
export const VolumeSnapshot: Gvk = {
    apiVersion: "snapshot.storage.k8s.io/v1",
    kind: "VolumeSnapshot",
    namespaced: true,
};
export const VolumeSnapshotContent: Gvk = {
    apiVersion: "snapshot.storage.k8s.io/v1",
    kind: "VolumeSnapshotContent",
    namespaced: false,
};
export const VolumeSnapshotClass: Gvk = {
    apiVersion: "snapshot.storage.k8s.io/v1",
    kind: "VolumeSnapshotClass",
    namespaced: false,
};
/** Watched only so the garbage collector sees it: KubeVirt's VolumeSnapshots are owned by it. */
export const VmSnapshotContent: Gvk = {
    apiVersion: "snapshot.kubevirt.io/v1beta1",
    kind: "VirtualMachineSnapshotContent",
    namespaced: true,
};

/** Every kind the simulator watches (Events are only written). */
export const watchedKinds: Gvk[] = [
    Node,
    Pod,
    Namespace,
    ServiceAccount,
    Pvc,
    ControllerRevision,
    Vm,
    Vmi,
    Vmim,
    Dv,
    DataSource,
    Nncp,
    Nnce,
    Nns,
    StorageClass,
    VolumeSnapshot,
    VolumeSnapshotContent,
    VolumeSnapshotClass,
    VmSnapshotContent,
];

/** Queue/cache key: "ns/name" for namespaced objects, "name" otherwise. */
export function keyOf(obj: { metadata: { namespace?: string; name?: string } }): string {
    const { namespace, name } = obj.metadata;
    return namespace ? `${namespace}/${name}` : (name ?? "");
}

export function splitKey(key: string): { namespace?: string; name: string } {
    const i = key.indexOf("/");
    return i < 0 ? { name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}

export function refTo(gvk: Gvk, key: string): ObjectRef {
    return { apiVersion: gvk.apiVersion, kind: gvk.kind, ...splitKey(key) };
}

export { refOf };

export function sameKind(
    a: { apiVersion: string; kind: string },
    b: { apiVersion: string; kind: string },
): boolean {
    return a.apiVersion === b.apiVersion && a.kind === b.kind;
}

/** An ownerReference marking `owner` as the managing controller (metav1.NewControllerRef). */
export function controllerRef(owner: KubeObject): OwnerReference {
    return {
        apiVersion: owner.apiVersion,
        kind: owner.kind,
        name: owner.metadata.name ?? "",
        uid: owner.metadata.uid ?? "",
        controller: true,
        blockOwnerDeletion: true,
    };
}

export function controllerOf(obj: KubeObject): OwnerReference | undefined {
    return obj.metadata.ownerReferences?.find((r) => r.controller);
}

export function describeObj(obj: KubeObject | ObjectRef): string {
    const ref = "metadata" in obj ? refOf(obj as KubeObject) : (obj as ObjectRef);
    const name =
        ref.name || `${("metadata" in obj && (obj as KubeObject).metadata.generateName) || ""}*`;
    return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ""}${name}`;
}
