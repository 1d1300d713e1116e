/**
 * An in-memory stand-in for kube-apiserver, faithful where the simulator depends on it:
 * resourceVersions, uid/generation/creationTimestamp, generateName, status subresources
 * (main-resource writes ignore status and vice versa), generation bumps, resourceVersion
 * preconditions in merge patches (409), finalizers and deletionTimestamp, Foreground/Orphan
 * propagation finalizers, and watches (synthetic ADDED without a resourceVersion, replay from a
 * resourceVersion, 410 Gone when it is too old, server-side timeout).
 */
import { randomUUID } from "crypto";
import type {
    ApplyOptions,
    DeleteOptions,
    KubeClient,
    KubeObject,
    ListOptions,
    ObjectRef,
    WatchEvent,
    WatchOptions,
} from "../../../provider/k8s/client";
import { CrdMissingError, KubeApiError } from "../../../provider/errors";
import * as K from "../../../sim/kinds";

interface KindInfo {
    namespaced: boolean;
    status: boolean;
}
interface Sub {
    id: string;
    ns?: string;
    onEvent: (ev: WatchEvent) => void | "stop";
    end: () => void;
}

import { applyMergePatch, clone, defaultKinds, id } from "./fakeKubeParts";

export { applyMergePatch, waitFor } from "./fakeKubeParts";

export class FakeKube implements KubeClient {
    private rv = 1000;
    private readonly kinds = new Map<string, KindInfo>();
    private readonly objects = new Map<string, Map<string, KubeObject>>();
    private readonly log: { rv: number; kindId: string; ev: WatchEvent }[] = [];
    private readonly subs = new Map<string, Set<Sub>>();
    /** Kinds whose CRD is "not installed". */
    readonly unserved = new Set<string>();
    /** Events older than this many entries are compacted (watch from before → 410). */
    logLimit = 5000;
    /** Caps every watch stream's length (seconds), like the API server's request timeout. */
    maxWatchSeconds = Infinity;
    /** resourceVersion each watch started from ("" when none), for assertions. */
    readonly watchStarts: string[] = [];

    constructor(kinds: [K.Gvk, boolean][] = defaultKinds) {
        for (const [g, status] of kinds) {
            this.kinds.set(id(g.apiVersion, g.kind), { namespaced: g.namespaced, status });
            this.objects.set(id(g.apiVersion, g.kind), new Map());
        }
    }

    private info(apiVersion: string, kind: string): KindInfo {
        const k = this.kinds.get(id(apiVersion, kind));
        if (!k || this.unserved.has(id(apiVersion, kind)))
            throw new CrdMissingError(apiVersion, kind);
        return k;
    }

    private key(info: KindInfo, ns: string | undefined, name: string): string {
        return info.namespaced ? `${ns}/${name}` : name;
    }

    async serves(apiVersion: string, kind: string): Promise<boolean> {
        return this.kinds.has(id(apiVersion, kind)) && !this.unserved.has(id(apiVersion, kind));
    }

    async get(ref: ObjectRef): Promise<KubeObject | undefined> {
        const info = this.info(ref.apiVersion, ref.kind);
        const o = this.objects
            .get(id(ref.apiVersion, ref.kind))!
            .get(this.key(info, ref.namespace, ref.name));
        return o && clone(o);
    }

    async list(
        apiVersion: string,
        kind: string,
        namespace?: string,
        _opts?: ListOptions,
    ): Promise<KubeObject[]> {
        this.info(apiVersion, kind);
        return [...this.objects.get(id(apiVersion, kind))!.values()]
            .filter((o) => !namespace || o.metadata.namespace === namespace)
            .map(clone);
    }

    /** Synchronous read for assertions. */
    peek(g: { apiVersion: string; kind: string }, key: string): KubeObject | undefined {
        const o = this.objects.get(id(g.apiVersion, g.kind))?.get(key);
        return o && clone(o);
    }

    all(g: { apiVersion: string; kind: string }): KubeObject[] {
        return [...(this.objects.get(id(g.apiVersion, g.kind))?.values() ?? [])].map(clone);
    }

    async create(input: KubeObject): Promise<KubeObject> {
        const info = this.info(input.apiVersion, input.kind);
        const obj = clone(input);
        obj.metadata.name ||= `${obj.metadata.generateName ?? "obj-"}${randomUUID().slice(0, 5)}`;
        if (info.namespaced && !obj.metadata.namespace) obj.metadata.namespace = "default";
        const store = this.objects.get(id(obj.apiVersion, obj.kind))!;
        const key = this.key(info, obj.metadata.namespace, obj.metadata.name);
        if (store.has(key))
            throw new KubeApiError(
                `${obj.kind} "${obj.metadata.name}" already exists`,
                409,
                "AlreadyExists",
            );
        if (info.status) delete obj.status;
        if (obj.kind === "PersistentVolumeClaim") obj.status = { phase: "Pending" };
        Object.assign(obj.metadata, {
            uid: randomUUID(),
            generation: 1,
            creationTimestamp: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
        });
        delete obj.metadata.resourceVersion;
        return this.store(store, key, obj, "ADDED");
    }

    async apply(obj: KubeObject, _opts?: ApplyOptions): Promise<KubeObject> {
        const existing = await this.get(K.refOf(obj));
        if (!existing) return this.create(obj);
        return this.mergePatch(K.refOf(obj), {
            metadata: { labels: obj.metadata.labels, annotations: obj.metadata.annotations },
            spec: obj.spec,
        });
    }

    async mergePatch(ref: ObjectRef, patch: unknown, subresource?: string): Promise<KubeObject> {
        const info = this.info(ref.apiVersion, ref.kind);
        const store = this.objects.get(id(ref.apiVersion, ref.kind))!;
        const key = this.key(info, ref.namespace, ref.name);
        const cur = store.get(key);
        if (!cur) throw new KubeApiError(`${ref.kind} "${ref.name}" not found`, 404, "NotFound");
        const p = clone(patch) as Record<string, Record<string, unknown> | undefined>;
        const wantRv = p.metadata?.resourceVersion;
        if (wantRv !== undefined && wantRv !== cur.metadata.resourceVersion) {
            throw new KubeApiError(
                `Operation cannot be fulfilled on ${ref.kind} "${ref.name}": the object has been modified`,
                409,
                "Conflict",
            );
        }
        if (p.metadata) delete p.metadata.resourceVersion;
        let next: KubeObject;
        if (subresource === "status")
            next = { ...clone(cur), status: applyMergePatch(cur.status, p.status) };
        else {
            if (info.status) delete p.status;
            next = applyMergePatch(cur, p) as KubeObject;
        }
        next.metadata = {
            ...next.metadata,
            uid: cur.metadata.uid,
            creationTimestamp: cur.metadata.creationTimestamp,
            deletionTimestamp: cur.metadata.deletionTimestamp,
        };
        if (!next.metadata.deletionTimestamp) delete next.metadata.deletionTimestamp;
        const bump = (o: KubeObject): string =>
            JSON.stringify({
                ...o,
                metadata: undefined,
                status: info.status ? undefined : o.status,
            });
        if (bump(next) !== bump(cur)) next.metadata.generation = (cur.metadata.generation ?? 1) + 1;
        if (JSON.stringify(next) === JSON.stringify(cur)) return clone(cur);
        if (next.metadata.deletionTimestamp && !(next.metadata.finalizers ?? []).length) {
            store.delete(key);
            this.emit(id(ref.apiVersion, ref.kind), {
                type: "DELETED",
                object: {
                    ...next,
                    metadata: { ...next.metadata, resourceVersion: String(++this.rv) },
                },
            });
            return clone(next);
        }
        return this.store(store, key, next, "MODIFIED");
    }

    async replace(): Promise<KubeObject> {
        throw new Error("FakeKube: replace not supported");
    }

    async putSubresourceApi(): Promise<unknown> {
        throw new KubeApiError("the server could not find the requested resource", 404, "NotFound");
    }

    async postSubresourceApi(): Promise<unknown> {
        throw new KubeApiError("the server could not find the requested resource", 404, "NotFound");
    }

    async delete(ref: ObjectRef, opts: DeleteOptions = {}): Promise<boolean> {
        const info = this.info(ref.apiVersion, ref.kind);
        const store = this.objects.get(id(ref.apiVersion, ref.kind))!;
        const key = this.key(info, ref.namespace, ref.name);
        const cur = store.get(key);
        if (!cur) return false;
        const fins = [...(cur.metadata.finalizers ?? [])];
        if (opts.propagationPolicy === "Foreground" && !fins.includes("foregroundDeletion"))
            fins.push("foregroundDeletion");
        if (opts.propagationPolicy === "Orphan" && !fins.includes("orphan")) fins.push("orphan");
        if (!fins.length) {
            store.delete(key);
            this.emit(id(ref.apiVersion, ref.kind), {
                type: "DELETED",
                object: {
                    ...clone(cur),
                    metadata: { ...cur.metadata, resourceVersion: String(++this.rv) },
                },
            });
            return true;
        }
        if (
            cur.metadata.deletionTimestamp &&
            fins.length === (cur.metadata.finalizers ?? []).length
        )
            return true;
        const next = clone(cur);
        next.metadata.finalizers = fins;
        next.metadata.deletionTimestamp ??= new Date().toISOString().replace(/\.\d+Z$/, "Z");
        this.store(store, key, next, "MODIFIED");
        return true;
    }

    async watch(
        apiVersion: string,
        kind: string,
        namespace: string | undefined,
        opts: WatchOptions,
        onEvent: (ev: WatchEvent) => void | "stop",
        signal?: AbortSignal,
    ): Promise<string | undefined> {
        this.info(apiVersion, kind);
        this.watchStarts.push(opts.resourceVersion ?? "");
        const kindId = id(apiVersion, kind);
        const from = opts.resourceVersion !== undefined ? Number(opts.resourceVersion) : undefined;
        let backlog: WatchEvent[];
        if (from === undefined)
            backlog = [...this.objects.get(kindId)!.values()].map((o) => ({
                type: "ADDED" as const,
                object: clone(o),
            }));
        else {
            const oldest = this.log[0]?.rv ?? this.rv;
            if (from < oldest - 1 && this.log.length >= this.logLimit)
                throw new KubeApiError("too old resource version", 410, "Expired");
            backlog = this.log
                .filter((e) => e.kindId === kindId && e.rv > from)
                .map((e) => clone(e.ev));
        }
        return new Promise((resolve) => {
            let last = opts.resourceVersion;
            const subId = randomUUID();
            const set = this.subs.get(kindId) ?? new Set();
            this.subs.set(kindId, set);
            const finish = (): void => {
                set.delete(sub);
                clearTimeout(timer);
                signal?.removeEventListener("abort", finish);
                resolve(last);
            };
            const deliver = (ev: WatchEvent): void => {
                if (namespace && ev.object.metadata.namespace !== namespace) return;
                last = ev.object.metadata.resourceVersion ?? last;
                if (onEvent(ev) === "stop") finish();
            };
            const sub: Sub = {
                id: subId,
                ns: namespace,
                onEvent: (ev) => {
                    setImmediate(() => set.has(sub) && deliver(ev));
                },
                end: finish,
            };
            const timer = setTimeout(
                finish,
                Math.min(opts.timeoutSeconds ?? 60, this.maxWatchSeconds) * 1000,
            );
            signal?.addEventListener("abort", finish, { once: true });
            set.add(sub);
            setImmediate(() => backlog.forEach((ev) => set.has(sub) && deliver(ev)));
        });
    }

    private store(
        store: Map<string, KubeObject>,
        key: string,
        obj: KubeObject,
        type: "ADDED" | "MODIFIED",
    ): KubeObject {
        obj.metadata.resourceVersion = String(++this.rv);
        store.set(key, obj);
        this.emit(id(obj.apiVersion, obj.kind), { type, object: clone(obj) });
        return clone(obj);
    }

    private emit(kindId: string, ev: WatchEvent): void {
        this.log.push({ rv: Number(ev.object.metadata.resourceVersion), kindId, ev });
        if (this.log.length > this.logLimit) this.log.shift();
        for (const s of this.subs.get(kindId) ?? []) s.onEvent(clone(ev));
    }
}
