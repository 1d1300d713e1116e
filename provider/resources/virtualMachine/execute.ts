/**
 * Carries out an applied update the way the plan said, then checks that the cluster agrees:
 *   live        → KubeVirt propagates it; verify no RestartRequired appeared.
 *   liveMigrate → wait for the migration KubeVirt starts (or start one), verify same VMI on a new node.
 *   restart     → per restartPolicy: leave pending (default, with a warning), restart, or (fail) never get here.
 * Disagreements are reported, never hidden: they land in `lastUpdate.outcome` and in a warning.
 */
import type { KubeObject } from "../../k8s/client";
import { isNotFound } from "../../errors";
import type { OpContext, Props } from "../../kind";
import { awaitObject, sleep, warningEvents } from "../../await/awaiter";
import type { PlannedImpact } from "./plan";
import type { LastUpdate } from "./outputs";
import { vmiRef, vmRef } from "./desired";
import { condition, expectsRunning, runStrategyOf, untilGuest, untilMigrated, untilNewVmi, untilVmSettled } from "./readiness";

export interface Before {
    vmiUid?: string;
    node?: string;
    migrations: Set<string>;
}

export const restartPolicies = ["never", "onChange", "fail"] as const;

export async function carryOut(ctx: OpContext, inputs: Props, plan: PlannedImpact, before: Before, timeoutMs: number): Promise<LastUpdate> {
    const last: LastUpdate = { impact: plan.impact, summary: plan.summary, outcome: "as planned", vmiUidBefore: before.vmiUid, nodeBefore: before.node };
    const running = !!before.vmiUid;
    if (running && plan.impact === "liveMigrate") await migrate(ctx, inputs, before, last, timeoutMs);
    if (running && plan.impact === "restart") await restartPerPolicy(ctx, inputs, last, timeoutMs);
    const staysRunning = expectsRunning(runStrategyOf(inputs.spec)) || runStrategyOf(inputs.spec) === "Manual";
    if (running && staysRunning && ["none", "metadata", "live"].includes(plan.impact)) await verifyNoRestartRequired(ctx, inputs, last);
    await settle(ctx, inputs, timeoutMs);
    const vmi = await ctx.client.get(vmiRef(inputs));
    last.vmiUidAfter = vmi?.metadata.uid;
    last.nodeAfter = (vmi?.status as Props | undefined)?.nodeName;
    if (last.outcome !== "as planned") ctx.say(`WARNING: ${last.outcome}`);
    return last;
}

/** Wait for the VM to settle in the state its run strategy declares, then for any guest waits asked for. */
export async function settle(ctx: OpContext, inputs: Props, timeoutMs: number): Promise<KubeObject | undefined> {
    const strategy = runStrategyOf(inputs.spec);
    const vm = await awaitObject(ctx.client, vmRef(inputs), untilVmSettled(strategy), {
        timeoutMs, what: `VirtualMachine ${inputs.metadata.namespace}/${inputs.metadata.name} to be ${expectsRunning(strategy) ? "Ready" : strategy}`,
        onProgress: ctx.say, events: () => warningEvents(ctx.client, vmRef(inputs)),
    });
    const wait = inputs.wait ?? {};
    if (expectsRunning(strategy) && (wait.guestAgent || wait.ipAddress)) {
        await awaitObject(ctx.client, vmiRef(inputs), untilGuest(!!wait.guestAgent, !!wait.ipAddress), {
            timeoutMs, what: `the guest of ${inputs.metadata.namespace}/${inputs.metadata.name}`, onProgress: ctx.say,
        });
    }
    return vm;
}

/**
 * KubeVirt copies the VMI's migration state (and so the handler's failureReason) into the
 * migration object only after marking it Failed; the VMI already has it, so the error says why.
 */
async function withFailureReason(ctx: OpContext, inputs: Props, err: unknown): Promise<unknown> {
    const vmi = await ctx.client.get(vmiRef(inputs)).catch(() => undefined);
    const reason = ((vmi?.status as Props | undefined)?.migrationState as Props | undefined)?.failureReason;
    if (!(err instanceof Error) || !reason || err.message.includes(reason)) return err;
    err.message = `${err.message}: ${reason}`;
    return err;
}

async function migrate(ctx: OpContext, inputs: Props, before: Before, last: LastUpdate, timeoutMs: number): Promise<void> {
    const name = await findOrStartMigration(ctx, inputs, before);
    last.migration = name;
    ctx.say(`live-migrating from ${before.node} (migration ${name})`);
    try {
        await awaitObject(ctx.client, { apiVersion: "kubevirt.io/v1", kind: "VirtualMachineInstanceMigration", name, namespace: inputs.metadata.namespace },
            untilMigrated, { timeoutMs, what: `migration ${name} of ${inputs.metadata.name}`, onProgress: ctx.say });
    } catch (err) {
        throw await withFailureReason(ctx, inputs, err);
    }
    const vmi = await ctx.client.get(vmiRef(inputs));
    const node = (vmi?.status as Props | undefined)?.nodeName;
    if (vmi?.metadata.uid !== before.vmiUid) last.outcome = `planned a live migration, but the VMI was replaced (uid ${before.vmiUid} → ${vmi?.metadata.uid})`;
    else if (node === before.node) last.outcome = `planned a live migration, but the VMI is still on ${node}`;
    else ctx.say(`migrated ${before.node} → ${node}`);
}

/** KubeVirt's workload updater starts the migration itself; start one only if it does not. */
async function findOrStartMigration(ctx: OpContext, inputs: Props, before: Before): Promise<string> {
    const ns = inputs.metadata.namespace;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
        const list = await ctx.client.list("kubevirt.io/v1", "VirtualMachineInstanceMigration", ns, { labelSelector: `kubevirt.io/vmi-name=${inputs.metadata.name}` });
        const fresh = list.find((m) => !before.migrations.has(m.metadata.name as string));
        if (fresh) return fresh.metadata.name as string;
        await sleep(500);
    }
    ctx.say("KubeVirt started no migration within 30s; creating one");
    const vmim = await ctx.client.create({
        apiVersion: "kubevirt.io/v1", kind: "VirtualMachineInstanceMigration",
        metadata: { generateName: `pulumi-kubevirt-${inputs.metadata.name}-`, namespace: ns, labels: { "kubevirt.io/vmi-name": inputs.metadata.name } },
        spec: { vmiName: inputs.metadata.name },
    });
    return vmim.metadata.name as string;
}

async function restartPerPolicy(ctx: OpContext, inputs: Props, last: LastUpdate, timeoutMs: number): Promise<void> {
    // KubeVirt flags RestartRequired only for a running VMI; an unscheduled one has nothing to flag.
    const vmi = await ctx.client.get(vmiRef(inputs));
    if ((vmi?.status as Props | undefined)?.nodeName && !(await waitRestartRequired(ctx, inputs, 20_000))) {
        last.outcome = "planned a restart, but KubeVirt did not report RestartRequired";
    }
    const policy = inputs.restartPolicy ?? ctx.config.restartPolicy ?? "never";
    if (policy !== "onChange") {
        ctx.say(`WARNING: needs a restart to apply (${last.summary}); restartPolicy is '${policy}', so the VM keeps running the old spec until restarted`);
        return;
    }
    ctx.say("restarting to apply the change (restartPolicy onChange)");
    await restartVm(ctx, inputs);
    await awaitObject(ctx.client, vmiRef(inputs), untilNewVmi(last.vmiUidBefore), { timeoutMs, what: `restart of ${inputs.metadata.name}`, onProgress: ctx.say });
}

/** Restart through KubeVirt's restart subresource; where that API is absent, delete the VMI of an Always VM. */
async function restartVm(ctx: OpContext, inputs: Props): Promise<void> {
    try {
        await ctx.client.putSubresourceApi("subresources.kubevirt.io", "v1", vmRef(inputs), "virtualmachines", "restart", {});
    } catch (err) {
        if (!isNotFound(err) || runStrategyOf(inputs.spec) !== "Always") throw err;
        await ctx.client.delete(vmiRef(inputs));
    }
}

async function waitRestartRequired(ctx: OpContext, inputs: Props, ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
        if (condition(await ctx.client.get(vmRef(inputs)), "RestartRequired")?.status === "True") return true;
        await sleep(250);
    }
    return false;
}

/** A live change must not leave the VM flagged RestartRequired; give the controller a moment to say so. */
async function verifyNoRestartRequired(ctx: OpContext, inputs: Props, last: LastUpdate): Promise<void> {
    const applied = (await ctx.client.get(vmRef(inputs)))?.metadata.generation ?? 0;
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
        const vm = await ctx.client.get(vmRef(inputs));
        const seen = Number((vm?.status as Props | undefined)?.desiredGeneration ?? 0);
        if (seen >= applied) {
            if (condition(vm, "RestartRequired")?.status === "True") last.outcome = `planned '${last.impact}', but KubeVirt reports RestartRequired: ${condition(vm, "RestartRequired")?.message ?? ""}`;
            return;
        }
        await sleep(250);
    }
}
