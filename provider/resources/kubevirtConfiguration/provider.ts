/**
 * KubeVirtConfiguration: the settings a stack declares for the cluster's KubeVirt (or HCO) CR,
 * applied server-side under this resource's own field manager. It never creates, replaces or
 * deletes the operator's object: create and update apply the declared fields, delete applies
 * an empty set, which releases them (docs/semantics.md#cluster-configuration).
 */
import type * as pulumi from "@pulumi/pulumi";
import {
    opContext,
    plain,
    type KindProvider,
    type OpContext,
    type Props,
} from "../../kindProvider";
import type { KubeObject, ObjectRef } from "../../k8s/client";
import { ConfigurationTargetError } from "../../errors";
import { awaitShared } from "../../await/sharedWatch";
import { budgetOf, type Operation } from "../../await/timeouts";
import { pruneToShape } from "../../diff/normalize";
import { diffFromPlan } from "../generic/objects";
import { liveGates, ownedObject, settingsIn, targetKinds } from "./fields";
import { nextGates, releasedGates } from "./gates";
import { configurationApplied } from "./readiness";
import { resolveTarget, type Resolved } from "./target";
import { checkConfiguration, comparable, configurationPlan, inputKeys } from "./check";

/** The manager the rest of an atomic gate list goes to when this resource lets go of it. */
export const releasedGatesManager = "pulumi-kubevirt-released";

const subject = (p: Props) => `KubeVirtConfiguration ${p.resource ?? ""}`.trim();

const refOf = (r: Resolved): ObjectRef => ({
    apiVersion: targetKinds[r.target].apiVersion,
    kind: targetKinds[r.target].kind,
    namespace: r.namespace,
    name: r.name,
});

async function liveCr(ctx: OpContext, r: Resolved): Promise<KubeObject> {
    const live = await ctx.client.get(refOf(r));
    if (!live)
        throw new ConfigurationTargetError(
            `${targetKinds[r.target].kind} ${r.namespace}/${r.name} is gone; KubeVirtConfiguration never creates it`,
        );
    return live;
}

/**
 * Gives KubeVirt's atomic gate list, less the gates this resource added, to another manager, so
 * that releasing our fields afterwards does not delete the gates others set.
 */
async function handOverGates(ctx: OpContext, r: Resolved, live: KubeObject, added: string[]) {
    const rest = releasedGates(liveGates("kubevirt", live), added);
    await ctx.client.mergePatch(
        refOf(r),
        {
            spec: {
                configuration: {
                    developerConfiguration: { featureGates: rest.length ? rest : null },
                },
            },
        },
        undefined,
        releasedGatesManager,
    );
}

/** Applies `inputs` to the resolved CR, `previous` being the outputs of the last apply (if any). */
async function applyConfiguration(
    ctx: OpContext,
    inputs: Props,
    r: Resolved,
    previous: Props,
    op: Operation,
): Promise<Props> {
    const live = await liveCr(ctx, r);
    let added: string[] = [];
    let gateList: string[] | undefined;
    if (r.target === "kubevirt" && Array.isArray(inputs.featureGates)) {
        const plan = nextGates(
            liveGates("kubevirt", live),
            inputs.featureGates,
            previous.addedFeatureGates ?? [],
        );
        ({ list: gateList, added } = plan);
    } else if (r.target === "kubevirt" && previous.featureGates !== undefined)
        await handOverGates(ctx, r, live, previous.addedFeatureGates ?? []);
    const owned = ownedObject(r.target, r, inputs, gateList);
    const applied = await ctx.client.apply(owned, {
        force: true,
        fieldManager: inputs.fieldManager,
    });
    await awaitShared(ctx.client, refOf(r), configurationApplied(owned), {
        minRv: applied.metadata.resourceVersion,
        budget: budgetOf(inputs, op, 300),
        what: `${targetKinds[r.target].kind} ${r.namespace}/${r.name} to hold ${subject(inputs)}`,
        onProgress: ctx.say,
    });
    return outputsOf(inputs, r, added);
}

function outputsOf(inputs: Props, r: Resolved, added: string[]): Props {
    const out: Props = {
        resolved: r,
        addedFeatureGates: added,
        plannedImpact: configurationPlan({}, {}),
    };
    for (const k of inputKeys) if (inputs[k] !== undefined) out[k] = inputs[k];
    return plain(out);
}

async function create(inputs: Props): Promise<pulumi.dynamic.CreateResult> {
    const ctx = opContext(subject(inputs));
    const r = await resolveTarget(ctx.client, inputs);
    const outs = await applyConfiguration(ctx, inputs, r, {}, "create");
    return { id: `${r.target}/${r.namespace}/${r.name}/${inputs.fieldManager}`, outs };
}

async function update(_id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult> {
    const ctx = opContext(subject(news));
    return { outs: await applyConfiguration(ctx, news, olds.resolved, olds, "update") };
}

async function del(_id: string, props: Props): Promise<void> {
    const ctx = opContext(subject(props));
    const r: Resolved = props.resolved;
    const live = await ctx.client.get(refOf(r));
    if (!live) return; // the operator's CR went away with everything on it
    if (r.target === "kubevirt" && props.featureGates !== undefined)
        await handOverGates(ctx, r, live, props.addedFeatureGates ?? []);
    const empty = ownedObject(r.target, r, {});
    await ctx.client.apply(empty, { force: true, fieldManager: props.fieldManager });
}

async function read(id: string, props: Props): Promise<pulumi.dynamic.ReadResult> {
    const r: Resolved | undefined = props.resolved;
    if (!r) return { id: "" };
    const live = await opContext(subject(props)).client.get(refOf(r));
    if (!live) return { id: "" };
    const found = settingsIn(r.target, live, props);
    for (const k of ["migrations", "workloadUpdateStrategy"])
        if (found[k] !== undefined) found[k] = pruneToShape(found[k], props[k]);
    const inputs = { ...props, ...found };
    for (const k of ["resolved", "addedFeatureGates", "plannedImpact"]) delete inputs[k];
    return { id, props: { ...props, ...found }, inputs };
}

async function diff(_id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
    const plan = configurationPlan(
        comparable(olds, olds.resolved),
        comparable(news, olds.resolved),
    );
    const timeouts =
        JSON.stringify(olds.timeouts ?? null) !== JSON.stringify(news.timeouts ?? null);
    return diffFromPlan(plan.reasons as never, timeouts, olds, news);
}

export const kubevirtConfigurationProvider: KindProvider = {
    check: checkConfiguration,
    diff,
    create,
    read,
    update,
    delete: del,
};
