/**
 * CI gating for the disruption report: `--fail-on <level>` trips when any existing resource would
 * be disrupted at least that much. Deletes trip every gate (they destroy the object, at least as bad
 * as a replacement), and so do preview errors (an incomplete plan cannot be proven safe). Creates
 * never trip: nothing existing is disrupted. Pure.
 */
import { impactOrder, type Impact } from "../diff/types";
import { impactAtLeast } from "../diff/classify";
import type { DisruptionReport } from "./model";

/** Accepted `--fail-on` values: an impact level, or `any` (= any change to an existing resource). */
export const failOnValues = ["any", ...impactOrder.filter((i) => i !== "none")] as const;
export type FailOn = (typeof failOnValues)[number];

/** Exit code when a gate trips (0 = passed, 2 = bad usage or input). */
export const gateExitCode = 3;

/** The lowest impact that trips `failOn`. */
export function gateThreshold(failOn: FailOn): Impact {
    return failOn === "any" ? "metadata" : failOn;
}

/** True when `s` is an accepted `--fail-on` value. */
export function isFailOn(s: string): s is FailOn {
    return (failOnValues as readonly string[]).includes(s);
}

/** Whether the gate tripped and, if so, one line per resource (or error) that tripped it. */
export interface GateResult {
    tripped: boolean;
    reasons: string[];
}

/** Evaluate the gates (several `--fail-on` act as the lowest one). */
export function evaluateGate(report: DisruptionReport, failOn: readonly FailOn[]): GateResult {
    if (failOn.length === 0) return { tripped: false, reasons: [] };
    const threshold = failOn.map(gateThreshold).reduce((a, b) => (impactAtLeast(a, b) ? b : a));
    const reasons = [
        ...report.errors.map((e) => `preview error (the plan is incomplete): ${e.split("\n")[0]}`),
        ...report.changes
            .filter((c) => c.impact !== "none" && impactAtLeast(c.impact, threshold))
            .map((c) => `${c.kind} ${c.ref}: ${c.impact} (at least ${threshold})`),
        ...report.deleted.map((c) => `${c.kind} ${c.ref}: deleted`),
    ];
    return { tripped: reasons.length > 0, reasons };
}
