/**
 * Parameter substitution of OpenShift templates (docs/semantics.md#openshift-templates steps 2–4), also used for
 * virt-template's VirtualMachineTemplate, whose engine mirrors it:
 * - `${NAME}` is replaced inside any string, any number of times, with text around it;
 * - `${{NAME}}` works only when it is the WHOLE string; the value is then JSON-decoded, so
 *   `"${{COUNT}}"` with COUNT=5 becomes the number 5, and a value that is not JSON stays a string;
 * - references to parameters that do not exist are left as written;
 * - map keys are substituted too (always as strings).
 */

/** Parameter values by name. */
export type ParameterValues = Readonly<Record<string, string>>;

const stringRef = /\$\{([a-zA-Z0-9_]+?)\}/g;
const wholeRef = /^\$\{\{([a-zA-Z0-9_]+)\}\}$/;

/** The result of substituting one string. */
export interface Substituted {
    value: string;
    /** True when `${{NAME}}` matched: the value is meant as JSON, not as a string. */
    raw: boolean;
}

const has = (values: ParameterValues, name: string) =>
    Object.prototype.hasOwnProperty.call(values, name);

/** Substitute one string, reporting whether it was a whole-string `${{NAME}}`. */
export function substituteString(input: string, values: ParameterValues): Substituted {
    const whole = wholeRef.exec(input);
    if (whole && has(values, whole[1] as string))
        return { value: values[whole[1] as string] as string, raw: true };
    // A single pass with a replacer, so a value that itself contains `${X}` is not expanded again.
    const value = input.replace(stringRef, (m, name: string) =>
        has(values, name) ? (values[name] as string) : m,
    );
    return { value, raw: false };
}

/** JSON-decode a `${{NAME}}` value, falling back to the plain string when it is not JSON. */
function decodeRaw(text: string): unknown {
    try {
        return JSON.parse(text) as unknown;
    } catch {
        return text;
    }
}

/** Substitute every string in `value` (deeply, keys included); returns a new value. */
export function substituteValue(value: unknown, values: ParameterValues): unknown {
    if (typeof value === "string") {
        const s = substituteString(value, values);
        return s.raw ? decodeRaw(s.value) : s.value;
    }
    if (Array.isArray(value)) return value.map((v) => substituteValue(v, values));
    if (value !== null && typeof value === "object") {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value))
            out[substituteString(k, values).value] = substituteValue(v, values);
        return out;
    }
    return value;
}

/** Names referenced by `${NAME}` or `${{NAME}}` anywhere in `value`, keys included. */
export function referencedParameters(value: unknown, out: Set<string> = new Set()): Set<string> {
    const scan = (s: string) => {
        const whole = wholeRef.exec(s);
        if (whole) out.add(whole[1] as string);
        for (const m of s.matchAll(stringRef)) out.add(m[1] as string);
    };
    if (typeof value === "string") scan(value);
    else if (Array.isArray(value)) value.forEach((v) => referencedParameters(v, out));
    else if (value !== null && typeof value === "object") {
        for (const [k, v] of Object.entries(value)) {
            scan(k);
            referencedParameters(v, out);
        }
    }
    return out;
}

/** True when `s` contains a `${NAME}` reference (namespace stripping keeps such namespaces). */
export function hasParameterReference(s: string): boolean {
    return new RegExp(stringRef.source).test(s);
}
