/**
 * The NodeNetworkConfigurationPolicy provider: the generic provider of `nncpKind` with these
 * operations replaced:
 * - check adds the `removeOnDelete` check and preview notes on what delete will remove;
 * - create/update wait after the apply until the policy's verdict is confirmed by its enactments,
 *   failing with the per-node reasons (readiness.ts; the generic single-object wait cannot);
 * - update first waits for a running rollout to end (nmstate refuses changes meanwhile), and
 *   retries when one started in between;
 * - delete first removes the interfaces (`removeOnDelete`, steps.ts);
 * - refresh adds the `removalPlan` output (what delete will remove).
 */
import type * as pulumi from "@pulumi/pulumi";
import {
    containsUnknown,
    opContext,
    PartialFailure,
    type KindProvider,
    type Props,
} from "../../kindProvider";
import { AwaitFailedError, hasObject } from "../../errors";
import { budgetOf, remainingMs, type Budget } from "../../await/timeouts";
import { genericProvider } from "../generic/provider";
import { nncpKind } from "./definition";
import { applyWhenSettled, awaitPolicy, awaitUpdatable } from "./await";
import { previewNotes, removeInterfaces } from "./steps";
import { policyStatusOutput } from "./readiness";
import { removalPlan } from "./removal";
import { checkRemoveOnDelete } from "./rules";

/** What to do about a Degraded policy (docs/semantics.md#nodenetworkconfigurationpolicy "Rollback": retries are per generation). */
const degradedHint =
    "nmstate rolled the failed nodes back and does not retry a failed generation: change desiredState (or fix the nodes) and run `pulumi up` again";

const subject = (name: string) => `${nncpKind.kind} ${name}`;
const base = genericProvider(nncpKind);
const budget = (p: Props, op: "create" | "update") =>
    budgetOf(p, op, nncpKind.timeoutSeconds ?? 600);

/** Waits for the policy to be Available; a failure keeps the object in state (partial failure). */
async function settle(inputs: Props, id: string, outs: Props, b: Budget): Promise<Props> {
    const withPlan = { ...outs, removalPlan: removalPlan(inputs) };
    if (inputs.skipAwait) return withPlan;
    const name = String(inputs.metadata.name);
    try {
        const { policy } = await awaitPolicy(
            opContext(subject(name)),
            name,
            remainingMs(b),
            subject(name),
        );
        return { ...withPlan, ...policyStatusOutput(policy) };
    } catch (err) {
        const live = hasObject(err) ? err.object : undefined;
        const hint = err instanceof AwaitFailedError ? `\n${degradedHint}` : "";
        throw new PartialFailure(`${(err as Error).message}${hint}`, id, {
            ...withPlan,
            ...policyStatusOutput(live),
            __provider: inputs.__provider,
        });
    }
}

async function check(olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
    const r = await base.check(olds, news);
    if (r.inputs?.plannedImpact) {
        const notes = await previewNotes(
            opContext(subject(String(news.metadata?.name))),
            r.inputs,
        ).catch(() => []);
        r.inputs.plannedImpact = {
            ...r.inputs.plannedImpact,
            notes: [...r.inputs.plannedImpact.notes, ...notes],
        };
    }
    if (containsUnknown(news.removeOnDelete) || containsUnknown(news.spec)) return r;
    const extra = checkRemoveOnDelete(news.spec?.desiredState, news.removeOnDelete);
    return extra.length ? { inputs: r.inputs, failures: [...(r.failures ?? []), ...extra] } : r;
}

async function create(inputs: Props): Promise<pulumi.dynamic.CreateResult> {
    const b = budget(inputs, "create");
    const r = await base.create(inputs);
    return { id: r.id, outs: await settle(inputs, r.id, r.outs ?? {}, b) };
}

async function update(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult> {
    const name = String(news.metadata.name);
    const ctx = opContext(subject(name));
    const b = budget(news, "update");
    await awaitUpdatable(ctx, name, remainingMs(b));
    const r = await applyWhenSettled(ctx, name, remainingMs(b), () => base.update(id, olds, news));
    return { outs: await settle(news, id, r.outs ?? {}, b) };
}

async function read(id: string, props: Props): Promise<pulumi.dynamic.ReadResult> {
    const r = await base.read(id, props);
    if (!r.id || !r.props) return r;
    return { ...r, props: { ...r.props, removalPlan: removalPlan(r.inputs ?? props) } };
}

async function del(id: string, props: Props): Promise<void> {
    await removeInterfaces(opContext(subject(String(props.metadata?.name))), props);
    await base.delete(id, props);
}

/** The NodeNetworkConfigurationPolicy kind's provider. */
export const nncpProvider: KindProvider = { ...base, check, create, update, read, delete: del };
