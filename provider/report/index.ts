/**
 * The disruption report: turns `pulumi preview --json` into a reviewer-readable summary of what
 * each pulumi-kubevirt resource will go through (no change / metadata / live / live migration /
 * restart / replace with data loss), and gates CI on it. Used by the `pulumi-kubevirt report`
 * command (cli/main.ts); pure, so it can also be called from other tooling.
 */
import { buildReport, parsePreview } from "./preview";
import { renderMarkdown } from "./render";
import { renderText } from "./renderText";
import { evaluateGate, type FailOn, type GateResult } from "./gate";
import type { DisruptionReport } from "./model";

export type ReportFormat = "markdown" | "text";

/** Result of one report run. */
export interface ReportOutput {
    report: DisruptionReport;
    /** The rendered report. */
    text: string;
    gate: GateResult;
}

/**
 * Parse the preview text (named `source` in errors), build and render the report, evaluate the
 * gates. Throws ReportInputError when the text is not a `pulumi preview --json` document.
 */
export function makeReport(
    previewText: string,
    source: string,
    format: ReportFormat,
    failOn: readonly FailOn[] = [],
): ReportOutput {
    const report = buildReport(parsePreview(previewText, source));
    const text = format === "markdown" ? renderMarkdown(report) : renderText(report);
    return { report, text, gate: evaluateGate(report, failOn) };
}

export { buildReport, parsePreview, ReportInputError } from "./preview";
export { renderMarkdown, commentMarker } from "./render";
export { renderText } from "./renderText";
export {
    evaluateGate,
    failOnValues,
    gateExitCode,
    isFailOn,
    type FailOn,
    type GateResult,
} from "./gate";
export type { DisruptionReport, ResourceChange, ReportReason, ReportOp } from "./model";
