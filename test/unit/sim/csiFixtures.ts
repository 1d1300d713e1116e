/** Objects and helpers shared by the sim CSI snapshotter tests. */
import type { KubeObject } from "../../../provider/k8s/client";
import type { Action } from "../../../sim/actions";
import * as K from "../../../sim/kinds";
import { T0 } from "./helpers";

export const driver = "csi.sim.pulumi-kubevirt.io";
export const sc = (name = "sim-csi", provisioner = driver): KubeObject =>
    ({
        apiVersion: K.StorageClass.apiVersion,
        kind: K.StorageClass.kind,
        metadata: { name },
        provisioner,
    }) as KubeObject;
export const vsc = (name: string, isDefault = true, d = driver): KubeObject =>
    ({
        apiVersion: K.VolumeSnapshotClass.apiVersion,
        kind: K.VolumeSnapshotClass.kind,
        metadata: {
            name,
            annotations: isDefault
                ? { "snapshot.storage.kubernetes.io/is-default-class": "true" }
                : {},
        },
        driver: d,
        deletionPolicy: "Delete",
    }) as KubeObject;
export const pvc = (phase = "Bound", spec: Record<string, any> = {}): KubeObject => ({
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name: "disk", namespace: "default", uid: "pvc-uid" },
    spec: { storageClassName: "sim-csi", resources: { requests: { storage: "1Gi" } }, ...spec },
    status: { phase, capacity: { storage: "2Gi" } },
});
export const vs = (spec: Record<string, any> = {}, status?: Record<string, any>): KubeObject => ({
    apiVersion: K.VolumeSnapshot.apiVersion,
    kind: K.VolumeSnapshot.kind,
    metadata: { name: "snap", namespace: "default", uid: "vs-uid", resourceVersion: "7" },
    spec: { source: { persistentVolumeClaimName: "disk" }, ...spec },
    ...(status ? { status } : {}),
});
export const content = (
    status?: Record<string, any>,
    ref: Record<string, any> = { name: "snap", namespace: "default", uid: "vs-uid" },
    deletionPolicy = "Delete",
): KubeObject => ({
    apiVersion: K.VolumeSnapshotContent.apiVersion,
    kind: K.VolumeSnapshotContent.kind,
    metadata: { name: "snapcontent-vs-uid", uid: "c-uid", resourceVersion: "9" },
    spec: {
        deletionPolicy,
        driver,
        source: { volumeHandle: "sim-volume-pvc-uid" },
        volumeSnapshotClassName: "sim-snap",
        volumeSnapshotRef: ref,
    },
    ...(status ? { status } : {}),
});
export const readyContent = () =>
    content({
        creationTime: T0 * 1e6,
        readyToUse: true,
        restoreSize: 2 ** 31,
        snapshotHandle: "h",
    });

/** One action, summarised: verb, target and the part of the write the case cares about. */
export function summary(a: Action): Record<string, any> {
    if (a.op === "create")
        return { op: "create", kind: a.obj.kind, name: a.obj.metadata.name, spec: a.obj.spec };
    if (a.op === "patch")
        return {
            op: "patch",
            kind: a.ref.kind,
            subresource: a.subresource,
            status: (a.patch as any).status,
        };
    if (a.op === "delete") return { op: "delete", kind: a.ref.kind, name: a.ref.name };
    return { op: a.op };
}
