/**
 * Generic, kind-agnostic change classifier driven by a policy table (style docs/semantics.md#vm-classification-summary).
 *
 * A policy is an ordered list of rules; the first rule whose pattern matches a changed path and
 * that does not decline decides that path's impact. The plan's impact is the maximum over all
 * paths, and every path keeps its own reason so the user sees why (pulumi-kubernetes
 * `convertPatchToDiff`). Kind-specific knowledge lives in the tables and named predicates, never
 * here.
 */
import { impactOrder, maxImpact, type ChangePlan, type ChangeReason, type Impact } from "./types";
import { describeChange, matchPath, type PathChange } from "./paths";

/** A predicate's decision for one path. */
export interface Verdict {
    impact: Impact;
    /** User-readable, concrete: "cpu.sockets 2→4 is hot-plugged; KubeVirt live-migrates the VM". */
    why: string;
    /** Optional plan-level note (deduplicated), e.g. "takes effect on next restart". */
    note?: string;
}

/** A value-dependent decision; returning undefined declines, so the next matching rule is tried. */
export type Predicate<C> = (change: PathChange, ctx: C) => Verdict | undefined;

/** One row of a policy table. Either `impact` (+ `why`) or `predicate` must be given. */
export interface PolicyRule<C> {
    /** Path glob, see `paths.ts` (`*`, `[*]`, `**`). */
    pattern: string;
    impact?: Impact;
    why?: string | ((change: PathChange) => string);
    note?: string;
    predicate?: Predicate<C>;
}

/** Presentation options. */
export interface ClassifyOptions {
    /** Shortens display paths in the terse `summary` of each reason. */
    rename?: (path: string) => string;
}

/** Impact of a path no rule covers: conservative on purpose, a table should end with a `**` row. */
const unmatched: Verdict = {
    impact: "replace",
    why: "no policy rule covers this path; assuming the worst",
};

function applyRule<C>(rule: PolicyRule<C>, change: PathChange, ctx: C): Verdict | undefined {
    if (!matchPath(rule.pattern, change.segments)) return undefined;
    if (rule.predicate) return rule.predicate(change, ctx);
    if (rule.impact === undefined)
        throw new Error(`policy rule ${rule.pattern} has neither impact nor predicate`);
    const why =
        typeof rule.why === "function" ? rule.why(change) : (rule.why ?? `${change.path} changed`);
    return rule.note === undefined
        ? { impact: rule.impact, why }
        : { impact: rule.impact, why, note: rule.note };
}

/** The verdict of the first matching, non-declining rule. */
export function classifyChange<C>(
    change: PathChange,
    policy: readonly PolicyRule<C>[],
    ctx: C,
): Verdict {
    for (const rule of policy) {
        const v = applyRule(rule, change, ctx);
        if (v) return v;
    }
    return unmatched;
}

/**
 * Classify every change with `policy`; the plan impact is the maximum of the reasons (`none` for
 * no changes), notes are deduplicated in first-seen order.
 */
export function classifyChanges<C>(
    changes: readonly PathChange[],
    policy: readonly PolicyRule<C>[],
    ctx: C,
    options: ClassifyOptions = {},
): ChangePlan {
    const reasons: ChangeReason[] = [];
    const notes: string[] = [];
    for (const change of changes) {
        const v = classifyChange(change, policy, ctx);
        const summary = describeChange(change, options.rename);
        reasons.push({ path: change.path, impact: v.impact, why: v.why, summary });
        if (v.note !== undefined && !notes.includes(v.note)) notes.push(v.note);
    }
    return { impact: planImpact(reasons), reasons, notes };
}

/** The maximum impact of a list of reasons, `none` when empty. */
export function planImpact(reasons: readonly ChangeReason[]): Impact {
    return reasons.reduce<Impact>((acc, r) => maxImpact(acc, r.impact), "none");
}

/** True when impact `a` is at least `b` in `impactOrder`. */
export function impactAtLeast(a: Impact, b: Impact): boolean {
    return impactOrder.indexOf(a) >= impactOrder.indexOf(b);
}
