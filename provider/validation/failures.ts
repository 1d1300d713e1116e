/**
 * ajv errors turned into Pulumi check failures: one per problem, none for values still unknown
 * at preview time, each naming the property and saying what was expected. Pure.
 */
import type { ErrorObject } from "ajv";
import type { CheckFailure } from "./types";
import { patternMessage } from "./patterns";
import { escapePointer, pointerToProperty } from "./schemaInput";

type Json = Record<string, unknown>;

/** The pointer an error is about: the child for required/additionalProperties, else instancePath. */
function targetPointer(e: ErrorObject): string {
    const child = e.params.missingProperty ?? e.params.additionalProperty;
    if (typeof child === "string") return `${e.instancePath}/${escapePointer(child)}`;
    if (typeof e.params.index === "number") return `${e.instancePath}/${e.params.index}`;
    return e.instancePath;
}

function underUnknown(pointer: string, unknowns: Set<string>): boolean {
    for (const u of unknowns) if (pointer === u || pointer.startsWith(`${u}/`)) return true;
    return false;
}

/** Turns ajv errors into failures: folds anyOf branches, skips unknown values, dedupes. */
export function toFailures(
    errors: ErrorObject[],
    data: unknown,
    unknowns: Set<string>,
): CheckFailure[] {
    const anyOfPaths = errors.filter((e) => e.keyword === "anyOf").map((e) => `${e.schemaPath}/`);
    const seen = new Set<string>();
    const failures: CheckFailure[] = [];
    for (const e of errors) {
        if (anyOfPaths.some((p) => e.schemaPath.startsWith(p)) || e.propertyName !== undefined)
            continue;
        if (underUnknown(targetPointer(e), unknowns)) continue;
        const failure = describe(e, data);
        const key = `${failure.property}\u0000${failure.reason}`;
        if (!seen.has(key)) failures.push(failure);
        seen.add(key);
    }
    return failures;
}

/** Short rendering of a bad value for messages. */
function show(value: unknown): string {
    const text = value === undefined ? "undefined" : JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function typeOf(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return "array";
    return Number.isInteger(value) ? "integer" : typeof value;
}

/** What is wrong, given the quoted property (`q`), its parent (`where`) and "got <type> <value>". */
type Reason = (e: ErrorObject, q: string, where: string, got: string) => string;

/** One reason per ajv keyword; any other keyword falls back to ajv's own message. */
const reasons: Record<string, Reason> = {
    required: (_e, q) => `missing required property ${q}`,
    additionalProperties: (e, _q, where) =>
        `unknown property '${e.params.additionalProperty}' in ${where} (not in the schema)`,
    enum: (e, q) => `${q} has invalid value ${show(e.data)}; allowed values: ${allowed(e)}`,
    const: (e, q, _w, got) => `${q} must be ${show(e.params.allowedValue)}, ${got}`,
    type: (e, q, _w, got) => `${q} must be ${String(e.params.type).replace(",", " or ")}, ${got}`,
    anyOf: (e, q, _w, got) => `${q} must be ${anyOfTypes(e)}, ${got}`,
    "x-kubernetes-list-map-keys": (e, q) => `${q} ${e.message ?? "is a duplicate entry"}`,
    propertyNames: (e, q) =>
        `${q} has invalid key ${show(e.params.propertyName)}: ${celMessage(e) ?? "not allowed"}`,
    pattern: (e, q, _w, got) =>
        `${q} ${celReason(e) ?? patternMessage(String(e.params.pattern))}, ${got}`,
    maxLength: (e, q) =>
        `${q} is ${String(e.data).length} characters; at most ${e.params.limit} are allowed`,
};

const otherReason: Reason = (e, q, _w, got) =>
    `${q} ${celReason(e) ?? e.message ?? "is invalid"}, ${got}`;

/** Builds the pulumi-eks style reason for one ajv error. */
function describe(e: ErrorObject, data: unknown): CheckFailure {
    const property = pointerToProperty(targetPointer(e), data);
    const parent = pointerToProperty(e.instancePath, data);
    const where = parent ? `'${parent}'` : "the top level";
    const q = property ? `'${property}'` : "the resource";
    const got = `got ${typeOf(e.data)} ${show(e.data)}`;
    const reason = (reasons[e.keyword] ?? otherReason)(e, q, where, got);
    return { property, reason };
}

function anyOfTypes(e: ErrorObject): string {
    const branches = (e.schema as Json[] | undefined) ?? [];
    return branches.map((b) => String(b.type ?? "valid")).join(" or ");
}

/** Message of a translated CEL rule, if the failing keyword came from one. */
function celMessage(e: ErrorObject): string | undefined {
    const msg = e.parentSchema?.["x-cel-message"];
    return typeof msg === "string" ? msg : undefined;
}

function celReason(e: ErrorObject): string | undefined {
    const msg = celMessage(e);
    return msg === undefined ? undefined : `is invalid: ${msg}`;
}

function allowed(e: ErrorObject): string {
    return (e.params.allowedValues as unknown[]).map(show).join(", ");
}
