import assert from "node:assert/strict";
import type { KubeObject } from "../../../provider/k8s/client";
import { reconcileVolumeSnapshot } from "../../../sim/csi/snapshotter";
import { MemoryStore } from "../../../sim/store";
import { ctx, T0 } from "./helpers";
import { driver, sc, vsc, pvc, vs, content, readyContent, summary } from "./csiFixtures";

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
