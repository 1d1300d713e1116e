/**
 * The VirtualMachinePool provider: the generic provider of `virtualMachinePoolKind` with
 * - check planning a template change per replica (plan.ts), from the replicas the pool owns now
 *   and their VMIs (the same runtime facts a VM's own plan reads);
 * - update waiting, after the pool is ready, until the pool controller has rolled the new template
 *   out: the pool's status counts Ready VMs only and has no observed generation, so right after the
 *   apply it still reports the old replicas as ready.
 */
import type * as pulumi from "@pulumi/pulumi";
import { opContext, PartialFailure, type KindProvider, type Props } from "../../kindProvider";
import type { KubeClient, KubeObject } from "../../k8s/client";
import { awaitSelection, type Verdict } from "../../await/awaiter";
import { budgetOf } from "../../await/timeouts";
import { deepEqual } from "../../diff/paths";
import { defaultClusterFacts } from "../../diff/types";
import { genericProvider } from "../generic/provider";
import { clusterFacts, observe, runtimeOf } from "../virtualMachine/runtime";
import { virtualMachinePoolKind as def } from "./definition";
import { planPool, type ReplicaState } from "./plan";
import { replicasOf, updateStrategyOf } from "./strategy";

/** The label the pool controller puts on its VMs and their VMI templates. */
export const revisionLabel = "kubevirt.io/vm-pool-revision-name";

const base = genericProvider(def);
const subject = (p: Props) => `${def.kind} ${p.metadata?.namespace}/${p.metadata?.name}`;

/** The VMs the pool owns now, by owner reference. */
async function ownedVms(client: KubeClient, pool: Props): Promise<KubeObject[]> {
    const vms = await client.list("kubevirt.io/v1", "VirtualMachine", pool.metadata.namespace);
    return vms.filter((vm) =>
        (vm.metadata.ownerReferences ?? []).some(
            (o) => o.kind === def.kind && o.name === pool.metadata.name,
        ),
    );
}

/** Each owned replica and its runtime; the old count's ordinals, assumed running, when unreadable. */
async function replicaStates(client: KubeClient, olds: Props): Promise<ReplicaState[]> {
    try {
        const vms = await ownedVms(client, olds);
        return Promise.all(
            vms.map(async (vm) => ({
                name: String(vm.metadata.name),
                runtime: runtimeOf(await observe(client, vm as Props)),
            })),
        );
    } catch {
        return Array.from({ length: replicasOf(olds.spec) }, (_, i) => ({
            name: `${olds.metadata.name}-${i}`,
            runtime: { running: true },
        }));
    }
}

async function check(olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
    const checked = await base.check(olds, news);
    const inputs = checked.inputs as Props;
    if (checked.failures?.length || !olds.metadata || inputs.plannedImpact?.impact === "replace")
        return checked;
    if (deepEqual({ ...olds, plannedImpact: null }, { ...inputs, plannedImpact: null }))
        return checked;
    const ctx = opContext(subject(inputs));
    const [facts, replicas] = await Promise.all([
        clusterFacts(ctx.client, ctx.config).catch(() => defaultClusterFacts),
        replicaStates(ctx.client, olds),
    ]);
    return { inputs: { ...inputs, plannedImpact: planPool(olds, inputs, replicas, facts) } };
}

/** Every replica's VMI (proactive) or VM (opportunistic) carries `revision` and is Ready. */
function rolledOut(want: number, revision: string, kind: string) {
    return (objs: KubeObject[]): Verdict => {
        const ready = objs.filter((o) =>
            ((o.status as Props | undefined)?.conditions ?? []).some(
                (c: Props) => c.type === "Ready" && c.status === "True",
            ),
        );
        const message = `${ready.length}/${want} ${kind}s of revision ${revision} ready`;
        return { ok: objs.length === want && ready.length === want, message };
    };
}

/** Waits for the pool controller to roll a template change out to every replica. */
async function awaitRollout(olds: Props, news: Props, id: string, outs: Props): Promise<void> {
    const strategy = updateStrategyOf(news.spec);
    const tpl = news.spec?.virtualMachineTemplate;
    if (strategy === "unmanaged" || news.skipAwait) return;
    if (deepEqual(olds.spec?.virtualMachineTemplate ?? null, tpl ?? null)) return;
    const ctx = opContext(subject(news));
    const live = await ctx.client.get({
        apiVersion: def.apiVersion,
        kind: def.kind,
        namespace: news.metadata.namespace,
        name: news.metadata.name,
    });
    const revision = `${news.metadata.name}-${live?.metadata.generation}`;
    const halted =
        ["Halted", undefined].includes(tpl?.spec?.runStrategy) && tpl?.spec?.running !== true;
    const kind = strategy === "proactive" && !halted ? "VirtualMachineInstance" : "VirtualMachine";
    try {
        await awaitSelection(
            ctx.client,
            {
                apiVersion: "kubevirt.io/v1",
                kind,
                namespace: news.metadata.namespace,
                labelSelector: `${revisionLabel}=${revision}`,
            },
            rolledOut(replicasOf(news.spec), revision, kind),
            {
                budget: budgetOf(news, "update", def.timeoutSeconds ?? 900),
                what: `${subject(news)} to roll out revision ${revision}`,
                onProgress: ctx.say,
            },
        );
    } catch (err) {
        throw new PartialFailure((err as Error).message, id, {
            ...outs,
            __provider: news.__provider,
        });
    }
}

async function update(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult> {
    const result = await base.update(id, olds, news);
    await awaitRollout(olds, news, id, result.outs ?? {});
    return result;
}

export const virtualMachinePoolProvider: KindProvider = { ...base, check, update };
