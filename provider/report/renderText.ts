/**
 * Plain-terminal rendering of the disruption report: same content and order as the Markdown form,
 * no markup, an upper-case impact column so the risky lines stand out. Pure and deterministic.
 */
import type { DisruptionReport, ResourceChange } from "./model";
import {
    deleteConsequence,
    impactLabel,
    isEmpty,
    mismatched,
    mismatchText,
    reasonText,
    restartConsequence,
    rolloutLines,
    subject,
    topReasons,
    totalsLine,
} from "./words";
import { evictionLines } from "./eviction";

const width = Math.max(...Object.values(impactLabel).map((l) => l.length));

function changeLines(c: ResourceChange): string[] {
    const head = `${impactLabel[c.impact].toUpperCase().padEnd(width)}  ${subject(c)}`;
    const { shown, more } = topReasons(c, 8);
    const lines = shown.map(
        (r) =>
            `    - ${r.impact === c.impact ? "" : `(${impactLabel[r.impact]}) `}${reasonText(r)}`,
    );
    if (more > 0) lines.push(`    - … and ${more} more`);
    if (shown.length === 0 && c.summary) lines.push(`    - ${c.summary}`);
    const consequence = restartConsequence(c);
    if (consequence) lines.push(`    on up: ${consequence}`);
    for (const n of c.notes) lines.push(`    note: ${n}`);
    return [head, ...lines];
}

/** The report for a terminal. */
export function renderText(report: DisruptionReport): string {
    const out = ["pulumi-kubevirt disruption report", ""];
    if (report.errors.length > 0) {
        out.push(
            "ERROR: the preview reported errors, so this plan is incomplete:",
            ...report.errors.map((e) => `    ${e}`),
            "",
        );
    }
    out.push(
        isEmpty(report) ? "No changes to KubeVirt resources." : `Totals: ${totalsLine(report)}`,
        "",
    );
    const waves = rolloutLines(report);
    if (waves.length) out.push("Rollout:", ...waves.map((w) => `    ${w}`), "");
    for (const c of report.changes.filter((x) => x.op !== "same")) out.push(...changeLines(c));
    const mismatches = mismatched(report);
    if (mismatches.length > 0) out.push("Last update did not go as planned:");
    for (const c of mismatches) out.push(`    ${subject(c)}: ${mismatchText(c)}`);
    for (const c of report.deleted)
        out.push(`${"DELETE".padEnd(width)}  ${subject(c)}: ${deleteConsequence(c)}`);
    for (const c of report.created) out.push(`${"CREATE".padEnd(width)}  ${subject(c)}`);
    const same = report.changes.filter((c) => c.op === "same");
    if (same.length > 0) out.push(`Unchanged: ${same.map((c) => c.name).join(", ")}`);
    const drains = evictionLines(report, (s) => s);
    if (drains.length) out.push("", "Node drains:", ...drains.map((l) => `    ${l}`));
    if (report.otherChanges > 0)
        out.push(
            `${report.otherChanges} change(s) to non-KubeVirt resources are not analysed here.`,
        );
    return out.join("\n").replace(/\n+$/, "") + "\n";
}
