/**
 * The DataVolume's apply, replacing the generic one: CDI rejects any change of the spec it was
 * created with (docs/semantics.md#datavolume-spec-is-immutable), so an update sends the live spec back, grows the PVC for a size
 * growth, re-creates a DV collected by CDI over its claim, and tells a stale Failed phase from a
 * failure that stays.
 */
import type { KubeObject } from "../../k8s/client";
import type { OpContext, Props } from "../../kindProvider";
import { awaitObject, warningEvents } from "../../await/awaiter";
import { remainingMs, type Budget } from "../../await/timeouts";
import { AwaitFailedError, AwaitTimeoutError } from "../../errors";
import { compareQuantities } from "../../diff/quantity";
import { refOf, subjectOf } from "../generic/objects";
import { allowClaimAdoption, dataVolumeKind, specToApply, staleFailureGraceMs } from "./definition";
import { claimApiOf, requestedSize } from "./policy";
import { failureReason, leftFailed, type DataVolumeStatus } from "./readiness";
import { expandClaim } from "./claim";

/** The operation an apply is part of; an update's waits draw from its one budget. */
export type ApplyOp = { op: "create" } | { op: "update"; budget: Budget };

/** Create: a plain apply. Update: see the file comment. */
export async function applyDataVolume(
    ctx: OpContext,
    inputs: Props,
    obj: KubeObject,
    how: ApplyOp,
): Promise<KubeObject> {
    if (how.op === "create") return ctx.client.apply(obj, { force: true });
    const live = await ctx.client.get(refOf(dataVolumeKind, inputs));
    if (!live) {
        // Collected by CDI GC while its claim stayed (docs/semantics.md#datavolume-garbage-collection): re-create it adopting that claim.
        ctx.say("DataVolume was garbage-collected by CDI; re-creating it over its existing PVC");
        const annotations = { ...(obj.metadata.annotations ?? {}), [allowClaimAdoption]: "true" };
        return ctx.client.apply(
            { ...obj, metadata: { ...obj.metadata, annotations } },
            { force: true },
        );
    }
    const applied = await ctx.client.apply(
        { ...obj, spec: specToApply((obj.spec ?? {}) as Props, (live.spec ?? {}) as Props) },
        { force: true },
    );
    if ((live.status as DataVolumeStatus | undefined)?.phase === "Failed")
        await awaitRetry(ctx, inputs, live, how.budget);
    const want = requestedSize(obj);
    if (want !== undefined && compareQuantities(want, requestedSize(live)) === 1) {
        const field = `spec.${claimApiOf(obj.spec as Props)}.resources.requests.storage`;
        await expandClaim(ctx, subjectOf(dataVolumeKind, inputs), field, live, want, how.budget);
    }
    return applied;
}

/**
 * A DV already Failed before this update still shows Failed until CDI reacts, so the generic
 * readiness would report that stale failure at once. Wait briefly for a retry; a DV that stays
 * Failed fails the update with the importer's reason, as a fresh failure would.
 */
async function awaitRetry(
    ctx: OpContext,
    inputs: Props,
    live: KubeObject,
    budget: Budget,
): Promise<void> {
    const ref = refOf(dataVolumeKind, inputs);
    const subject = subjectOf(dataVolumeKind, inputs);
    const grace = remainingMs(budget, staleFailureGraceMs);
    try {
        await awaitObject(ctx.client, ref, leftFailed, {
            budget,
            timeoutMs: staleFailureGraceMs,
            what: `${subject} to retry`,
            onProgress: ctx.say,
        });
    } catch (err) {
        if (!(err instanceof AwaitTimeoutError)) throw err;
        const last = err.object ?? live;
        const events = await warningEvents(ctx.client, ref).catch(() => []);
        const reason = failureReason((last.status ?? {}) as DataVolumeStatus);
        throw new AwaitFailedError(
            `${subject} failed: phase Failed: ${reason} (it stays Failed; CDI did not retry within ${grace / 1000}s)`,
            last,
            events,
        );
    }
}
