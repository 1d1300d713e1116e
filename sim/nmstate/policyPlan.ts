/**
 * One step of rolling a policy generation out to its nodes, pure. Nodes are configured in
 * batches of `maxUnavailable`: a batch goes Progressing, the rest Pending; on the next step the
 * batch finishes (Available, or Failing where the degrade knob targets the node) and the next
 * batch starts. A node is settled when its enactment reports the expected outcome for the
 * current generation, so a knob change or a new generation re-runs only what differs.
 */
import type { EnactmentState } from "./conditions";

export interface EnactmentSnapshot {
    policyGeneration?: number;
    conditions?: { type: string; status: string; message?: string }[];
}

export interface PlanInput {
    /** Matching nodes, sorted. */
    nodes: string[];
    enactments: Map<string, EnactmentSnapshot>;
    generation: number;
    /** Nodes the degrade knob makes fail, with the failure message. */
    failures: Map<string, string>;
    batch: number;
}

export interface PlannedNode {
    state: EnactmentState;
    message?: string;
}

export interface Plan {
    /** New states for nodes that change in this step. */
    changes: Map<string, PlannedNode>;
    /** Every node is settled; nothing to do. */
    done: boolean;
    /** This step starts a generation no enactment has seen yet (not paced, like the webhook reset). */
    newGeneration: boolean;
}

const isTrue = (e: EnactmentSnapshot | undefined, type: string): boolean =>
    e?.conditions?.find((c) => c.type === type)?.status === "True";

export function isSettled(
    e: EnactmentSnapshot | undefined,
    generation: number,
    failure: string | undefined,
): boolean {
    if (e?.policyGeneration !== generation) return false;
    if (failure === undefined) return isTrue(e, "Available");
    return (
        isTrue(e, "Failing") && e.conditions?.find((c) => c.type === "Failing")?.message === failure
    );
}

export function planStep(input: PlanInput): Plan {
    const { nodes, enactments, generation, failures } = input;
    const newGeneration = !nodes.some((n) => enactments.get(n)?.policyGeneration === generation);
    const unsettled = nodes.filter(
        (n) => !isSettled(enactments.get(n), generation, failures.get(n)),
    );
    const changes = new Map<string, PlannedNode>();
    if (!unsettled.length) return { changes, done: true, newGeneration: false };
    const inProgress = unsettled.filter(
        (n) =>
            enactments.get(n)?.policyGeneration === generation &&
            isTrue(enactments.get(n), "Progressing"),
    );
    if (inProgress.length) {
        for (const n of inProgress) {
            const f = failures.get(n);
            changes.set(
                n,
                f === undefined ? { state: "Available" } : { state: "Failing", message: f },
            );
        }
        return { changes, done: false, newGeneration };
    }
    unsettled.forEach((n, i) =>
        changes.set(n, { state: i < Math.max(1, input.batch) ? "Progressing" : "Pending" }),
    );
    return { changes, done: false, newGeneration };
}
