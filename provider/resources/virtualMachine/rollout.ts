/**
 * A VM's part in its rollout group (provider/rollout): which step of this update disrupts it,
 * and taking a turn before anything is applied, so a VM whose group stopped stays untouched.
 */
import type { OpContext, Props } from "../../kindProvider";
import { rolloutGate, type Release } from "../../rollout/gate";
import { budgetTurns } from "./budgetTurn";
import { disruptionFor, permitsOf, type Disruption, type RolloutSpec } from "../../rollout/types";
import type { PlannedImpact } from "./plan";

/** The disruptive step of this update (see disruptionFor); a VM with no instance has none. */
export function disruptionOf(
    plan: PlannedImpact,
    inputs: Props,
    running: boolean,
    defaultPolicy?: string,
): Disruption | undefined {
    if (!running) return undefined;
    return disruptionFor(plan.impact, inputs.restartPolicy ?? defaultPolicy);
}

/** The preview note that says a disruptive step waits for its group's budget. */
export function rolloutNote(
    spec: RolloutSpec | undefined,
    step: Disruption | undefined,
): string | undefined {
    if (!spec || !step) return undefined;
    const n = permitsOf(spec, step);
    const cap = Number.isFinite(n)
        ? `at most ${n} ${step === "restart" ? "restarting" : "migrating"} at a time`
        : "no group limit: KubeVirt's cluster limit paces migrations";
    return `rollout group '${spec.group}': ${cap}`;
}

/**
 * Run `apply` (the update's writes and waits) holding a turn in the VM's group and, for a
 * restart, in each PodDisruptionBudget selecting its pod. A failure stops the group; the turns
 * are given back when the VM is Ready again or the update failed.
 */
export async function inTurn<T>(
    ctx: OpContext,
    inputs: Props,
    running: { step?: Disruption; vmiUid?: string },
    apply: () => Promise<T>,
): Promise<T> {
    const { step, vmiUid } = running;
    if (!step) return apply();
    const spec = inputs.rollout as RolloutSpec | undefined;
    const who = `VirtualMachine ${inputs.metadata.namespace}/${inputs.metadata.name}`;
    const releases: Release[] = [];
    if (spec) releases.push(await rolloutGate.acquire(spec, step, who, ctx.say));
    try {
        if (step === "restart" && vmiUid)
            releases.push(...(await budgetTurns(ctx, who, inputs, vmiUid)));
        return await apply();
    } catch (err) {
        if (spec) rolloutGate.halt(spec.group, who, err);
        throw err;
    } finally {
        for (const r of releases) r();
    }
}
