/**
 * List-then-watch cache for one kind across all namespaces. Resumes a watch from the last
 * resourceVersion when the server ends the stream, relists on 410 Gone (then watches without a
 * resourceVersion, which replays current objects as ADDED), and relists periodically to heal
 * anything missed. Writes made by the sim are folded in immediately (`upsert`) so a reconcile
 * right after a write sees it, even before the watch event arrives.
 */
import type { KubeClient, KubeObject, WatchEvent } from "../provider/k8s/client";
import { KubeApiError, CrdMissingError } from "../provider/errors";
import { keyOf, type Gvk } from "./kinds";
import type { Logger } from "./log";

export type InformerEventType = "ADDED" | "MODIFIED" | "DELETED" | "SYNC";
export type InformerListener = (type: InformerEventType, obj: KubeObject) => void;

export class Informer {
    private readonly listeners: InformerListener[] = [];
    private markSynced!: () => void;
    private servedLogged = false;
    readonly synced: Promise<void> = new Promise((r) => (this.markSynced = r));

    constructor(
        private readonly client: KubeClient,
        readonly gvk: Gvk,
        private readonly cache: Map<string, KubeObject>,
        private readonly log: Logger,
        private readonly resyncMs: number,
        private readonly setServed: (served: boolean) => void = () => undefined,
    ) {}

    onEvent(fn: InformerListener): void {
        this.listeners.push(fn);
    }

    /** Fold in an object returned by one of our own writes, if it is newer than the cached one. */
    upsert(obj: KubeObject): void {
        // A write that removed the last finalizer of a deleting object returns it, but the server has
        // already deleted it; its DELETED event may even have arrived first. Caching it would leave a
        // ghost until the next relist (tens of seconds), so treat it as the deletion it is.
        if (obj.metadata.deletionTimestamp && !(obj.metadata.finalizers ?? []).length) {
            const gone = this.cache.get(keyOf(obj));
            if (gone) {
                this.cache.delete(keyOf(obj));
                this.emit("DELETED", gone);
            }
            return;
        }
        const old = this.cache.get(keyOf(obj));
        if (old && !isNewer(obj.metadata.resourceVersion, old.metadata.resourceVersion)) return;
        this.cache.set(keyOf(obj), obj);
        this.emit(old ? "MODIFIED" : "ADDED", obj);
    }

    async run(signal: AbortSignal): Promise<void> {
        let rv: string | undefined;
        let relist = true;
        let fresh = false;
        let listedAt = 0;
        while (!signal.aborted) {
            try {
                if (relist) {
                    if (!(await this.waitServed(signal))) return;
                    rv = await this.relist();
                    listedAt = Date.now();
                    relist = false;
                }
                const left = Math.max(1, Math.ceil((listedAt + this.resyncMs - Date.now()) / 1000));
                const opts = {
                    resourceVersion: fresh ? undefined : rv,
                    timeoutSeconds: Math.min(30, left),
                };
                fresh = false;
                rv =
                    (await this.client.watch(
                        this.gvk.apiVersion,
                        this.gvk.kind,
                        undefined,
                        opts,
                        (ev) => this.apply(ev),
                        signal,
                    )) ?? rv;
                if (Date.now() - listedAt >= this.resyncMs) relist = true;
            } catch (err) {
                if (signal.aborted) return;
                relist = true;
                fresh = err instanceof KubeApiError && err.code === 410;
                if (!fresh)
                    this.log(`[informer] ${this.gvk.kind}: ${(err as Error).message}; relisting`);
                await sleep(fresh ? 0 : 1000, signal);
            }
        }
    }

    private async waitServed(signal: AbortSignal): Promise<boolean> {
        while (!signal.aborted) {
            try {
                if (await this.client.serves(this.gvk.apiVersion, this.gvk.kind)) {
                    this.setServed(true);
                    return true;
                }
            } catch (err) {
                if (!(err instanceof CrdMissingError))
                    this.log(
                        `[informer] ${this.gvk.kind}: discovery failed: ${(err as Error).message}`,
                    );
            }
            this.setServed(false);
            if (!this.servedLogged)
                this.log(
                    `[informer] ${this.gvk.kind} (${this.gvk.apiVersion}) is not served; waiting for its CRD`,
                );
            this.servedLogged = true;
            this.markSynced();
            await sleep(3000, signal);
        }
        return false;
    }

    /** Replace the cache with a fresh list; returns the newest resourceVersion seen. */
    private async relist(): Promise<string | undefined> {
        const items = await this.client.list(this.gvk.apiVersion, this.gvk.kind);
        const seen = new Set(items.map(keyOf));
        for (const [key, old] of [...this.cache]) {
            if (!seen.has(key)) {
                this.cache.delete(key);
                this.emit("DELETED", old);
            }
        }
        let maxRv: string | undefined;
        for (const obj of items) {
            if (isNewer(obj.metadata.resourceVersion, maxRv)) maxRv = obj.metadata.resourceVersion;
            const old = this.cache.get(keyOf(obj));
            const changed =
                !old || isNewer(obj.metadata.resourceVersion, old.metadata.resourceVersion);
            if (changed) this.cache.set(keyOf(obj), obj);
            this.emit(!old ? "ADDED" : changed ? "MODIFIED" : "SYNC", changed ? obj : old);
        }
        this.markSynced();
        return maxRv;
    }

    private apply(ev: WatchEvent): void {
        const key = keyOf(ev.object);
        if (ev.type === "DELETED") {
            const old = this.cache.get(key);
            this.cache.delete(key);
            this.emit("DELETED", old ?? ev.object);
            return;
        }
        if (ev.type !== "ADDED" && ev.type !== "MODIFIED") return;
        const old = this.cache.get(key);
        if (old && !isNewer(ev.object.metadata.resourceVersion, old.metadata.resourceVersion))
            return;
        this.cache.set(key, ev.object);
        this.emit(old ? "MODIFIED" : "ADDED", ev.object);
    }

    private emit(type: InformerEventType, obj: KubeObject): void {
        for (const fn of this.listeners) fn(type, obj);
    }
}

/**
 * resourceVersions are opaque, but kube-apiserver's are etcd revisions; compare numerically when
 * both parse, otherwise treat any difference as newer.
 */
export function isNewer(a: string | undefined, b: string | undefined): boolean {
    if (a === undefined) return false;
    if (b === undefined) return true;
    if (/^\d+$/.test(a) && /^\d+$/.test(b)) return BigInt(a) > BigInt(b);
    return a !== b;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
        if (signal?.aborted) return resolve();
        const t = setTimeout(done, ms);
        signal?.addEventListener("abort", done, { once: true });
        function done(): void {
            clearTimeout(t);
            signal?.removeEventListener("abort", done);
            resolve();
        }
    });
}
