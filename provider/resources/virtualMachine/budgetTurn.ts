/**
 * The I/O half of rollout/disruptionBudget.ts: before a VM restarts, the PodDisruptionBudgets
 * that select its launcher pod each give it a turn, so one run restarts no more of their pods at
 * once than they allow. Read only for restarts: one list of budgets, and of pods when one exists.
 */
import type { OpContext, Props } from "../../kindProvider";
import type { KubeObject } from "../../k8s/client";
import { KubevirtProviderError } from "../../errors";
import { rolloutGate, type Release } from "../../rollout/gate";
import {
    budgetStanding,
    selectorMatches,
    type BudgetStanding,
} from "../../rollout/disruptionBudget";

/** A restart that a PodDisruptionBudget does not allow now. */
export class DisruptionBudgetError extends KubevirtProviderError {
    override name = "DisruptionBudgetError";
    constructor(
        readonly who: string,
        readonly object: KubeObject,
        readonly standing: BudgetStanding,
    ) {
        const ref = `${object.metadata.namespace}/${object.metadata.name}`;
        super(
            `${who}: not restarted: PodDisruptionBudget ${ref} allows no disruption now ` +
                `(${standing.healthy} of ${standing.expected} selected pods healthy, ${standing.desired} must stay); ` +
                `restart it once the budget allows, or change the budget`,
        );
    }
}

/**
 * Each budget's allowance as the run first saw it: our own restarts then hold turns against it,
 * rather than lowering it again as their pods go down.
 */
const allowances = new Map<string, BudgetStanding>();

/** virt-controller labels each launcher pod with the uid of the VMI it runs. */
const createdBy = "kubevirt.io/created-by";

const launcherOf = (pods: KubeObject[], vmiUid: string) =>
    pods.find((p) => p.metadata.labels?.[createdBy] === vmiUid && !p.metadata.deletionTimestamp);

/** Turns from every budget selecting the VM's launcher pod; the caller releases them. */
export async function budgetTurns(
    ctx: OpContext,
    who: string,
    inputs: Props,
    vmiUid: string,
): Promise<Release[]> {
    const ns: string = inputs.metadata.namespace;
    const pdbs = await ctx.client.list("policy/v1", "PodDisruptionBudget", ns).catch(() => []);
    if (pdbs.length === 0) return [];
    const pods = await ctx.client.list("v1", "Pod", ns);
    const pod = launcherOf(pods, vmiUid);
    if (!pod) return [];
    const releases: Release[] = [];
    try {
        for (const pdb of pdbs) {
            if (
                !selectorMatches(
                    (pdb.spec as Props | undefined)?.selector,
                    pod.metadata.labels ?? {},
                )
            )
                continue;
            const key = `${ns}/${pdb.metadata.name}`;
            const standing = allowances.get(key) ?? budgetStanding(pdb, pods);
            allowances.set(key, standing);
            if (standing.allowed < 1) throw new DisruptionBudgetError(who, pdb, standing);
            const spec = { group: `pdb:${key}`, maxUnavailable: standing.allowed };
            releases.push(await rolloutGate.acquire(spec, "restart", who, ctx.say));
        }
        return releases;
    } catch (err) {
        for (const r of releases) r();
        throw err;
    }
}
