/**
 * Typed errors. Each carries the object it is about and the cause, so a failure message can name
 * the resource and field. Inside the provider `instanceof` is reliable: the shim loads the
 * package once per provider process. Code that may meet an error from another copy of this
 * module (a program with two installs of the package) uses the brand check
 * `isKubevirtProviderError` instead. A plan the cluster did not follow is not an error: it is the
 * typed `lastUpdate.mismatch` (diff/types.ts `PlanMismatch`).
 */
import type { KubeObject } from "./k8s/client";

const brand = Symbol.for("pulumi-kubevirt.error");

/** Base class of every error this package throws on purpose. */
export class KubevirtProviderError extends Error {
    override name = "KubevirtProviderError";
    readonly [brand] = true;
    constructor(message: string, options?: { cause?: unknown }) {
        super(message, options);
    }
}

/** Cross-realm check: true for any KubevirtProviderError, even from another copy of this module. */
export function isKubevirtProviderError(e: unknown): e is KubevirtProviderError {
    return typeof e === "object" && e !== null && (e as Record<symbol, unknown>)[brand] === true;
}

/** One field-level cause from a Kubernetes Status (422 Invalid and friends). */
export interface StatusCause {
    field?: string;
    reason?: string;
    message?: string;
}

/** The API server answered with an error Status. */
export class KubeApiError extends KubevirtProviderError {
    override name = "KubeApiError";
    constructor(
        message: string,
        readonly code: number,
        readonly reason: string,
        readonly causes: StatusCause[] = [],
    ) {
        super(message);
    }
}

export const isNotFound = (e: unknown): boolean => e instanceof KubeApiError && e.code === 404;
export const isConflict = (e: unknown): boolean => e instanceof KubeApiError && e.code === 409;

/** No answer from the API server (connection refused or reset, no response), after the retries the policy allows. */
export class KubeUnreachableError extends KubevirtProviderError {
    override name = "KubeUnreachableError";
    constructor(
        readonly request: string,
        readonly server: string,
        readonly attempts: number,
        cause: Error,
    ) {
        super(
            `${request}: no answer from the API server ${server} after ${attempts} attempt(s): ${cause.message}`,
            { cause },
        );
    }
}

/** The engine cancelled the operation (Ctrl-C, or the CLI went away) while the provider waited. */
export class AwaitCancelledError extends KubevirtProviderError implements HasObject {
    override name = "AwaitCancelledError";
    constructor(
        message: string,
        readonly object?: KubeObject,
    ) {
        super(message);
    }
}

/** The cluster does not serve a kind, usually because its operator/CRDs are not installed. */
export class CrdMissingError extends KubevirtProviderError {
    override name = "CrdMissingError";
    constructor(
        readonly apiVersion: string,
        readonly kind: string,
    ) {
        super(
            `${kind} (${apiVersion}) is not served by this cluster. ` +
                `Is KubeVirt / OpenShift Virtualization (or the operator owning it) installed and its CRDs established?`,
        );
    }
}

/** Something that carries the last observed object. */
export interface HasObject {
    object?: KubeObject;
}

/** A wait that ended without its condition: carries the last observed object and recent Warning events. */
export abstract class AwaitError extends KubevirtProviderError implements HasObject {
    constructor(
        message: string,
        readonly object?: KubeObject,
        readonly events: string[] = [],
    ) {
        super(withEvents(message, events));
    }
}

/** A wait ended in a terminal failure (DataVolume Failed, NNCP Degraded, VM ErrorUnschedulable…). */
export class AwaitFailedError extends AwaitError {
    override name = "AwaitFailedError";
}

/** A wait ran out of time. */
export class AwaitTimeoutError extends AwaitError {
    override name = "AwaitTimeoutError";
}

/** Bad provider configuration (kubeconfig, context). */
export class ConfigError extends KubevirtProviderError {
    override name = "ConfigError";
}

function withEvents(message: string, events: string[]): string {
    if (events.length === 0) return message;
    return `${message}\nRecent events:\n${events.map((e) => `  - ${e}`).join("\n")}`;
}

export function hasObject(e: unknown): e is HasObject & Error {
    return e instanceof Error && "object" in e;
}

/**
 * A KubeVirtConfiguration has no operator CR to patch (none, or several and no `cr` to choose), or
 * asks its CR for a setting that kind does not have. It never creates the CR: the operator owns it.
 */
export class ConfigurationTargetError extends KubevirtProviderError implements HasObject {
    override name = "ConfigurationTargetError";
    constructor(
        message: string,
        readonly object?: KubeObject,
        options?: { cause?: unknown },
    ) {
        super(message, options);
    }
}
