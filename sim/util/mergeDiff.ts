/**
 * The JSON merge patch (RFC 7386) that turns `from` into `to`. Used for every write so patches
 * are minimal and fields the sim does not manage are left alone; removed keys become `null`.
 */
import { deepEqual, isPlainObject } from "./json";

/** undefined when `from` already equals `to`. */
export function mergeDiff(from: unknown, to: unknown): unknown {
    if (isPlainObject(from) && isPlainObject(to)) {
        const patch: Record<string, unknown> = {};
        for (const k of new Set([...Object.keys(from), ...Object.keys(to)])) {
            const t = to[k];
            if (t === undefined || t === null) {
                if (from[k] !== undefined && from[k] !== null) patch[k] = null;
                continue;
            }
            const d = mergeDiff(from[k], t);
            if (d !== undefined) patch[k] = d;
        }
        return Object.keys(patch).length ? patch : undefined;
    }
    if (deepEqual(from, to)) return undefined;
    return to === undefined ? null : to;
}
