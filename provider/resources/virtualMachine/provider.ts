/**
 * VirtualMachine: thin orchestration of check/diff/create/read/update/delete. Policy lives in
 * policy.ts, readiness in readiness.ts, execution of a plan in execute.ts.
 *
 * Diff compares the previous outputs' declared parts (as applied, or as last refreshed: refresh
 * stores the live spec pruned to the shape of the inputs) with the new inputs, after normalizing
 * both. Comparing against the full live object instead would surface server defaults (machine
 * type, firmware uuid, MACs) as perpetual diffs; comparing old inputs alone would hide drift.
 */
import type * as pulumi from "@pulumi/pulumi";
import {
    opContext,
    PartialFailure,
    type KindProvider,
    type OpContext,
    type Props,
} from "../../kindProvider";
import { normalizeVm, pruneToShape } from "../../diff/normalize";
import { deepEqual } from "../../diff/paths";
import { defaultClusterFacts, type ChangeReason } from "../../diff/types";
import { awaitObject } from "../../await/awaiter";
import { untilGone } from "../../await/conditions";
import { budgetOf } from "../../await/timeouts";
import { diffFromPlan, pickKeys, refuseForeign } from "../generic/objects";
import { checkVm } from "./check";
import {
    cloudInitSecret,
    cloudInitSecretName,
    declaredVm,
    vmiRef,
    vmRef,
    vmToApply,
    withoutProviderParts,
} from "./desired";
import { inputKeys, vmOutputs } from "./outputs";
import { planUpdate } from "./plan";
import { classifyVmUpdate } from "./policy";
import { carryOut, movesVmi, settle, type Before } from "./execute";
import { awaitShared, cachedGet } from "../../await/sharedWatch";
import type { KubeObject } from "../../k8s/client";
import { disruptionOf, inTurn } from "./rollout";
import { evictionFor } from "./evictionFacts";

const subject = (p: Props) => `VirtualMachine ${p.metadata?.namespace}/${p.metadata?.name}`;

/**
 * The replace reasons of an update, from the classifier: those of the plan check computed with
 * the cluster's runtime facts (what preview shows), plus those of the runtime-free classification
 * (so a replace is never lost when check could not read the cluster).
 */
function replaceReasons(olds: Props, news: Props): ChangeReason[] {
    const planned = ((news.plannedImpact?.reasons ?? []) as ChangeReason[]).filter(
        (r) => r.impact === "replace",
    );
    const pure = classifyVmUpdate(
        normalizeVm(declaredVm(olds)),
        normalizeVm(declaredVm(news)),
        { running: false },
        defaultClusterFacts,
    );
    return [...planned, ...pure.reasons.filter((r) => r.impact === "replace")];
}

async function diff(_id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
    const options = inputKeys.some(
        (k) => k !== "metadata" && k !== "spec" && !deepEqual(olds[k] ?? null, news[k] ?? null),
    );
    const declared = !deepEqual(normalizeVm(declaredVm(olds)), normalizeVm(declaredVm(news)));
    return diffFromPlan(replaceReasons(olds, news), options || declared, olds, news);
}

async function create(inputs: Props): Promise<pulumi.dynamic.CreateResult> {
    const ctx = opContext(subject(inputs));
    const budget = budgetOf(inputs, "create", 600);
    const id = `${inputs.metadata.namespace}/${inputs.metadata.name}`;
    // From the shared VM watch (live; it also serves the readiness wait), not a GET per VM.
    const existing = await cachedGet(ctx.client, vmRef(inputs));
    refuseForeign(subject(inputs), existing, inputs.adopt);
    if (existing?.metadata.deletionTimestamp) {
        await awaitObject(ctx.client, vmRef(inputs), untilGone("VirtualMachine"), {
            budget,
            what: `the old ${subject(inputs)} to finish deleting`,
            onProgress: ctx.say,
        });
    }
    await applySecret(ctx, inputs);
    const applied = await ctx.client
        .apply(vmToApply(inputs), { force: true })
        .catch(async (err: Error) => {
            // Refused (webhook down, invalid): a cloud-init Secret made for a VM that does not exist would be orphaned.
            if (!existing && inputs.cloudInit)
                await ctx.client.delete(cloudInitRef(inputs)).catch(() => undefined);
            throw err;
        });
    const minRv = applied.metadata.resourceVersion;
    try {
        // skipAwait: KubeVirt starts (or keeps halted) the accepted VM on its own; updates still
        // wait, since carrying out and checking a plan is what an update is.
        if (!inputs.skipAwait) await settle(ctx, inputs, budget, minRv);
    } catch (err) {
        const props = vmOutputs(inputs, applied, await cachedGet(ctx.client, vmiRef(inputs)));
        throw new PartialFailure((err as Error).message, id, {
            ...props,
            __provider: inputs.__provider,
        });
    }
    const { vm, vmi } = await readBoth(ctx, inputs, minRv);
    return { id, outs: vmOutputs(await withEviction(ctx, inputs), vm, vmi) };
}

async function update(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult> {
    const ctx = opContext(subject(news));
    const budget = budgetOf(news, "update", 600);
    const plan = await planUpdate(ctx, olds, news);
    if (plan.impact !== "none") ctx.say(`applying: ${plan.summary}`);
    const before = await snapshot(ctx, news, plan.impact === "liveMigrate");
    const step = disruptionOf(plan, news, !!before.vmiUid, ctx.config.restartPolicy);
    // The turn is taken before the first write: a VM whose group stopped is left as it was.
    return inTurn(ctx, news, { step, vmiUid: before.vmiUid }, async () => {
        await applySecret(ctx, news);
        const applied = await ctx.client.apply(vmToApply(news), { force: true });
        const minRv = applied.metadata.resourceVersion;
        try {
            const last = await carryOut(ctx, news, plan, before, budget, applied);
            const { vm, vmi } = await readBoth(ctx, news, minRv, movesVmi(plan.impact));
            return { outs: vmOutputs(await withEviction(ctx, news), vm, vmi, last) };
        } catch (err) {
            const { vm, vmi } = await readBoth(ctx, news, minRv, true);
            throw new PartialFailure((err as Error).message, id, {
                ...vmOutputs(news, vm, vmi, olds.lastUpdate),
                __provider: news.__provider,
            });
        }
    });
}

async function read(id: string, props: Props): Promise<pulumi.dynamic.ReadResult> {
    const [namespace, name] = id.split("/");
    const base = { ...props, metadata: { ...(props.metadata ?? {}), name, namespace } };
    const ctx = opContext(subject(base));
    const { vm, vmi } = await readBoth(ctx, base);
    // A VM being deleted is gone as far as the stack is concerned: the next up recreates it.
    if (!vm || vm.metadata.deletionTimestamp) return { id: "" };
    // Keep only what the user declared: server defaults and controller writes stay out of state.
    const live = normalizeVm(pruneToShape(normalizeVm(vm), normalizeVm(declaredVm(base)))) as Props;
    const spec = withoutProviderParts((live.spec ?? {}) as Props, base);
    const inputs: Props = {
        ...pickKeys(inputKeys, base),
        metadata: { ...base.metadata, ...(live.metadata ?? {}) },
        spec,
    };
    const outs = vmOutputs(await withEviction(ctx, inputs), vm, vmi, props.lastUpdate);
    return { id, props: outs, inputs };
}

/**
 * The inputs with the eviction output as the cluster now knows it (the claims exist after an
 * apply); what check computed when the cluster cannot be read.
 */
async function withEviction(ctx: OpContext, inputs: Props): Promise<Props> {
    const eviction = await evictionFor(ctx.client, inputs).catch(() => inputs.eviction);
    return { ...inputs, eviction };
}

async function del(_id: string, props: Props): Promise<void> {
    const ctx = opContext(subject(props));
    const budget = budgetOf(props, "delete", 300);
    await ctx.client.delete(vmRef(props), { propagationPolicy: "Background" });
    await awaitShared(ctx.client, vmRef(props), untilGone("VirtualMachine"), {
        budget,
        what: `deletion of ${subject(props)}`,
        onProgress: ctx.say,
    });
    await awaitShared(ctx.client, vmiRef(props), untilGone("VirtualMachineInstance"), {
        budget,
        what: `deletion of the VMI of ${subject(props)}`,
        onProgress: ctx.say,
    });
    if (props.cloudInit) await ctx.client.delete(cloudInitRef(props));
}

const cloudInitRef = (p: Props) => ({
    apiVersion: "v1",
    kind: "Secret",
    name: cloudInitSecretName(p.metadata.name),
    namespace: p.metadata.namespace,
});

async function applySecret(ctx: OpContext, inputs: Props): Promise<void> {
    const secret = cloudInitSecret(inputs);
    if (secret) await ctx.client.apply(secret, { force: true });
}

/**
 * The VMI before the update; the migrations that exist already only when one is planned (to tell
 * KubeVirt's new one apart).
 */
async function snapshot(ctx: OpContext, inputs: Props, migrating: boolean): Promise<Before> {
    const vmi = await cachedGet(ctx.client, vmiRef(inputs));
    if (!migrating)
        return {
            vmiUid: vmi?.metadata.uid,
            node: (vmi?.status as Props | undefined)?.nodeName,
            migrations: new Set(),
        };
    const migrations = await ctx.client.list(
        "kubevirt.io/v1",
        "VirtualMachineInstanceMigration",
        inputs.metadata.namespace,
        { labelSelector: `kubevirt.io/vmi-name=${inputs.metadata.name}` },
    );
    return {
        vmiUid: vmi?.metadata.uid,
        node: (vmi?.status as Props | undefined)?.nodeName,
        migrations: new Set(migrations.map((m) => m.metadata.name as string)),
    };
}

/**
 * The VM (as of at least `minRv`, the version our write returned) and its VMI, from the shared
 * watch caches; the VMI read afresh after a migration or restart.
 */
async function readBoth(ctx: OpContext, inputs: Props, minRv?: string, freshVmi = false) {
    const [vm, vmi] = await Promise.all([
        cachedGet(ctx.client, vmRef(inputs), minRv),
        freshVmi ? ctx.client.get(vmiRef(inputs)) : cachedGet(ctx.client, vmiRef(inputs)),
    ]);
    return { vm, vmi: await currentVmi(ctx, inputs, vm, vmi) };
}

/**
 * The VMI and VM caches are separate streams: a Ready VM may be seen before its VMI's last
 * change. When they disagree, one GET settles it (rare), so outputs never show a ready VM
 * without its VMI.
 */
async function currentVmi(
    ctx: OpContext,
    inputs: Props,
    vm: KubeObject | undefined,
    vmi: KubeObject | undefined,
) {
    const ready = (vm?.status as Props | undefined)?.ready === true;
    const running = (vmi?.status as Props | undefined)?.phase === "Running";
    return ready && !running ? ctx.client.get(vmiRef(inputs)) : vmi;
}

export const virtualMachineProvider: KindProvider = {
    check: checkVm,
    diff,
    create,
    read,
    update,
    delete: del,
};
