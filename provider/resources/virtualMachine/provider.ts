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
import { opContext, PartialFailure, type KindProvider, type Props } from "../../kind";
import { normalizeVm, pruneToShape } from "../../diff/normalize";
import { deepEqual } from "../../diff/paths";
import { KubevirtProviderError } from "../../errors";
import { checkVm } from "./check";
import { cloudInitSecret, cloudInitSecretName, declaredVm, managedByUs, vmiRef, vmRef, vmToApply, withoutProviderParts } from "./desired";
import { inputKeys, vmOutputs } from "./outputs";
import { planUpdate } from "./plan";
import { carryOut, settle, type Before } from "./execute";
import { awaitObject } from "../../await/awaiter";
import { untilGone } from "./readiness";

const sec = (inputs: Props, op: "create" | "update" | "delete", dflt: number) => 1000 * Number(inputs.timeouts?.[op] ?? dflt);
const subject = (p: Props) => `VirtualMachine ${p.metadata?.namespace}/${p.metadata?.name}`;

async function diff(_id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
    const replaces: string[] = [];
    if (olds.metadata?.name !== news.metadata?.name || olds.metadata?.namespace !== news.metadata?.namespace) replaces.push("metadata");
    const changed = inputKeys.filter((k) => k === "metadata" || k === "spec" ? false : !deepEqual(olds[k] ?? null, news[k] ?? null));
    if (!deepEqual(normalizeVm(declaredVm(olds)), normalizeVm(declaredVm(news)))) changed.push("spec");
    // deleteBeforeReplace: (1) a replace is needed, (2) the name is the user's, (3) it stays the same,
    // (4) in the same namespace — then the new VM cannot exist beside the old one.
    const sameName = olds.metadata?.name === news.metadata?.name && olds.metadata?.namespace === news.metadata?.namespace;
    return { changes: changed.length > 0 || replaces.length > 0, replaces, deleteBeforeReplace: replaces.length > 0 && sameName };
}

async function create(inputs: Props): Promise<pulumi.dynamic.CreateResult> {
    const ctx = opContext(subject(inputs));
    const id = `${inputs.metadata.namespace}/${inputs.metadata.name}`;
    const existing = await ctx.client.get(vmRef(inputs));
    if (existing && !managedByUs(existing) && !inputs.adopt) {
        throw new KubevirtProviderError(`${subject(inputs)} already exists and was not created by pulumi-kubevirt; set 'adopt: true' to manage it, or choose another name`);
    }
    if (existing?.metadata.deletionTimestamp) {
        await awaitObject(ctx.client, vmRef(inputs), untilGone("VirtualMachine"), { timeoutMs: sec(inputs, "create", 600), what: `the old ${subject(inputs)} to finish deleting`, onProgress: ctx.say });
    }
    await applySecret(ctx, inputs);
    const applied = await ctx.client.apply(vmToApply(inputs), { force: true }).catch(async (err: Error) => {
        // Refused (webhook down, invalid): a cloud-init Secret made for a VM that does not exist would be orphaned.
        if (!existing && inputs.cloudInit) await ctx.client.delete(cloudInitRef(inputs)).catch(() => undefined);
        throw err;
    });
    try {
        await settle(ctx, inputs, sec(inputs, "create", 600));
    } catch (err) {
        const props = vmOutputs(inputs, applied, await ctx.client.get(vmiRef(inputs)));
        throw new PartialFailure((err as Error).message, id, { ...props, __provider: inputs.__provider });
    }
    const { vm, vmi } = await readBoth(ctx.client, inputs);
    return { id, outs: vmOutputs(inputs, vm, vmi) };
}

async function update(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult> {
    const ctx = opContext(subject(news));
    const plan = await planUpdate(ctx, olds, news);
    if (plan.impact !== "none") ctx.say(`applying: ${plan.summary}`);
    const before = await snapshot(ctx, news);
    await applySecret(ctx, news);
    await ctx.client.apply(vmToApply(news), { force: true });
    try {
        const last = await carryOut(ctx, news, plan, before, sec(news, "update", 600));
        const { vm, vmi } = await readBoth(ctx.client, news);
        return { outs: vmOutputs(news, vm, vmi, last) };
    } catch (err) {
        const { vm, vmi } = await readBoth(ctx.client, news);
        throw new PartialFailure((err as Error).message, id, { ...vmOutputs(news, vm, vmi, olds.lastUpdate), __provider: news.__provider });
    }
}

async function read(id: string, props: Props): Promise<pulumi.dynamic.ReadResult> {
    const [namespace, name] = id.split("/");
    const base = { ...props, metadata: { ...(props.metadata ?? {}), name, namespace } };
    const ctx = opContext(subject(base));
    const { vm, vmi } = await readBoth(ctx.client, base);
    // A VM being deleted is gone as far as the stack is concerned: the next up recreates it.
    if (!vm || vm.metadata.deletionTimestamp) return { id: "" };
    // Keep only what the user declared: server defaults and controller writes stay out of state.
    const live = normalizeVm(pruneToShape(normalizeVm(vm), normalizeVm(declaredVm(base)))) as Props;
    const spec = withoutProviderParts((live.spec ?? {}) as Props, base);
    const inputs: Props = { ...pick(base), metadata: { ...base.metadata, ...(live.metadata ?? {}) }, spec };
    return { id, props: vmOutputs(inputs, vm, vmi, props.lastUpdate), inputs };
}

async function del(_id: string, props: Props): Promise<void> {
    const ctx = opContext(subject(props));
    const timeoutMs = sec(props, "delete", 300);
    await ctx.client.delete(vmRef(props), { propagationPolicy: "Background" });
    await awaitObject(ctx.client, vmRef(props), untilGone("VirtualMachine"), { timeoutMs, what: `deletion of ${subject(props)}`, onProgress: ctx.say });
    await awaitObject(ctx.client, vmiRef(props), untilGone("VirtualMachineInstance"), { timeoutMs, what: `deletion of the VMI of ${subject(props)}`, onProgress: ctx.say });
    if (props.cloudInit) await ctx.client.delete(cloudInitRef(props));
}

const cloudInitRef = (p: Props) => ({ apiVersion: "v1", kind: "Secret", name: cloudInitSecretName(p.metadata.name), namespace: p.metadata.namespace });

async function applySecret(ctx: ReturnType<typeof opContext>, inputs: Props): Promise<void> {
    const secret = cloudInitSecret(inputs);
    if (secret) await ctx.client.apply(secret, { force: true });
}

async function snapshot(ctx: ReturnType<typeof opContext>, inputs: Props): Promise<Before> {
    const vmi = await ctx.client.get(vmiRef(inputs));
    const migrations = await ctx.client.list("kubevirt.io/v1", "VirtualMachineInstanceMigration", inputs.metadata.namespace,
        { labelSelector: `kubevirt.io/vmi-name=${inputs.metadata.name}` });
    return { vmiUid: vmi?.metadata.uid, node: (vmi?.status as Props | undefined)?.nodeName, migrations: new Set(migrations.map((m) => m.metadata.name as string)) };
}

async function readBoth(client: ReturnType<typeof opContext>["client"], inputs: Props) {
    const [vm, vmi] = await Promise.all([client.get(vmRef(inputs)), client.get(vmiRef(inputs))]);
    return { vm, vmi };
}

function pick(p: Props): Props {
    const out: Props = {};
    for (const k of inputKeys) if (p[k] !== undefined) out[k] = p[k];
    return out;
}

export const virtualMachineProvider: KindProvider = { check: checkVm, diff, create, read, update, delete: del };
