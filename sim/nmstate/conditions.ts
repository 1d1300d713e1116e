/**
 * NNCP and NNCE condition sets, transcribed from kubernetes-nmstate (docs/semantics.md#nodenetworkconfigurationpolicy):
 * pkg/policyconditions/conditions.go (SetPolicy*, setPolicyStatus) and
 * pkg/enactmentstatus/conditions/{conditions,counter}.go. Pure.
 */
import type { ConditionInput } from "../util/conditions";

type Status = "True" | "False" | "Unknown";
const c = (type: string, status: Status, reason: string, message = ""): ConditionInput => ({
    type,
    status,
    reason,
    ...(message ? { message } : {}),
});

// ---- enactments ----

export type EnactmentState = "Progressing" | "Available" | "Failing" | "Pending" | "Aborted";

const enactmentTypes = ["Available", "Failing", "Progressing", "Pending", "Aborted"] as const;
const T = "True",
    F = "False",
    U = "Unknown";

/** Per state: the reason, each type's status (in `enactmentTypes` order), which types carry the message. */
const enactmentTable: Record<
    EnactmentState,
    { reason: string; statuses: Status[]; messageOn: string[]; defaultMessage?: string }
> = {
    Progressing: {
        reason: "ConfigurationProgressing",
        statuses: [U, U, T, F, F],
        messageOn: ["Progressing"],
        defaultMessage: "Applying desired state",
    },
    Available: {
        reason: "SuccessfullyConfigured",
        statuses: [T, F, F, F, F],
        messageOn: ["Available"],
        defaultMessage: "successfully reconciled",
    },
    Failing: { reason: "FailedToConfigure", statuses: [F, T, F, F, F], messageOn: ["Failing"] },
    Pending: {
        reason: "MaxUnavailableLimitReached",
        statuses: [F, F, F, T, F],
        messageOn: ["Pending", "Progressing"],
        defaultMessage: "Waiting for progressing nodes to finish",
    },
    Aborted: { reason: "ConfigurationAborted", statuses: [F, F, F, F, T], messageOn: ["Aborted"] },
};

/** `SetProgressing`, `SetSuccess`, `SetFailedToConfigure`, `SetPending`, `SetConfigurationAborted`. */
export function enactmentConditions(state: EnactmentState, message = ""): ConditionInput[] {
    const row = enactmentTable[state];
    const msg = message || row.defaultMessage || "";
    return enactmentTypes.map((type, i) => {
        // SetFailed marks Aborted=False with reason SuccessfullyConfigured, as upstream does.
        const reason =
            state === "Failing" && type === "Aborted" ? "SuccessfullyConfigured" : row.reason;
        return c(type, row.statuses[i]!, reason, row.messageOn.includes(type) ? msg : "");
    });
}

/** One enactment as the policy aggregation sees it. */
export interface EnactmentView {
    policyGeneration?: number;
    conditions?: { type: string; status: string }[];
}

/** `enactmentconditions.Count`: enactments whose condition `type` is True for this generation. */
export function countTrue(enactments: EnactmentView[], type: string, generation: number): number {
    return enactments.filter(
        (e) =>
            e.policyGeneration === generation &&
            e.conditions?.find((x) => x.type === type)?.status === "True",
    ).length;
}

// ---- policies ----

export interface PolicyAggregate {
    conditions: ConditionInput[];
    message: string;
}

/**
 * `setPolicyStatus`: NoMatchingNode, else any Failing/Aborted → Degraded, else unfinished or
 * pending → Progressing, else Available. All matching nodes are Ready in the sim.
 */
export function policyConditions(
    matchingNodes: number,
    enactments: EnactmentView[],
    generation: number,
): PolicyAggregate {
    const failed = countTrue(enactments, "Failing", generation);
    const aborted = countTrue(enactments, "Aborted", generation);
    const available = countTrue(enactments, "Available", generation);
    const pending = countTrue(enactments, "Pending", generation);
    const finished = available + failed + aborted;
    if (matchingNodes === 0) return notMatching("Policy does not match any node");
    if (failed > 0 || aborted > 0) {
        const message =
            `${failed}/${matchingNodes} nodes failed to configure` +
            (aborted ? `, ${aborted} nodes aborted configuration` : "");
        return failedToConfigure(message);
    }
    if (finished < matchingNodes)
        return progressing(`Policy is progressing ${finished}/${matchingNodes} nodes finished`);
    if (pending > 0)
        return progressing(
            `Policy is progressing ${finished}/${matchingNodes} nodes finished, ${pending} pending`,
        );
    return success(`${available}/${matchingNodes} nodes successfully configured`);
}

export function progressing(message: string): PolicyAggregate {
    return {
        message,
        conditions: [
            c("Degraded", "Unknown", "ConfigurationProgressing"),
            c("Available", "Unknown", "ConfigurationProgressing"),
            c("Progressing", "True", "ConfigurationProgressing", message),
            c("Ignored", "False", "ConfigurationProgressing"),
        ],
    };
}

function success(message: string): PolicyAggregate {
    return {
        message,
        conditions: [
            c("Degraded", "False", "SuccessfullyConfigured"),
            c("Available", "True", "SuccessfullyConfigured", message),
            c("Progressing", "False", "SuccessfullyConfigured"),
            c("Ignored", "False", "SuccessfullyConfigured"),
        ],
    };
}

function notMatching(message: string): PolicyAggregate {
    return {
        message,
        conditions: [
            c("Degraded", "False", "NoMatchingNode"),
            c("Available", "False", "NoMatchingNode"),
            c("Progressing", "False", "NoMatchingNode"),
            c("Ignored", "True", "NoMatchingNode", message),
        ],
    };
}

function failedToConfigure(message: string): PolicyAggregate {
    return {
        message,
        conditions: [
            c("Degraded", "True", "FailedToConfigure", message),
            c("Available", "False", "FailedToConfigure"),
            c("Progressing", "False", "ConfigurationProgressing"),
            c("Ignored", "False", "FailedToConfigure"),
        ],
    };
}

/** `maxUnavailable` (int or percent, default "50%") scaled to the node count, rounded up, at least 1. */
export function maxUnavailableNodes(value: unknown, nodes: number): number {
    const v = value ?? "50%";
    const n =
        typeof v === "string" && v.endsWith("%")
            ? Math.ceil((Number.parseFloat(v) / 100) * nodes)
            : Number(v);
    return Math.max(1, Number.isFinite(n) ? n : 1);
}
