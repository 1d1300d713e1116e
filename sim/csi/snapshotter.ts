/**
 * Stand-in for the CSI snapshot stack (external-snapshotter's common snapshot-controller plus a
 * driver's csi-snapshotter sidecar), which KubeVirt's real snapshot controller relies on: it
 * creates VolumeSnapshots and waits for `status.readyToUse`.
 *
 * Dynamic provisioning only, one step apart: resolve the class (named, else the default class of
 * the driver that provisions the claim's StorageClass) → create VolumeSnapshotContent
 * `snapcontent-<vs uid>` → the "driver" cuts the snapshot (content status) → the VolumeSnapshot is
 * bound and ready. Errors are reported in `status.error` as the snapshot-controller does, and the
 * snapshot waits. No finalizers: deleting a VolumeSnapshot is immediate, and `contentCleaner`
 * deletes a content whose snapshot is gone when its deletionPolicy is Delete.
 *
 * x-refs: kubernetes-csi/external-snapshotter pkg/common-controller/snapshot_controller.go,
 * pkg/sidecar-controller/snapshot_controller.go.
 */
import type { KubeObject } from "../../provider/k8s/client";
import { deleteAction, noop, statusUpdate, type Result } from "../actions";
import { delayFor } from "../config";
import { waitStep, type ControllerDef, type Ctx } from "../controller";
import {
    Pvc,
    StorageClass,
    VolumeSnapshot,
    VolumeSnapshotClass,
    VolumeSnapshotContent,
    keyOf,
} from "../kinds";
import type { Store } from "../store";
import { parseQuantity } from "../util/quantity";
import { k8sTime } from "../util/time";

/* eslint-disable @typescript-eslint/no-explicit-any */
const defaultClassAnnotation = "snapshot.storage.kubernetes.io/is-default-class";
const spec = (o: KubeObject | undefined): Record<string, any> =>
    (o?.spec ?? {}) as Record<string, any>;
const status = (o: KubeObject | undefined): Record<string, any> =>
    (o?.status ?? {}) as Record<string, any>;

/** The content a snapshot is (or will be) bound to: pre-provisioned, bound, or the dynamic name. */
export function contentNameOf(vs: KubeObject): string {
    return (
        spec(vs).source?.volumeSnapshotContentName ??
        status(vs).boundVolumeSnapshotContentName ??
        `snapcontent-${vs.metadata.uid}`
    );
}

export const snapshotController: ControllerDef = {
    name: "csi/snapshotter",
    primary: VolumeSnapshot,
    watches: [
        {
            gvk: VolumeSnapshotContent,
            map: (o) => {
                const r = spec(o).volumeSnapshotRef;
                return r?.name ? [`${r.namespace}/${r.name}`] : [];
            },
        },
        {
            gvk: Pvc,
            map: (o, store) =>
                store
                    .list(VolumeSnapshot, o.metadata.namespace)
                    .filter((v) => spec(v).source?.persistentVolumeClaimName === o.metadata.name)
                    .map(keyOf),
        },
        // A class or StorageClass created after the snapshot unblocks it.
        {
            gvk: VolumeSnapshotClass,
            map: (_o, store) =>
                store
                    .list(VolumeSnapshot)
                    .filter((v) => !status(v).readyToUse)
                    .map(keyOf),
        },
        {
            gvk: StorageClass,
            map: (_o, store) =>
                store
                    .list(VolumeSnapshot)
                    .filter((v) => !status(v).readyToUse)
                    .map(keyOf),
        },
    ],
    reconcile: reconcileVolumeSnapshot,
};

export function reconcileVolumeSnapshot(key: string, store: Store, ctx: Ctx): Result {
    const vs = store.get(VolumeSnapshot, key);
    if (!vs || vs.metadata.deletionTimestamp) return noop();
    const content = store.get(VolumeSnapshotContent, contentNameOf(vs));
    if (!content)
        return spec(vs).source?.volumeSnapshotContentName
            ? failure(vs, ctx, `VolumeSnapshotContent ${contentNameOf(vs)} not found`)
            : provision(vs, store, ctx);
    if (!status(content).readyToUse) return cutSnapshot(content, vs, store, ctx);
    return {
        actions: statusUpdate(
            vs,
            boundStatus(content),
            "bind to its content, ready to use",
            "status",
        ),
    };
}

/** The snapshot-controller's step: validate the source and class, then create the content. */
function provision(vs: KubeObject, store: Store, ctx: Ctx): Result {
    const ns = vs.metadata.namespace ?? "";
    const claim = spec(vs).source?.persistentVolumeClaimName as string | undefined;
    const pvc = claim ? store.get(Pvc, `${ns}/${claim}`) : undefined;
    if (!pvc)
        return failure(
            vs,
            ctx,
            `failed to get input parameters to create snapshot ${vs.metadata.name}: PersistentVolumeClaim ${ns}/${claim ?? ""} not found`,
        );
    if (status(pvc).phase !== "Bound")
        return failure(
            vs,
            ctx,
            `the PVC ${claim} is not yet bound to a PV, will not attempt to take a snapshot`,
        );
    const cls = resolveClass(vs, pvc, store);
    if (typeof cls === "string") return failure(vs, ctx, cls);
    const wait = waitStep(ctx, delayFor(ctx.config, "pvc"));
    if (wait !== undefined) return noop(wait);
    return {
        actions: [
            {
                op: "create",
                obj: contentFor(vs, pvc, cls),
                why: `dynamic snapshot of claim ${claim} with class ${cls.metadata.name}`,
            },
        ],
        stepped: true,
    };
}

/** The named class, else the one default class whose driver provisions the claim; a string says why not. */
export function resolveClass(vs: KubeObject, pvc: KubeObject, store: Store): KubeObject | string {
    const named = spec(vs).volumeSnapshotClassName as string | undefined;
    if (named)
        return (
            store.get(VolumeSnapshotClass, named) ??
            `failed to get snapshot class with error volumesnapshotclass.snapshot.storage.k8s.io "${named}" not found`
        );
    const scName = spec(pvc).storageClassName as string | undefined;
    const sc = scName ? store.get(StorageClass, scName) : undefined;
    if (!sc)
        return `cannot find a default snapshot class: the claim's StorageClass ${scName ?? "(none)"} does not exist`;
    const driver = (sc as any).provisioner as string | undefined;
    const defaults = store
        .list(VolumeSnapshotClass)
        .filter(
            (c) =>
                (c as any).driver === driver &&
                c.metadata.annotations?.[defaultClassAnnotation] === "true",
        );
    if (defaults.length === 1) return defaults[0]!;
    return defaults.length
        ? `${defaults.length} default snapshot classes were found for driver ${driver}`
        : `cannot find default snapshot class for driver ${driver}`;
}

function contentFor(vs: KubeObject, pvc: KubeObject, cls: KubeObject): KubeObject {
    return {
        apiVersion: VolumeSnapshotContent.apiVersion,
        kind: VolumeSnapshotContent.kind,
        metadata: { name: contentNameOf(vs) },
        spec: {
            deletionPolicy: (cls as any).deletionPolicy ?? "Delete",
            driver: (cls as any).driver,
            // There are no PersistentVolumes on the bed; the claim's uid stands in for the volume handle.
            source: { volumeHandle: `sim-volume-${pvc.metadata.uid}` },
            volumeSnapshotClassName: cls.metadata.name,
            volumeSnapshotRef: {
                apiVersion: VolumeSnapshot.apiVersion,
                kind: VolumeSnapshot.kind,
                name: vs.metadata.name,
                namespace: vs.metadata.namespace,
                uid: vs.metadata.uid,
            },
            ...(spec(pvc).volumeMode ? { sourceVolumeMode: spec(pvc).volumeMode } : {}),
        },
    };
}

/** The driver's step: the snapshot is cut and usable at once (no upload phase). */
function cutSnapshot(content: KubeObject, vs: KubeObject, store: Store, ctx: Ctx): Result {
    const wait = waitStep(ctx, delayFor(ctx.config, "pvc"));
    if (wait !== undefined) return noop(wait);
    const pvc = store.get(
        Pvc,
        `${vs.metadata.namespace}/${spec(vs).source?.persistentVolumeClaimName}`,
    );
    const size =
        parseQuantity(status(pvc).capacity?.storage ?? spec(pvc).resources?.requests?.storage) ?? 0;
    // Content times are Unix nanoseconds (int64), unlike the VolumeSnapshot's RFC 3339 time.
    const st = {
        creationTime: ctx.now * 1e6,
        readyToUse: true,
        restoreSize: size,
        snapshotHandle: `sim-snapshot-${content.metadata.uid}`,
    };
    return {
        actions: statusUpdate(content, st, "driver cut the snapshot", "status"),
        stepped: true,
    };
}

function boundStatus(content: KubeObject): Record<string, unknown> {
    const st = status(content);
    return {
        boundVolumeSnapshotContentName: content.metadata.name,
        creationTime: k8sTime(Math.floor(Number(st.creationTime ?? 0) / 1e6)),
        readyToUse: true,
        restoreSize: String(st.restoreSize ?? 0),
    };
}

function failure(vs: KubeObject, ctx: Ctx, message: string): Result {
    if (status(vs).error?.message === message) return noop();
    const st = { readyToUse: false, error: { message, time: k8sTime(ctx.now) } };
    return { actions: statusUpdate(vs, st, message, "status") };
}

export const contentCleaner: ControllerDef = {
    name: "csi/snapshot-content-cleaner",
    primary: VolumeSnapshotContent,
    watches: [{ gvk: VolumeSnapshot, map: (o) => [contentNameOf(o)] }],
    reconcile: reconcileContent,
};

/** Deletes a dynamically bound content once its snapshot is gone, when the policy says Delete. */
export function reconcileContent(key: string, store: Store, _ctx: Ctx): Result {
    const content = store.get(VolumeSnapshotContent, key);
    if (!content || content.metadata.deletionTimestamp || spec(content).deletionPolicy !== "Delete")
        return noop();
    const ref = spec(content).volumeSnapshotRef ?? {};
    const vs = store.get(VolumeSnapshot, `${ref.namespace}/${ref.name}`);
    if (vs && (!ref.uid || vs.metadata.uid === ref.uid)) return noop();
    return {
        actions: [
            deleteAction(
                content,
                `VolumeSnapshot ${ref.namespace}/${ref.name} is gone (deletionPolicy Delete)`,
            ),
        ],
    };
}
