/**
 * A compact field table from a generated JSON Schema (schema/<kind>.schema.json): one row per
 * field down to a depth, with its type and the first sentence of its upstream description. The
 * full schema stays the reference; the table is for finding your way. Pure and deterministic.
 */

/** The JSON Schema subset the generator reads. */
export interface SchemaNode {
    type?: string | string[];
    description?: string;
    properties?: Record<string, SchemaNode>;
    items?: SchemaNode;
    required?: string[];
    enum?: unknown[];
    anyOf?: SchemaNode[];
    additionalProperties?: boolean | SchemaNode;
    "x-kubernetes-int-or-string"?: boolean;
    "x-kubernetes-preserve-unknown-fields"?: boolean;
}

/** One row of the table. */
export interface FieldRow {
    path: string;
    type: string;
    required: boolean;
    description: string;
}

/** How deep to go: `maxDepth` levels below the root key, plus every path listed in `expand` (no `[]`). */
export interface TableOptions {
    maxDepth: number;
    expand?: readonly string[];
    /** Longest description kept (first sentence, then cut). */
    maxDescription?: number;
}

function typesOf(n: SchemaNode): string[] {
    return n.type === undefined
        ? []
        : Array.isArray(n.type)
          ? n.type.filter((t) => t !== "null")
          : [n.type];
}

/** Human type: `string`, `integer`, `int or string`, `object`, `list of object`, `map of string`, enums. */
export function typeText(n: SchemaNode): string {
    if (n["x-kubernetes-int-or-string"]) return "int or string";
    if (n.enum && n.enum.length > 0 && n.enum.length <= 6)
        return n.enum.map((e) => JSON.stringify(e)).join(" \\| ");
    const t = typesOf(n);
    if (t.includes("array")) return `list of ${n.items ? typeText(n.items) : "any"}`;
    if (t.includes("object") && !n.properties && typeof n.additionalProperties === "object") {
        return `map of ${typeText(n.additionalProperties)}`;
    }
    if (t.length === 0 && n.anyOf) return [...new Set(n.anyOf.map(typeText))].join(" or ");
    return t.join(" or ") || (n["x-kubernetes-preserve-unknown-fields"] ? "any" : "object");
}

/** First sentence, whitespace collapsed, cut at `max` characters, safe inside a table cell. */
export function trimDescription(text: string | undefined, max = 140): string {
    if (!text) return "";
    const flat = text.replace(/\s+/g, " ").trim();
    const sentence = /^(.+?[.!?])(\s|$)/.exec(flat)?.[1] ?? flat;
    const cut = sentence.length > max ? `${sentence.slice(0, max - 1).trimEnd()}…` : sentence;
    return cut.replace(/\|/g, "\\|");
}

/** The node whose properties describe the children: the items of a list, else the node itself. */
function container(n: SchemaNode): { node: SchemaNode; suffix: string } {
    if (typesOf(n).includes("array") && n.items) return { node: n.items, suffix: "[]" };
    return { node: n, suffix: "" };
}

function walk(
    n: SchemaNode,
    path: string,
    depth: number,
    opts: TableOptions,
    out: FieldRow[],
): void {
    const expand = depth < opts.maxDepth || (opts.expand ?? []).includes(path.replace(/\[\]/g, ""));
    if (!expand) return;
    const { node, suffix } = container(n);
    const required = new Set(node.required ?? []);
    for (const key of Object.keys(node.properties ?? {}).sort()) {
        const child = node.properties![key]!;
        const p = `${path}${suffix}.${key}`;
        out.push({
            path: p,
            type: typeText(child),
            required: required.has(key),
            description: trimDescription(child.description, opts.maxDescription),
        });
        walk(child, p, depth + 1, opts, out);
    }
}

/** The rows under `root` (e.g. "spec"), depth-first in key order. */
export function fieldRows(schema: SchemaNode, root: string, opts: TableOptions): FieldRow[] {
    const node = schema.properties?.[root];
    if (!node) return [];
    const out: FieldRow[] = [];
    walk(node, root, 0, opts, out);
    return out;
}

/** The rows as a Markdown table (empty when there are none). */
export function fieldTable(rows: readonly FieldRow[]): string[] {
    if (rows.length === 0) return [];
    const body = rows.map(
        (r) =>
            `| \`${r.path}\`${r.required ? " *(required)*" : ""} | ${r.type} | ${r.description} |`,
    );
    return ["| Field | Type | Description |", "|---|---|---|", ...body];
}
