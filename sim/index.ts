/**
 * In-process entry point: `startSim(client, config)` runs every simulated controller against
 * the API server behind `client` until `stop()`. Used by `main.ts` and by tests.
 */
import { setMaxListeners } from "events";
import type { KubeClient } from "../provider/k8s/client";
import { dataSourceController } from "./cdi/dataSourceController";
import { dvController } from "./cdi/dvController";
import { makeConfig, type SimConfig } from "./config";
import type { ControllerDef } from "./controller";
import { garbageCollector } from "./core/gc";
import { ensureNodes } from "./core/nodes";
import { pvcBinder } from "./core/pvcBinder";
import { Informer, sleep } from "./informer";
import { watchedKinds } from "./kinds";
import { migrationController } from "./kubevirt/migrationController";
import { vmController } from "./kubevirt/vmController";
import { vmiController } from "./kubevirt/vmiController";
import { workloadUpdater } from "./kubevirt/workloadUpdater";
import { stdoutLogger, type Logger } from "./log";
import { ControllerRunner } from "./loop";
import { nodeStateController } from "./nmstate/nodeStateController";
import { policyController } from "./nmstate/policyController";
import { MemoryStore, gvkId } from "./store";

export { makeConfig, loadConfig, defaultConfig, type SimConfig } from "./config";

export const controllers: ControllerDef[] = [
    vmController,
    vmiController,
    migrationController,
    workloadUpdater,
    dvController,
    dataSourceController,
    pvcBinder,
    policyController,
    nodeStateController,
    garbageCollector,
];

export interface SimHandle {
    /** Resolves once nodes exist, caches are filled and controllers run (rejects if node setup fails). */
    ready: Promise<void>;
    stop(): Promise<void>;
}

export interface SimOptions {
    log?: Logger;
}

export function startSim(client: KubeClient, config: Partial<SimConfig> | SimConfig = {}, opts: SimOptions = {}): SimHandle {
    const cfg = makeConfig(config);
    const log = opts.log ?? stdoutLogger;
    const store = new MemoryStore();
    const abort = new AbortController();
    setMaxListeners(0, abort.signal);
    const informers = new Map(
        watchedKinds.map((g) => [gvkId(g), new Informer(client, g, store.kind(g), log, cfg.resyncSeconds * 1000, (s) => store.setServed(g, s))]),
    );
    const runners = controllers.map((def) => new ControllerRunner(def, { client, store, informers, config: cfg, log }));
    for (const inf of informers.values()) inf.onEvent((type, obj) => runners.forEach((r) => r.onEvent(inf.gvk, type, obj)));
    const runs: Promise<void>[] = [];
    const ready = (async () => {
        await retryUntilReachable(() => ensureNodes(client, cfg.nodes, log), abort.signal, log);
        for (const inf of informers.values()) runs.push(inf.run(abort.signal));
        await Promise.all([...informers.values()].map((i) => i.synced));
        if (abort.signal.aborted) return;
        runners.forEach((r) => r.start());
        log(`[sim] running ${runners.length} controllers (rollout ${cfg.rolloutStrategy}, nodes ${cfg.nodes.join(", ")})`);
    })();
    return {
        ready,
        async stop() {
            abort.abort();
            await ready.catch(() => undefined);
            await Promise.allSettled(runs);
            await Promise.all(runners.map((r) => r.stop()));
        },
    };
}

/** Retries `fn` every second (the API server may still be starting), logging each distinct error once. */
async function retryUntilReachable(fn: () => Promise<void>, signal: AbortSignal, log: Logger): Promise<void> {
    let last = "";
    while (!signal.aborted) {
        try {
            return await fn();
        } catch (err) {
            const msg = (err as Error).message ?? String(err);
            if (msg !== last) log(`[sim] API server not usable yet (${msg}); retrying every second`);
            last = msg;
            await sleep(1000, signal);
        }
    }
}
