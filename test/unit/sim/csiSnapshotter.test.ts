import assert from "node:assert/strict";
import type { KubeObject } from "../../../provider/k8s/client";
import type { Action } from "../../../sim/actions";
import { reconcilePvc } from "../../../sim/core/pvcBinder";
import { reconcileContent, reconcileVolumeSnapshot } from "../../../sim/csi/snapshotter";
import * as K from "../../../sim/kinds";
import { MemoryStore } from "../../../sim/store";
import { ctx, T0 } from "./helpers";

const driver = "csi.sim.pulumi-kubevirt.io";
const sc = (name = "sim-csi", provisioner = driver): KubeObject =>
    ({
        apiVersion: K.StorageClass.apiVersion,
        kind: K.StorageClass.kind,
        metadata: { name },
        provisioner,
    }) as KubeObject;
const vsc = (name: string, isDefault = true, d = driver): KubeObject =>
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
const pvc = (phase = "Bound", spec: Record<string, any> = {}): KubeObject => ({
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name: "disk", namespace: "default", uid: "pvc-uid" },
    spec: { storageClassName: "sim-csi", resources: { requests: { storage: "1Gi" } }, ...spec },
    status: { phase, capacity: { storage: "2Gi" } },
});
const vs = (spec: Record<string, any> = {}, status?: Record<string, any>): KubeObject => ({
    apiVersion: K.VolumeSnapshot.apiVersion,
    kind: K.VolumeSnapshot.kind,
    metadata: { name: "snap", namespace: "default", uid: "vs-uid", resourceVersion: "7" },
    spec: { source: { persistentVolumeClaimName: "disk" }, ...spec },
    ...(status ? { status } : {}),
});
const content = (
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
const readyContent = () =>
    content({
        creationTime: T0 * 1e6,
        readyToUse: true,
        restoreSize: 2 ** 31,
        snapshotHandle: "h",
    });

/** One action, summarised: verb, target and the part of the write the case cares about. */
function summary(a: Action): Record<string, any> {
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

describe("sim CSI snapshotter: VolumeSnapshot reconcile", () => {
    const cases: {
        name: string;
        objects: KubeObject[];
        sinceStep?: number;
        want: Record<string, any>[];
        requeue?: boolean;
    }[] = [
        {
            name: "A snapshot of a bound claim creates its content with the default class of the claim's driver",
            objects: [sc(), vsc("sim-snap"), vsc("other", false), pvc(), vs()],
            want: [
                {
                    op: "create",
                    kind: "VolumeSnapshotContent",
                    name: "snapcontent-vs-uid",
                    spec: {
                        deletionPolicy: "Delete",
                        driver,
                        source: { volumeHandle: "sim-volume-pvc-uid" },
                        volumeSnapshotClassName: "sim-snap",
                        volumeSnapshotRef: {
                            apiVersion: "snapshot.storage.k8s.io/v1",
                            kind: "VolumeSnapshot",
                            name: "snap",
                            namespace: "default",
                            uid: "vs-uid",
                        },
                    },
                },
            ],
        },
        {
            name: "A named class is used even when it is not the default",
            objects: [sc(), vsc("other", false), pvc(), vs({ volumeSnapshotClassName: "other" })],
            want: [
                {
                    op: "create",
                    kind: "VolumeSnapshotContent",
                    name: "snapcontent-vs-uid",
                    spec: {
                        deletionPolicy: "Delete",
                        driver,
                        source: { volumeHandle: "sim-volume-pvc-uid" },
                        volumeSnapshotClassName: "other",
                        volumeSnapshotRef: {
                            apiVersion: "snapshot.storage.k8s.io/v1",
                            kind: "VolumeSnapshot",
                            name: "snap",
                            namespace: "default",
                            uid: "vs-uid",
                        },
                    },
                },
            ],
        },
        {
            name: "The content waits for the step delay",
            objects: [sc(), vsc("sim-snap"), pvc(), vs()],
            sinceStep: 0,
            want: [],
            requeue: true,
        },
        {
            name: "A missing claim is reported in status.error",
            objects: [sc(), vsc("sim-snap"), vs()],
            want: [
                {
                    op: "patch",
                    kind: "VolumeSnapshot",
                    subresource: "status",
                    status: {
                        readyToUse: false,
                        error: {
                            message:
                                "failed to get input parameters to create snapshot snap: PersistentVolumeClaim default/disk not found",
                            time: "2025-01-01T00:00:00Z",
                        },
                    },
                },
            ],
        },
        {
            name: "An unbound claim is reported and not snapshotted",
            objects: [sc(), vsc("sim-snap"), pvc("Pending"), vs()],
            want: [
                {
                    op: "patch",
                    kind: "VolumeSnapshot",
                    subresource: "status",
                    status: {
                        readyToUse: false,
                        error: {
                            message:
                                "the PVC disk is not yet bound to a PV, will not attempt to take a snapshot",
                            time: "2025-01-01T00:00:00Z",
                        },
                    },
                },
            ],
        },
        {
            name: "Without a default class for the driver the snapshot reports it",
            objects: [sc(), vsc("other", false), pvc(), vs()],
            want: [
                {
                    op: "patch",
                    kind: "VolumeSnapshot",
                    subresource: "status",
                    status: {
                        readyToUse: false,
                        error: {
                            message: `cannot find default snapshot class for driver ${driver}`,
                            time: "2025-01-01T00:00:00Z",
                        },
                    },
                },
            ],
        },
        {
            name: "A missing named class is reported",
            objects: [sc(), pvc(), vs({ volumeSnapshotClassName: "gone" })],
            want: [
                {
                    op: "patch",
                    kind: "VolumeSnapshot",
                    subresource: "status",
                    status: {
                        readyToUse: false,
                        error: {
                            message:
                                'failed to get snapshot class with error volumesnapshotclass.snapshot.storage.k8s.io "gone" not found',
                            time: "2025-01-01T00:00:00Z",
                        },
                    },
                },
            ],
        },
        {
            name: "The same error is not written twice",
            objects: [
                sc(),
                vsc("sim-snap"),
                pvc("Pending"),
                vs(
                    {},
                    {
                        readyToUse: false,
                        error: {
                            message:
                                "the PVC disk is not yet bound to a PV, will not attempt to take a snapshot",
                        },
                    },
                ),
            ],
            want: [],
        },
        {
            name: "The driver cuts the snapshot: content ready with the claim's capacity in bytes and Unix-nanosecond time",
            objects: [pvc(), vs(), content()],
            want: [
                {
                    op: "patch",
                    kind: "VolumeSnapshotContent",
                    subresource: "status",
                    status: {
                        creationTime: T0 * 1e6,
                        readyToUse: true,
                        restoreSize: 2 ** 31,
                        snapshotHandle: "sim-snapshot-c-uid",
                    },
                },
            ],
        },
        {
            name: "A ready content binds the snapshot, ready to use, and clears an old error",
            objects: [
                pvc(),
                vs({}, { readyToUse: false, error: { message: "x" } }),
                readyContent(),
            ],
            want: [
                {
                    op: "patch",
                    kind: "VolumeSnapshot",
                    subresource: "status",
                    status: {
                        boundVolumeSnapshotContentName: "snapcontent-vs-uid",
                        creationTime: "2025-01-01T00:00:00Z",
                        readyToUse: true,
                        restoreSize: "2147483648",
                        error: null,
                    },
                },
            ],
        },
        {
            name: "A bound, ready snapshot needs nothing",
            objects: [
                pvc(),
                vs(
                    {},
                    {
                        boundVolumeSnapshotContentName: "snapcontent-vs-uid",
                        creationTime: "2025-01-01T00:00:00Z",
                        readyToUse: true,
                        restoreSize: "2147483648",
                    },
                ),
                readyContent(),
            ],
            want: [],
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            const res = reconcileVolumeSnapshot(
                "default/snap",
                new MemoryStore(c.objects),
                ctx(c.sinceStep === undefined ? {} : { sinceStep: c.sinceStep }),
            );
            assert.deepEqual(res.actions.map(summary), c.want);
            assert.equal(res.requeueAfter !== undefined, c.requeue ?? false);
        });
    }
});

describe("sim CSI snapshotter: content cleanup and restored claims", () => {
    const cleanup: { name: string; objects: KubeObject[]; deleted: boolean }[] = [
        {
            name: "A content whose snapshot is gone is deleted (policy Delete)",
            objects: [content()],
            deleted: true,
        },
        {
            name: "A content whose snapshot was re-created (other uid) is deleted",
            objects: [content(), { ...vs(), metadata: { ...vs().metadata, uid: "new" } }],
            deleted: true,
        },
        {
            name: "A content whose snapshot exists stays",
            objects: [content(), vs()],
            deleted: false,
        },
        {
            name: "A Retain content outlives its snapshot",
            objects: [content(undefined, undefined, "Retain")],
            deleted: false,
        },
    ];
    for (const c of cleanup) {
        it(c.name, () => {
            const res = reconcileContent("snapcontent-vs-uid", new MemoryStore(c.objects), ctx());
            assert.deepEqual(
                res.actions.map(summary),
                c.deleted
                    ? [{ op: "delete", kind: "VolumeSnapshotContent", name: "snapcontent-vs-uid" }]
                    : [],
            );
        });
    }

    const fromSnap = {
        dataSource: { apiGroup: "snapshot.storage.k8s.io", kind: "VolumeSnapshot", name: "snap" },
        dataSourceRef: {
            apiGroup: "snapshot.storage.k8s.io",
            kind: "VolumeSnapshot",
            name: "snap",
        },
    };
    const restoring: { name: string; objects: KubeObject[]; bound: boolean }[] = [
        {
            name: "A claim restored from a missing snapshot stays Pending",
            objects: [pvc("Pending", fromSnap)],
            bound: false,
        },
        {
            name: "A claim restored from a snapshot not ready yet stays Pending",
            objects: [pvc("Pending", fromSnap), vs({}, { readyToUse: false })],
            bound: false,
        },
        {
            name: "A claim restored from a ready snapshot is bound",
            objects: [pvc("Pending", fromSnap), vs({}, { readyToUse: true })],
            bound: true,
        },
        {
            name: "A claim from another claim (not a snapshot) is bound as before",
            objects: [pvc("Pending", { dataSource: { kind: "PersistentVolumeClaim", name: "x" } })],
            bound: true,
        },
    ];
    for (const c of restoring) {
        it(c.name, () => {
            const res = reconcilePvc("default/disk", new MemoryStore(c.objects), ctx());
            assert.equal(
                res.actions.some(
                    (a) => a.op === "patch" && (a.patch as any).status?.phase === "Bound",
                ),
                c.bound,
            );
        });
    }
});
