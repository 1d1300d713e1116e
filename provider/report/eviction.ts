/**
 * The report's node-drain section: which VMs cannot live-migrate and what a drain does to them,
 * from the `eviction` property the provider computes (resources/virtualMachine/eviction.ts).
 * Pure; shared by the Markdown and text renderers.
 */
import { isPlainObject, type JsonObject } from "../diff/paths";
import type { DisruptionReport, ReportEviction, ResourceChange } from "./model";

interface StepState {
    inputs?: JsonObject;
    outputs?: JsonObject;
}

/**
 * The eviction a step shows. An unchanged VM keeps its stored outputs (computed after its last
 * apply, so its claims were known); a new or changed one has what check just computed.
 */
export function readEviction(state: StepState | undefined, op: string): ReportEviction | undefined {
    const fromInputs = state?.inputs?.eviction;
    const fromOutputs = state?.outputs?.eviction;
    const e = op === "same" ? (fromOutputs ?? fromInputs) : (fromInputs ?? fromOutputs);
    if (!isPlainObject(e) || typeof e.strategy !== "string") return undefined;
    return {
        strategy: e.strategy,
        migratable: typeof e.migratable === "boolean" ? e.migratable : null,
        reasons: Array.isArray(e.reasons) ? e.reasons.map(String) : [],
        onDrain: typeof e.onDrain === "string" ? e.onDrain : "",
        warning: typeof e.warning === "string" ? e.warning : null,
    };
}

/** VMs that will exist after this change: everything but deletes. */
const remaining = (r: DisruptionReport): ResourceChange[] =>
    [...r.changes, ...r.created].filter((c) => c.eviction);

/** One line per VM that cannot live-migrate (warnings first), after a count of those that can. */
export function evictionLines(report: DisruptionReport, code: (s: string) => string): string[] {
    const vms = remaining(report);
    const stuck = vms.filter((c) => c.eviction!.migratable === false);
    if (stuck.length === 0) return [];
    const can = vms.filter((c) => c.eviction!.migratable === true).length;
    const line = (c: ResourceChange) => {
        const e = c.eviction!;
        const mark = e.warning ? "⚠️ " : "";
        return `${mark}${code(c.ref)} (evictionStrategy ${e.strategy}) cannot live-migrate: ${e.reasons.join("; ")}. A node drain ${e.onDrain}.`;
    };
    const sorted = [...stuck].sort(
        (a, b) => Number(!!b.eviction!.warning) - Number(!!a.eviction!.warning),
    );
    return [`${can} of ${vms.length} VMs can live-migrate.`, ...sorted.map(line)];
}
