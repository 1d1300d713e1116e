/**
 * The steps a NodeNetworkConfigurationPolicy needs around the generic operations (I/O):
 * preview notes on what delete will remove, and the removal itself before the policy is deleted.
 */
import type { OpContext, Props } from "../../kindProvider";
import { KubevirtProviderError } from "../../errors";
import { budgetOf, remainingMs } from "../../await/timeouts";
import { declared } from "../generic/objects";
import { nncpKind } from "./definition";
import { absentDesiredState, nodeMatches, removalNote, removalTargets } from "./removal";
import { applyWhenSettled, awaitPolicy, awaitUpdatable, policyRef } from "./await";

/** Names of the nodes the selector matches, or undefined when nodes cannot be listed. */
async function matchingNodes(
    ctx: OpContext,
    selector: Record<string, string> | undefined,
): Promise<string[] | undefined> {
    try {
        const nodes = await ctx.client.list("v1", "Node");
        return nodes
            .filter((n) => nodeMatches(n.metadata.labels, selector))
            .map((n) => String(n.metadata.name))
            .sort();
    } catch {
        return undefined;
    }
}

/** Preview: what delete will remove from which nodes, and a selector that matches nothing. */
export async function previewNotes(ctx: OpContext, inputs: Props): Promise<string[]> {
    const selector = inputs.spec?.nodeSelector;
    const nodes = await matchingNodes(ctx, selector);
    const notes = [
        removalNote(
            removalTargets(inputs.spec?.desiredState, inputs.removeOnDelete),
            selector,
            nodes,
        ),
    ];
    if (nodes && nodes.length === 0)
        notes.push(
            "the nodeSelector matches no node: nmstate will mark the policy Ignored and configure nothing",
        );
    return notes;
}

/**
 * Delete, step 1 (docs/semantics.md#nodenetworkconfigurationpolicy "Deletion"): apply the policy with the removable interfaces `state: absent`
 * and wait until nmstate reports it Available; only then may the generic delete remove the policy.
 * A failed removal keeps the policy, so no node is left half-configured without a record.
 */
export async function removeInterfaces(ctx: OpContext, props: Props): Promise<void> {
    const name = String(props.metadata?.name);
    const targets = removalTargets(props.spec?.desiredState, props.removeOnDelete);
    if (targets.length === 0 || !(await ctx.client.get(policyRef(name)))) return;
    const timeoutMs = remainingMs(budgetOf(props, "delete", 600));
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
                "or set removeOnDelete: false and run `pulumi up` first to delete the policy and leave the interfaces in place",
        );
    }
}
