/**
 * What a rollout will look like, for preview and the PR report: per group, how many VMs restart
 * and in how many waves, how many migrate and how many at a time. Pure: it sees only the plan.
 */
import { permitsOf, KUBEVIRT_MIGRATION_LIMITS, type RolloutSpec } from "./types";

export interface RolloutMember {
    name: string;
    rollout?: RolloutSpec;
    /** The planned step that disrupts the VM in this run, if any. */
    disruption?: "restart" | "migrate";
}

export interface GroupWaves {
    /** "" for VMs that belong to no group (Pulumi updates them all at once). */
    group: string;
    restarts: number;
    /** Restarts at once; Infinity outside a group. */
    restartBatch: number;
    migrations: number;
    /** Migrations at once: the group's budget or KubeVirt's cluster limit, whichever is lower. */
    migrationBatch: number;
    /** Which of the two set migrationBatch. */
    migrationLimitBy: "group" | "cluster";
}

/** Groups in first-seen order; VMs with no disruption are left out. */
export function planWaves(
    members: RolloutMember[],
    clusterLimit: number = KUBEVIRT_MIGRATION_LIMITS.perCluster,
): GroupWaves[] {
    const out = new Map<string, GroupWaves>();
    for (const m of members) {
        if (!m.disruption) continue;
        const spec: RolloutSpec = m.rollout ?? {
            group: "",
            maxUnavailable: Number.POSITIVE_INFINITY,
        };
        const g = out.get(spec.group) ?? newGroup(spec.group);
        out.set(spec.group, g);
        g.restartBatch = Math.min(g.restartBatch, permitsOf(spec, "restart"));
        const groupMig = permitsOf(spec, "migrate");
        if (groupMig < g.migrationBatch)
            [g.migrationBatch, g.migrationLimitBy] = [
                groupMig,
                groupMig < clusterLimit ? "group" : "cluster",
            ];
        if (m.disruption === "restart") g.restarts++;
        else g.migrations++;
    }
    for (const g of out.values()) g.migrationBatch = Math.min(g.migrationBatch, clusterLimit);
    return [...out.values()];
}

function newGroup(group: string): GroupWaves {
    return {
        group,
        restarts: 0,
        restartBatch: Number.POSITIVE_INFINITY,
        migrations: 0,
        migrationBatch: Number.POSITIVE_INFINITY,
        migrationLimitBy: "cluster",
    };
}

/** "12 VMs restart in 4 waves of 3; 40 migrations, 5 at a time by cluster limit". */
export function describeWaves(g: GroupWaves): string {
    const parts: string[] = [];
    if (g.restarts > 0) {
        if (!Number.isFinite(g.restartBatch) || g.restartBatch >= g.restarts)
            parts.push(`${vms(g.restarts)} restart at once`);
        else
            parts.push(
                `${vms(g.restarts)} restart in ${Math.ceil(g.restarts / g.restartBatch)} waves of ${g.restartBatch}`,
            );
    }
    if (g.migrations > 0) {
        const n = g.migrations === 1 ? "1 migration" : `${g.migrations} migrations`;
        parts.push(
            g.migrations <= g.migrationBatch
                ? `${n} at once`
                : `${n}, ${g.migrationBatch} at a time by ${g.migrationLimitBy} limit`,
        );
    }
    const head = g.group ? `rollout group '${g.group}': ` : "no rollout group: ";
    return head + parts.join("; ");
}

const vms = (n: number) => (n === 1 ? "1 VM" : `${n} VMs`);
