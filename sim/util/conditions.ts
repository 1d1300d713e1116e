/**
 * Condition list helpers with Kubernetes semantics: lastTransitionTime changes only when the
 * status changes, so repeated reconciles with the same outcome produce no write.
 */
import { k8sTime } from "./time";

export interface Condition {
    type: string;
    status: "True" | "False" | "Unknown" | string;
    reason?: string;
    message?: string;
    lastTransitionTime?: string | null;
    lastProbeTime?: string | null;
    lastHeartbeatTime?: string | null;
}

export type ConditionInput = Pick<Condition, "type" | "status" | "reason" | "message">;

export function findCondition(list: Condition[] | undefined, type: string): Condition | undefined {
    return list?.find((c) => c.type === type);
}

export function isConditionTrue(list: Condition[] | undefined, type: string): boolean {
    return findCondition(list, type)?.status === "True";
}

/** A new list with `c` set; keeps lastTransitionTime when the status did not change. */
export function setCondition(
    list: Condition[] | undefined,
    c: ConditionInput,
    now: number,
    extra: Partial<Condition> = {},
): Condition[] {
    const old = findCondition(list, c.type);
    const keepTime =
        old && old.status === c.status && old.reason === c.reason && old.message === c.message;
    const next: Condition = {
        ...extra,
        ...old,
        ...c,
        lastTransitionTime: keepTime ? old.lastTransitionTime : k8sTime(now),
    };
    if (!c.reason) delete next.reason;
    if (!c.message) delete next.message;
    return old ? (list ?? []).map((x) => (x.type === c.type ? next : x)) : [...(list ?? []), next];
}

export function setConditions(
    list: Condition[] | undefined,
    cs: ConditionInput[],
    now: number,
): Condition[] {
    return cs.reduce<Condition[]>((acc, c) => setCondition(acc, c, now), list ?? []);
}

export function removeCondition(list: Condition[] | undefined, type: string): Condition[] {
    return (list ?? []).filter((c) => c.type !== type);
}
