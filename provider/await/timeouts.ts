/**
 * The user's `timeouts` input, read in one place. Each operation (create, update, delete) gets one
 * budget: every wait of that operation draws from it, so the operation as a whole ends when the
 * user said, and a timed-out wait quotes the budget it exhausted (`timeouts.update: 5s`).
 */
import type { Props } from "../kindProvider";

export type Operation = "create" | "update" | "delete";

/** The time one operation may take, as the user set it (or the kind's default). */
export interface Budget {
    /** The input that sets it, e.g. `timeouts.update`. */
    label: string;
    seconds: number;
    /** Epoch ms when the budget runs out. */
    deadline: number;
}

/** The budget of `op` on a resource with these props, starting now. */
export function budgetOf(props: Props, op: Operation, defaultSeconds: number): Budget {
    const seconds = Number(props.timeouts?.[op] ?? defaultSeconds);
    return { label: `timeouts.${op}`, seconds, deadline: Date.now() + seconds * 1000 };
}

/** Milliseconds left of `budget`, at most `capMs` (a grace period shorter than the budget). */
export function remainingMs(budget: Budget, capMs = Infinity): number {
    return Math.max(0, Math.min(capMs, budget.deadline - Date.now()));
}

/** "timeouts.update: 5s", for messages. */
export const describeBudget = (b: Budget): string => `${b.label}: ${b.seconds}s`;
