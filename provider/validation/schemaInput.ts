/**
 * The input as the schema sees it: the apiserver's pre-validation pass (nulls dropped), where
 * preview-time unknowns sit, and JSON pointers turned into Pulumi property paths. Pure.
 */
import { isUnknown } from "./types";

type Json = Record<string, unknown>;

/**
 * Deep-copies `obj` and mimics the apiserver's pre-validation pass: a `null` is dropped unless the
 * field's schema admits null (CDI's clone example has `storage:` null). Root keys starting with `__`
 * are Pulumi bookkeeping (`__provider`), not part of the manifest.
 */
export function normalizeForValidation(obj: unknown, schema: Json): unknown {
    const copy = JSON.parse(JSON.stringify(obj ?? null)) as unknown;
    if (isRecord(copy)) for (const k of Object.keys(copy)) if (k.startsWith("__")) delete copy[k];
    dropNulls(copy, schema);
    return copy;
}

export function isRecord(v: unknown): v is Json {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

function allowsNull(schema: Json): boolean {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    const anyOf = (schema.anyOf as Json[] | undefined) ?? [];
    return types.includes("null") || anyOf.some((s) => s.type === "null");
}

/** Removes nulls for non-nullable fields, following the schema down objects and arrays. */
function dropNulls(value: unknown, schema: Json): void {
    if (Array.isArray(value) && isRecord(schema.items)) {
        for (const item of value) dropNulls(item, schema.items);
        return;
    }
    if (!isRecord(value)) return;
    const props = (schema.properties ?? {}) as Record<string, Json>;
    const extra = isRecord(schema.additionalProperties) ? schema.additionalProperties : undefined;
    for (const key of Object.keys(value)) {
        const sub = props[key] ?? extra;
        if (!sub) continue;
        if (value[key] === null && !allowsNull(sub)) delete value[key];
        else dropNulls(value[key], sub);
    }
}

/** Records the JSON pointer of every unknown-at-preview value. */
export function collectUnknowns(value: unknown, pointer: string, out: Set<string>): void {
    if (isUnknown(value)) out.add(pointer);
    else if (Array.isArray(value))
        value.forEach((v, i) => collectUnknowns(v, `${pointer}/${i}`, out));
    else if (isRecord(value)) {
        for (const [k, v] of Object.entries(value))
            collectUnknowns(v, `${pointer}/${escapePointer(k)}`, out);
    }
}

export function escapePointer(key: string): string {
    return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Converts a JSON pointer into a Pulumi property path: `a.b[0]["kubevirt.io/vm"]`. */
export function pointerToProperty(pointer: string, data: unknown): string {
    let out = "";
    let cur: unknown = data;
    for (const raw of pointer.split("/").slice(1)) {
        const seg = raw.replace(/~1/g, "/").replace(/~0/g, "~");
        if (Array.isArray(cur)) out += `[${seg}]`;
        else if (/^[A-Za-z_$][\w$]*$/.test(seg)) out += out ? `.${seg}` : seg;
        else out += `[${JSON.stringify(seg)}]`;
        cur =
            isRecord(cur) || Array.isArray(cur) ? (cur as Record<string, unknown>)[seg] : undefined;
    }
    return out;
}
