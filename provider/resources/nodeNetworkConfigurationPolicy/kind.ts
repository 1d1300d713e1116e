/**
 * nmstate NodeNetworkConfigurationPolicy (nmstate.io/v1, cluster-scoped; semantics §5) as a
 * KindDef: field policy (policy.ts), validation (rules.ts), the update gate (nmstate refuses spec
 * changes during a rollout), and the removal on delete (`removeOnDelete`, removal.ts).
 *
 * Readiness is not declared here: the generic wait watches one object with a pure condition, but
 * a policy's verdict must be confirmed against its enactments (no observedGeneration) and its
 * failure explained from them, so provider.ts waits after the generic apply.
 */
import type { KindDef } from "../generic/kindDef";
import type { OpContext, Props } from "../../kind";
import { declared } from "../generic/objects";
import { KubevirtProviderError } from "../../errors";
import { nncpPolicy } from "./policy";
import { checkNncp } from "./rules";
import { policyStatusOutput } from "./readiness";
import { absentDesiredState, nodeMatches, removalNote, removalTargets } from "./removal";
import { applyWhenSettled, awaitPolicy, awaitUpdatable, policyRef } from "./await";

/** Written by nmstate's webhook on every create/update (§5, §8.2). */
export const webhookTimestampAnnotation = "nmstate.io/webhook-mutating-timestamp";

const seconds = (p: Props, op: string, dflt: number) => 1000 * Number(p.timeouts?.[op] ?? dflt);

/** Names of the nodes the selector matches, or undefined when nodes cannot be listed. */
async function matchingNodes(ctx: OpContext, selector: Record<string, string> | undefined): Promise<string[] | undefined> {
    try {
        const nodes = await ctx.client.list("v1", "Node");
        return nodes.filter((n) => nodeMatches(n.metadata.labels, selector)).map((n) => String(n.metadata.name)).sort();
    } catch {
        return undefined;
    }
}

/** Preview: what delete will remove from which nodes, and a selector that matches nothing. */
async function previewNotes(ctx: OpContext, inputs: Props): Promise<string[]> {
    const selector = inputs.spec?.nodeSelector;
    const nodes = await matchingNodes(ctx, selector);
    const notes = [removalNote(removalTargets(inputs.spec?.desiredState, inputs.removeOnDelete), selector, nodes)];
    if (nodes && nodes.length === 0) notes.push("the nodeSelector matches no node: nmstate will mark the policy Ignored and configure nothing");
    return notes;
}

/**
 * Delete, step 1 (§5 "Deletion"): apply the policy with the removable interfaces `state: absent`
 * and wait until nmstate reports it Available; only then may the generic delete remove the policy.
 * A failed removal keeps the policy, so no node is left half-configured without a record.
 */
async function removeInterfaces(ctx: OpContext, props: Props): Promise<void> {
    const name = String(props.metadata?.name);
    const targets = removalTargets(props.spec?.desiredState, props.removeOnDelete);
    if (targets.length === 0 || !(await ctx.client.get(policyRef(name)))) return;
    const timeoutMs = seconds(props, "delete", 600);
    const names = targets.map((t) => t.name).join(", ");
    ctx.say(`removing ${names} from the nodes (state: absent) before deleting the policy`);
    await awaitUpdatable(ctx, name, timeoutMs);
    const obj = declared(nncpKind, props);
    obj.spec = { ...(obj.spec as Props), desiredState: absentDesiredState(targets) };
    await applyWhenSettled(ctx, name, timeoutMs, () => ctx.client.apply(obj, { force: true }));
    try {
        await awaitPolicy(ctx, name, timeoutMs, `removal of ${names} by ${nncpKind.kind} ${name}`);
    } catch (err) {
        // No `cause`: the engine prints the message once; a cause would repeat it in the log.
        throw new KubevirtProviderError(
            `${(err as Error).message}\n${nncpKind.kind} ${name} was kept (now declaring ${names} absent). Fix the nodes and delete again, ` +
            "or set removeOnDelete: false and run `pulumi up` first to delete the policy and leave the interfaces in place");
    }
}

/** The KindDef of NodeNetworkConfigurationPolicy (wrapped by provider.ts). */
export const nncpKind: KindDef = {
    kind: "NodeNetworkConfigurationPolicy",
    apiVersion: "nmstate.io/v1",
    namespaced: false,
    bodyKeys: ["spec"],
    extraInputKeys: ["removeOnDelete"],
    policy: nncpPolicy,
    ignoredAnnotations: [webhookTimestampAnnotation],
    timeoutSeconds: 600,
    rules: checkNncp,
    outputs: policyStatusOutput,
    beforeUpdate: (ctx, inputs) => awaitUpdatable(ctx, String(inputs.metadata?.name), seconds(inputs, "update", 600)),
    beforeDelete: removeInterfaces,
    previewNotes,
};
