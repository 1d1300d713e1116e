/**
 * Pure path utilities for the diff engine: structural comparison of two JSON values into a list
 * of changed paths, keyed-list awareness, and glob matching of policy patterns.
 *
 * Path syntax (display form and pattern form share it):
 * - plain keys are dotted: `spec.template.spec.domain.cpu.sockets`;
 * - keys that are not identifiers are quoted: `metadata.annotations["kubevirt.io/pci-topology-version"]`;
 * - elements of lists keyed by `name` (or `metadata.name`) use brackets without quotes:
 *   `spec.template.spec.domain.devices.interfaces[nic1].state`.
 * Patterns add `*` (any one segment), `[*]` (any one keyed element) and `**` (zero or more segments).
 *
 * Why keyed lists: KubeVirt's disks, volumes, interfaces, networks and dataVolumeTemplates are
 * matched by name by the API and the controllers, so an insertion must read "disk 'data' added",
 * not "every later index changed".
 */

/** A JSON object. */
export type JsonObject = Record<string, unknown>;

/** One path step: a plain key, or the element of a keyed list with that name. */
export type Segment = string | { readonly name: string };

/** One difference between two values. */
export interface PathChange {
    /** Display form of `segments`. */
    path: string;
    segments: Segment[];
    /** `reordered` is reported on the list itself when the relative order of common elements moved. */
    kind: "added" | "removed" | "changed" | "reordered";
    old: unknown;
    new: unknown;
}

/** True for a non-null, non-array object. */
export function isPlainObject(v: unknown): v is JsonObject {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The key of a keyed-list element: its `name`, or `metadata.name` (dataVolumeTemplates). */
export function listKey(item: unknown): string | undefined {
    if (!isPlainObject(item)) return undefined;
    if (typeof item.name === "string" && item.name !== "") return item.name;
    const meta = item.metadata;
    if (isPlainObject(meta) && typeof meta.name === "string" && meta.name !== "") return meta.name;
    return undefined;
}

/** True when every element has a key and keys are unique, so elements can be matched by name. */
export function isKeyedList(arr: readonly unknown[]): boolean {
    const keys = arr.map(listKey);
    return keys.every((k) => k !== undefined) && new Set(keys).size === keys.length;
}

function keyedPair(a: readonly unknown[], b: readonly unknown[]): boolean {
    return a.length + b.length > 0 && isKeyedList(a) && isKeyedList(b);
}

/** Structural equality of JSON values; object key order is ignored. */
export function deepEqual(a: unknown, b: unknown): boolean {
    if (a === b) return true;
    if (Array.isArray(a) || Array.isArray(b)) {
        if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
        return a.every((x, i) => deepEqual(x, b[i]));
    }
    if (!isPlainObject(a) || !isPlainObject(b)) return false;
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
}

const identifier = /^[A-Za-z0-9_-]+$/;

/** Render segments as a display path. */
export function formatPath(segments: readonly Segment[]): string {
    let out = "";
    for (const s of segments) {
        if (typeof s !== "string") out += `[${s.name}]`;
        else if (identifier.test(s)) out += out === "" ? s : `.${s}`;
        else out += `[${JSON.stringify(s)}]`;
    }
    return out;
}

/** The value at `segments` (keyed segments look elements up by name), or undefined. */
export function getAt(value: unknown, segments: readonly Segment[]): unknown {
    let cur = value;
    for (const s of segments) {
        if (typeof s === "string") cur = isPlainObject(cur) ? cur[s] : undefined;
        else cur = Array.isArray(cur) ? cur.find((e) => listKey(e) === s.name) : undefined;
        if (cur === undefined) return undefined;
    }
    return cur;
}

/** Every difference between `oldValue` and `newValue`, descending into objects and keyed lists. */
export function diffValues(
    oldValue: unknown,
    newValue: unknown,
    base: Segment[] = [],
): PathChange[] {
    const out: PathChange[] = [];
    diffAt(oldValue, newValue, base, out);
    return out;
}

function push(
    out: PathChange[],
    segs: Segment[],
    kind: PathChange["kind"],
    o: unknown,
    n: unknown,
) {
    out.push({ path: formatPath(segs), segments: segs, kind, old: o, new: n });
}

function diffAt(o: unknown, n: unknown, segs: Segment[], out: PathChange[]): void {
    if (deepEqual(o, n)) return;
    if (o === undefined || n === undefined) return diffOneSided(o, n, segs, out);
    if (isPlainObject(o) && isPlainObject(n)) {
        const keys = [...Object.keys(o), ...Object.keys(n).filter((k) => !(k in o))];
        for (const k of keys) diffAt(o[k], n[k], [...segs, k], out);
        return;
    }
    if (Array.isArray(o) && Array.isArray(n) && keyedPair(o, n)) return diffKeyed(o, n, segs, out);
    push(out, segs, "changed", o, n);
}

/**
 * A value present on one side only. Objects and keyed lists are walked down so policies see the
 * leaves (a new `cpu: {sockets: 4}` is a sockets change, a first volume is "volume 'x' added").
 */
function diffOneSided(o: unknown, n: unknown, segs: Segment[], out: PathChange[]): void {
    const v = o ?? n;
    if (isPlainObject(v) && Object.keys(v).length > 0) return diffAt(o ?? {}, n ?? {}, segs, out);
    if (Array.isArray(v) && v.length > 0 && isKeyedList(v)) {
        return diffKeyed((o ?? []) as unknown[], (n ?? []) as unknown[], segs, out);
    }
    push(out, segs, o === undefined ? "added" : "removed", o, n);
}

function diffKeyed(o: unknown[], n: unknown[], segs: Segment[], out: PathChange[]): void {
    const oldKeys = o.map((e) => listKey(e) as string);
    const newKeys = n.map((e) => listKey(e) as string);
    const common = oldKeys.filter((k) => newKeys.includes(k));
    const commonNew = newKeys.filter((k) => oldKeys.includes(k));
    // Order matters to KubeVirt (boot order, PCI slots), so a pure move is a change of the list.
    if (common.join("\u0000") !== commonNew.join("\u0000"))
        push(out, segs, "reordered", oldKeys, newKeys);
    // Whole elements added or removed are reported on the element: "disk 'data' added".
    o.forEach((e, i) => {
        const seg = [...segs, { name: oldKeys[i] as string }];
        const j = newKeys.indexOf(oldKeys[i] as string);
        if (j < 0) push(out, seg, "removed", e, undefined);
        else diffAt(e, n[j], seg, out);
    });
    n.forEach((e, i) => {
        const key = newKeys[i] as string;
        if (!oldKeys.includes(key)) push(out, [...segs, { name: key }], "added", undefined, e);
    });
}

type Token =
    | { t: "key"; v: string }
    | { t: "name"; v: string }
    | { t: "any" }
    | { t: "anyName" }
    | { t: "globstar" };

const compiled = new Map<string, Token[]>();

/** Parse a display path or a pattern into tokens; cached because policy tables reuse patterns. */
function tokenize(pattern: string): Token[] {
    const hit = compiled.get(pattern);
    if (hit) return hit;
    const tokens: Token[] = [];
    const re = /\*\*|\*|\[\*\]|\["((?:[^"\\]|\\.)*)"\]|\[([^\]]+)\]|([A-Za-z0-9_-]+)|\./gy;
    let m: RegExpExecArray | null;
    while (re.lastIndex < pattern.length && (m = re.exec(pattern)) !== null) {
        if (m[0] === "**") tokens.push({ t: "globstar" });
        else if (m[0] === "*") tokens.push({ t: "any" });
        else if (m[0] === "[*]") tokens.push({ t: "anyName" });
        else if (m[1] !== undefined)
            tokens.push({ t: "key", v: JSON.parse(`"${m[1]}"`) as string });
        else if (m[2] !== undefined) tokens.push({ t: "name", v: m[2] });
        else if (m[3] !== undefined) tokens.push({ t: "key", v: m[3] });
    }
    if (re.lastIndex !== pattern.length) throw new Error(`invalid path pattern: ${pattern}`);
    compiled.set(pattern, tokens);
    return tokens;
}

/** Parse a display path back into segments (wildcards are rejected). */
export function parsePath(path: string): Segment[] {
    return tokenize(path).map((t) => {
        if (t.t === "key") return t.v;
        if (t.t === "name") return { name: t.v };
        throw new Error(`wildcard in path: ${path}`);
    });
}

function tokenMatches(t: Token, s: Segment): boolean {
    if (t.t === "any") return true;
    if (t.t === "anyName") return typeof s !== "string";
    if (t.t === "key") return typeof s === "string" && s === t.v;
    return t.t === "name" && typeof s !== "string" && s.name === t.v;
}

function matchFrom(tokens: Token[], ti: number, segs: readonly Segment[], si: number): boolean {
    if (ti === tokens.length) return si === segs.length;
    const t = tokens[ti] as Token;
    if (t.t === "globstar") {
        for (let k = si; k <= segs.length; k++) if (matchFrom(tokens, ti + 1, segs, k)) return true;
        return false;
    }
    const seg = segs[si];
    return seg !== undefined && tokenMatches(t, seg) && matchFrom(tokens, ti + 1, segs, si + 1);
}

/** True when `pattern` matches the path given as segments or as a display string. */
export function matchPath(pattern: string, path: readonly Segment[] | string): boolean {
    const segs = typeof path === "string" ? parsePath(path) : path;
    return matchFrom(tokenize(pattern), 0, segs, 0);
}

/** Short human rendering of a value for messages: scalars as is, objects as truncated JSON. */
export function formatValue(v: unknown): string {
    if (v === undefined) return "unset";
    if (typeof v === "string") return v;
    const s = JSON.stringify(v);
    return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

/**
 * Terse label of a change for one-line summaries, e.g. `cpu.sockets 2→4`,
 * `domain.devices.disks changed ('data' added)`. `rename` shortens display paths.
 */
export function describeChange(
    change: PathChange,
    rename: (path: string) => string = (p) => p,
): string {
    const last = change.segments[change.segments.length - 1];
    if (last !== undefined && typeof last !== "string") {
        const list = rename(formatPath(change.segments.slice(0, -1)));
        return `${list} changed ('${last.name}' ${change.kind})`;
    }
    const p = rename(change.path);
    if (change.kind === "reordered") return `${p} reordered`;
    const scalar = (v: unknown) => typeof v !== "object" || v === null;
    if (scalar(change.old) && scalar(change.new)) {
        return `${p} ${formatValue(change.old)}→${formatValue(change.new)}`;
    }
    return `${p} ${change.kind}`;
}
