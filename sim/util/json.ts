/**
 * Plain-JSON helpers shared by every reconcile function. Objects from the API server are plain
 * JSON, so equality and copying are structural; `semanticEqual` mirrors apimachinery's
 * `equality.Semantic.DeepEqual` closely enough for the template comparisons KubeVirt makes.
 */
import { parseQuantity } from "./quantity";

/** A JSON value navigated without a schema. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export function isPlainObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function clone<T>(v: T): T {
    return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/**
 * Structural equality (key order ignored). A key whose value is null counts as absent, as the API
 * server may prune nulls from non-nullable fields; without this a written `lastProbeTime: null`
 * would read back different forever.
 */
export function deepEqual(a: unknown, b: unknown): boolean {
    if (a === b) return true;
    if (Array.isArray(a) || Array.isArray(b)) {
        if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
        return a.every((x, i) => deepEqual(x, b[i]));
    }
    if (!isPlainObject(a) || !isPlainObject(b)) return false;
    const ka = Object.keys(a).filter((k) => a[k] !== undefined && a[k] !== null);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined && b[k] !== null);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
}

/** Keys whose string values are resource quantities ("1Gi" equals "1024Mi"). */
const QUANTITY_KEYS = new Set([
    "guest",
    "maxGuest",
    "capacity",
    "pageSize",
    "storage",
    "memory",
    "cpu",
]);
const QUANTITY_PARENTS = new Set(["requests", "limits", "overhead"]);

/**
 * Semantic equality as KubeVirt compares specs: nil and empty slices/maps are equal, quantities
 * compare by value. An empty struct is NOT absent: Go tells a nil pointer from a pointer to an
 * empty struct, and real KubeVirt sets RestartRequired when e.g. `devices.rng: {}` is added.
 */
export function semanticEqual(a: unknown, b: unknown): boolean {
    return semEq(canonical(a), canonical(b), "", "");
}

function semEq(a: unknown, b: unknown, key: string, parent: string): boolean {
    if (
        typeof a === "string" &&
        typeof b === "string" &&
        a !== b &&
        (QUANTITY_KEYS.has(key) || QUANTITY_PARENTS.has(parent))
    ) {
        const qa = parseQuantity(a);
        const qb = parseQuantity(b);
        return qa !== undefined && qa === qb;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
        return a.length === b.length && a.every((x, i) => semEq(x, b[i], key, parent));
    }
    if (isPlainObject(a) && isPlainObject(b)) {
        const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
        return [...keys].every((k) => semEq(a[k], b[k], k, key));
    }
    return deepEqual(a, b);
}

/** Fields that are Go maps (an empty map equals nil); every other object is a struct pointer. */
const MAP_KEYS = new Set([
    "nodeSelector",
    "labels",
    "annotations",
    "requests",
    "limits",
    "capacity",
]);

/** Drops undefined/null values, empty arrays and empty maps, recursively (empty structs are kept). */
export function canonical(v: unknown, key = ""): unknown {
    if (Array.isArray(v)) {
        const out = v.map((x) => canonical(x));
        return out.length ? out : undefined;
    }
    if (isPlainObject(v)) {
        const out: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(v)) {
            const c = canonical(x, k);
            if (c !== undefined) out[k] = c;
        }
        return Object.keys(out).length || !MAP_KEYS.has(key) ? out : undefined;
    }
    return v === null ? undefined : v;
}

/** Ensures `obj[k1][k2]...` exist as objects and returns the innermost one. */
export function ensurePath(obj: Json, ...keys: string[]): Json {
    let cur = obj;
    for (const k of keys) {
        if (!isPlainObject(cur[k])) cur[k] = {};
        cur = cur[k];
    }
    return cur;
}

/** Sets or deletes (when value is undefined) a key. */
export function setOrDelete(obj: Json, key: string, value: unknown): void {
    if (value === undefined) delete obj[key];
    else obj[key] = clone(value);
}
