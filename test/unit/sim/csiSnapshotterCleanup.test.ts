import assert from "node:assert/strict";
import type { KubeObject } from "../../../provider/k8s/client";
import { reconcilePvc } from "../../../sim/core/pvcBinder";
import { reconcileContent } from "../../../sim/csi/snapshotter";
import { MemoryStore } from "../../../sim/store";
import { ctx } from "./helpers";
import { pvc, vs, content, summary } from "./csiFixtures";

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
