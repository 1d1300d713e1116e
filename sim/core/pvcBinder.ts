/**
 * Stand-in for a storage provisioner: claims not managed by a DataVolume are bound after one
 * step, or — with storage class "wffc" — once a VMI uses them (WaitForFirstConsumer).
 */
import { noop, type Result } from "../actions";
import { bindPvc, isWffc, pvcPhase } from "../cdi/pvc";
import { delayFor } from "../config";
import { waitStep, type ControllerDef, type Ctx } from "../controller";
import { Pvc, Vmi } from "../kinds";
import { claimNameOf, isFinal, type VirtualMachineInstance } from "../kubevirt/types";
import type { Store } from "../store";

export const pvcBinder: ControllerDef = {
    name: "storage/provisioner",
    primary: Pvc,
    watches: [{ gvk: Vmi, map: (o) => ((o as VirtualMachineInstance).spec?.volumes ?? []).flatMap((v) => (claimNameOf(v) ? [`${o.metadata.namespace}/${claimNameOf(v)}`] : [])) }],
    reconcile: reconcilePvc,
};

export function reconcilePvc(key: string, store: Store, ctx: Ctx): Result {
    const pvc = store.get(Pvc, key);
    if (!pvc || pvc.metadata.deletionTimestamp || pvcPhase(pvc) === "Bound") return noop();
    if (pvc.metadata.ownerReferences?.some((r) => r.kind === "DataVolume")) return noop();
    if (isWffc(pvc, pvc.spec)) {
        const used = store.list<VirtualMachineInstance>(Vmi, pvc.metadata.namespace).some((v) => !isFinal(v) && (v.spec.volumes ?? []).some((x) => claimNameOf(x) === pvc.metadata.name));
        if (!used) return noop();
    }
    const wait = waitStep(ctx, delayFor(ctx.config, "pvc"));
    if (wait !== undefined) return noop(wait);
    return { actions: bindPvc(pvc, "bind claim (simulated provisioner)"), stepped: true };
}
