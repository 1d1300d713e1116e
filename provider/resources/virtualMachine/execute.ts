/**
 * Carries out an applied update the way the plan said, then checks that the cluster agrees:
 *   live        → KubeVirt propagates it; verify no RestartRequired appeared.
 *   liveMigrate → wait for the migration KubeVirt starts (or start one), verify same VMI on a new node.
 *   restart     → per restartPolicy: leave pending (default, with a warning), restart, or (fail) never get here.
 * Disagreements are reported, never hidden: they land in `lastUpdate.mismatch` and in a warning.
 *
 * Every wait goes through the awaiter and draws from the update's one budget (the user's
 * `timeouts.update`). A few waits also have a grace period (graceMs): how long KubeVirt gets to
 * act before the provider concludes it will not. A grace period never outlasts the budget.
 */
import type { KubeObject } from "../../k8s/client";
import { AwaitTimeoutError, isNotFound } from "../../errors";
import type { OpContext, Props } from "../../kindProvider";
import { awaitObject, awaitSelection, warningEvents } from "../../await/awaiter";
import { awaitShared, cachedGet } from "../../await/sharedWatch";
import { remainingMs, type Budget } from "../../await/timeouts";
import type { Impact, MismatchKind } from "../../diff/types";
import type { PlannedImpact } from "./plan";
import type { LastUpdate } from "./outputs";
import { vmiRef, vmRef } from "./desired";
import {
    expectsRunning,
    runStrategyOf,
    untilGuest,
    untilMigrated,
    untilNewVmi,
    untilVmSettled,
} from "./readiness";
import {
    graceMs,
    migrationSelection,
    untilFreshMigration,
    untilGenerationObserved,
    untilRestartRequired,
} from "./executeConditions";

export interface Before {
    vmiUid?: string;
    node?: string;
    migrations: Set<string>;
}

export const restartPolicies = ["never", "onChange", "fail"] as const;

const nodeOf = (vmi: KubeObject | undefined): string | undefined =>
    (vmi?.status as Props | undefined)?.nodeName;

function mismatch(last: LastUpdate, observed: MismatchKind, message: string): void {
    last.mismatch = { planned: last.impact as Impact, observed, message };
    last.outcome = message;
}

export async function carryOut(
    ctx: OpContext,
    inputs: Props,
    plan: PlannedImpact,
    before: Before,
    budget: Budget,
    applied: KubeObject,
): Promise<LastUpdate> {
    const last: LastUpdate = {
        impact: plan.impact,
        summary: plan.summary,
        outcome: "as planned",
        mismatch: null,
        vmiUidBefore: before.vmiUid,
        nodeBefore: before.node,
    };
    const running = !!before.vmiUid;
    if (running && plan.impact === "liveMigrate") await migrate(ctx, inputs, before, last, budget);
    if (running && plan.impact === "restart") await restartPerPolicy(ctx, inputs, last, budget);
    const staysRunning =
        expectsRunning(runStrategyOf(inputs.spec)) || runStrategyOf(inputs.spec) === "Manual";
    if (running && staysRunning && ["none", "metadata", "live"].includes(plan.impact))
        await verifyNoRestartRequired(ctx, inputs, last, budget, applied);
    await settle(ctx, inputs, budget, applied.metadata.resourceVersion);
    // A migration or restart just changed the VMI: read it, since the shared cache may lag by an event.
    const vmi = movesVmi(plan.impact)
        ? await ctx.client.get(vmiRef(inputs))
        : await cachedGet(ctx.client, vmiRef(inputs));
    last.vmiUidAfter = vmi?.metadata.uid;
    last.nodeAfter = nodeOf(vmi);
    if (last.mismatch) ctx.say(`WARNING: ${last.outcome}`);
    return last;
}

/** Impacts after which the VMI is another one, or elsewhere: its cached copy may still show the old. */
export const movesVmi = (impact: string): boolean =>
    impact === "liveMigrate" || impact === "restart";

/**
 * Wait for the VM to settle in the state its run strategy declares (judged on versions at least
 * as new as our write, `minRv`, through the shared VM watch), then for any guest waits asked for.
 */
export async function settle(
    ctx: OpContext,
    inputs: Props,
    budget: Budget,
    minRv?: string,
): Promise<KubeObject | undefined> {
    const strategy = runStrategyOf(inputs.spec);
    const vm = await awaitShared(ctx.client, vmRef(inputs), untilVmSettled(strategy), {
        minRv,
        budget,
        what: `VirtualMachine ${inputs.metadata.namespace}/${inputs.metadata.name} to be ${expectsRunning(strategy) ? "Ready" : strategy}`,
        onProgress: ctx.say,
        events: () => warningEvents(ctx.client, vmRef(inputs)),
    });
    const wait = inputs.wait ?? {};
    if (expectsRunning(strategy) && (wait.guestAgent || wait.ipAddress)) {
        await awaitObject(
            ctx.client,
            vmiRef(inputs),
            untilGuest(!!wait.guestAgent, !!wait.ipAddress),
            {
                budget,
                what: `the guest of ${inputs.metadata.namespace}/${inputs.metadata.name}`,
                onProgress: ctx.say,
            },
        );
    }
    return vm;
}

/**
 * KubeVirt copies the VMI's migration state (and so the handler's failureReason) into the
 * migration object only after marking it Failed; the VMI already has it, so the error says why.
 */
async function withFailureReason(ctx: OpContext, inputs: Props, err: unknown): Promise<unknown> {
    const vmi = await ctx.client.get(vmiRef(inputs)).catch(() => undefined);
    const reason = ((vmi?.status as Props | undefined)?.migrationState as Props | undefined)
        ?.failureReason;
    if (!(err instanceof Error) || !reason || err.message.includes(reason)) return err;
    err.message = `${err.message}: ${reason}`;
    return err;
}

async function migrate(
    ctx: OpContext,
    inputs: Props,
    before: Before,
    last: LastUpdate,
    budget: Budget,
): Promise<void> {
    const name = await findOrStartMigration(ctx, inputs, before, budget);
    last.migration = name;
    ctx.say(`live-migrating from ${before.node} (migration ${name})`);
    try {
        await awaitObject(
            ctx.client,
            {
                apiVersion: "kubevirt.io/v1",
                kind: "VirtualMachineInstanceMigration",
                name,
                namespace: inputs.metadata.namespace,
            },
            untilMigrated,
            { budget, what: `migration ${name} of ${inputs.metadata.name}`, onProgress: ctx.say },
        );
    } catch (err) {
        throw await withFailureReason(ctx, inputs, err);
    }
    const vmi = await ctx.client.get(vmiRef(inputs));
    const node = nodeOf(vmi);
    if (vmi?.metadata.uid !== before.vmiUid)
        mismatch(
            last,
            "vmiReplaced",
            `planned a live migration, but the VMI was replaced (uid ${before.vmiUid} → ${vmi?.metadata.uid})`,
        );
    else if (node === before.node)
        mismatch(last, "notMigrated", `planned a live migration, but the VMI is still on ${node}`);
    else ctx.say(`migrated ${before.node} → ${node}`);
}

/** Runs a grace-period wait; true when it was satisfied, false when the grace (not the budget) ran out. */
async function withinGrace(budget: Budget, wait: () => Promise<unknown>): Promise<boolean> {
    try {
        await wait();
        return true;
    } catch (err) {
        // The budget, not the grace period, ran out: the update has no time left.
        if (!(err instanceof AwaitTimeoutError) || remainingMs(budget) < 1000) throw err;
        return false;
    }
}

/** KubeVirt's workload updater starts the migration itself; start one only if it does not. */
async function findOrStartMigration(
    ctx: OpContext,
    inputs: Props,
    before: Before,
    budget: Budget,
): Promise<string> {
    let fresh: KubeObject | undefined;
    const found = await withinGrace(budget, async () => {
        const objs = await awaitSelection(
            ctx.client,
            migrationSelection(inputs),
            untilFreshMigration(before.migrations),
            {
                budget,
                timeoutMs: graceMs.migrationStart,
                what: `KubeVirt to start a migration of ${inputs.metadata.name}`,
            },
        );
        fresh = objs.find((m) => !before.migrations.has(String(m.metadata.name)));
    });
    if (found && fresh) return String(fresh.metadata.name);
    ctx.say(`KubeVirt started no migration within ${graceMs.migrationStart / 1000}s; creating one`);
    const vmim = await ctx.client.create({
        apiVersion: "kubevirt.io/v1",
        kind: "VirtualMachineInstanceMigration",
        metadata: {
            generateName: `pulumi-kubevirt-${inputs.metadata.name}-`,
            namespace: inputs.metadata.namespace,
            labels: { "kubevirt.io/vmi-name": inputs.metadata.name },
        },
        spec: { vmiName: inputs.metadata.name },
    });
    return String(vmim.metadata.name);
}

async function restartPerPolicy(
    ctx: OpContext,
    inputs: Props,
    last: LastUpdate,
    budget: Budget,
): Promise<void> {
    // KubeVirt flags RestartRequired only for a running VMI; an unscheduled one has nothing to flag.
    if (nodeOf(await ctx.client.get(vmiRef(inputs)))) {
        const flagged = await withinGrace(budget, () =>
            awaitObject(ctx.client, vmRef(inputs), untilRestartRequired, {
                budget,
                timeoutMs: graceMs.restartRequired,
                what: `KubeVirt to flag RestartRequired on ${inputs.metadata.name}`,
            }),
        );
        if (!flagged)
            mismatch(
                last,
                "noRestartRequired",
                "planned a restart, but KubeVirt did not report RestartRequired",
            );
    }
    const policy = inputs.restartPolicy ?? ctx.config.restartPolicy ?? "never";
    if (policy !== "onChange") {
        ctx.say(
            `WARNING: needs a restart to apply (${last.summary}); restartPolicy is '${policy}', so the VM keeps running the old spec until restarted`,
        );
        return;
    }
    ctx.say("restarting to apply the change (restartPolicy onChange)");
    await restartVm(ctx, inputs);
    await awaitObject(ctx.client, vmiRef(inputs), untilNewVmi(last.vmiUidBefore), {
        budget,
        what: `restart of ${inputs.metadata.name}`,
        onProgress: ctx.say,
    });
}

/** Restart through KubeVirt's restart subresource; where that API is absent, delete the VMI of an Always VM. */
async function restartVm(ctx: OpContext, inputs: Props): Promise<void> {
    try {
        await ctx.client.putSubresourceApi(
            "subresources.kubevirt.io",
            "v1",
            vmRef(inputs),
            "virtualmachines",
            "restart",
            {},
        );
    } catch (err) {
        if (!isNotFound(err) || runStrategyOf(inputs.spec) !== "Always") throw err;
        await ctx.client.delete(vmiRef(inputs));
    }
}

/** A live change must not leave the VM flagged RestartRequired; give the controller a moment to say so. */
async function verifyNoRestartRequired(
    ctx: OpContext,
    inputs: Props,
    last: LastUpdate,
    budget: Budget,
    appliedVm: KubeObject,
): Promise<void> {
    // The apply's response carries the generation KubeVirt must judge: no read needed.
    const applied = appliedVm.metadata.generation ?? 0;
    let vm: KubeObject | undefined;
    const observed = await withinGrace(budget, async () => {
        vm = await awaitShared(ctx.client, vmRef(inputs), untilGenerationObserved(applied), {
            minRv: appliedVm.metadata.resourceVersion,
            budget,
            timeoutMs: graceMs.generationObserved,
            what: `KubeVirt to observe generation ${applied} of ${inputs.metadata.name}`,
        });
    });
    const rr = observed ? untilRestartRequired(vm) : undefined;
    if (rr?.ok)
        mismatch(
            last,
            "restartRequired",
            `planned '${last.impact}', but KubeVirt reports RestartRequired: ${rr.message}`,
        );
}
