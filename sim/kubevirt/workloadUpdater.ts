/**
 * The workload updater (docs/semantics.md#live-migration): a running VMI with HotVCPUChange, HotMemoryChange,
 * MigrationRequired or VolumesChange gets a migration (`kubevirt-workload-update-*`) when it is
 * migratable and `LiveMigrate` is a workload update method; otherwise, with `Evict`, it is
 * evicted (its VM's run strategy then decides whether it comes back). Retries after a failed
 * migration wait `migrationRetryMs`.
 *
 * x-refs: kubevirt pkg/virt-controller/watch/workload-updater/workload-updater.go.
 */
import { deleteAction, noop, type Result } from "../actions";
import type { ControllerDef, Ctx } from "../controller";
import { Vmi, Vmim } from "../kinds";
import type { Store } from "../store";
import { isConditionTrue } from "../util/conditions";
import { finalMigrationPhases, migrationsFor } from "./migrationController";
import { ann, type Migration, type VirtualMachineInstance } from "./types";

const triggers = ["HotVCPUChange", "HotMemoryChange", "MigrationRequired", "VolumesChange"];

export const workloadUpdater: ControllerDef = {
    name: "virt-controller/workload-updater",
    primary: Vmi,
    watches: [
        { gvk: Vmim, map: (o) => [`${o.metadata.namespace}/${(o as Migration).spec?.vmiName}`] },
    ],
    reconcile: reconcileWorkloadUpdate,
};

export function reconcileWorkloadUpdate(key: string, store: Store, ctx: Ctx): Result {
    const vmi = store.get<VirtualMachineInstance>(Vmi, key);
    if (!vmi || vmi.metadata.deletionTimestamp || vmi.status?.phase !== "Running") return noop();
    const conds = vmi.status.conditions;
    const reasons = triggers.filter((t) => isConditionTrue(conds, t));
    if (!reasons.length) return noop();
    const ms = migrationsFor(store, vmi.metadata.namespace ?? "", vmi.metadata.name ?? "");
    if (ms.some((m) => !finalMigrationPhases.has(m.status?.phase ?? ""))) return noop();
    const retryIn = retryDelay(ms, ctx);
    if (retryIn > 0) return noop(retryIn);
    const methods = ctx.config.workloadUpdateMethods;
    if (isConditionTrue(conds, "LiveMigratable") && methods.includes("LiveMigrate")) {
        return {
            actions: [
                {
                    op: "create",
                    obj: migrationFor(vmi),
                    why: `workload update: ${reasons.join(", ")}`,
                },
            ],
        };
    }
    if (methods.includes("Evict"))
        return {
            actions: [
                deleteAction(
                    vmi,
                    `workload update: evict non-migratable VMI (${reasons.join(", ")})`,
                ),
            ],
        };
    return noop();
}

function migrationFor(vmi: VirtualMachineInstance): Migration {
    return {
        apiVersion: Vmim.apiVersion,
        kind: Vmim.kind,
        metadata: {
            generateName: "kubevirt-workload-update-",
            namespace: vmi.metadata.namespace,
            labels: { [ann.vmiNameLabel]: vmi.metadata.name ?? "" },
            annotations: { [ann.workloadUpdateMigration]: vmi.metadata.name ?? "" },
        },
        spec: { vmiName: vmi.metadata.name ?? "" },
    };
}

/** Ms to wait before retrying after the newest migration failed. */
function retryDelay(ms: Migration[], ctx: Ctx): number {
    const failedAt = ms
        .filter((m) => m.status?.phase === "Failed")
        .map((m) =>
            Date.parse(m.status?.phaseTransitionTimestamps?.at(-1)?.phaseTransitionTimestamp ?? ""),
        )
        .filter((t) => Number.isFinite(t));
    if (!failedAt.length) return 0;
    return Math.max(0, Math.max(...failedAt) + ctx.config.migrationRetryMs - ctx.now);
}
