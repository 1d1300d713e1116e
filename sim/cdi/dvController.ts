/**
 * The simulated CDI DataVolume controller: creates and binds the DV's PVC, walks the phase
 * machine of `dvPhases.ts` one paced step at a time, adopts existing claims, resolves clone
 * sources, honours WaitForFirstConsumer and the import-failure knob (with a Warning Event).
 */
import type { KubeObject } from "../../provider/k8s/client";
import { guardedPatch, noop, statusUpdate, type Action, type Result } from "../actions";
import { delayFor } from "../config";
import { waitStep, type ControllerDef, type Ctx } from "../controller";
import { buildEvent } from "../core/events";
import { DataSource, Dv, Pvc, Vmi, controllerRef, keyOf } from "../kinds";
import type { Store } from "../store";
import { isConditionTrue, type Condition } from "../util/conditions";
import type { Json } from "../util/json";
import { claimNameOf, isFinal, type VirtualMachineInstance } from "../kubevirt/types";
import { nextDvState, type DvEnv } from "./dvPhases";
import { bindPvc, buildPvc, claimSpecOf, isWffc } from "./pvc";

export const failImportAnnotation = "sim.pulumi-kubevirt.io/fail-import";

export const dvController: ControllerDef = {
    name: "cdi/datavolume",
    primary: Dv,
    watches: [
        { gvk: Pvc, map: (o, s) => [keyOf(o), ...dvsCloningFrom(s, o)] },
        {
            gvk: Vmi,
            map: (o) =>
                ((o as VirtualMachineInstance).spec?.volumes ?? []).flatMap((v) =>
                    claimNameOf(v) ? [`${o.metadata.namespace}/${claimNameOf(v)}`] : [],
                ),
        },
        {
            gvk: DataSource,
            map: (o, s) =>
                s
                    .list(Dv)
                    .filter((d) => (d.spec as Json)?.sourceRef?.name === o.metadata.name)
                    .map(keyOf),
        },
    ],
    reconcile: reconcileDv,
};

function dvsCloningFrom(store: Store, pvc: KubeObject): string[] {
    return store
        .list(Dv)
        .filter((d) => (d.spec as Json)?.source?.pvc?.name === pvc.metadata.name)
        .map(keyOf);
}

export function reconcileDv(key: string, store: Store, ctx: Ctx): Result {
    const dv = store.get(Dv, key);
    if (!dv || dv.metadata.deletionTimestamp) return noop();
    const pvc = store.get(Pvc, key);
    const step = nextDvState(dv, dvEnv(dv, pvc, store, ctx));
    if (step.paced) {
        const wait = waitStep(ctx, delayFor(ctx.config, "import"));
        if (wait !== undefined) return noop(wait);
    }
    const actions: Action[] = [];
    if (step.pvc === "create")
        actions.push({
            op: "create",
            obj: buildPvc(dv),
            why: `claim for DataVolume ${dv.metadata.name}`,
        });
    if (step.pvc === "bind" && pvc)
        actions.push(...bindPvc(pvc, "bind claim (simulated provisioner)"));
    if (step.pvc === "adopt" && pvc) actions.push(adopt(pvc, dv));
    actions.push(
        ...statusUpdate(
            dv,
            step.status,
            `phase ${step.status.phase}${step.status.progress && step.status.progress !== "N/A" ? ` ${step.status.progress}` : ""}`,
            "status",
        ),
    );
    if (step.event)
        actions.push({
            op: "create",
            obj: buildEvent(dv, step.event, "datavolume-controller", ctx.now),
            why: `event ${step.event.reason}`,
        });
    return { actions, stepped: step.paced };
}

function dvEnv(dv: KubeObject, pvc: KubeObject | undefined, store: Store, ctx: Ctx): DvEnv {
    const ann = dv.metadata.annotations ?? {};
    const ns = dv.metadata.namespace;
    const consumer = store
        .list<VirtualMachineInstance>(Vmi, ns)
        .some(
            (v) =>
                !isFinal(v) &&
                (v.spec.volumes ?? []).some((x) => claimNameOf(x) === dv.metadata.name),
        );
    const problem = sourceProblem(dv, store);
    return {
        ...(pvc ? { pvc } : {}),
        ownsPvc: !!pvc?.metadata.ownerReferences?.some((r) => r.uid === dv.metadata.uid),
        adoptionAllowed: ann["cdi.kubevirt.io/allowClaimAdoption"] === "true",
        wffc: isWffc(dv, claimSpecOf(dv)),
        consumerExists: consumer,
        ...(problem ? { sourceProblem: problem } : {}),
        ...(ann[failImportAnnotation] !== undefined
            ? { failMessage: ann[failImportAnnotation] }
            : {}),
        steps: Math.max(1, ctx.config.transferSteps),
        now: ctx.now,
    };
}

/** Why a clone cannot start yet: missing DataSource, DataSource not ready, missing source PVC. */
function sourceProblem(
    dv: KubeObject,
    store: Store,
): { reason: string; message: string } | undefined {
    const spec = (dv.spec ?? {}) as Json;
    const ns = dv.metadata.namespace;
    if (spec.sourceRef) {
        const dsNs = spec.sourceRef.namespace || ns;
        const ds = store.get(DataSource, `${dsNs}/${spec.sourceRef.name}`);
        if (!ds)
            return {
                reason: "NotFound",
                message: `DataSource ${dsNs}/${spec.sourceRef.name} not found`,
            };
        const conds = (ds.status as { conditions?: Condition[] } | undefined)?.conditions;
        if (!isConditionTrue(conds, "Ready"))
            return {
                reason: "DataSourceNotReady",
                message: `DataSource ${dsNs}/${spec.sourceRef.name} is not ready`,
            };
        return undefined;
    }
    const src = spec.source?.pvc;
    if (src && !store.get(Pvc, `${src.namespace || ns}/${src.name}`)) {
        return {
            reason: "CloneWithoutSource",
            message: `source PVC ${src.namespace || ns}/${src.name} not found`,
        };
    }
    return undefined;
}

function adopt(pvc: KubeObject, dv: KubeObject): Action {
    const refs = pvc.metadata.ownerReferences ?? [];
    const ref = { ...controllerRef(dv), controller: !refs.some((r) => r.controller) };
    return guardedPatch(
        pvc,
        { metadata: { ownerReferences: [...refs, ref] } },
        `adopt existing claim for DataVolume ${dv.metadata.name}`,
    );
}
