/**
 * Schema validation of user inputs against the generated `schema/*.schema.json` (see schema/README.md).
 *
 * Each kind's schema is compiled lazily, once, by a single ajv instance. Before validating we do
 * what the apiserver does before *its* validation: drop `null` for non-nullable fields. Values
 * still unknown at preview time (Pulumi's sentinel string) are accepted wherever they appear.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { ValidateFunction } from "ajv";
import type { CheckFailure, Rule } from "./types";
import { checkDataVolume } from "./rules/dataVolume";
import { checkVirtualMachine } from "./rules/virtualMachine";
import { checkVmDevices } from "./rules/vmDevices";
import { checkMetadata } from "./rules/metadata";
import { checkPositiveQuantities } from "./rules/quantities";
import { checkDataSource, checkReferences } from "./rules/snapshot";
import { getAjv } from "./ajv";
import { toFailures } from "./failures";
import { collectUnknowns, normalizeForValidation } from "./schemaInput";
import { deepEqual } from "../diff/paths";

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

/**
 * Schema validation followed by the kind's cross-field rules (if any). `previous` is the object as
 * last checked: an unchanged object passed these checks then, so it is not validated again (a
 * no-change preview of 400 resources then compiles no schema at all).
 */
export function validateAll(kind: string, obj: unknown, previous?: unknown): CheckFailure[] {
    if (previous !== undefined && deepEqual(previous, obj)) return [];
    const rules = [checkMetadata, ...(RULES[kind] ?? [])];
    return [...validate(kind, obj), ...rules.flatMap((rule) => rule(obj))];
}
