/**
 * The provider of any kind described by a KindDef: validation in check, a planned impact from the
 * kind's policy table, server-side apply, readiness waits, adoption after failed creates, refresh
 * that prunes the live object to what the user declared, and delete that waits for the object to go.
 *
 * This is the one way to extend a kind: a kind whose lifecycle needs more (DataVolume, NNCP,
 * VirtualMachine) writes its own `provider.ts` that starts from `genericProvider(def)` (or the
 * shared steps in objects.ts) and replaces whole operations, calling the exported steps below.
 */
import type * as pulumi from "@pulumi/pulumi";
import {
    containsUnknown,
    opContext,
    PartialFailure,
    plain,
    type KindProvider,
    type OpContext,
    type Props,
} from "../../kindProvider";
import { providerConfig } from "../../config";
import { validateAll, knownKinds } from "../../validation/validator";
import { noteDeclared } from "../../validation/lookup";
import { warningEvents } from "../../await/awaiter";
import { awaitShared, cachedGet } from "../../await/sharedWatch";
import { untilGone } from "../../await/conditions";
import { budgetOf, type Budget, type Operation } from "../../await/timeouts";
import { pruneToShape } from "../../diff/normalize";
import { summarizePlan } from "../../diff/summary";
import type { KindDef } from "./kindDefinition";
import {
    declared,
    diffFromPlan,
    inputKeysOf,
    normalized,
    optionsChanged,
    pickKeys,
    planGeneric,
    refOf,
    refuseForeign,
    ReplacePlans,
    subjectOf,
} from "./objects";

type Check = pulumi.dynamic.CheckResult;
type PlannedImpact = { impact: string; summary: string; reasons: unknown[]; notes: string[] };

const noImpact = (): PlannedImpact => ({ impact: "none", summary: "", reasons: [], notes: [] });

/** Defaults and validation of check: the checked inputs and their failures. */
function checkedInputs(def: KindDef, news: Props, olds: Props): Check {
    let inputs: Props = { ...news, metadata: { ...(news.metadata ?? {}) } };
    if (def.namespaced) inputs.metadata.namespace ??= providerConfig().namespace;
    if (def.defaults) inputs = def.defaults(inputs);
    const failures: pulumi.dynamic.CheckFailure[] = [];
    const obj = declared(def, inputs);
    if (!inputs.metadata.name)
        failures.push({ property: "metadata.name", reason: "'metadata.name' is required" });
    // Checks of VMs later in the run may reference this object (and read its spec) before it exists.
    else
        noteDeclared(
            {
                apiVersion: def.apiVersion,
                kind: def.kind,
                name: inputs.metadata.name,
                ...(def.namespaced ? { namespace: inputs.metadata.namespace } : {}),
            },
            obj,
        );
    const previous = olds.metadata ? declared(def, olds) : undefined;
    if (knownKinds().includes(def.kind)) failures.push(...validateAll(def.kind, obj, previous));
    if (def.rules && !containsUnknown(obj)) failures.push(...def.rules(obj));
    return { inputs, failures };
}

/** The planned impact of going from `olds` to `news` by the kind's policy table. Pure. */
export function plannedImpactOf(def: KindDef, olds: Props, news: Props): PlannedImpact {
    if (!olds.metadata || containsUnknown(news)) return noImpact();
    const plan = planGeneric(def, olds, news);
    if (plan.reasons.length === 0) return { ...noImpact(), notes: plan.notes };
    return {
        impact: plan.impact,
        summary: summarizePlan(plan, news.metadata.name),
        reasons: plan.reasons,
        notes: plan.notes,
    };
}

async function check(
    def: KindDef,
    plans: ReplacePlans<PlannedImpact>,
    olds: Props,
    news: Props,
): Promise<Check> {
    const { inputs, failures } = checkedInputs(def, news, olds);
    if (failures?.length) return { inputs, failures };
    const obj = declared(def, inputs);
    const planned =
        (olds.metadata ? undefined : plans.recall(obj)) ?? plannedImpactOf(def, olds, inputs);
    inputs.plannedImpact = plans.remember(obj, planned);
    return { inputs, failures: [] };
}

async function diff(def: KindDef, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
    return diffFromPlan(
        planGeneric(def, olds, news).reasons,
        optionsChanged(def, olds, news),
        olds,
        news,
    );
}

/** The resource's outputs: its inputs, no pending plan, the uid and the kind's status summary. */
export function outputsOf(def: KindDef, inputs: Props, live: Props | undefined): Props {
    const extra = def.outputs ? def.outputs(live as never) : {};
    return plain({
        ...pickKeys(inputKeysOf(def), inputs),
        plannedImpact: noImpact(),
        uid: live?.metadata?.uid ?? "",
        ...extra,
    });
}

/**
 * Waits until the kind's readiness holds, through the kind's shared watch, judging only versions
 * at least as new as our write's (`minRv`); the last observed object.
 */
/** The budget of `op` on this kind: the user's `timeouts`, else the kind's default. */
export function budgetFor(def: KindDef, inputs: Props, op: Operation): Budget {
    return budgetOf(inputs, op, def.timeoutSeconds ?? 600);
}

async function awaitReady(
    def: KindDef,
    ctx: OpContext,
    inputs: Props,
    budget: Budget,
    minRv?: string,
) {
    const ref = refOf(def, inputs);
    if (!def.readiness || inputs.skipAwait) return cachedGet(ctx.client, ref, minRv);
    return awaitShared(ctx.client, ref, def.readiness(inputs), {
        minRv,
        budget,
        what: `${subjectOf(def, inputs)} to be ready`,
        onProgress: ctx.say,
        events: () => warningEvents(ctx.client, ref),
    });
}

/**
 * After an apply: wait for readiness within the operation's `budget` and return the outputs. A
 * failed wait keeps the object in state (a partial failure), so the next `up` updates it instead
 * of orphaning it.
 */
export async function settleApplied(
    def: KindDef,
    ctx: OpContext,
    inputs: Props,
    budget: Budget,
    id: string,
    applied: Props,
): Promise<Props> {
    try {
        return outputsOf(
            def,
            inputs,
            await awaitReady(def, ctx, inputs, budget, applied.metadata?.resourceVersion),
        );
    } catch (err) {
        throw new PartialFailure((err as Error).message, id, {
            ...outputsOf(def, inputs, applied),
            __provider: inputs.__provider,
        });
    }
}

/** Server-side apply of the declared (and decorated) object. */
export async function applyDeclared(def: KindDef, ctx: OpContext, inputs: Props) {
    const obj = declared(def, inputs);
    return ctx.client.apply(def.decorate ? def.decorate(obj) : obj, { force: true });
}

/** The resource id: `namespace/name`, or `name` for cluster-scoped kinds. */
export const idOf = (def: KindDef, inputs: Props): string =>
    def.namespaced ? `${inputs.metadata.namespace}/${inputs.metadata.name}` : inputs.metadata.name;

async function create(def: KindDef, inputs: Props): Promise<pulumi.dynamic.CreateResult> {
    const ctx = opContext(subjectOf(def, inputs));
    // From the shared watch of the kind (it also serves the readiness wait), not a GET per object.
    refuseForeign(
        subjectOf(def, inputs),
        await cachedGet(ctx.client, refOf(def, inputs)),
        inputs.adopt,
    );
    const id = idOf(def, inputs);
    return {
        id,
        outs: await settleApplied(
            def,
            ctx,
            inputs,
            budgetFor(def, inputs, "create"),
            id,
            await applyDeclared(def, ctx, inputs),
        ),
    };
}

async function update(def: KindDef, id: string, news: Props): Promise<pulumi.dynamic.UpdateResult> {
    const ctx = opContext(subjectOf(def, news));
    return {
        outs: await settleApplied(
            def,
            ctx,
            news,
            budgetFor(def, news, "update"),
            id,
            await applyDeclared(def, ctx, news),
        ),
    };
}

/** Props with the identity the id says (refresh may run with props from an older state). */
export function withIdentity(def: KindDef, id: string, props: Props): Props {
    const [a, b] = id.split("/");
    const identity = def.namespaced ? { namespace: a, name: b } : { name: a };
    return { ...props, metadata: { ...(props.metadata ?? {}), ...identity } };
}

async function read(def: KindDef, id: string, props: Props): Promise<pulumi.dynamic.ReadResult> {
    const base = withIdentity(def, id, props);
    const live = await opContext(subjectOf(def, base)).client.get(refOf(def, base));
    if (!live) return { id: "" };
    const shaped = pruneToShape(
        normalized(def, live),
        normalized(def, declared(def, base)),
    ) as Props;
    const inputs = {
        ...pickKeys(inputKeysOf(def), base),
        ...shaped,
        metadata: { ...base.metadata, ...(shaped.metadata ?? {}) },
    };
    return { id, props: outputsOf(def, inputs, live), inputs };
}

async function del(def: KindDef, props: Props): Promise<void> {
    const ctx = opContext(subjectOf(def, props));
    await ctx.client.delete(refOf(def, props), { propagationPolicy: "Background" });
    await awaitShared(ctx.client, refOf(def, props), untilGone(def.kind), {
        budget: budgetOf(props, "delete", 300),
        what: `deletion of ${subjectOf(def, props)}`,
        onProgress: ctx.say,
    });
}

/** The provider of a kind fully described by `def`. */
export function genericProvider(def: KindDef): KindProvider {
    const plans = new ReplacePlans<PlannedImpact>();
    return {
        check: (olds, news) => check(def, plans, olds, news),
        diff: (_id, olds, news) => diff(def, olds, news),
        create: (inputs) => create(def, inputs),
        read: (id, props) => read(def, id, props),
        update: (id, _olds, news) => update(def, id, news),
        delete: (_id, props) => del(def, props),
    };
}
