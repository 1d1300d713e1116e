/**
 * KubeClient over plain HTTPS. client-node is used only to load kubeconfig and produce TLS/auth
 * options (it knows exec plugins, token files, in-cluster config); requests are made here so
 * server-side apply, subresources and watch streams behave the same across client-node majors.
 * The parts that need no kubeconfig live beside it: transport.ts (HTTP and retries),
 * discovery.ts (kind → path), requests.ts (paths, queries, bodies), watchStream.ts.
 */
import * as https from "https";
import type { KubeConfig } from "@kubernetes/client-node";
import { ConfigError } from "../errors";
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
import { Discovery } from "./discovery";
import { HttpTransport, type Request } from "./transport";
import {
    decodeObject,
    describe,
    query,
    refOf,
    safeJson,
    throwIfFailed,
    type RawResponse,
} from "./requests";

/** Where to find the cluster: the same choices @pulumi/kubernetes offers. */
export interface ClusterConfig {
    /** kubeconfig file path, or its YAML/JSON content. Defaults to $KUBECONFIG or ~/.kube/config. */
    kubeconfig?: string;
    context?: string;
}

const sub = (s?: string) => (s ? `/${s}` : "");

export class HttpKubeClient implements KubeClient {
    private readonly http: HttpTransport;
    private readonly paths: Discovery;
    private baseOptions?: Promise<https.RequestOptions>;

    /** `cancelled` cuts retry back-offs short when the engine cancels the operation. */
    constructor(
        private readonly kc: KubeConfig,
        cancelled?: AbortSignal,
    ) {
        const cluster = kc.getCurrentCluster();
        if (!cluster)
            throw new ConfigError(
                "kubeconfig has no current cluster; set `context` or fix the kubeconfig",
            );
        const server = new URL(cluster.server);
        this.http = new HttpTransport(
            server,
            () => (this.baseOptions ??= makeBaseOptions(this.kc, server)),
            cancelled,
        );
        this.paths = new Discovery((path) => this.send({ method: "GET", path }));
    }

    async get(ref: ObjectRef): Promise<KubeObject | undefined> {
        const res = await this.send({ method: "GET", path: await this.paths.objectPath(ref) });
        if (res.status === 404) return undefined;
        return decodeObject(res, "GET", ref);
    }

    async list(
        apiVersion: string,
        kind: string,
        namespace?: string,
        opts: ListOptions = {},
    ): Promise<KubeObject[]> {
        const path = await this.paths.collectionPath(apiVersion, kind, namespace);
        const res = await this.send({ method: "GET", path: path + query({ ...opts }) });
        const list = decodeObject(res, "LIST", {
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
        const path = await this.paths.collectionPath(ref.apiVersion, ref.kind, ref.namespace);
        const q = query({
            fieldManager: opts.fieldManager ?? providerFieldManager,
            dryRun: opts.dryRun ? "All" : undefined,
        });
        const res = await this.send({ method: "POST", path: path + q, body: JSON.stringify(obj) });
        return decodeObject(res, "create", ref);
    }

    async apply(obj: KubeObject, opts: ApplyOptions = {}): Promise<KubeObject> {
        const ref = refOf(obj);
        const q = query({
            fieldManager: opts.fieldManager ?? providerFieldManager,
            force: opts.force ? "true" : undefined,
            dryRun: opts.dryRun ? "All" : undefined,
        });
        const res = await this.send({
            method: "PATCH",
            path: (await this.paths.objectPath(ref)) + q,
            body: JSON.stringify(obj),
            contentType: "application/apply-patch+yaml",
        });
        return decodeObject(res, "apply", ref);
    }

    async mergePatch(
        ref: ObjectRef,
        patch: unknown,
        subresource?: string,
        fieldManager?: string,
    ): Promise<KubeObject> {
        const res = await this.send({
            method: "PATCH",
            path: (await this.paths.objectPath(ref)) + sub(subresource) + query({ fieldManager }),
            body: JSON.stringify(patch),
            contentType: "application/merge-patch+json",
        });
        return decodeObject(res, `patch${subresource ? " " + subresource : ""}`, ref);
    }

    async replace(obj: KubeObject, subresource?: string): Promise<KubeObject> {
        const ref = refOf(obj);
        const res = await this.send({
            method: "PUT",
            path: (await this.paths.objectPath(ref)) + sub(subresource),
            body: JSON.stringify(obj),
        });
        return decodeObject(res, `update${subresource ? ` ${subresource}` : ""}`, ref);
    }

    async delete(ref: ObjectRef, opts: DeleteOptions = {}): Promise<boolean> {
        const body = JSON.stringify({ kind: "DeleteOptions", apiVersion: "v1", ...opts });
        const path = await this.paths.objectPath(ref);
        const res = await this.send({ method: "DELETE", path, body });
        if (res.status === 404) return false;
        decodeObject(res, "delete", ref);
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
        const res = await this.send({
            method,
            path,
            body: JSON.stringify(body ?? {}),
            accept: "application/json, */*",
        });
        throwIfFailed(res, sub, ref);
        return res.body ? safeJson(res.body) : undefined;
    }

    async serves(apiVersion: string, kind: string): Promise<boolean> {
        return (await this.paths.resources(apiVersion))?.has(kind) ?? false;
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
            (await this.paths.collectionPath(apiVersion, kind, namespace)) +
            query({
                ...opts,
                watch: "1",
                allowWatchBookmarks: "true",
                timeoutSeconds: String(opts.timeoutSeconds ?? 60),
            });
        const req = await this.http.open({ method: "GET", path, signal });
        return streamWatch(
            req,
            (ev) => onEvent({ ...ev, object: { ...ev.object, apiVersion, kind } }),
            signal,
            describe({ apiVersion, kind, name: "", namespace }),
        );
    }

    private send(r: Request): Promise<RawResponse> {
        return this.http.send(r);
    }
}

/** Connection options from the kubeconfig (TLS, tokens, exec plugins), on one kept-alive agent. */
async function makeBaseOptions(kc: KubeConfig, server: URL): Promise<https.RequestOptions> {
    const opts: https.RequestOptions = {
        hostname: server.hostname.replace(/^\[|\]$/g, ""),
        port: server.port || (server.protocol === "http:" ? 80 : 443),
        headers: {},
    };
    await kc.applyToHTTPSOptions(opts);
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

/**
 * client-node, loaded on the first kubeconfig: it costs a provider process ~45 MB and a third of a
 * second, and a no-change preview (which sends no request) never needs it.
 */
function clientNode(): typeof import("@kubernetes/client-node") {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a deferred load, see above
    return require("@kubernetes/client-node");
}

/** Load kubeconfig the way @pulumi/kubernetes does: explicit path or content, else the default chain. */
export function loadKubeConfig(cfg: ClusterConfig = {}): KubeConfig {
    const kc = new (clientNode().KubeConfig)();
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
