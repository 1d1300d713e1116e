/**
 * Simulator configuration: cluster-level KubeVirt settings the provider cannot see from a VM, the
 * fake node set, and timing. Loaded from an optional JSON file merged over the defaults.
 */
import { readFileSync } from "fs";

export interface Delays {
    /** Default pause between two steps of any simulated state machine, in ms. */
    step: number;
    vmi?: number;
    migration?: number;
    import?: number;
    nncp?: number;
    pvc?: number;
}

export interface SimConfig {
    /** "sim": also play KubeVirt's controllers; "real": KubeVirt's own run, the sim plays the nodes. */
    kubevirt: "sim" | "real";
    /** KubeVirt `spec.configuration.vmRolloutStrategy` (1.6+ default LiveUpdate). */
    rolloutStrategy: "LiveUpdate" | "Stage";
    /** KubeVirt `workloadUpdateStrategy.workloadUpdateMethods` (HCO default [LiveMigrate]). */
    workloadUpdateMethods: ("LiveMigrate" | "Evict")[];
    /** LiveUpdateNADRef feature (GA in 1.9). */
    liveUpdateNADRef: boolean;
    /** "accessModes" (virt-handler's rule): non-RWX claims block migration (DisksNotLiveMigratable). "simple": only hostDisks do. */
    diskMigratability: "simple" | "accessModes";
    /** Refuse every migration (fault knob). */
    refuseMigrations: boolean;
    nodes: string[];
    delays: Delays;
    /** Progress updates between 0% and 100% of an import or clone. */
    transferSteps: number;
    /** Wait before the workload updater retries after a failed migration. */
    migrationRetryMs: number;
    /** Full relist + requeue of everything, as informers' periodic resync. */
    resyncSeconds: number;
}

export const defaultConfig: SimConfig = {
    kubevirt: "sim",
    rolloutStrategy: "LiveUpdate",
    workloadUpdateMethods: ["LiveMigrate"],
    liveUpdateNADRef: true,
    diskMigratability: "accessModes",
    refuseMigrations: false,
    nodes: ["node-a", "node-b", "node-c"],
    delays: { step: 250 },
    transferSteps: 4,
    migrationRetryMs: 10_000,
    resyncSeconds: 60,
};

/** Defaults, overlaid with `partial` (delays merge key by key). */
export function makeConfig(partial: Partial<SimConfig> = {}): SimConfig {
    const cfg: SimConfig = {
        ...defaultConfig,
        ...partial,
        delays: { ...defaultConfig.delays, ...(partial.delays ?? {}) },
    };
    validateConfig(cfg);
    return cfg;
}

export function loadConfig(path?: string): SimConfig {
    if (!path) return makeConfig();
    return makeConfig(JSON.parse(readFileSync(path, "utf8")) as Partial<SimConfig>);
}

function validateConfig(cfg: SimConfig): void {
    if (!["LiveUpdate", "Stage"].includes(cfg.rolloutStrategy)) {
        throw new Error(
            `sim config: "rolloutStrategy" must be "LiveUpdate" or "Stage", got ${JSON.stringify(cfg.rolloutStrategy)}`,
        );
    }
    if (!["sim", "real"].includes(cfg.kubevirt))
        throw new Error(
            `sim config: "kubevirt" must be "sim" or "real", got ${JSON.stringify(cfg.kubevirt)}`,
        );
    if (!cfg.nodes.length) throw new Error(`sim config: "nodes" must list at least one node`);
    if (!(cfg.delays.step >= 0)) throw new Error(`sim config: "delays.step" must be a number >= 0`);
}

/** The step delay for one area, falling back to `delays.step`. */
export function delayFor(cfg: SimConfig, area: keyof Omit<Delays, "step">): number {
    return cfg.delays[area] ?? cfg.delays.step;
}

export const isLiveUpdate = (cfg: SimConfig): boolean => cfg.rolloutStrategy === "LiveUpdate";
