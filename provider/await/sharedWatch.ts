/**
 * One list+watch per kind and namespace, shared by every wait and read of that kind in the
 * provider process (which serves every resource of a pulumi command). Per object, waiting costs
 * no request: a stack of 200 VMs opens one VM watch and one VMI watch instead of 200 of each, and
 * reads the final VM and VMI from the cache instead of GETting them.
 *
 * Freshness: the cache is live (a watch) but lags the API server by an event; a caller that just
 * wrote an object passes the resourceVersion the write returned, and the object is judged only once
 * the cache has seen that version (resourceVersions are etcd revisions; compared as integers, and
 * any non-numeric one counts as fresh). A store that cannot list (no permission) makes callers fall
 * back to per-object GET and watch, as before.
 */
import type { KubeClient, KubeObject, ObjectRef, WatchEvent } from "../k8s/client";
import { AwaitFailedError, AwaitTimeoutError, KubeApiError } from "../errors";
import {
    awaitObject,
    cancelledError,
    limitMs,
    sleep,
    timedOut,
    type AwaitOptions,
    type Condition,
    type Verdict,
} from "./awaiter";
import { cancelSignal } from "./cancel";

/** Idle stores close after this long, so a finished command leaves no stream open. */
const IDLE_MS = 20_000;
/** One watch stream's server-side timeout; the store re-watches from the last version when it ends. */
const WATCH_SECONDS = 290;

type Listener = () => void;

export class Store {
    private readonly objects = new Map<string, KubeObject>();
    private readonly listeners = new Set<Listener>();
    private rv: string | undefined;
    private users = 0;
    private idle: NodeJS.Timeout | undefined;
    private readonly stop = new AbortController();
    readonly synced: Promise<void>;

    constructor(
        private readonly client: KubeClient,
        readonly apiVersion: string,
        readonly kind: string,
        readonly namespace: string | undefined,
        private readonly onClose: () => void,
    ) {
        this.synced = this.relist();
        this.synced.then(
            () => void this.run(),
            () => this.close(),
        );
    }

    /** The cached object once the cache has seen `minRv` (and the initial list). */
    async get(name: string, minRv?: string): Promise<KubeObject | undefined> {
        return this.use(async () => {
            await this.synced;
            await this.until(() => this.seen(minRv), 60_000);
            return this.objects.get(name);
        });
    }

    /** Waits until `cond` holds for `name` (judged on versions ≥ `minRv`); resolves with the object. */
    wait(
        name: string,
        cond: Condition,
        opts: AwaitOptions & { minRv?: string },
    ): Promise<KubeObject | undefined> {
        return this.use(async () => {
            await this.synced;
            let last: KubeObject | undefined;
            let verdict: Verdict = { ok: false, message: `waiting for ${this.kind} ${name}` };
            let prev = "";
            const judge = () => {
                if (!this.seen(opts.minRv)) return false;
                last = this.objects.get(name);
                verdict = cond(last);
                if (opts.onProgress && verdict.message && verdict.message !== prev)
                    opts.onProgress(verdict.message);
                prev = verdict.message;
                return verdict.ok || !!verdict.failed;
            };
            const ms = limitMs(opts);
            await this.until(judge, ms);
            if (verdict.ok) return last;
            if (cancelSignal().aborted && !verdict.failed)
                throw cancelledError(opts, verdict.message, last);
            const events = opts.events ? await opts.events().catch(() => []) : [];
            if (verdict.failed)
                throw new AwaitFailedError(`${opts.what} failed: ${verdict.message}`, last, events);
            throw new AwaitTimeoutError(
                `${timedOut(opts, ms)}; last state: ${verdict.message}`,
                last,
                events,
            );
        });
    }

    /** Resolves when `done()` holds (re-checked after every event) or after `ms`; rejects if the store closes. */
    private until(done: () => boolean, ms: number): Promise<void> {
        if (done()) return Promise.resolve();
        return new Promise((resolve, reject) => {
            // The engine's cancel (Ctrl-C) ends the wait like its deadline; the caller says which.
            const cancelled = cancelSignal();
            const finish = (err?: Error) => {
                clearTimeout(timer);
                this.listeners.delete(check);
                cancelled.removeEventListener("abort", onCancel);
                if (err) reject(err);
                else resolve();
            };
            const onCancel = () => finish();
            const check: Listener = () => {
                if (this.stop.signal.aborted) finish(new Error(`the ${this.kind} watch closed`));
                else if (done()) finish();
            };
            const timer = setTimeout(() => finish(), ms);
            this.listeners.add(check);
            if (cancelled.aborted) finish();
            else cancelled.addEventListener("abort", onCancel);
        });
    }

    private seen(minRv?: string): boolean {
        if (!minRv) return true;
        if (!this.rv) return false;
        if (!/^\d+$/.test(minRv) || !/^\d+$/.test(this.rv)) return true;
        return BigInt(this.rv) >= BigInt(minRv);
    }

    private async use<T>(fn: () => Promise<T>): Promise<T> {
        this.users++;
        clearTimeout(this.idle);
        try {
            return await fn();
        } finally {
            if (--this.users === 0) this.idle = setTimeout(() => this.close(), IDLE_MS);
        }
    }

    /** Lists the kind and replaces the cache; the newest item's version is where the watch resumes. */
    private async relist(): Promise<void> {
        const items = await this.client.list(this.apiVersion, this.kind, this.namespace);
        this.objects.clear();
        for (const o of items) {
            this.objects.set(o.metadata.name ?? "", slim(o));
            if (!this.rv || newer(o.metadata.resourceVersion, this.rv))
                this.rv = o.metadata.resourceVersion;
        }
        this.notify();
    }

    private async run(): Promise<void> {
        while (!this.stop.signal.aborted) {
            try {
                this.rv =
                    (await this.client.watch(
                        this.apiVersion,
                        this.kind,
                        this.namespace,
                        { resourceVersion: this.rv, timeoutSeconds: WATCH_SECONDS },
                        (ev) => this.apply(ev),
                        this.stop.signal,
                    )) ?? this.rv;
            } catch (err) {
                if (this.stop.signal.aborted) break;
                // 410 Gone: the version is compacted away, so list afresh; anything else: resume after a pause.
                if (err instanceof KubeApiError && err.code === 410) this.rv = undefined;
                else await sleep(500);
                if (!this.rv) await this.relist().catch(() => sleep(1000));
            }
        }
    }

    private apply(ev: WatchEvent): void {
        const name = ev.object.metadata.name ?? "";
        if (ev.type === "DELETED") this.objects.delete(name);
        else this.objects.set(name, slim(ev.object));
        if (newer(ev.object.metadata.resourceVersion, this.rv))
            this.rv = ev.object.metadata.resourceVersion;
        this.notify();
    }

    private notify(): void {
        for (const l of [...this.listeners]) l();
    }

    close(): void {
        if (this.stop.signal.aborted) return;
        clearTimeout(this.idle);
        this.stop.abort();
        this.onClose();
        this.notify();
    }
}

/**
 * What the cache keeps of an object: all of it but the field sets in managedFields, which are
 * about a third of a VM's or VMI's bytes and a provider holding 1,000 of each feels them. Only the
 * managers and operations are read from a cached object (appliedByUs).
 */
export function slim(o: KubeObject): KubeObject {
    const managed = o.metadata.managedFields as
        { manager?: string; operation?: string }[] | undefined;
    if (!Array.isArray(managed)) return o;
    return {
        ...o,
        metadata: {
            ...o.metadata,
            managedFields: managed.map(({ manager, operation }) => ({ manager, operation })),
        },
    };
}

function newer(a: string | undefined, b: string | undefined): boolean {
    if (!a) return false;
    if (!b || !/^\d+$/.test(a) || !/^\d+$/.test(b)) return true;
    return BigInt(a) > BigInt(b);
}

const stores = new WeakMap<KubeClient, Map<string, Store>>();

/** The shared store of `kind` in `namespace` for this client (opened on first use). */
export function storeFor(
    client: KubeClient,
    apiVersion: string,
    kind: string,
    namespace: string | undefined,
): Store {
    let byKey = stores.get(client);
    if (!byKey) stores.set(client, (byKey = new Map()));
    const key = `${apiVersion}|${kind}|${namespace ?? ""}`;
    let s = byKey.get(key);
    if (!s) {
        const map = byKey;
        s = new Store(client, apiVersion, kind, namespace, () => map.delete(key));
        map.set(key, s);
    }
    return s;
}

/** The object `ref` as the shared cache has it (fresh as of `minRv`); a GET when the kind cannot be listed. */
export async function cachedGet(
    client: KubeClient,
    ref: ObjectRef,
    minRv?: string,
): Promise<KubeObject | undefined> {
    const s = storeFor(client, ref.apiVersion, ref.kind, ref.namespace);
    try {
        await s.synced;
    } catch {
        return client.get(ref);
    }
    return s.get(ref.name, minRv);
}

/** awaitObject through the shared store; per-object GET and watch when the kind cannot be listed. */
export async function awaitShared(
    client: KubeClient,
    ref: ObjectRef,
    cond: Condition,
    opts: AwaitOptions & { minRv?: string },
): Promise<KubeObject | undefined> {
    const s = storeFor(client, ref.apiVersion, ref.kind, ref.namespace);
    try {
        await s.synced;
    } catch {
        return awaitObject(client, ref, cond, opts);
    }
    return s.wait(ref.name, cond, opts);
}
