/**
 * Rollout groups: how many VMs of one group a single `up` may disrupt at once.
 *
 * A platform team keeps a fleet in one stack; Pulumi sends every update at once, and KubeVirt
 * paces only migrations (cluster-wide and per node), never restarts. A VM that declares a group
 * takes a permit before its disruptive step and gives it back once it is Ready again, so a group
 * never has more than `maxUnavailable` VMs restarting or more than `maxMigrating` migrating.
 */
export interface RolloutSpec {
    /** VMs with the same group share the budgets below. */
    group: string;
    /** VMs of the group restarting at once (default 1). */
    maxUnavailable?: number;
    /** VMs of the group live-migrating at once (default: only KubeVirt's own cluster limit). */
    maxMigrating?: number;
}

/** A step that makes a VM unavailable (restart) or busy (live migration). */
export type Disruption = "restart" | "migrate";

/** KubeVirt's defaults for spec.configuration.migrations (parallelMigrationsPerCluster / PerNode). */
export const KUBEVIRT_MIGRATION_LIMITS = { perCluster: 5, outboundPerNode: 2 } as const;

export const DEFAULT_MAX_UNAVAILABLE = 1;

/** The budget for `kind` in `spec`; Infinity when the group sets none. */
export function budgetOf(spec: RolloutSpec, kind: Disruption): number {
    if (kind === "restart") return spec.maxUnavailable ?? DEFAULT_MAX_UNAVAILABLE;
    return spec.maxMigrating ?? Number.POSITIVE_INFINITY;
}
