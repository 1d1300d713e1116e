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
import { contentCleaner, snapshotController } from "./csi/snapshotter";
import { ensureNodes } from "./core/nodes";
import { pvcBinder } from "./core/pvcBinder";
import { serviceAccountController } from "./core/serviceAccounts";
import { Informer, sleep } from "./informer";
import { watchedKinds } from "./kinds";
import { migrationController } from "./kubevirt/migrationController";
import { vmController } from "./kubevirt/vmController";
import { vmiController } from "./kubevirt/vmiController";
import { workloadUpdater } from "./kubevirt/workloadUpdater";
import { stdoutLogger, type Logger } from "./log";
import { ControllerRunner } from "./loop";
import { nodeStateController } from "./nmstate/nodeStateController";
import { virtHandler } from "./node/handler";
import { kubelet } from "./node/kubelet";
import { podScheduler } from "./node/scheduler";
import { policyController } from "./nmstate/policyController";
import { MemoryStore, gvkId } from "./store";

export { makeConfig, loadConfig, defaultConfig, type SimConfig } from "./config";

/** What no real component on the bed can do: CDI, nmstate, claim binding, CSI snapshots, service accounts, GC. */
const alwaysSimulated: ControllerDef[] = [
    dvController,
    dataSourceController,
    pvcBinder,
    snapshotController,
    contentCleaner,
    policyController,
    nodeStateController,
    garbageCollector,
    serviceAccountController,
];

/**
 * `kubevirt: "sim"` plays KubeVirt's controllers too (the fallback when its binaries cannot be
 * built); `"real"` leaves them to KubeVirt's own virt-controller and virt-api and plays only the
 * node side they rely on: scheduler, kubelet and virt-handler.
 */
export function controllersFor(kubevirt: "sim" | "real"): ControllerDef[] {
    const kubevirtSide =
        kubevirt === "real"
            ? [podScheduler, kubelet, virtHandler]
            : [vmController, vmiController, migrationController, workloadUpdater];
    return [...kubevirtSide, ...alwaysSimulated];
}

export const controllers: ControllerDef[] = controllersFor("sim");

export interface SimHandle {
    /** Resolves once nodes exist, caches are filled and controllers run (rejects if node setup fails). */
    ready: Promise<void>;
    stop(): Promise<void>;
}

export interface SimOptions {
    log?: Logger;
    /** Clients of other identities (real mode: "handler:<node>", see `Action.as`). */
    clientFor?: (identity: string) => KubeClient | undefined;
}

export function startSim(
    client: KubeClient,
    config: Partial<SimConfig> | SimConfig = {},
    opts: SimOptions = {},
): SimHandle {
    const cfg = makeConfig(config);
    const log = opts.log ?? stdoutLogger;
    const store = new MemoryStore();
    const abort = new AbortController();
    setMaxListeners(0, abort.signal);
    const informers = informersFor(client, store, log, cfg);
    const deps = { client, clientFor: opts.clientFor, store, informers, config: cfg, log };
    const runners = controllersFor(cfg.kubevirt).map((def) => new ControllerRunner(def, deps));
    for (const inf of informers.values())
        inf.onEvent((type, obj) => runners.forEach((r) => r.onEvent(inf.gvk, type, obj)));
    const runs: Promise<void>[] = [];
    const ready = (async () => {
        await retryUntilReachable(() => ensureNodes(client, cfg.nodes, log), abort.signal, log);
        for (const inf of informers.values()) runs.push(inf.run(abort.signal));
        await Promise.all([...informers.values()].map((i) => i.synced));
        if (abort.signal.aborted) return;
        runners.forEach((r) => r.start());
        log(
            `[sim] running ${runners.length} controllers (KubeVirt ${cfg.kubevirt}, rollout ${cfg.rolloutStrategy}, nodes ${cfg.nodes.join(", ")})`,
        );
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

/** One informer per watched kind, feeding the shared store. */
function informersFor(
    client: KubeClient,
    store: MemoryStore,
    log: Logger,
    cfg: SimConfig,
): Map<string, Informer> {
    return new Map(
        watchedKinds.map((g) => [
            gvkId(g),
            new Informer(client, g, store.kind(g), log, cfg.resyncSeconds * 1000, (s) =>
                store.setServed(g, s),
            ),
        ]),
    );
}

/** Retries `fn` every second (the API server may still be starting), logging each distinct error once. */
async function retryUntilReachable(
    fn: () => Promise<void>,
    signal: AbortSignal,
    log: Logger,
): Promise<void> {
    let last = "";
    while (!signal.aborted) {
        try {
            return await fn();
        } catch (err) {
            const msg = (err as Error).message ?? String(err);
            if (msg !== last)
                log(`[sim] API server not usable yet (${msg}); retrying every second`);
            last = msg;
            await sleep(1000, signal);
        }
    }
}
