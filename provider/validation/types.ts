/**
 * Shared shapes for input validation. check() returns these instead of throwing, so a user sees
 * every mistake at once (pulumi-eks style: quoted property, bad value, allowed values).
 */

/** One problem with the inputs, in the shape Pulumi's `CheckFailure` expects. */
export interface CheckFailure {
    /** Dotted Pulumi property path, e.g. `spec.template.spec.volumes[0].name`. */
    property: string;
    /** Human-readable reason; always quotes the property. */
    reason: string;
}

/** Shorthand constructor, keeps rule code readable. */
export function fail(property: string, reason: string): CheckFailure {
    return { property, reason };
}

/** A cross-field rule: a pure function from a whole manifest to its failures. */
export type Rule = (obj: unknown) => CheckFailure[];

/**
 * The string Pulumi substitutes for values that are not known during preview
 * (`UNKNOWN_VALUE` in @pulumi/pulumi runtime/rpc). Such values are treated as valid anywhere.
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** True for Pulumi's unknown-at-preview sentinel. */
export function isUnknown(value: unknown): boolean {
    return value === UNKNOWN;
}

/** True when the sentinel appears anywhere inside `value`. */
export function containsUnknown(value: unknown): boolean {
    if (isUnknown(value)) return true;
    if (Array.isArray(value)) return value.some(containsUnknown);
    if (typeof value === "object" && value !== null)
        return Object.values(value).some(containsUnknown);
    return false;
}
