/**
 * Renders a policy table (diff/classify.ts PolicyRule rows) for the docs: pattern, impact, why.
 * The table the provider runs is the table the user reads, so docs cannot drift from behaviour.
 *
 * Rows with a fixed impact show their `why`; a `why` function is called on a placeholder change
 * (`{field}`, `{name}`) so it reads like the real message. Predicate rows decide from the values,
 * so their text comes from a description map (keyed by predicate name, or by pattern for
 * anonymous predicates such as the VM's `gated(...)` wrappers), else from the predicate's JSDoc.
 */
import type { PolicyRule } from "../../diff/classify";
import type { PathChange, Segment } from "../../diff/paths";

/** Descriptions of value-dependent rules, keyed by `ruleKey`. */
export type PredicateDocs = Readonly<Record<string, string>>;

/** One rendered row. */
export interface PolicyRow {
    pattern: string;
    impact: string;
    why: string;
}

/** The key a predicate rule's description is looked up by: the predicate's name, else the pattern. */
export function ruleKey(rule: PolicyRule<never>): string {
    return predicateName(rule) ?? rule.pattern;
}

/** The predicate's own name; an inline `predicate: (c) => …` is only named "predicate", which says nothing. */
function predicateName(rule: PolicyRule<never>): string | undefined {
    const n = rule.predicate?.name;
    return n && n !== "predicate" ? n : undefined;
}

/** Placeholder segments for a pattern: `**`/`*` → `{field}`, `[*]` → `[{name}]` (no `<>`: Markdown would eat them). */
export function placeholderChange(pattern: string): PathChange {
    const path = pattern.replace(/\[\*\]/g, "[{name}]").replace(/\*\*|\*/g, "{field}");
    const segments: Segment[] = [];
    for (const m of path.matchAll(/\[([^\]]*)\]|([^.[\]]+)/g)) {
        if (m[2] !== undefined) segments.push(m[2]);
        else if (m[1]!.startsWith('"')) segments.push(JSON.parse(m[1]!) as string);
        else segments.push({ name: m[1]! });
    }
    return { path, segments, kind: "changed", old: {}, new: {} };
}

function fixedWhy(rule: PolicyRule<never>): string {
    if (typeof rule.why === "string") return rule.why;
    if (typeof rule.why !== "function") return `${rule.pattern} changed`;
    try {
        return rule.why(placeholderChange(rule.pattern));
    } catch {
        return "explained per change";
    }
}

/** One row per rule, in table order (first match wins, so order is part of the meaning). */
export function policyRows(
    rules: readonly PolicyRule<never>[],
    docs: PredicateDocs = {},
): PolicyRow[] {
    return rules.map((rule) => {
        const note = rule.note ? ` Note: ${rule.note}` : "";
        if (rule.predicate) {
            const n = predicateName(rule);
            const name = n ? ` (\`${n}\`)` : "";
            const text = docs[ruleKey(rule)] ?? `depends on the old and new values${name}`;
            return { pattern: rule.pattern, impact: "depends", why: text + note };
        }
        return {
            pattern: rule.pattern,
            impact: rule.impact ?? "replace",
            why: fixedWhy(rule) + note,
        };
    });
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

/** Rows as a Markdown table. */
export function policyTable(rows: readonly PolicyRow[]): string[] {
    const body = rows.map(
        (r) =>
            `| \`${cell(r.pattern)}\` | ${r.impact === "depends" ? "*depends*" : `**${r.impact}**`} | ${cell(r.why)} |`,
    );
    return ["| Path pattern | Impact | Why / when |", "|---|---|---|", ...body];
}
