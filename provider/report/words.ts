/**
 * Wording shared by the Markdown and terminal renderers, so both say the same thing. Pure.
 */
import { impactOrder, type Impact } from "../diff/types";
import { describeWaves, planWaves } from "../rollout/waves";
import { disruptionFor } from "../rollout/types";
import type { DisruptionReport, ReportReason, ResourceChange } from "./model";
import { observedLabel } from "./mismatch";

/** Short label per impact as reviewers read it. */
export const impactLabel: Record<Impact, string> = {
    none: "no runtime effect",
    metadata: "metadata only",
    live: "live",
    liveMigrate: "live migration",
    restart: "restart",
    replace: "replace (data loss)",
};

/** "VirtualMachine default/vm-a", plus the Pulumi name when the object is named differently. */
export function subject(c: ResourceChange, code: (s: string) => string = (s) => s): string {
    const objectName = c.ref.split(" → ").pop()!.split("/").pop();
    const alias = objectName === c.name ? "" : ` (Pulumi name ${code(c.name)})`;
    return `${c.kind} ${code(c.ref)}${alias}`;
}

/**
 * What `pulumi up` will do about a restart-impact VM: the provider restarts it only under
 * restartPolicy onChange; otherwise the VM keeps running the old spec with RestartRequired.
 */
export function restartConsequence(c: ResourceChange): string | undefined {
    if (c.kind !== "VirtualMachine" || c.op !== "update" || c.impact !== "restart")
        return undefined;
    if (c.restartPolicy === "onChange")
        return "restartPolicy onChange: `pulumi up` restarts the VM to apply the change";
    const policy =
        c.restartPolicy ?? "the stack default (kubevirt:restartPolicy, 'never' unless set)";
    return `restartPolicy ${policy}: \`pulumi up\` updates the VM object but does not restart it; the VM keeps running the old spec and reports RestartRequired until someone restarts it`;
}

/** What a delete means for the kind. */
export function deleteConsequence(c: ResourceChange): string {
    if (c.kind === "VirtualMachine")
        return "deleted: the VM stops and is removed with the DataVolumes it owns (data loss)";
    if (c.kind === "DataVolume") return "deleted: the disk and its data are removed (data loss)";
    return "deleted";
}

/** Reasons riskiest first; the first `limit` shown, the rest counted. */
export function topReasons(
    c: ResourceChange,
    limit: number,
): { shown: ReportReason[]; more: number } {
    const rank = (r: ReportReason) => impactOrder.indexOf(r.impact);
    const sorted = [...c.reasons].sort((a, b) => rank(b) - rank(a));
    return { shown: sorted.slice(0, limit), more: Math.max(0, sorted.length - limit) };
}

/** "why", prefixed with the field when the text does not already name it. */
export function reasonText(r: ReportReason, code: (s: string) => string = (s) => s): string {
    const label = r.summary ?? r.path;
    const short = label.split(" ")[0] ?? label;
    return r.why.includes(short) ? r.why : `${code(label)}: ${r.why}`;
}

/** "**1 restart**, 1 live migration, 2 unchanged; 1 created, **1 deleted**" (zero counts left out). */
export function totalsLine(
    report: DisruptionReport,
    strong: (s: string) => string = (s) => s,
): string {
    const risky = new Set<Impact>(["replace", "restart"]);
    const unchanged = report.changes.filter((c) => c.op === "same").length;
    const count = (i: Impact) => (i === "none" ? report.totals.none - unchanged : report.totals[i]);
    const parts = [...impactOrder]
        .reverse()
        .filter((i) => count(i) > 0)
        .map((i) => {
            const text = `${count(i)} ${impactLabel[i]}`;
            return risky.has(i) ? strong(text) : text;
        });
    if (unchanged > 0) parts.push(`${unchanged} unchanged`);
    const lifecycle = [];
    if (report.created.length > 0) lifecycle.push(`${report.created.length} created`);
    if (report.deleted.length > 0) lifecycle.push(strong(`${report.deleted.length} deleted`));
    return [parts.join(", "), lifecycle.join(", ")].filter((p) => p !== "").join("; ");
}

/** True when nothing existing changes and nothing is created or deleted. */
export function isEmpty(report: DisruptionReport): boolean {
    return (
        report.changes.every((c) => c.op === "same") &&
        report.created.length === 0 &&
        report.deleted.length === 0
    );
}

/**
 * One line per rollout group with disruptive steps ("rollout group 'web': 12 VMs restart in 4
 * waves of 3; …"). Restarts count only where `up` will restart (restartPolicy onChange).
 */
export function rolloutLines(report: DisruptionReport): string[] {
    const members = report.changes
        .filter((c) => c.kind === "VirtualMachine" && c.op === "update")
        .map((c) => ({
            name: c.name,
            rollout: c.rollout,
            disruption: disruptionFor(c.impact, c.restartPolicy),
        }));
    const groups = planWaves(members);
    // A stack that declares no groups gets the report it always had.
    if (groups.every((g) => !g.group)) return [];
    return groups.map(describeWaves);
}

/** Existing resources whose last update did not go as planned, in report order. */
export function mismatched(report: DisruptionReport): ResourceChange[] {
    return report.changes.filter((c) => c.mismatch);
}

/** "planned restart, observed no RestartRequired: <message>" for a resource with a mismatch. */
export function mismatchText(c: ResourceChange, strong: (s: string) => string = (s) => s): string {
    const m = c.mismatch!;
    const head = `planned ${strong(impactLabel[m.planned])}, observed ${strong(observedLabel[m.observed])}`;
    return m.message ? `${head}: ${m.message}` : head;
}
