/**
 * HTTP(S) requests to the API server with the retry policy of apiErrors.ts `retryDecision`
 * (throttling, unavailable servers, dropped connections). Knows nothing about kubeconfig: the
 * TLS/auth options come from kubeClient.ts, which alone imports client-node.
 */
import * as https from "https";
import * as http from "http";
import { KubeUnreachableError } from "../errors";
import { retryDecision, type RetryDecision } from "./apiErrors";
import type { RawResponse } from "./requests";

/** A request with no answer for this long is abandoned (and retried when that is safe). */
const requestTimeoutMs = 60_000;

/** One request as the client asks for it. */
export interface Request {
    method: string;
    path: string;
    body?: string;
    contentType?: string;
    accept?: string;
    signal?: AbortSignal;
}

export class HttpTransport {
    /** Set by the first answer: from then on a refused connection is a server restarting, worth retrying. */
    private reached = false;

    /** `cancelled` cuts retry back-offs short when the engine cancels the operation. */
    constructor(
        private readonly server: URL,
        private readonly baseOptions: () => Promise<https.RequestOptions>,
        private readonly cancelled?: AbortSignal,
    ) {}

    /** One request, retried while `retryDecision` says so; what cannot be retried is returned or thrown. */
    async send(r: Request): Promise<RawResponse> {
        const started = Date.now();
        for (let attempt = 1; ; attempt++) {
            const outcome = await this.sendOnce(r).catch((err: NodeJS.ErrnoException) => err);
            const decision = this.decide(r.method, attempt, started, outcome);
            if (!(outcome instanceof Error)) this.reached = true;
            if (!decision.retry || this.cancelled?.aborted) {
                if (outcome instanceof Error)
                    throw new KubeUnreachableError(
                        `${r.method} ${r.path}`,
                        this.server.origin,
                        attempt,
                        outcome,
                    );
                return { ...outcome, attempts: attempt };
            }
            await pause(decision.delayMs, this.cancelled);
        }
    }

    /** Opens a request and sends its body; the caller reads the response (a watch streams it). */
    async open(r: Request): Promise<http.ClientRequest> {
        const base = await this.baseOptions();
        const headers: Record<string, string> = {
            ...(base.headers as Record<string, string>),
            Accept: r.accept ?? "application/json",
        };
        if (r.body !== undefined) {
            headers["Content-Type"] = r.contentType ?? "application/json";
            // Without a length Node sends DELETE bodies chunked; a server that answers before reading
            // them leaves bytes on the kept-alive socket that break the next request (400).
            headers["Content-Length"] = String(Buffer.byteLength(r.body));
        }
        const opts: https.RequestOptions = {
            ...base,
            method: r.method,
            path: this.server.pathname.replace(/\/$/, "") + r.path,
            headers,
            signal: r.signal,
        };
        const req = (this.server.protocol === "http:" ? http : https).request(opts);
        if (r.body !== undefined) req.write(r.body);
        req.end();
        return req;
    }

    private decide(
        method: string,
        attempt: number,
        started: number,
        outcome: RawResponse | NodeJS.ErrnoException,
    ): RetryDecision {
        const failed = outcome instanceof Error;
        if (!failed && outcome.status < 300) return { retry: false };
        return retryDecision({
            method,
            attempt,
            elapsedMs: Date.now() - started,
            nowMs: Date.now(),
            rand: Math.random(),
            status: failed ? undefined : outcome.status,
            errorCode: failed ? outcome.code : undefined,
            retryAfter: failed ? undefined : outcome.retryAfter,
            body: failed ? undefined : outcome.body,
            reachedBefore: this.reached,
        });
    }

    private async sendOnce(r: Request): Promise<RawResponse> {
        const req = await this.open(r);
        // A server that accepted the connection but never answers (stopped, overloaded) must not hang the run.
        req.setTimeout(requestTimeoutMs, () =>
            req.destroy(
                Object.assign(new Error(`no answer within ${requestTimeoutMs / 1000}s`), {
                    code: "ETIMEDOUT",
                }),
            ),
        );
        return new Promise((resolve, reject) => {
            req.on("error", reject);
            req.on("response", (res: http.IncomingMessage) => {
                const chunks: Buffer[] = [];
                res.on("data", (c: Buffer) => chunks.push(c));
                res.on("end", () =>
                    resolve({
                        status: res.statusCode ?? 0,
                        body: Buffer.concat(chunks).toString("utf8"),
                        retryAfter: res.headers["retry-after"] as string | undefined,
                    }),
                );
                res.on("error", reject);
            });
        });
    }
}

/** Sleep `ms`, or less when `signal` aborts. */
function pause(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
        const done = () => {
            clearTimeout(timer);
            signal?.removeEventListener("abort", done);
            resolve();
        };
        const timer = setTimeout(done, ms);
        signal?.addEventListener("abort", done, { once: true });
    });
}
