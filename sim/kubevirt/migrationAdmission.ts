/**
 * Which migrations the sim's migration controller refuses, as virt-api's create admitter would
 * (migration-create-admitter.go; the bare API server cannot reject, so the controller reports
 * them as phase Failed), and the lookups the admitter and the workload updater share.
 */
import { statusUpdate, type Action } from "../actions";
import type { Ctx } from "../controller";
import { Vmim } from "../kinds";
import type { Store } from "../store";
import { findCondition, setCondition } from "../util/conditions";
import { k8sTime } from "../util/time";
import { ann, type Migration, type VirtualMachineInstance } from "./types";

export const finalMigrationPhases = new Set(["Succeeded", "Failed"]);

export function migrationsFor(store: Store, ns: string, vmiName: string): Migration[] {
    return store.list<Migration>(Vmim, ns).filter((m) => m.spec.vmiName === vmiName);
}

export interface Rejection {
    reason: string;
    message: string;
}

/** The VMI itself cannot migrate: missing, not running, or not LiveMigratable. */
function vmiRejection(
    vmi: VirtualMachineInstance | undefined,
    name: string,
): Rejection | undefined {
    if (!vmi)
        return {
            reason: "VMINotFound",
            message: `virtualmachineinstance.kubevirt.io "${name}" not found`,
        };
    if (vmi.status?.phase !== "Running")
        return {
            reason: "VMINotRunning",
            message: `Cannot migrate VMI in phase ${vmi.status?.phase ?? "Pending"}: the VMI is not running`,
        };
    const lm = findCondition(vmi.status?.conditions, "LiveMigratable");
    if (lm?.status !== "True")
        return {
            reason: lm?.reason ?? "NotMigratable",
            message: `Cannot migrate VMI, Reason: ${lm?.reason ?? "NotMigratable"}, Message: ${lm?.message ?? ""}`,
        };
    return undefined;
}

/** What `migration-create-admitter.go` (plus the sim's refuse knobs) would reject. */
export function rejection(
    m: Migration,
    vmi: VirtualMachineInstance | undefined,
    store: Store,
    ctx: Ctx,
): Rejection | undefined {
    const name = m.spec.vmiName;
    const notReady = vmiRejection(vmi, name);
    if (notReady || !vmi) return notReady;
    const other = migrationsFor(store, m.metadata.namespace ?? "", name).find(
        (x) =>
            x.metadata.uid !== m.metadata.uid &&
            x.status?.phase &&
            !finalMigrationPhases.has(x.status.phase),
    );
    if (other)
        return {
            reason: "MigrationInFlight",
            message: `in-flight migration detected. Active migration job (${other.metadata.uid}) is currently already in progress for VMI ${name}.`,
        };
    const refused =
        m.metadata.annotations?.[ann.simRefuseMigration] ??
        vmi.metadata.annotations?.[ann.simRefuseMigration];
    if (refused !== undefined || ctx.config.refuseMigrations)
        return {
            reason: "MigrationRefused",
            message: `migration refused (sim knob): ${refused || "refuseMigrations"}`,
        };
    return undefined;
}

/** The migration's status moved to `phase`, with its transition time recorded. */
export function withPhase(
    m: Migration,
    phase: string,
    ctx: Ctx,
    extra: Record<string, unknown> = {},
): Record<string, unknown> {
    const ts = [
        ...(m.status?.phaseTransitionTimestamps ?? []),
        { phase, phaseTransitionTimestamp: k8sTime(ctx.now) },
    ];
    return { ...(m.status ?? {}), ...extra, phase, phaseTransitionTimestamps: ts };
}

/** A refused or failed migration: phase Failed with the reason, and the VMI told it stays put. */
export function fail(
    m: Migration,
    vmi: VirtualMachineInstance | undefined,
    r: Rejection,
    ctx: Ctx,
    verb: string,
): Action[] {
    const conds = setCondition(
        m.status?.conditions,
        { type: "Failed", status: "True", reason: r.reason, message: r.message },
        ctx.now,
    );
    const actions = statusUpdate(
        m,
        withPhase(m, "Failed", ctx, { conditions: conds }),
        `migration ${verb}: ${r.message}`,
        "status",
    );
    const ms = vmi?.status?.migrationState;
    if (vmi && ms && ms.migrationUid === m.metadata.uid) {
        const state = {
            ...ms,
            failed: true,
            completed: false,
            endTimestamp: k8sTime(ctx.now),
            failureReason: r.message,
        };
        actions.push(
            ...statusUpdate(
                vmi,
                { ...vmi.status, migrationState: state },
                "migration failed; VMI stays on its node",
                undefined,
            ),
        );
    }
    return actions;
}
