/**
 * CDI DataVolume (cdi.kubevirt.io/v1beta1) for the generic provider: the policy table of
 * policy.ts, readiness of readiness.ts, and an apply that respects CDI's immutable spec.
 */
import type { KubeObject } from "../../k8s/client";
import type { OpContext, Props } from "../../kind";
import { awaitObject, warningEvents } from "../../await/awaiter";
import { AwaitFailedError, AwaitTimeoutError } from "../../errors";
import type { KindDef } from "../generic/kindDef";
import { refOf, subjectOf } from "../generic/objects";
import { claimApiOf, dataVolumePolicy, requestedSize } from "./policy";
import { dataVolumeReady, failureReason, leftFailed, type DataVolumeStatus } from "./readiness";
import { claimRefOf, expandClaim, isDataVolumeClaim } from "./claim";
import { compareQuantities } from "../../diff/quantity";

/** Per-DV opt-out of CDI's garbage collection of completed DataVolumes (§4.3). */
export const deleteAfterCompletion = "cdi.kubevirt.io/storage.deleteAfterCompletion";
/** Lets CDI take over an existing claim of the same name (§4.1), used to re-create a collected DV. */
export const allowClaimAdoption = "cdi.kubevirt.io/allowClaimAdoption";

/** Annotations CDI and KubeVirt write on DataVolumes (§4.2, §8.2), plus our own decoration. */
export const cdiAnnotations = [
    "cdi.kubevirt.io/storage.usePopulator",
    "cdi.kubevirt.io/cloneType",
    "cdi.kubevirt.io/storage.clone.token",
    "cdi.kubevirt.io/storage.extended.clone.token",
    "cdi.kubevirt.io/storage.prePopulated",
    allowClaimAdoption,
    deleteAfterCompletion,
];

/** How long a DV that was Failed before a metadata update gets to start a retry (see applyDataVolume). */
export const staleFailureGraceMs = 60_000;

/** §4.3: keep completed DVs, so state and cluster agree on every CDI version. */
export function keepAfterCompletion(obj: KubeObject): KubeObject {
    const annotations = { [deleteAfterCompletion]: "false", ...(obj.metadata.annotations ?? {}) };
    return { ...obj, metadata: { ...obj.metadata, annotations } };
}

/**
 * The spec to send on update: the live one, because CDI rejects any other (§4.1), except the
 * multi-stage checkpoints it accepts. Size growth goes to the PVC instead.
 */
export function specToApply(declaredSpec: Props, liveSpec: Props): Props {
    const spec: Props = { ...liveSpec };
    for (const k of ["checkpoints", "finalCheckpoint"]) {
        if (declaredSpec[k] === undefined) delete spec[k];
        else spec[k] = declaredSpec[k];
    }
    return spec;
}

/** Status summary exposed as the `status` output. */
export function dataVolumeOutputs(live: KubeObject | undefined): Props {
    const s = (live?.status ?? {}) as DataVolumeStatus;
    return { status: { phase: s.phase ?? "", progress: s.progress ?? "", claimName: s.claimName ?? live?.metadata.name ?? "", restartCount: s.restartCount ?? 0 } };
}

const updateTimeoutMs = (inputs: Props) => 1000 * Number(inputs.timeouts?.update ?? 600);

async function applyDataVolume(ctx: OpContext, inputs: Props, obj: KubeObject, op: "create" | "update"): Promise<KubeObject> {
    if (op === "create") return ctx.client.apply(obj, { force: true });
    const live = await ctx.client.get(refOf(dataVolumeKind, inputs));
    if (!live) {
        // Collected by CDI GC while its claim stayed (§4.3): re-create it adopting that claim.
        ctx.say("DataVolume was garbage-collected by CDI; re-creating it over its existing PVC");
        const annotations = { ...(obj.metadata.annotations ?? {}), [allowClaimAdoption]: "true" };
        return ctx.client.apply({ ...obj, metadata: { ...obj.metadata, annotations } }, { force: true });
    }
    const applied = await ctx.client.apply({ ...obj, spec: specToApply((obj.spec ?? {}) as Props, (live.spec ?? {}) as Props) }, { force: true });
    if ((live.status as DataVolumeStatus | undefined)?.phase === "Failed") await awaitRetry(ctx, inputs, live);
    const want = requestedSize(obj);
    if (want !== undefined && compareQuantities(want, requestedSize(live)) === 1) {
        const field = `spec.${claimApiOf(obj.spec as Props)}.resources.requests.storage`;
        await expandClaim(ctx, subjectOf(dataVolumeKind, inputs), field, live, want, updateTimeoutMs(inputs));
    }
    return applied;
}

/**
 * A DV already Failed before this update still shows Failed until CDI reacts, so the generic
 * readiness would report that stale failure at once. Wait briefly for a retry; a DV that stays
 * Failed fails the update with the importer's reason, as a fresh failure would.
 */
async function awaitRetry(ctx: OpContext, inputs: Props, live: KubeObject): Promise<void> {
    const ref = refOf(dataVolumeKind, inputs);
    const subject = subjectOf(dataVolumeKind, inputs);
    const grace = Math.min(staleFailureGraceMs, updateTimeoutMs(inputs));
    try {
        await awaitObject(ctx.client, ref, leftFailed, { timeoutMs: grace, what: `${subject} to retry`, onProgress: ctx.say });
    } catch (err) {
        if (!(err instanceof AwaitTimeoutError)) throw err;
        const last = err.object ?? live;
        const events = await warningEvents(ctx.client, ref).catch(() => []);
        const reason = failureReason((last.status ?? {}) as DataVolumeStatus);
        throw new AwaitFailedError(`${subject} failed: phase Failed: ${reason} (it stays Failed; CDI did not retry within ${grace / 1000}s)`, last, events);
    }
}

export const dataVolumeKind: KindDef = {
    kind: "DataVolume",
    apiVersion: "cdi.kubevirt.io/v1beta1",
    namespaced: true,
    bodyKeys: ["spec"],
    policy: dataVolumePolicy,
    ignoredAnnotations: cdiAnnotations,
    readiness: dataVolumeReady,
    // Imports of large images take long; the user can still set timeouts.create.
    timeoutSeconds: 1800,
    outputs: dataVolumeOutputs,
    decorate: keepAfterCompletion,
    applyObject: applyDataVolume,
    // §4.3: a DV collected by CDI while its PVC stays has succeeded, not vanished.
    stillPresent: async (ctx, props) => isDataVolumeClaim(await ctx.client.get(claimRefOf(props))),
};
