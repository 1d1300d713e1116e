/**
 * The waits of a NodeNetworkConfigurationPolicy, I/O around the pure conditions in readiness.ts:
 * 1. before an update or the removal apply: until nmstate would accept a spec change;
 * 2. after an apply: until the policy settles (watch on the policy), then confirm the verdict with
 *    the enactments of the current generation (a list); while stale, re-check on the policy's
 *    next change or after a backoff, whichever comes first.
 */
import type { KubeClient, ObjectRef } from "../../k8s/client";
import type { OpContext } from "../../kindProvider";
import { awaitObject } from "../../await/awaiter";
import { AwaitFailedError, AwaitTimeoutError, KubeApiError } from "../../errors";
import {
    enactmentInfo,
    judgePolicy,
    policyLabel,
    untilSettled,
    untilUpdatable,
    type EnactmentInfo,
} from "./readiness";
import type { KubeObject } from "../../k8s/client";

/** Group/version and kind of the policy, for refs built here. */
export const nncpApiVersion = "nmstate.io/v1";
export const nncpKindName = "NodeNetworkConfigurationPolicy";

/** The ref of the (cluster-scoped) policy `name`. */
export function policyRef(name: string): ObjectRef {
    return { apiVersion: nncpApiVersion, kind: nncpKindName, name };
}

/** The policy's enactments, or undefined when they cannot be read (CRD or RBAC missing). */
export async function listEnactments(
    client: KubeClient,
    policy: string,
): Promise<EnactmentInfo[] | undefined> {
    try {
        const items = await client.list(
            "nmstate.io/v1beta1",
            "NodeNetworkConfigurationEnactment",
            undefined,
            { labelSelector: `${policyLabel}=${policy}` },
        );
        return items.map(enactmentInfo);
    } catch {
        return undefined;
    }
}

/** Waits until nmstate accepts spec updates of the policy (not progressing), or it is gone. */
export async function awaitUpdatable(
    ctx: OpContext,
    name: string,
    timeoutMs: number,
): Promise<void> {
    await awaitObject(ctx.client, policyRef(name), untilUpdatable, {
        timeoutMs,
        what: `${nncpKindName} ${name} to finish its rollout before it is changed`,
        onProgress: ctx.say,
    });
}

/** True for nmstate's admission error on updates during a rollout. */
export function isStillInProgress(err: unknown): boolean {
    return err instanceof KubeApiError && /still in progress/i.test(err.message);
}

/**
 * Runs `apply`; when nmstate refuses it because a rollout started in between, waits for that
 * rollout to finish and tries again, until the deadline.
 */
export async function applyWhenSettled<T>(
    ctx: OpContext,
    name: string,
    timeoutMs: number,
    apply: () => Promise<T>,
): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        try {
            return await apply();
        } catch (err) {
            if (!isStillInProgress(err) || Date.now() > deadline) throw err;
            ctx.say(
                "nmstate refused the change while a rollout is in progress; waiting and retrying",
            );
            await awaitUpdatable(ctx, name, Math.max(1000, deadline - Date.now()));
        }
    }
}

/**
 * Waits until the policy is Available (or Ignored) for its current generation. Throws
 * AwaitFailedError with per-node reasons when it is Degraded, AwaitTimeoutError at the deadline.
 */
export async function awaitPolicy(
    ctx: OpContext,
    name: string,
    timeoutMs: number,
    what: string,
): Promise<{ policy: KubeObject; message: string }> {
    const deadline = Date.now() + timeoutMs;
    let delay = 250;
    let lastSaid = "";
    for (;;) {
        const policy = (await awaitObject(ctx.client, policyRef(name), untilSettled, {
            timeoutMs: Math.max(1000, deadline - Date.now()),
            what,
            onProgress: ctx.say,
        })) as KubeObject;
        const verdict = judgePolicy(policy, await listEnactments(ctx.client, name));
        if (verdict.message !== lastSaid) ctx.say((lastSaid = verdict.message));
        if (verdict.ok) return { policy, message: verdict.message };
        if (verdict.failed)
            throw new AwaitFailedError(`${what} failed: ${verdict.message}`, policy);
        if (Date.now() > deadline) {
            throw new AwaitTimeoutError(
                `timed out after ${Math.round(timeoutMs / 1000)}s waiting for ${what}; last state: ${verdict.message}`,
                policy,
            );
        }
        await untilChanged(
            ctx.client,
            name,
            policy.metadata.resourceVersion,
            Math.min(delay, deadline - Date.now()),
        );
        delay = Math.min(delay * 2, 2000);
    }
}

/**
 * While the policy shows a stale verdict: wait for its next change (nmstate rewrites the status as
 * enactments progress), or at most `ms` in case the enactments move without a policy write.
 */
async function untilChanged(
    client: KubeClient,
    name: string,
    rv: string | undefined,
    ms: number,
): Promise<void> {
    const changed = (o: KubeObject | undefined) => ({
        ok: o?.metadata.resourceVersion !== rv,
        message: "",
    });
    try {
        await awaitObject(client, policyRef(name), changed, {
            timeoutMs: Math.max(50, ms),
            what: `a change of ${nncpKindName} ${name}`,
        });
    } catch (err) {
        if (!(err instanceof AwaitTimeoutError)) throw err;
    }
}
