/**
 * What a reconcile function returns: API writes for the loop to perform, in order, plus when to
 * look again. Keeping writes as data is what makes the reconcilers unit-testable.
 */
import type { DeleteOptions, KubeObject, ObjectRef } from "../provider/k8s/client";
import { refOf } from "./kinds";
import { mergeDiff } from "./util/mergeDiff";

/**
 * `as` names the identity a write is made with when it matters to the API server: real
 * KubeVirt's admission accepts VMI status only from virt-handler on the VMI's own node
 * ("handler:<node>"). Without it the sim's own client writes.
 */
export type Action =
    | { op: "create"; obj: KubeObject; why: string; as?: string }
    | {
          op: "patch";
          ref: ObjectRef;
          patch: unknown;
          subresource?: string;
          why: string;
          as?: string;
      }
    | { op: "replace"; obj: KubeObject; why: string; as?: string }
    | {
          op: "delete";
          ref: ObjectRef;
          opts?: DeleteOptions;
          why: string;
          as?: string;
          /**
           * Delete only if none of these objects exists on the server (read live, uid compared):
           * the caches are fed by one watch per kind, so an owner can be missing from its cache
           * while its dependent is already in another's. Kubernetes' garbage collector confirms
           * an absent owner with a live read the same way before it deletes.
           */
          unlessLive?: LiveRef[];
      };

/** An object that must be absent (or another object by that name, a different uid) for a delete. */
export interface LiveRef {
    ref: ObjectRef;
    uid?: string;
}

/** The identity of the simulated virt-handler of `node`. */
export const handlerOn = (node: string): string => `handler:${node}`;

/** The same actions, made as `identity`. */
export function asIdentity(actions: Action[], identity: string): Action[] {
    return actions.map((a) => ({ ...a, as: identity }));
}

export interface Result {
    actions: Action[];
    /** Reconcile this key again after this many milliseconds. */
    requeueAfter?: number;
    /** The reconcile advanced a paced state machine; restart the key's step timer. */
    stepped?: boolean;
}

export const noop = (requeueAfter?: number): Result =>
    requeueAfter === undefined ? { actions: [] } : { actions: [], requeueAfter };

/**
 * A merge patch guarded by the object's resourceVersion: if anyone wrote in between, the API
 * server answers 409 and the loop re-reads and retries.
 */
export function guardedPatch(
    obj: KubeObject,
    patch: Record<string, unknown>,
    why: string,
    subresource?: string,
): Action {
    const meta = {
        ...((patch.metadata as Record<string, unknown>) ?? {}),
        resourceVersion: obj.metadata.resourceVersion,
    };
    return {
        op: "patch",
        ref: refOf(obj),
        patch: { ...patch, metadata: meta },
        why,
        ...(subresource ? { subresource } : {}),
    };
}

/**
 * The guarded patch that turns `obj.status` into `status`, or nothing when equal. `subresource`
 * is "status" for kinds whose CRD has a status subresource, undefined for VMI and DataSource.
 */
export function statusUpdate(
    obj: KubeObject,
    status: unknown,
    why: string,
    subresource: "status" | undefined,
): Action[] {
    const diff = mergeDiff(obj.status ?? {}, status);
    return diff === undefined ? [] : [guardedPatch(obj, { status: diff }, why, subresource)];
}

/** A guarded patch for metadata/spec changes computed as a diff of whole objects. */
export function objectUpdate(obj: KubeObject, desired: KubeObject, why: string): Action[] {
    const diff = mergeDiff(
        { metadata: obj.metadata, spec: obj.spec },
        { metadata: desired.metadata, spec: desired.spec },
    );
    return diff === undefined ? [] : [guardedPatch(obj, diff as Record<string, unknown>, why)];
}

export function deleteAction(obj: KubeObject, why: string, opts?: DeleteOptions): Action {
    return { op: "delete", ref: refOf(obj), why, ...(opts ? { opts } : {}) };
}

/**
 * The VMI with `status`, written whole (PUT, guarded by resourceVersion) the way virt-handler
 * writes it: every condition carries lastProbeTime/lastTransitionTime, null when unset, as Go
 * serializes them. virt-controller's JSON patches test the stored conditions against its own
 * serialization, so a condition stored without those keys makes every one of its patches fail.
 */
export function replaceStatus(
    obj: KubeObject,
    status: Record<string, unknown>,
    why: string,
): Action[] {
    const conditions = (status.conditions as Record<string, unknown>[] | undefined)?.map((c) => ({
        lastProbeTime: null,
        lastTransitionTime: null,
        ...c,
    }));
    const next = { ...status, ...(conditions ? { conditions } : {}) };
    if (mergeDiff(obj.status ?? {}, next) === undefined && sameKeys(obj.status, next)) return [];
    return [{ op: "replace", obj: { ...obj, status: next }, why }];
}

function sameKeys(a: unknown, b: Record<string, unknown>): boolean {
    return (
        JSON.stringify((a as Record<string, unknown> | undefined)?.conditions ?? null) ===
        JSON.stringify(b.conditions ?? null)
    );
}
