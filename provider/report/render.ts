/**
 * Markdown rendering of the disruption report, for a pull-request comment: totals first, then one
 * table row per changed resource, riskiest first, each with the fields that decide its impact and
 * why; creates, deletes and unchanged resources listed separately. Pure and deterministic.
 */
import type { Impact } from "../diff/types";
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

/** Marks our comment so a CI job can find and update it instead of posting a new one. */
export const commentMarker = "<!-- pulumi-kubevirt-report -->";

const icon: Record<Impact, string> = {
    none: "⚪",
    metadata: "⚪",
    live: "🟢",
    liveMigrate: "🟡",
    restart: "🟠",
    replace: "🔴",
};

/** Markdown table cells must not contain pipes or newlines. */
function cell(s: string): string {
    return s.replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;
const strong = (s: string) => `**${s}**`;

function whyCell(c: ResourceChange): string {
    const { shown, more } = topReasons(c, 8);
    const lines = shown.map((r) =>
        r.impact === c.impact
            ? reasonText(r, code)
            : `(${impactLabel[r.impact]}) ${reasonText(r, code)}`,
    );
    if (more > 0) lines.push(`… and ${more} more`);
    if (lines.length === 0 && c.summary) lines.push(c.summary);
    const consequence = restartConsequence(c);
    if (consequence) lines.push(`**On up:** ${consequence}`);
    for (const n of c.notes) lines.push(`_Note: ${n}_`);
    return cell(lines.join("\n"));
}

function changesTable(report: DisruptionReport): string[] {
    const changed = report.changes.filter((c) => c.op !== "same");
    if (changed.length === 0) return [];
    const rows = changed.map(
        (c) =>
            `| ${icon[c.impact]} | ${cell(subject(c, code))} | ${strong(impactLabel[c.impact])} | ${whyCell(c)} |`,
    );
    return ["| | Resource | Impact | What changes and why |", "|---|---|---|---|", ...rows, ""];
}

function listSection(
    title: string,
    items: ResourceChange[],
    line: (c: ResourceChange) => string,
): string[] {
    if (items.length === 0) return [];
    return [`#### ${title} (${items.length})`, "", ...items.map((c) => `- ${line(c)}`), ""];
}

function unchangedSection(report: DisruptionReport): string[] {
    const same = report.changes.filter((c) => c.op === "same");
    if (same.length === 0) return [];
    const items = same.map((c) => `- ${subject(c, code)}`);
    return [
        "<details><summary>Unchanged (" + same.length + ")</summary>",
        "",
        ...items,
        "",
        "</details>",
        "",
    ];
}

function errorSection(report: DisruptionReport): string[] {
    if (report.errors.length === 0) return [];
    const items = report.errors.map((e) => `> - ${cell(e)}`);
    return ["> ❌ **The preview reported errors, so this plan is incomplete:**", ">", ...items, ""];
}

/** A titled bullet list, or nothing when there are no lines. */
function bullets(title: string, lines: string[]): string[] {
    return lines.length ? [`#### ${title}`, "", ...lines.map((l) => `- ${l}`), ""] : [];
}

/** The report as Markdown, starting with `commentMarker`. */
export function renderMarkdown(report: DisruptionReport): string {
    return (
        [
            commentMarker,
            "### pulumi-kubevirt disruption report",
            "",
            ...errorSection(report),
            isEmpty(report) ? "No changes to KubeVirt resources." : totalsLine(report, strong),
            "",
            ...bullets("Rollout", rolloutLines(report)),
            ...changesTable(report),
            ...bullets("Node drains", evictionLines(report, code)),
            ...afterChanges(report),
            "<sub>From `pulumi preview --json` by `pulumi-kubevirt report`. Impacts follow KubeVirt's own update rules; see docs/diff-classification.md.</sub>",
        ].join("\n") + "\n"
    );
}

/** The sections after the changes table: past mismatches, deletions, creations, the rest. */
function afterChanges(report: DisruptionReport): string[] {
    return [
        ...listSection(
            "Last update did not go as planned",
            mismatched(report),
            (c) => `⚠️ ${subject(c, code)}: ${cell(mismatchText(c, strong))}`,
        ),
        ...listSection(
            "Deleted",
            report.deleted,
            (c) => `🔴 ${subject(c, code)}: ${deleteConsequence(c)}`,
        ),
        ...listSection("Created", report.created, (c) => subject(c, code)),
        ...unchangedSection(report),
        ...(report.otherChanges > 0
            ? [
                  `_${report.otherChanges} change(s) to non-KubeVirt resources are not analysed here._`,
                  "",
              ]
            : []),
    ];
}
