/**
 * What a node drain does to a VM: its effective evictionStrategy (the VM's, else the cluster's)
 * against its migratability. Pure (docs/semantics.md#eviction-strategy).
 *
 * KubeVirt's pod-eviction webhook decides: with LiveMigrate it refuses to evict the launcher pod
 * of a VM that cannot migrate (so the drain waits until someone stops the VM); with
 * LiveMigrateIfPossible it lets such a pod go (the VM stops); with None every pod goes; with
 * External it marks the VM for an outside controller and refuses the eviction.
 */
import { getAt } from "../../diff/paths";
import type { ClusterMigrationFacts, Migratability } from "./migratability";

/** The `eviction` output of a VirtualMachine. */
export interface Eviction {
    /** Effective evictionStrategy: LiveMigrate, LiveMigrateIfPossible, None or External. */
    strategy: string;
    /** Where the strategy comes from: the VM's template, or the KubeVirt CR's default. */
    from: "vm" | "cluster";
    /** Whether the VM can live-migrate (null: not known until its claims exist). */
    migratable: boolean | null;
    /** Why it cannot migrate (or what is not known yet). */
    reasons: string[];
    /** What a node drain does to it. */
    onDrain: string;
    /** Set when the strategy is LiveMigrate and the VM cannot migrate: preview and up warn with it. */
    warning: string | null;
}

type Known = "true" | "false" | "null";

/** strategy → migratable → what a drain does. */
const onDrain: Record<string, Record<Known, string>> = {
    LiveMigrate: {
        true: "live-migrates to another node",
        false: "is blocked: KubeVirt refuses to evict a VM that cannot migrate, so the node does not drain until the VM is stopped",
        null: "live-migrates if it can; otherwise blocks the drain",
    },
    LiveMigrateIfPossible: {
        true: "live-migrates to another node",
        false: "stops the VM (its run strategy may start it again elsewhere)",
        null: "live-migrates if it can; otherwise stops the VM",
    },
    None: {
        true: "stops the VM (its run strategy may start it again elsewhere)",
        false: "stops the VM (its run strategy may start it again elsewhere)",
        null: "stops the VM (its run strategy may start it again elsewhere)",
    },
    External: {
        true: "waits for an external controller, which KubeVirt signals on the VM",
        false: "waits for an external controller, which KubeVirt signals on the VM",
        null: "waits for an external controller, which KubeVirt signals on the VM",
    },
};

/** Pure: the eviction output of the declared VM `name`. */
export function evictionOf(
    name: string,
    vm: object,
    cluster: ClusterMigrationFacts,
    migration: Migratability,
): Eviction {
    const own = getAt(vm as never, ["spec", "template", "spec", "evictionStrategy"]);
    const strategy = typeof own === "string" ? own : cluster.evictionStrategy;
    const from = typeof own === "string" ? "vm" : "cluster";
    const drain =
        onDrain[strategy]?.[String(migration.migratable) as Known] ??
        `evictionStrategy '${strategy}' is not one KubeVirt knows`;
    const blocks = strategy === "LiveMigrate" && migration.migratable === false;
    return {
        strategy,
        from,
        migratable: migration.migratable,
        reasons: migration.reasons,
        onDrain: drain,
        warning: blocks
            ? `${name}: evictionStrategy LiveMigrate (${from === "vm" ? "declared on the VM" : "the cluster default"}) but the VM cannot live-migrate (${migration.reasons.join("; ")}); a node drain ${drain}`
            : null,
    };
}
