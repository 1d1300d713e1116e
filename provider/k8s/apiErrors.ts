/** Turns API server error responses (a Kubernetes `Status`) into typed errors. */
import { CrdMissingError, KubeApiError, type StatusCause } from "../errors";

interface Status {
    message?: string;
    reason?: string;
    code?: number;
    details?: { causes?: StatusCause[] };
}

/**
 * A KubeApiError for an HTTP error response. `what` says which operation on which object failed
 * ("apply VirtualMachine ns/name"); field causes from 422 Invalid are listed one per line so the
 * user sees every bad field, not just the first.
 */
export function decodeStatusError(
    code: number,
    body: string,
    what: string,
    attempts = 1,
): KubeApiError {
    let st: Status;
    try {
        st = JSON.parse(body) as Status;
    } catch {
        st = { message: body.slice(0, 500) };
    }
    const causes = st.details?.causes ?? [];
    const lines = causes.map(
        (c) => `  - ${c.field ? `${c.field}: ` : ""}${c.message ?? c.reason ?? ""}`,
    );
    const tries = attempts > 1 ? ` (gave up after ${attempts} attempts)` : "";
    const msg =
        `${what} failed (${code} ${st.reason ?? ""}): ${st.message ?? "no message"}${tries}` +
        (lines.length ? `\n${lines.join("\n")}` : "");
    return new KubeApiError(msg, code, st.reason ?? "", causes);
}

export function crdMissing(apiVersion: string, kind: string): CrdMissingError {
    return new CrdMissingError(apiVersion, kind);
}

// ---- retry policy ----

/** One failed attempt, as the retry policy sees it. */
export interface FailedAttempt {
    method: string;
    /** The HTTP status, or undefined when no response came (connection refused/reset, timeout). */
    status?: number;
    /** Node's code for a connection failure (ECONNRESET, ECONNREFUSED, …). */
    errorCode?: string;
    /** The Retry-After header of a 429/503, seconds or an HTTP date. */
    retryAfter?: string;
    /** Attempts made so far, the failed one included (1 after the first). */
    attempt: number;
    /** Time since the first attempt. */
    elapsedMs: number;
    /** A number in [0, 1) that spreads the backoff of concurrent requests (jitter). */
    rand: number;
    /** Now, for a Retry-After HTTP date. */
    nowMs: number;
    /**
     * Whether this client ever got an answer from the server. A connection failure is retried only
     * then: a server that went away (restarting) comes back, while one never reached (offline
     * preview, wrong address) would only make the user wait.
     */
    reachedBefore?: boolean;
    /** The failed response's body (a Status), read for 500s that are verdicts, not accidents. */
    body?: string;
}

export type RetryDecision = { retry: true; delayMs: number } | { retry: false };

/**
 * Bounds of the retry policy. Every request gets at most this budget: a wait's own deadline
 * (the user's `timeouts`) bounds the waits around it, and a write that cannot get through in a
 * minute is better reported than retried longer.
 */
export const retryLimits = { maxAttempts: 10, baseMs: 250, capMs: 8_000, budgetMs: 60_000 };

/** Methods the API server treats idempotently: resending one after a lost answer changes nothing. */
const idempotent = new Set(["GET", "HEAD", "PUT", "PATCH", "DELETE"]);

/**
 * Which failures are worth retrying, by method class. 429 and 503 mean the server did not act
 * (throttled, or not ready/an aggregated API unavailable), so even a POST may be resent. A 500/502/504
 * or a reset connection may come after the server acted: only idempotent methods are resent (a
 * second POST could create a second migration). A refused connection never reached the server.
 */
const transient: { statuses: number[]; codes: string[]; anyMethod: boolean }[] = [
    { statuses: [429, 503], codes: ["ECONNREFUSED"], anyMethod: true },
    {
        statuses: [500, 502, 504],
        codes: ["ECONNRESET", "EPIPE", "ETIMEDOUT", "ECONNABORTED", "EAI_AGAIN"],
        anyMethod: false,
    },
];

/**
 * 500s that are the server's verdict on the request itself, so a resend gets the same answer:
 * server-side apply could not type the body against the schema (a field the schema does not
 * declare). Other 500s (a webhook that could not be called, etcd trouble) may pass.
 */
const permanentServerErrors: RegExp[] = [/failed to create typed patch object/];

/**
 * Pure: retry after how many ms, or give up. Permanent errors (400, 401, 403, 404, 409, 422…) give
 * up at once; transient ones back off exponentially with jitter, or as long as Retry-After asks,
 * within `retryLimits`.
 */
export function retryDecision(a: FailedAttempt, limits = retryLimits): RetryDecision {
    const rule = transient.find((r) =>
        a.status !== undefined
            ? r.statuses.includes(a.status)
            : r.codes.includes(a.errorCode ?? ""),
    );
    if (!rule || (!rule.anyMethod && !idempotent.has(a.method.toUpperCase())))
        return { retry: false };
    if (a.status === 500 && permanentServerErrors.some((re) => re.test(a.body ?? "")))
        return { retry: false };
    if (a.status === undefined && !a.reachedBefore) return { retry: false };
    if (a.attempt >= limits.maxAttempts) return { retry: false };
    const backoff = Math.min(limits.capMs, limits.baseMs * 2 ** (a.attempt - 1));
    const asked = retryAfterMs(a.retryAfter, a.nowMs);
    const delayMs = asked !== undefined ? asked : Math.round(backoff * (0.5 + a.rand / 2));
    if (a.elapsedMs + delayMs > limits.budgetMs) return { retry: false };
    return { retry: true, delayMs };
}

/** Retry-After as ms: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | undefined, nowMs: number): number | undefined {
    if (!header) return undefined;
    const s = header.trim();
    if (/^\d+$/.test(s)) return Number(s) * 1000;
    const at = Date.parse(s);
    return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
