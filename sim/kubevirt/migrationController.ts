/**
 * VirtualMachineInstanceMigration (docs/semantics.md#live-migration): the create mutator's label and finalizer,
 * the admitter's rejections (reported as phase Failed since the bare API server cannot reject),
 * then Pending → Scheduling → Scheduled → PreparingTarget → TargetReady → Running → Succeeded.
 * On success the VMI keeps its uid, moves to another node and reports the spec as now attached
 * (hot-plugged CPU/memory/NICs), clearing HotVCPUChange/HotMemoryChange/MigrationRequired/
 * VolumesChange. Deleting an unfinished migration aborts it. Only the 5 newest finished
 * migrations per VMI are kept.
 *
 * x-refs: kubevirt pkg/virt-controller/watch/migration/migration.go,
 * pkg/virt-api/webhooks/.../migration-create-admitter.go, migration-create-mutator.go.
 */
import {
    deleteAction,
    guardedPatch,
    noop,
    statusUpdate,
    type Action,
    type Result,
} from "../actions";
import { delayFor } from "../config";
import { waitStep, type ControllerDef, type Ctx } from "../controller";
import { Node, Vmi, Vmim, keyOf } from "../kinds";
import type { Store } from "../store";
import { removeCondition } from "../util/conditions";
import { k8sTime } from "../util/time";
import { hasFinalizer, removeFinalizer } from "./lookups";
import { pickNode } from "./scheduling";
import {
    ann,
    isFinal,
    migrationFinalizer,
    type Migration,
    type VirtualMachineInstance,
} from "./types";
import { attachedStatus } from "./vmiStatus";
import {
    fail,
    finalMigrationPhases,
    migrationsFor,
    rejection,
    withPhase,
} from "./migrationAdmission";

export { finalMigrationPhases, migrationsFor } from "./migrationAdmission";

const next: Record<string, string> = {
    Pending: "Scheduling",
    Scheduling: "Scheduled",
    Scheduled: "PreparingTarget",
    PreparingTarget: "TargetReady",
    TargetReady: "Running",
    Running: "Succeeded",
};
const keepFinished = 5;

export const migrationController: ControllerDef = {
    name: "virt-controller/migration",
    primary: Vmim,
    watches: [
        {
            gvk: Vmi,
            map: (o, s) =>
                migrationsFor(s, o.metadata.namespace ?? "", o.metadata.name ?? "").map(keyOf),
        },
    ],
    reconcile: reconcileMigration,
};

/** The create mutator's vmi-name label and finalizer, when missing (the bare API server runs no mutator). */
function mutator(m: Migration): Result | undefined {
    if (
        m.metadata.labels?.[ann.vmiNameLabel] === m.spec.vmiName &&
        hasFinalizer(m, migrationFinalizer)
    )
        return undefined;
    const metadata = {
        labels: { [ann.vmiNameLabel]: m.spec.vmiName },
        finalizers: [
            ...(m.metadata.finalizers ?? []).filter((f) => f !== migrationFinalizer),
            migrationFinalizer,
        ],
    };
    const why = "migration mutator: vmi-name label and finalizer";
    return { actions: [guardedPatch(m, { metadata }, why)] };
}

export function reconcileMigration(key: string, store: Store, ctx: Ctx): Result {
    const m = store.get<Migration>(Vmim, key);
    if (!m) return noop();
    const vmi = store.get<VirtualMachineInstance>(Vmi, `${m.metadata.namespace}/${m.spec.vmiName}`);
    if (m.metadata.deletionTimestamp) return cancel(m, vmi, ctx);
    const mutated = mutator(m);
    if (mutated) return mutated;
    const phase = m.status?.phase ?? "";
    if (finalMigrationPhases.has(phase)) return garbageCollect(m, store);
    if (phase === "") {
        const rejected = rejection(m, vmi, store, ctx);
        if (rejected) return { actions: fail(m, undefined, rejected, ctx, "rejected") };
    } else if (!vmi || isFinal(vmi)) {
        return {
            actions: fail(
                m,
                undefined,
                {
                    reason: "VMIGone",
                    message: `VMI ${m.spec.vmiName} stopped during the migration`,
                },
                ctx,
                "failed",
            ),
        };
    }
    const wait = waitStep(ctx, delayFor(ctx.config, "migration"));
    if (wait !== undefined) return noop(wait);
    return { actions: advance(m, vmi!, phase, store, ctx), stepped: true };
}

function advance(
    m: Migration,
    vmi: VirtualMachineInstance,
    phase: string,
    store: Store,
    ctx: Ctx,
): Action[] {
    if (phase === "")
        return statusUpdate(m, withPhase(m, "Pending", ctx), "migration accepted", "status");
    const to = next[phase]!;
    const source = vmi.status?.nodeName ?? "";
    if (phase === "Scheduling") return schedule(m, vmi, to, source, store, ctx);
    const state = { ...(m.status?.migrationState ?? {}) };
    const actions: Action[] = [];
    if (phase === "Scheduled")
        actions.push(
            ...vmiMigrationState(
                vmi,
                { ...state, sourcePod: `virt-launcher-${vmi.metadata.name}-${source}` },
                "preparing migration target",
            ),
        );
    if (phase === "TargetReady")
        actions.push(
            ...vmiMigrationState(
                vmi,
                { ...vmi.status?.migrationState, startTimestamp: k8sTime(ctx.now) },
                "migration started",
            ),
        );
    if (phase === "Running") return finish(m, vmi, store, ctx);
    return [...statusUpdate(m, withPhase(m, to, ctx), `migration ${to}`, "status"), ...actions];
}

/** Scheduling: pick a target node other than the source (or fail: nowhere to go). */
function schedule(
    m: Migration,
    vmi: VirtualMachineInstance,
    to: string,
    source: string,
    store: Store,
    ctx: Ctx,
): Action[] {
    const target = pickNode(store.list(Node), store.list<VirtualMachineInstance>(Vmi), vmi.spec, {
        exclude: source,
        extraSelector: m.spec.addedNodeSelector ?? {},
    });
    if (!target)
        return fail(
            m,
            vmi,
            {
                reason: "TargetUnschedulable",
                message: "no node can host the migration target pod",
            },
            ctx,
            "failed",
        );
    const state = {
        migrationUid: m.metadata.uid,
        sourceNode: source,
        targetNode: target,
        targetPod: `virt-launcher-${vmi.metadata.name}-${target}`,
        mode: "PreCopy",
    };
    return statusUpdate(
        m,
        withPhase(m, to, ctx, { migrationState: state }),
        `target node ${target}`,
        "status",
    );
}

function vmiMigrationState(
    vmi: VirtualMachineInstance,
    state: Record<string, unknown>,
    why: string,
): Action[] {
    return statusUpdate(vmi, { ...vmi.status, migrationState: state }, why, undefined);
}

const hotConditions = ["HotVCPUChange", "HotMemoryChange", "MigrationRequired", "VolumesChange"];

function finish(m: Migration, vmi: VirtualMachineInstance, store: Store, ctx: Ctx): Action[] {
    const knob =
        m.metadata.annotations?.[ann.simFailMigration] ??
        vmi.metadata.annotations?.[ann.simFailMigration];
    if (knob !== undefined)
        return fail(
            m,
            vmi,
            { reason: "MigrationFailed", message: `migration failed (sim knob): ${knob}` },
            ctx,
            "failed",
        );
    const target = (m.status?.migrationState?.targetNode as string | undefined) ?? "";
    const end = k8sTime(ctx.now);
    const state = { ...(vmi.status?.migrationState ?? {}), completed: true, endTimestamp: end };
    const conds = hotConditions.reduce(
        (c, t) => removeCondition(c, t),
        vmi.status?.conditions ?? [],
    );
    const vmiStatus = {
        ...vmi.status,
        ...attachedStatus(vmi, target, store.list(Node)),
        nodeName: target,
        migrationState: state,
        conditions: conds,
    };
    return [
        ...statusUpdate(vmi, vmiStatus, `migrated ${vmi.status?.nodeName} → ${target}`, undefined),
        ...succeeded(m, end, ctx),
    ];
}

function succeeded(m: Migration, end: string, ctx: Ctx): Action[] {
    const migrationState = {
        ...(m.status?.migrationState ?? {}),
        completed: true,
        endTimestamp: end,
    };
    return statusUpdate(
        m,
        withPhase(m, "Succeeded", ctx, { migrationState }),
        "migration Succeeded",
        "status",
    );
}

/** Deleting an unfinished migration aborts it; then the finalizer is released. */
function cancel(m: Migration, vmi: VirtualMachineInstance | undefined, ctx: Ctx): Result {
    const actions: Action[] = [];
    const ms = vmi?.status?.migrationState;
    if (vmi && ms && ms.migrationUid === m.metadata.uid && !ms.completed && !ms.failed) {
        const state = {
            ...ms,
            abortRequested: true,
            abortStatus: "Succeeded",
            failed: true,
            endTimestamp: k8sTime(ctx.now),
            failureReason: "Migration aborted",
        };
        actions.push(
            ...statusUpdate(
                vmi,
                { ...vmi.status, migrationState: state },
                "migration aborted (VMIM deleted)",
                undefined,
            ),
        );
    }
    if (hasFinalizer(m, migrationFinalizer))
        actions.push(removeFinalizer(m, migrationFinalizer, "migration deleted"));
    return { actions };
}

/** Keep only the newest finished migrations per VMI (`defaultFinalizedMigrationGarbageCollectionBuffer`). */
function garbageCollect(m: Migration, store: Store): Result {
    const done = migrationsFor(store, m.metadata.namespace ?? "", m.spec.vmiName)
        .filter(
            (x) => finalMigrationPhases.has(x.status?.phase ?? "") && !x.metadata.deletionTimestamp,
        )
        .sort(
            (a, b) =>
                (a.metadata.creationTimestamp ?? "").localeCompare(
                    b.metadata.creationTimestamp ?? "",
                ) || (a.metadata.name ?? "").localeCompare(b.metadata.name ?? ""),
        );
    const excess = done.slice(0, Math.max(0, done.length - keepFinished));
    return excess.some((x) => x.metadata.uid === m.metadata.uid)
        ? { actions: [deleteAction(m, "garbage-collect finished migration")] }
        : noop();
}
