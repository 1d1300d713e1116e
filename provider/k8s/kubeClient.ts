/**
 * KubeClient over plain HTTPS. client-node is used only to load kubeconfig and produce TLS/auth
 * options (it knows exec plugins, token files, in-cluster config); requests are made here so
 * server-side apply, subresources and watch streams behave the same across client-node majors.
 */
import * as https from "https";
import * as http from "http";
import { KubeConfig } from "@kubernetes/client-node";
import { ConfigError, KubeUnreachableError } from "../errors";
import { decodeStatusError, crdMissing, retryDecision } from "./apiErrors";
import { streamWatch } from "./watchStream";
import type {
    ApplyOptions,
    DeleteOptions,
    KubeClient,
    KubeObject,
    ListOptions,
    ObjectRef,
    WatchEvent,
    WatchOptions,
} from "./client";
import { providerFieldManager } from "./client";

/** Where to find the cluster: the same choices @pulumi/kubernetes offers. */
export interface ClusterConfig {
    /** kubeconfig file path, or its YAML/JSON content. Defaults to $KUBECONFIG or ~/.kube/config. */
    kubeconfig?: string;
    context?: string;
}

interface Resource {
    plural: string;
    namespaced: boolean;
}

interface RawResponse {
    status: number;
    body: string;
    retryAfter?: string;
    /** How many attempts it took (more than 1 when transient failures were retried). */
    attempts?: number;
}

/** A request with no answer for this long is abandoned (and retried when that is safe). */
const requestTimeoutMs = 60_000;

export class HttpKubeClient implements KubeClient {
    private readonly server: URL;
    private readonly discovery = new Map<string, Promise<Map<string, Resource> | undefined>>();
    private baseOptions?: Promise<https.RequestOptions>;
    /** Set by the first answer: from then on a refused connection is a server restarting, worth retrying. */
    private reached = false;

    /** `cancelled` cuts retry back-offs short when the engine cancels the operation. */
    constructor(
        private readonly kc: KubeConfig,
        private readonly cancelled?: AbortSignal,
    ) {
        const cluster = kc.getCurrentCluster();
        if (!cluster)
            throw new ConfigError(
                "kubeconfig has no current cluster; set `context` or fix the kubeconfig",
            );
        this.server = new URL(cluster.server);
    }

    async get(ref: ObjectRef): Promise<KubeObject | undefined> {
        const res = await this.send("GET", await this.objectPath(ref));
        if (res.status === 404) return undefined;
        return this.json(res, "GET", ref);
    }

    async list(
        apiVersion: string,
        kind: string,
        namespace?: string,
        opts: ListOptions = {},
    ): Promise<KubeObject[]> {
        const path = await this.collectionPath(apiVersion, kind, namespace);
        const res = await this.send("GET", path + query({ ...opts }));
        const list = this.json(res, "LIST", {
            apiVersion,
            kind,
            name: "",
            namespace,
        }) as unknown as { items: KubeObject[] };
        return list.items.map((o) => ({ ...o, apiVersion, kind }));
    }

    async create(
        obj: KubeObject,
        opts: { dryRun?: boolean; fieldManager?: string } = {},
    ): Promise<KubeObject> {
        const ref = refOf(obj);
        const path = await this.collectionPath(ref.apiVersion, ref.kind, ref.namespace);
        const q = query({
            fieldManager: opts.fieldManager ?? providerFieldManager,
            dryRun: opts.dryRun ? "All" : undefined,
        });
        return this.json(await this.send("POST", path + q, JSON.stringify(obj)), "create", ref);
    }

    async apply(obj: KubeObject, opts: ApplyOptions = {}): Promise<KubeObject> {
        const ref = refOf(obj);
        const q = query({
            fieldManager: opts.fieldManager ?? providerFieldManager,
            force: opts.force ? "true" : undefined,
            dryRun: opts.dryRun ? "All" : undefined,
        });
        const res = await this.send(
            "PATCH",
            (await this.objectPath(ref)) + q,
            JSON.stringify(obj),
            "application/apply-patch+yaml",
        );
        return this.json(res, "apply", ref);
    }

    async mergePatch(
        ref: ObjectRef,
        patch: unknown,
        subresource?: string,
        fieldManager?: string,
    ): Promise<KubeObject> {
        const path =
            (await this.objectPath(ref)) +
            (subresource ? `/${subresource}` : "") +
            query({ fieldManager });
        const res = await this.send(
            "PATCH",
            path,
            JSON.stringify(patch),
            "application/merge-patch+json",
        );
        return this.json(res, `patch${subresource ? " " + subresource : ""}`, ref);
    }

    async replace(obj: KubeObject, subresource?: string): Promise<KubeObject> {
        const ref = refOf(obj);
        const res = await this.send(
            "PUT",
            `${await this.objectPath(ref)}${subresource ? `/${subresource}` : ""}`,
            JSON.stringify(obj),
        );
        return this.json(res, `update${subresource ? ` ${subresource}` : ""}`, ref);
    }

    async delete(ref: ObjectRef, opts: DeleteOptions = {}): Promise<boolean> {
        const body = JSON.stringify({ kind: "DeleteOptions", apiVersion: "v1", ...opts });
        const res = await this.send("DELETE", await this.objectPath(ref), body);
        if (res.status === 404) return false;
        this.json(res, "delete", ref);
        return true;
    }

    putSubresourceApi(
        group: string,
        version: string,
        ref: ObjectRef,
        plural: string,
        sub: string,
        body: unknown,
    ): Promise<unknown> {
        return this.subresourceApi("PUT", group, version, ref, plural, sub, body);
    }

    postSubresourceApi(
        group: string,
        version: string,
        ref: ObjectRef,
        plural: string,
        sub: string,
        body: unknown,
    ): Promise<unknown> {
        return this.subresourceApi("POST", group, version, ref, plural, sub, body);
    }

    private async subresourceApi(
        method: string,
        group: string,
        version: string,
        ref: ObjectRef,
        plural: string,
        sub: string,
        body: unknown,
    ): Promise<unknown> {
        // The core group ("") lives under /api, every other group under /apis.
        const base = group ? `/apis/${group}/${version}` : `/api/${version}`;
        const path = `${base}/namespaces/${ref.namespace}/${plural}/${ref.name}/${sub}`;
        // virt-api's subresource routes declare no response type, so an Accept of JSON alone gets
        // 406 from its REST framework; */* as well, as kubectl/virtctl send.
        const res = await this.send(
            method,
            path,
            JSON.stringify(body ?? {}),
            undefined,
            "application/json, */*",
        );
        if (res.status >= 300)
            throw decodeStatusError(
                res.status,
                res.body,
                `${sub} ${ref.kind} ${describe(ref)}`,
                res.attempts,
            );
        return res.body ? safeJson(res.body) : undefined;
    }

    async serves(apiVersion: string, kind: string): Promise<boolean> {
        return (await this.resources(apiVersion))?.has(kind) ?? false;
    }

    async watch(
        apiVersion: string,
        kind: string,
        namespace: string | undefined,
        opts: WatchOptions,
        onEvent: (ev: WatchEvent) => void | "stop",
        signal?: AbortSignal,
    ): Promise<string | undefined> {
        const path =
            (await this.collectionPath(apiVersion, kind, namespace)) +
            query({
                ...opts,
                watch: "1",
                allowWatchBookmarks: "true",
                timeoutSeconds: String(opts.timeoutSeconds ?? 60),
            });
        const req = await this.open("GET", path, undefined, undefined, signal);
        return streamWatch(
            req,
            (ev) => onEvent({ ...ev, object: { ...ev.object, apiVersion, kind } }),
            signal,
            describe({ apiVersion, kind, name: "", namespace }),
        );
    }

    // ---- paths and discovery ----

    private async resources(apiVersion: string): Promise<Map<string, Resource> | undefined> {
        let p = this.discovery.get(apiVersion);
        if (!p) {
            p = this.discover(apiVersion);
            this.discovery.set(apiVersion, p);
            p.then(
                (m) => {
                    if (!m) this.discovery.delete(apiVersion);
                },
                () => this.discovery.delete(apiVersion),
            );
        }
        return p;
    }

    private async discover(apiVersion: string): Promise<Map<string, Resource> | undefined> {
        const res = await this.send(
            "GET",
            apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}`,
        );
        if (res.status === 404) return undefined;
        const list = this.json(res, "discover", {
            apiVersion,
            kind: "APIResourceList",
            name: "",
        }) as unknown as {
            resources: { name: string; kind: string; namespaced: boolean }[];
        };
        const out = new Map<string, Resource>();
        for (const r of list.resources) {
            if (!r.name.includes("/"))
                out.set(r.kind, { plural: r.name, namespaced: r.namespaced });
        }
        return out;
    }

    private async collectionPath(
        apiVersion: string,
        kind: string,
        namespace?: string,
    ): Promise<string> {
        const r = (await this.resources(apiVersion))?.get(kind);
        if (!r) throw crdMissing(apiVersion, kind);
        const base = apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
        return r.namespaced && namespace
            ? `${base}/namespaces/${namespace}/${r.plural}`
            : `${base}/${r.plural}`;
    }

    private async objectPath(ref: ObjectRef): Promise<string> {
        return `${await this.collectionPath(ref.apiVersion, ref.kind, ref.namespace)}/${encodeURIComponent(ref.name)}`;
    }

    // ---- HTTP ----

    private json(res: RawResponse, verb: string, ref: ObjectRef): KubeObject {
        if (res.status >= 300)
            throw decodeStatusError(
                res.status,
                res.body,
                `${verb} ${ref.kind} ${describe(ref)}`,
                res.attempts,
            );
        return safeJson(res.body) as KubeObject;
    }

    /**
     * One request, retried per `retryDecision` (throttling, unavailable servers, dropped
     * connections); what cannot be retried is returned or thrown as it is.
     */
    private async send(
        method: string,
        path: string,
        body?: string,
        contentType?: string,
        accept?: string,
    ): Promise<RawResponse> {
        const started = Date.now();
        for (let attempt = 1; ; attempt++) {
            const outcome = await this.sendOnce(method, path, body, contentType, accept).catch(
                (err: NodeJS.ErrnoException) => err,
            );
            const failed = outcome instanceof Error;
            const decision =
                failed || outcome.status >= 300
                    ? retryDecision({
                          method,
                          attempt,
                          elapsedMs: Date.now() - started,
                          nowMs: Date.now(),
                          rand: Math.random(),
                          status: failed ? undefined : outcome.status,
                          errorCode: failed ? outcome.code : undefined,
                          retryAfter: failed ? undefined : outcome.retryAfter,
                          reachedBefore: this.reached,
                      })
                    : { retry: false as const };
            if (!failed) this.reached = true;
            if (!decision.retry || this.cancelled?.aborted) {
                if (failed)
                    throw new KubeUnreachableError(
                        `${method} ${path}`,
                        this.server.origin,
                        attempt,
                        outcome,
                    );
                return { ...outcome, attempts: attempt };
            }
            await pause(decision.delayMs, this.cancelled);
        }
    }

    private async sendOnce(
        method: string,
        path: string,
        body?: string,
        contentType?: string,
        accept?: string,
    ): Promise<RawResponse> {
        const req = await this.open(method, path, body, contentType, undefined, accept);
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

    private async open(
        method: string,
        path: string,
        body?: string,
        contentType?: string,
        signal?: AbortSignal,
        accept = "application/json",
    ): Promise<http.ClientRequest> {
        this.baseOptions ??= this.makeBaseOptions();
        const base = await this.baseOptions;
        const headers: Record<string, string> = {
            ...(base.headers as Record<string, string>),
            Accept: accept,
        };
        if (body !== undefined) {
            headers["Content-Type"] = contentType ?? "application/json";
            // Without a length Node sends DELETE bodies chunked; a server that answers before reading
            // them leaves bytes on the kept-alive socket that break the next request (400).
            headers["Content-Length"] = String(Buffer.byteLength(body));
        }
        const opts: https.RequestOptions = {
            ...base,
            method,
            path: this.server.pathname.replace(/\/$/, "") + path,
            headers,
            signal,
        };
        const req = (this.server.protocol === "http:" ? http : https).request(opts);
        if (body !== undefined) req.write(body);
        req.end();
        return req;
    }

    private async makeBaseOptions(): Promise<https.RequestOptions> {
        const opts: https.RequestOptions = {
            hostname: this.server.hostname.replace(/^\[|\]$/g, ""),
            port: this.server.port || (this.server.protocol === "http:" ? 80 : 443),
            headers: {},
        };
        await this.kc.applyToHTTPSOptions(opts);
        return {
            ...opts,
            agent: new https.Agent({
                keepAlive: true,
                ca: opts.ca,
                cert: opts.cert,
                key: opts.key,
                rejectUnauthorized: opts.rejectUnauthorized,
            }),
        };
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

function query(params: Record<string, string | number | undefined>): string {
    const parts = Object.entries(params)
        .filter(([, v]) => v !== undefined && v !== "")
        .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
    return parts.length ? `?${parts.join("&")}` : "";
}

function safeJson(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return { raw: text };
    }
}

export function refOf(obj: KubeObject): ObjectRef {
    return {
        apiVersion: obj.apiVersion,
        kind: obj.kind,
        name: obj.metadata.name ?? "",
        namespace: obj.metadata.namespace,
    };
}

export function describe(ref: ObjectRef): string {
    return ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name;
}

/** Load kubeconfig the way @pulumi/kubernetes does: explicit path or content, else the default chain. */
export function loadKubeConfig(cfg: ClusterConfig = {}): KubeConfig {
    const kc = new KubeConfig();
    try {
        const src = cfg.kubeconfig?.trim();
        if (!src) kc.loadFromDefault();
        else if (src.startsWith("{") || src.includes("\n")) kc.loadFromString(src);
        else kc.loadFromFile(src);
        if (cfg.context) kc.setCurrentContext(cfg.context);
    } catch (err) {
        throw new ConfigError(
            `could not load kubeconfig${cfg.context ? ` (context ${cfg.context})` : ""}: ${(err as Error).message}`,
            { cause: err },
        );
    }
    return kc;
}

/** A client for the given cluster configuration. */
export function newKubeClient(cfg: ClusterConfig = {}, cancelled?: AbortSignal): KubeClient {
    return new HttpKubeClient(loadKubeConfig(cfg), cancelled);
}
