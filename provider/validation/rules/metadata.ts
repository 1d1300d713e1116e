/**
 * ObjectMeta rules the API server applies to every kind (apimachinery's ValidateObjectMeta):
 * label keys and values, annotation keys. The schema types them only as strings, so a label value
 * of 64 characters would pass it and fail the apply. Name and namespace syntax are in the schema.
 */
import { CheckFailure, fail, isUnknown } from "../types";
import { asRecord } from "./dataVolume";

const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Why `key` is not a qualified name (`[prefix/]name`), or undefined when it is. */
export function qualifiedNameProblem(key: string): string | undefined {
    const slash = key.lastIndexOf("/");
    const [prefix, name] =
        slash < 0 ? [undefined, key] : [key.slice(0, slash), key.slice(slash + 1)];
    if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)))
        return "its prefix must be a DNS subdomain (e.g. example.com/)";
    if (name.length > 63)
        return `its name part is ${name.length} characters; at most 63 are allowed`;
    if (!NAME_PART.test(name))
        return "its name part must be letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
    return undefined;
}

/** Why `value` is not a label value, or undefined when it is. */
export function labelValueProblem(value: string): string | undefined {
    if (value.length > 63) return `is ${value.length} characters; a label value has at most 63`;
    if (!LABEL_VALUE.test(value))
        return "is not a valid label value (letters, digits, '-', '_', '.', starting and ending with a letter or digit)";
    return undefined;
}

/** `metadata.labels.app`, or `metadata.labels["app.kubernetes.io/name"]` for keys that need quoting. */
export function keyPath(base: string, key: string): string {
    return /^[A-Za-z_$][\w$]*$/.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`;
}

function mapFailures(map: unknown, base: string, checkValue: boolean): CheckFailure[] {
    const entries = Object.entries(asRecord(map) ?? {});
    return entries.flatMap(([key, value]) => {
        const p = keyPath(base, key);
        const keyProblem = qualifiedNameProblem(key);
        if (keyProblem)
            return [
                fail(
                    p,
                    `'${p}': key ${JSON.stringify(key)} is not a valid ${base.split(".").pop()} key: ${keyProblem}`,
                ),
            ];
        if (!checkValue || typeof value !== "string" || isUnknown(value)) return [];
        const valueProblem = labelValueProblem(value);
        return valueProblem ? [fail(p, `'${p}' label value ${valueProblem}`)] : [];
    });
}

/** Label and annotation rules of `metadata` found at `base` (also used for template metadata). */
export function checkObjectMeta(metadata: unknown, base = "metadata"): CheckFailure[] {
    const meta = asRecord(metadata);
    if (!meta) return [];
    return [
        ...mapFailures(meta.labels, `${base}.labels`, true),
        ...mapFailures(meta.annotations, `${base}.annotations`, false),
    ];
}

/** All metadata rules of a manifest. */
export function checkMetadata(obj: unknown): CheckFailure[] {
    return checkObjectMeta(asRecord(obj)?.metadata);
}
