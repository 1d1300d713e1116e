/**
 * Reads `pulumi preview --json` into a DisruptionReport. Pure.
 *
 * What the preview holds (checked on the local bed, see test/unit/report/fixtures/): one step per
 * resource with `op`, `urn`, `oldState`/`newState` (with `inputs`), and for our resources the
 * `plannedImpact` input that `check` computed from the old and new inputs plus the cluster's
 * state. The engine itself only knows update vs replace, so:
 * - a replace op is always reported as replace (data loss), whatever plannedImpact says, because
 *   the engine will delete and recreate the object;
 * - an update without a readable plannedImpact is reported as restart (unknown, so assume the
 *   worst that an update can do), so a CI gate never passes on missing information.
 */
import { KubevirtProviderError } from "../errors";
import { describeChange, diffValues, isPlainObject, type JsonObject } from "../diff/paths";
import type { Impact } from "../diff/types";
import { impactOrder } from "../diff/types";
import type { RolloutSpec } from "../rollout/types";
import { readMismatch } from "./mismatch";
import { readEviction } from "./eviction";
import {
    byRisk,
    isImpact,
    type DisruptionReport,
    type ReportOp,
    type ReportReason,
    type ResourceChange,
} from "./model";

/** The input is not the output of `pulumi preview --json`. */
export class ReportInputError extends KubevirtProviderError {
    override name = "ReportInputError";
}

/** The parts of a preview step the report reads. */
export interface PreviewStep {
    op: string;
    urn: string;
    replaceReasons?: string[];
    oldState?: { type?: string; inputs?: JsonObject; outputs?: JsonObject };
    newState?: { type?: string; inputs?: JsonObject };
}

/** The parts of `pulumi preview --json` the report reads. */
export interface PreviewDoc {
    steps: PreviewStep[];
    diagnostics?: { message?: string; severity?: string; urn?: string }[];
}

const hint =
    "expected the output of `pulumi preview --json` (e.g. `pulumi preview --json > preview.json`)";

/** Parse and shape-check the preview text; `source` names it in errors (a file name or "stdin"). */
export function parsePreview(text: string, source: string): PreviewDoc {
    if (text.trim() === "") throw new ReportInputError(`${source} is empty; ${hint}`);
    let doc: unknown;
    try {
        doc = JSON.parse(text);
    } catch (err) {
        throw new ReportInputError(
            `${source} is not valid JSON (${(err as Error).message}); ${hint}`,
        );
    }
    if (!isPlainObject(doc) || !Array.isArray(doc.steps)) {
        throw new ReportInputError(`${source} is JSON but has no 'steps' list; ${hint}`);
    }
    const bad = doc.steps.findIndex(
        (s) => !isPlainObject(s) || typeof s.op !== "string" || typeof s.urn !== "string",
    );
    if (bad >= 0)
        throw new ReportInputError(`${source}: steps[${bad}] has no 'op' and 'urn'; ${hint}`);
    return doc as unknown as PreviewDoc;
}

const typePrefix = "pulumi-nodejs:dynamic/kubevirt:";

/** `urn:pulumi:stack::project::[parent$]type::name` → type and name. */
export function splitUrn(urn: string): { type: string; name: string } {
    const parts = urn.split("::");
    const name = parts[parts.length - 1] ?? "";
    const qualified = parts[parts.length - 2] ?? "";
    return { type: qualified.slice(qualified.lastIndexOf("$") + 1), name };
}

const replaceOps = new Set([
    "replace",
    "create-replacement",
    "delete-replaced",
    "read-replacement",
    "import-replacement",
    "discard-replaced",
]);

/** The engine's several steps for one URN (a replacement has up to three) collapsed into one op. */
export function collapseOps(ops: readonly string[]): ReportOp {
    if (ops.some((o) => replaceOps.has(o))) return "replace";
    if (ops.includes("delete")) return "delete";
    if (ops.includes("create") || ops.includes("import")) return "create";
    if (ops.includes("update")) return "update";
    return "same";
}

function refOf(inputs: JsonObject | undefined, fallback: string): string {
    const meta = isPlainObject(inputs?.metadata) ? inputs.metadata : {};
    const name = typeof meta.name === "string" ? meta.name : fallback;
    return typeof meta.namespace === "string" ? `${meta.namespace}/${name}` : name;
}

function readReasons(v: unknown): ReportReason[] {
    if (!Array.isArray(v)) return [];
    return v.filter(isPlainObject).map((r) => ({
        path: String(r.path ?? ""),
        impact: isImpact(r.impact) ? r.impact : "restart",
        why: String(r.why ?? ""),
        ...(typeof r.summary === "string" ? { summary: r.summary } : {}),
    }));
}

interface Planned {
    impact: Impact;
    summary: string;
    reasons: ReportReason[];
    notes: string[];
}

/** The step's `plannedImpact` input, or undefined when absent or not yet known. */
export function readPlannedImpact(inputs: JsonObject | undefined): Planned | undefined {
    const p = inputs?.plannedImpact;
    if (!isPlainObject(p) || !isImpact(p.impact)) return undefined;
    const notes = Array.isArray(p.notes)
        ? p.notes.filter((n): n is string => typeof n === "string")
        : [];
    return {
        impact: p.impact,
        summary: typeof p.summary === "string" ? p.summary : "",
        reasons: readReasons(p.reasons),
        notes,
    };
}

/** Changed input paths under `keys` (all top-level keys when omitted), plannedImpact excluded. */
function changedPaths(step: PreviewStep, keys?: readonly string[]): string[] {
    const o = step.oldState?.inputs ?? {};
    const n = step.newState?.inputs ?? {};
    const top = keys ?? [...new Set([...Object.keys(o), ...Object.keys(n)])].sort();
    return top
        .filter((k) => k !== "plannedImpact" && !k.startsWith("__"))
        .flatMap((k) => {
            const d = diffValues(o[k], n[k], [k]);
            return d.length > 0 ? d.map((c) => describeChange(c)) : [];
        });
}

/** A replace is data loss even when plannedImpact could not see it (e.g. a rename). */
function replacePlan(step: PreviewStep, planned: Planned | undefined, name: string): Planned {
    const reasons = planned?.reasons ?? [];
    const extra: ReportReason[] = reasons.some((r) => r.impact === "replace")
        ? []
        : (step.replaceReasons ?? []).flatMap((key) => {
              const paths = changedPaths(step, [key]);
              return (paths.length > 0 ? paths : [`${key} changed`]).map((s) => ({
                  path: key,
                  impact: "replace" as const,
                  why: `${s}: the object is deleted and created again`,
                  summary: s,
              }));
          });
    const all = [...extra, ...reasons];
    const shown = all.filter((r) => r.impact === "replace").map((r) => r.summary ?? r.path);
    const summary = `${name}: needs replacement${shown.length ? ` (${shown.join(", ")})` : ""}`;
    return { impact: "replace", summary, reasons: all, notes: planned?.notes ?? [] };
}

function updatePlan(step: PreviewStep, planned: Planned | undefined, name: string): Planned {
    if (!planned) {
        const why =
            "plannedImpact is missing from the preview, so the impact is unknown; assuming a restart";
        return {
            impact: "restart",
            summary: `${name}: impact unknown`,
            reasons: [{ path: "plannedImpact", impact: "restart", why }],
            notes: [],
        };
    }
    if (planned.impact !== "none") return planned;
    const paths = changedPaths(step);
    const summary = `${name}: provider settings only${paths.length ? ` (${paths.join(", ")})` : ""}`;
    return { ...planned, summary };
}

function planOf(step: PreviewStep, op: ReportOp, name: string): Planned {
    const planned = readPlannedImpact(step.newState?.inputs);
    if (op === "replace") return replacePlan(step, planned, name);
    if (op === "update") return updatePlan(step, planned, name);
    return { impact: "none", summary: "", reasons: [], notes: [] };
}

function toChange(steps: PreviewStep[], kind: string, name: string): ResourceChange {
    const op = collapseOps(steps.map((s) => s.op));
    const step = steps.find((s) => s.newState?.inputs) ?? steps[0]!;
    const merged: PreviewStep = {
        ...step,
        oldState: steps.find((s) => s.oldState?.inputs)?.oldState ?? step.oldState,
    };
    const inputs = merged.newState?.inputs ?? merged.oldState?.inputs;
    const oldRef = refOf(merged.oldState?.inputs ?? inputs, name);
    const newRef = refOf(op === "delete" ? merged.oldState?.inputs : inputs, name);
    // A rename is a replace: show both names so reviewers see which object goes away.
    const ref = oldRef === newRef ? newRef : `${oldRef} → ${newRef}`;
    const plan = planOf(merged, op, newRef.split("/").pop() ?? name);
    const policy = merged.newState?.inputs?.restartPolicy;
    const rollout = merged.newState?.inputs?.rollout;
    const mismatch = readMismatch(merged.oldState?.outputs);
    const eviction = readEviction(merged.newState, op);
    return {
        name,
        kind,
        ref,
        urn: step.urn,
        op,
        ...plan,
        ...(typeof policy === "string" ? { restartPolicy: policy } : {}),
        ...(isPlainObject(rollout) && typeof rollout.group === "string"
            ? { rollout: rollout as unknown as RolloutSpec }
            : {}),
        ...(mismatch ? { mismatch } : {}),
        ...(eviction ? { eviction } : {}),
    };
}

function groupByUrn(steps: readonly PreviewStep[]): Map<string, PreviewStep[]> {
    const groups = new Map<string, PreviewStep[]>();
    for (const s of steps) groups.set(s.urn, [...(groups.get(s.urn) ?? []), s]);
    return groups;
}

function errorsOf(doc: PreviewDoc): string[] {
    return (doc.diagnostics ?? [])
        .filter((d) => d.severity === "error" && typeof d.message === "string")
        .map((d) => {
            const who = d.urn ? `${splitUrn(d.urn).name}: ` : "";
            return `${who}${d.message!.trim()}`;
        });
}

/** The report for a parsed preview. */
export function buildReport(doc: PreviewDoc): DisruptionReport {
    const all: ResourceChange[] = [];
    let otherChanges = 0;
    for (const [urn, steps] of groupByUrn(doc.steps)) {
        const { type, name } = splitUrn(urn);
        if (!type.startsWith(typePrefix)) {
            if (collapseOps(steps.map((s) => s.op)) !== "same") otherChanges++;
            continue;
        }
        all.push(toChange(steps, type.slice(typePrefix.length), name));
    }
    const changes = all
        .filter((c) => c.op === "update" || c.op === "replace" || c.op === "same")
        .sort(byRisk);
    const totals = Object.fromEntries(
        impactOrder.map((i) => [i, changes.filter((c) => c.impact === i).length]),
    ) as Record<Impact, number>;
    const byName = (a: ResourceChange, b: ResourceChange) =>
        a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name);
    return {
        changes,
        created: all.filter((c) => c.op === "create").sort(byName),
        deleted: all.filter((c) => c.op === "delete").sort(byName),
        otherChanges,
        errors: errorsOf(doc),
        totals,
    };
}
