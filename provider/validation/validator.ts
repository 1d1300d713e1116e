/**
 * Schema validation of user inputs against the generated `schema/*.schema.json` (see schema/README.md).
 *
 * Each kind's schema is compiled lazily, once, by a single ajv instance. Before validating we do
 * what the apiserver does before *its* validation: drop `null` for non-nullable fields. Values
 * still unknown at preview time (Pulumi's sentinel string) are accepted wherever they appear.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv, { ErrorObject, ValidateFunction } from "ajv";
import { CheckFailure, isUnknown, Rule } from "./types";
import { checkDataVolume } from "./rules/dataVolume";
import { checkVirtualMachine } from "./rules/virtualMachine";
import { checkVmDevices } from "./rules/vmDevices";
import { checkMetadata } from "./rules/metadata";
import { checkPositiveQuantities } from "./rules/quantities";
import { checkDataSource, checkReferences } from "./rules/snapshot";
import { patternMessage } from "./patterns";

export { CheckFailure } from "./types";

type Json = Record<string, unknown>;

/** Entry of schema/index.json. */
export interface SchemaIndexEntry {
    apiVersion: string;
    plural: string;
    namespaced: boolean;
    file: string;
}

/**
 * Cross-field rules per kind, run by {@link validateAll} after the schema (and after the
 * metadata rules every kind gets). Each rule skips values unknown at preview time.
 */
const RULES: Record<string, Rule[]> = {
    VirtualMachine: [
        checkVirtualMachine,
        checkVmDevices,
        (o) => checkPositiveQuantities("VirtualMachine", o),
    ],
    DataVolume: [checkDataVolume, (o) => checkPositiveQuantities("DataVolume", o)],
    DataSource: [checkDataSource],
    VirtualMachineInstancetype: [(o) => checkPositiveQuantities("VirtualMachineInstancetype", o)],
    VirtualMachineClusterInstancetype: [
        (o) => checkPositiveQuantities("VirtualMachineClusterInstancetype", o),
    ],
    VirtualMachineSnapshot: [(o) => checkReferences("VirtualMachineSnapshot", o)],
    VirtualMachineRestore: [(o) => checkReferences("VirtualMachineRestore", o)],
    VirtualMachineClone: [(o) => checkReferences("VirtualMachineClone", o)],
};

let ajv: Ajv | undefined;
let index: Record<string, SchemaIndexEntry> | undefined;
const compiled = new Map<string, { fn: ValidateFunction; schema: Json }>();

/**
 * Finds schema/ at runtime. The compiled file sits at dist/provider/validation/, the source at
 * provider/validation/; walking up to our package.json works for both and for installed copies.
 */
function schemaDir(): string {
    for (let dir = __dirname; ; dir = path.dirname(dir)) {
        const pkg = path.join(dir, "package.json");
        if (
            fs.existsSync(pkg) &&
            JSON.parse(fs.readFileSync(pkg, "utf8")).name === "pulumi-kubevirt"
        ) {
            return path.join(dir, "schema");
        }
        if (path.dirname(dir) === dir)
            throw new Error(`pulumi-kubevirt: no schema/ above ${__dirname}`);
    }
}

/** Kind → apiVersion/plural/namespaced/file, as written by scripts/genSchema.ts. */
export function schemaIndex(): Record<string, SchemaIndexEntry> {
    const file = path.join(schemaDir(), "index.json");
    index ??= JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, SchemaIndexEntry>;
    return index;
}

/** Kinds that have a schema. */
export function knownKinds(): string[] {
    return Object.keys(schemaIndex());
}

/** The shared ajv instance, with the keywords and formats Kubernetes schemas use. */
function getAjv(): Ajv {
    if (ajv) return ajv;
    ajv = new Ajv({ allErrors: true, strict: false, verbose: true, allowUnionTypes: true });
    // Annotations only: they inform genSdkTypes and error messages, not validation.
    ajv.addVocabulary([
        "x-kubernetes-preserve-unknown-fields",
        "x-kubernetes-int-or-string",
        "x-cel-message",
    ]);
    ajv.addKeyword({
        keyword: "x-kubernetes-list-map-keys",
        type: "array",
        schemaType: "array",
        validate: uniqueListMapKeys,
    });
    const int = (min: number, max: number) => ({
        type: "number" as const,
        validate: (n: number) => Number.isInteger(n) && n >= min && n <= max,
    });
    ajv.addFormat("int32", int(-(2 ** 31), 2 ** 31 - 1));
    ajv.addFormat("int64", int(-(2 ** 63), 2 ** 63));
    ajv.addFormat(
        "date-time",
        /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/,
    );
    // OpenAPI formats the apiserver does not enforce for CRDs; registered so ajv stays quiet.
    for (const f of [
        "byte",
        "double",
        "float",
        "quantity",
        "date",
        "duration",
        "uri",
        "password",
        "binary",
    ]) {
        ajv.addFormat(f, true);
    }
    return ajv;
}

/** `x-kubernetes-list-type: map`: entries must be unique by their keys (apiserver "Duplicate value"). */
function uniqueListMapKeys(keys: string[], data: unknown[]): boolean {
    const seen = new Set<string>();
    const errors: Partial<ErrorObject>[] = [];
    data.forEach((item, i) => {
        const values = keys.map((k) => (isRecord(item) ? item[k] : undefined));
        if (values.some(isUnknown)) return; // two unknown names are not (yet) duplicates
        const key = JSON.stringify(values);
        const desc = keys.map((k, j) => `${k}=${JSON.stringify(values[j])}`).join(", ");
        if (seen.has(key)) {
            errors.push({
                keyword: "x-kubernetes-list-map-keys",
                message: `duplicates an earlier entry with ${desc}`,
                params: { index: i },
            });
        }
        seen.add(key);
    });
    (uniqueListMapKeys as unknown as { errors: unknown }).errors = errors;
    return errors.length === 0;
}

/** Compiles (once) and returns the validator of a kind. Throws for a kind without schema: a provider bug. */
function compiledFor(kind: string): { fn: ValidateFunction; schema: Json } {
    const hit = compiled.get(kind);
    if (hit) return hit;
    const entry = schemaIndex()[kind];
    if (!entry) {
        throw new Error(
            `pulumi-kubevirt: no schema for kind ${kind}; known: ${knownKinds().join(", ")}`,
        );
    }
    const schema = JSON.parse(fs.readFileSync(path.join(schemaDir(), entry.file), "utf8")) as Json;
    const result = { fn: getAjv().compile(schema), schema };
    compiled.set(kind, result);
    return result;
}

/**
 * Validates a whole manifest (apiVersion, kind, metadata, spec, ...) of `kind` against its schema.
 * Never throws for bad input; returns one failure per problem.
 */
export function validate(kind: string, obj: unknown): CheckFailure[] {
    const { fn, schema } = compiledFor(kind);
    const input = normalizeForValidation(obj, schema);
    const unknowns = new Set<string>();
    collectUnknowns(input, "", unknowns);
    if (fn(input)) return [];
    return toFailures(fn.errors ?? [], input, unknowns);
}

/** Schema validation followed by the kind's cross-field rules (if any). */
export function validateAll(kind: string, obj: unknown): CheckFailure[] {
    const rules = [checkMetadata, ...(RULES[kind] ?? [])];
    return [...validate(kind, obj), ...rules.flatMap((rule) => rule(obj))];
}

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

function isRecord(v: unknown): v is Json {
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
function collectUnknowns(value: unknown, pointer: string, out: Set<string>): void {
    if (isUnknown(value)) out.add(pointer);
    else if (Array.isArray(value))
        value.forEach((v, i) => collectUnknowns(v, `${pointer}/${i}`, out));
    else if (isRecord(value)) {
        for (const [k, v] of Object.entries(value))
            collectUnknowns(v, `${pointer}/${escapePointer(k)}`, out);
    }
}

function escapePointer(key: string): string {
    return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

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
function toFailures(errors: ErrorObject[], data: unknown, unknowns: Set<string>): CheckFailure[] {
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

/** Builds the pulumi-eks style reason for one ajv error. */
function describe(e: ErrorObject, data: unknown): CheckFailure {
    const property = pointerToProperty(targetPointer(e), data);
    const parent = pointerToProperty(e.instancePath, data);
    const where = parent ? `'${parent}'` : "the top level";
    const q = property ? `'${property}'` : "the resource";
    const got = `got ${typeOf(e.data)} ${show(e.data)}`;
    switch (e.keyword) {
        case "required":
            return { property, reason: `missing required property ${q}` };
        case "additionalProperties":
            return {
                property,
                reason: `unknown property '${e.params.additionalProperty}' in ${where} (not in the schema)`,
            };
        case "enum":
            return {
                property,
                reason: `${q} has invalid value ${show(e.data)}; allowed values: ${allowed(e)}`,
            };
        case "const":
            return { property, reason: `${q} must be ${show(e.params.allowedValue)}, ${got}` };
        case "type":
            return {
                property,
                reason: `${q} must be ${String(e.params.type).replace(",", " or ")}, ${got}`,
            };
        case "anyOf":
            return { property, reason: `${q} must be ${anyOfTypes(e)}, ${got}` };
        case "x-kubernetes-list-map-keys":
            return { property, reason: `${q} ${e.message ?? "is a duplicate entry"}` };
        case "propertyNames":
            return {
                property,
                reason: `${q} has invalid key ${show(e.params.propertyName)}: ${celMessage(e) ?? "not allowed"}`,
            };
        case "pattern":
            return {
                property,
                reason: `${q} ${celReason(e) ?? patternMessage(String(e.params.pattern))}, ${got}`,
            };
        case "maxLength":
            return {
                property,
                reason: `${q} is ${String(e.data).length} characters; at most ${e.params.limit} are allowed`,
            };
        default:
            return {
                property,
                reason: `${q} ${celReason(e) ?? e.message ?? "is invalid"}, ${got}`,
            };
    }
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
