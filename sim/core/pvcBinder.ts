/**
 * Stand-in for a storage provisioner: claims not managed by a DataVolume are bound after one
 * step, or — with storage class "wffc" — once a VMI uses them (WaitForFirstConsumer). A claim
 * restored from a VolumeSnapshot (dataSource/dataSourceRef) waits until that snapshot is
 * readyToUse, as the CSI external-provisioner does.
 */
import type { KubeObject } from "../../provider/k8s/client";
import { noop, type Result } from "../actions";
import { bindPvc, isWffc, pvcPhase } from "../cdi/pvc";
import { delayFor } from "../config";
import { waitStep, type ControllerDef, type Ctx } from "../controller";
import { keyOf, Pvc, Vmi, VolumeSnapshot } from "../kinds";
import { claimNameOf, isFinal, type VirtualMachineInstance } from "../kubevirt/types";
import type { Store } from "../store";

export const pvcBinder: ControllerDef = {
    name: "storage/provisioner",
    primary: Pvc,
    watches: [
        {
            gvk: Vmi,
            map: (o) =>
                ((o as VirtualMachineInstance).spec?.volumes ?? []).flatMap((v) =>
                    claimNameOf(v) ? [`${o.metadata.namespace}/${claimNameOf(v)}`] : [],
                ),
        },
        {
            gvk: VolumeSnapshot,
            map: (o, store) =>
                store
                    .list(Pvc, o.metadata.namespace)
                    .filter((p) => snapshotSourceOf(p) === o.metadata.name)
                    .map(keyOf),
        },
    ],
    reconcile: reconcilePvc,
};

export function reconcilePvc(key: string, store: Store, ctx: Ctx): Result {
    const pvc = store.get(Pvc, key);
    if (!pvc || pvc.metadata.deletionTimestamp || pvcPhase(pvc) === "Bound") return noop();
    if (pvc.metadata.ownerReferences?.some((r) => r.kind === "DataVolume")) return noop();
    if (isWffc(pvc, pvc.spec)) {
        const used = store
            .list<VirtualMachineInstance>(Vmi, pvc.metadata.namespace)
            .some(
                (v) =>
                    !isFinal(v) &&
                    (v.spec.volumes ?? []).some((x) => claimNameOf(x) === pvc.metadata.name),
            );
        if (!used) return noop();
    }
    const snap = snapshotSourceOf(pvc);
    if (
        snap &&
        (
            store.get(VolumeSnapshot, `${pvc.metadata.namespace}/${snap}`)?.status as
                { readyToUse?: boolean } | undefined
        )?.readyToUse !== true
    )
        return noop();
    const wait = waitStep(ctx, delayFor(ctx.config, "pvc"));
    if (wait !== undefined) return noop(wait);
    return { actions: bindPvc(pvc, "bind claim (simulated provisioner)"), stepped: true };
}

/** The VolumeSnapshot a claim is restored from, if any (dataSourceRef wins, as in Kubernetes). */
export function snapshotSourceOf(pvc: KubeObject): string | undefined {
    const spec = (pvc.spec ?? {}) as {
        dataSource?: { apiGroup?: string; kind?: string; name?: string };
        dataSourceRef?: { apiGroup?: string; kind?: string; name?: string };
    };
    const src = spec.dataSourceRef ?? spec.dataSource;
    return src?.kind === VolumeSnapshot.kind && src.apiGroup === "snapshot.storage.k8s.io"
        ? src.name
        : undefined;
}
