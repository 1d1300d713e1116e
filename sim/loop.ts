/**
 * The thin IO layer: a per-controller work queue that never runs two reconciles of one key at
 * once, a pacer that spaces simulated state-machine steps, and the executor that turns a
 * reconcile `Result` into API calls (retrying on 409 Conflict, backing off on other errors).
 */
import type { KubeClient, KubeObject } from "../provider/k8s/client";
import { KubeApiError } from "../provider/errors";
import type { Action, LiveRef } from "./actions";
import type { SimConfig } from "./config";
import type { ControllerDef } from "./controller";
import type { Informer, InformerEventType } from "./informer";
import { describeObj, keyOf, sameKind } from "./kinds";
import type { Logger } from "./log";
import { gvkId, type Store } from "./store";

type Handler = (key: string) => Promise<number | undefined>;

/** The field manager of every write the simulated controllers make. */
export const simFieldManager = "virt-controller-sim";

/** Keyed queue: a key is queued at most once, and a key being processed is marked dirty instead. */
export class WorkQueue {
    private readonly queue: string[] = [];
    private readonly queued = new Set<string>();
    private readonly processing = new Set<string>();
    private readonly dirty = new Set<string>();
    private readonly timers = new Map<string, { at: number; timer: NodeJS.Timeout }>();
    private active = 0;
    private running = false;
    private stopped = false;
    private idle: (() => void)[] = [];

    constructor(
        private readonly handler: Handler,
        private readonly concurrency = 4,
    ) {}

    start(): void {
        this.running = true;
        this.pump();
    }

    add(key: string): void {
        if (this.stopped) return;
        if (this.processing.has(key)) {
            this.dirty.add(key);
            return;
        }
        if (this.queued.has(key)) return;
        this.queued.add(key);
        this.queue.push(key);
        this.pump();
    }

    addAfter(key: string, ms: number): void {
        if (this.stopped) return;
        if (ms <= 0) return this.add(key);
        const at = Date.now() + ms;
        const existing = this.timers.get(key);
        if (existing && existing.at <= at) return;
        if (existing) clearTimeout(existing.timer);
        const timer = setTimeout(() => {
            this.timers.delete(key);
            this.add(key);
        }, ms);
        this.timers.set(key, { at, timer });
    }

    async stop(): Promise<void> {
        this.stopped = true;
        for (const { timer } of this.timers.values()) clearTimeout(timer);
        this.timers.clear();
        if (this.active > 0) await new Promise<void>((r) => this.idle.push(r));
    }

    private pump(): void {
        while (
            this.running &&
            !this.stopped &&
            this.active < this.concurrency &&
            this.queue.length
        ) {
            const key = this.queue.shift()!;
            this.queued.delete(key);
            this.processing.add(key);
            this.active++;
            void this.run(key);
        }
    }

    private async run(key: string): Promise<void> {
        let requeue: number | undefined;
        try {
            requeue = await this.handler(key);
        } finally {
            this.processing.delete(key);
            this.active--;
            if (this.dirty.delete(key)) this.add(key);
            if (requeue !== undefined) this.addAfter(key, requeue);
            if (this.active === 0 && this.stopped) this.idle.splice(0).forEach((r) => r());
            this.pump();
        }
    }
}

/** Remembers when each key last advanced a step, so steps are spaced by the configured delay. */
export class Pacer {
    private readonly last = new Map<string, number>();

    sinceStep(key: string, now: number): number {
        if (!this.last.has(key)) this.last.set(key, now);
        return now - this.last.get(key)!;
    }

    mark(key: string, now: number): void {
        this.last.set(key, now);
    }

    forget(key: string): void {
        this.last.delete(key);
    }
}

export interface RunnerDeps {
    client: KubeClient;
    /** The client of another identity (see `Action.as`); the default client when absent. */
    clientFor?: (identity: string) => KubeClient | undefined;
    store: Store;
    informers: Map<string, Informer>;
    config: SimConfig;
    log: Logger;
}

/** Runs one controller: maps informer events to keys, reconciles, executes the actions. */
export class ControllerRunner {
    private readonly queue: WorkQueue;
    private readonly pacer = new Pacer();
    private readonly failures = new Map<string, number>();
    private readonly lastNote = new Map<string, string>();

    constructor(
        private readonly def: ControllerDef,
        private readonly deps: RunnerDeps,
    ) {
        this.queue = new WorkQueue((key) => this.handle(key));
    }

    start(): void {
        this.queue.start();
    }

    stop(): Promise<void> {
        return this.queue.stop();
    }

    onEvent(
        gvk: { apiVersion: string; kind: string },
        _type: InformerEventType,
        obj: KubeObject,
    ): void {
        if (sameKind(gvk, this.def.primary)) this.queue.add(keyOf(obj));
        for (const w of this.def.watches) {
            if (sameKind(w.gvk, gvk))
                for (const k of w.map(obj, this.deps.store)) this.queue.add(k);
        }
    }

    private async handle(key: string): Promise<number | undefined> {
        const now = Date.now();
        const ctx = { now, sinceStep: this.pacer.sinceStep(key, now), config: this.deps.config };
        try {
            const res = this.def.reconcile(key, this.deps.store, ctx);
            for (const a of res.actions) await this.exec(a);
            if (res.stepped) this.pacer.mark(key, Date.now());
            if (!this.deps.store.get(this.def.primary, key)) this.pacer.forget(key);
            this.failures.delete(key);
            return res.requeueAfter;
        } catch (err) {
            return this.onError(key, err);
        }
    }

    private onError(key: string, err: unknown): number {
        if (err instanceof KubeApiError && err.code === 409)
            return 20 + Math.floor(Math.random() * 50);
        const n = (this.failures.get(key) ?? 0) + 1;
        this.failures.set(key, n);
        if (err instanceof KubeApiError && err.code === 404) return Math.min(50 * 2 ** n, 2000);
        const msg = `[${this.def.name}] ${key}: ${(err as Error).message ?? String(err)}`;
        if (this.lastNote.get(key) !== msg) this.deps.log(msg);
        this.lastNote.set(key, msg);
        return Math.min(200 * 2 ** n, 10_000);
    }

    private async exec(a: Action): Promise<void> {
        const client = (a.as && this.deps.clientFor?.(a.as)) || this.deps.client;
        if (a.op === "delete") {
            if (a.unlessLive && (await anyLive(this.deps.client, a.unlessLive))) return;
            this.deps.log(`[${this.def.name}] delete ${describeObj(a.ref)}: ${a.why}`);
            await client.delete(a.ref, a.opts);
            return;
        }
        const target = a.op === "patch" ? a.ref : a.obj;
        const sub = a.op === "patch" && a.subresource ? ` (${a.subresource})` : "";
        this.deps.log(`[${this.def.name}] ${a.op} ${describeObj(target)}${sub}: ${a.why}`);
        // Writes go under the simulated controller's own field manager, as KubeVirt's would.
        const res =
            a.op === "create"
                ? await client.create(a.obj, { fieldManager: simFieldManager })
                : a.op === "replace"
                  ? await client.replace(a.obj)
                  : await client.mergePatch(a.ref, a.patch, a.subresource, simFieldManager);
        this.deps.informers
            .get(gvkId(target))
            ?.upsert({ ...res, apiVersion: target.apiVersion, kind: target.kind });
    }
}

/** Whether any of `refs` exists on the server now (a live read, not the cache). */
async function anyLive(client: KubeClient, refs: LiveRef[]): Promise<boolean> {
    for (const r of refs) {
        const obj = await client.get(r.ref);
        if (obj && (!r.uid || obj.metadata.uid === r.uid)) return true;
    }
    return false;
}
