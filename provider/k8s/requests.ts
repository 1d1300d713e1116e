/**
 * Pure pieces of a Kubernetes request: API paths, query strings, reading a response body.
 * Apart from kubeClient.ts so they can be used (and tested) without a kubeconfig.
 */
import { decodeStatusError } from "./apiErrors";
import type { KubeObject, ObjectRef } from "./client";

/** One answer of the API server, as the transport hands it back. */
export interface RawResponse {
    status: number;
    body: string;
    retryAfter?: string;
    /** How many attempts it took (more than 1 when transient failures were retried). */
    attempts?: number;
}

/** The core group ("v1") lives under /api, every other group under /apis. */
export function apiBase(apiVersion: string): string {
    return apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}

/** `?a=1&b=2`, leaving out undefined and empty values; "" when nothing is left. */
export function query(params: Record<string, string | number | undefined>): string {
    const parts = Object.entries(params)
        .filter(([, v]) => v !== undefined && v !== "")
        .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
    return parts.length ? `?${parts.join("&")}` : "";
}

/** The parsed body, or `{ raw }` when it is not JSON (a proxy's HTML error page, say). */
export function safeJson(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return { raw: text };
    }
}

/** Throws the typed API error for a non-2xx answer to `verb` on `ref`. */
export function throwIfFailed(res: RawResponse, verb: string, ref: ObjectRef): void {
    if (res.status >= 300)
        throw decodeStatusError(
            res.status,
            res.body,
            `${verb} ${ref.kind} ${describe(ref)}`,
            res.attempts,
        );
}

/** The body as an object, or the typed API error for a non-2xx answer to `verb` on `ref`. */
export function decodeObject(res: RawResponse, verb: string, ref: ObjectRef): KubeObject {
    throwIfFailed(res, verb, ref);
    return safeJson(res.body) as KubeObject;
}

export function refOf(obj: KubeObject): ObjectRef {
    return {
        apiVersion: obj.apiVersion,
        kind: obj.kind,
        name: obj.metadata.name ?? "",
        namespace: obj.metadata.namespace,
    };
}

/** `namespace/name`, or `name` for a cluster-scoped object. */
export function describe(ref: ObjectRef): string {
    return ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name;
}
