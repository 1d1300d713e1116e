/**
 * The NodeNetworkConfigurationPolicy provider: the generic KindDef provider, plus
 * - a wait after create/update that confirms the policy's verdict with its enactments and fails
 *   with the per-node reasons (readiness.ts; the generic single-object wait cannot do either),
 * - a retry when nmstate refuses an update because a rollout started meanwhile,
 * - the `removeOnDelete` check and the `removalPlan` output (what delete will remove).
 */
import type * as pulumi from "@pulumi/pulumi";
import { containsUnknown, opContext, PartialFailure, type KindProvider, type Props } from "../../kind";
import { AwaitFailedError, hasObject } from "../../errors";
import { makeKindProvider } from "../generic/provider";
import { nncpKind } from "./kind";
import { applyWhenSettled, awaitPolicy } from "./await";
import { policyStatusOutput } from "./readiness";
import { removalPlan } from "./removal";
import { checkRemoveOnDelete } from "./rules";

/** What to do about a Degraded policy (semantics §5 "Rollback": retries are per generation). */
const degradedHint = "nmstate rolled the failed nodes back and does not retry a failed generation: change desiredState (or fix the nodes) and run `pulumi up` again";

const subject = (name: string) => `${nncpKind.kind} ${name}`;
const timeoutMs = (p: Props, op: string) => 1000 * Number(p.timeouts?.[op] ?? nncpKind.timeoutSeconds ?? 600);

/** Waits for the policy to be Available; a failure keeps the object in state (partial failure). */
async function settle(inputs: Props, id: string, outs: Props, op: "create" | "update"): Promise<Props> {
    const withPlan = { ...outs, removalPlan: removalPlan(inputs) };
    if (inputs.skipAwait) return withPlan;
    const name = String(inputs.metadata.name);
    try {
        const { policy } = await awaitPolicy(opContext(subject(name)), name, timeoutMs(inputs, op), subject(name));
        return { ...withPlan, ...policyStatusOutput(policy) };
    } catch (err) {
        const live = hasObject(err) ? err.object : undefined;
        const hint = err instanceof AwaitFailedError ? `\n${degradedHint}` : "";
        throw new PartialFailure(`${(err as Error).message}${hint}`, id, { ...withPlan, ...policyStatusOutput(live), __provider: inputs.__provider });
    }
}

/** The provider registered for kind NodeNetworkConfigurationPolicy. */
export function makeNncpProvider(): KindProvider {
    const base = makeKindProvider(nncpKind);

    async function check(olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
        const r = await base.check(olds, news);
        if (containsUnknown(news.removeOnDelete) || containsUnknown(news.spec)) return r;
        const extra = checkRemoveOnDelete(news.spec?.desiredState, news.removeOnDelete);
        return extra.length ? { inputs: r.inputs, failures: [...(r.failures ?? []), ...extra] } : r;
    }

    async function create(inputs: Props): Promise<pulumi.dynamic.CreateResult> {
        const r = await base.create(inputs);
        return { id: r.id, outs: await settle(inputs, r.id, r.outs ?? {}, "create") };
    }

    async function update(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult> {
        const name = String(news.metadata.name);
        const r = await applyWhenSettled(opContext(subject(name)), name, timeoutMs(news, "update"), () => base.update(id, olds, news));
        return { outs: await settle(news, id, r.outs ?? {}, "update") };
    }

    async function read(id: string, props: Props): Promise<pulumi.dynamic.ReadResult> {
        const r = await base.read(id, props);
        if (!r.id || !r.props) return r;
        return { ...r, props: { ...r.props, removalPlan: removalPlan(r.inputs ?? props) } };
    }

    return { ...base, check, create, update, read };
}
