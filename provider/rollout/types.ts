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

/**
 * The disruptive step `up` takes for a planned impact: a restart only under restartPolicy
 * onChange (with "never" the VM keeps running the old spec), a migration for liveMigrate.
 */
export function disruptionFor(
    impact: string,
    restartPolicy: string | undefined,
): Disruption | undefined {
    if (impact === "liveMigrate") return "migrate";
    return impact === "restart" && restartPolicy === "onChange" ? "restart" : undefined;
}

/** The budget for `kind` in `spec`; Infinity when the group sets none. */
export function permitsOf(spec: RolloutSpec, kind: Disruption): number {
    if (kind === "restart") return spec.maxUnavailable ?? DEFAULT_MAX_UNAVAILABLE;
    return spec.maxMigrating ?? Number.POSITIVE_INFINITY;
}

/** Problems with a `rollout` input, as [field, reason] pairs (field relative to `rollout`). */
export function rolloutProblems(value: unknown): [string, string][] {
    if (value === undefined || value === null) return [];
    if (typeof value !== "object" || Array.isArray(value))
        return [["", "must be an object { group, maxUnavailable?, maxMigrating? }"]];
    const v = value as Record<string, unknown>;
    const out: [string, string][] = [];
    if (typeof v.group !== "string" || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(v.group)) {
        out.push([
            "group",
            `must be a non-empty lower-case name (letters, digits, '-', '.'), got ${JSON.stringify(v.group)}`,
        ]);
    }
    for (const k of ["maxUnavailable", "maxMigrating"]) {
        if (v[k] !== undefined && !(Number.isInteger(v[k]) && (v[k] as number) >= 1))
            out.push([k, `must be a whole number of at least 1, got ${JSON.stringify(v[k])}`]);
    }
    for (const k of Object.keys(v))
        if (!["group", "maxUnavailable", "maxMigrating"].includes(k))
            out.push([k, "is not a rollout field (group, maxUnavailable, maxMigrating)"]);
    return out;
}
