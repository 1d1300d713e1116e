/**
 * Test helpers for the validation suite: locating upstream examples, loading YAML, and running
 * "known-good base + one modifier" tables (the kubevirt-tf test style).
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import YAML from "yaml";
import { CheckFailure } from "../../../provider/validation/types";

/** A manifest as plain JSON. */
export type Manifest = Record<string, any>;

/** One table row: a modifier applied to a deep copy of the base, and the expected outcome. */
export interface Case {
    name: string;
    modify: (m: Manifest) => void;
    /** Expected single failure; omit for "still valid". */
    expect?: { property: string; reason: string };
}

/** Repo root (the directory with our package.json), from src or dist. */
export function repoRoot(): string {
    for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
        const pkg = path.join(dir, "package.json");
        if (
            fs.existsSync(pkg) &&
            JSON.parse(fs.readFileSync(pkg, "utf8")).name === "pulumi-kubevirt"
        )
            return dir;
    }
    throw new Error("pulumi-kubevirt package.json not found");
}

/** The upstream example manifests, copied into the repo by scripts/genTestFixtures.ts. */
export function examplesDir(): string {
    return path.join(repoRoot(), "test", "fixtures", "upstream", "examples");
}

/** All YAML documents of a file (empty documents dropped). */
export function loadYaml(file: string): Manifest[] {
    return YAML.parseAllDocuments(fs.readFileSync(file, "utf8"))
        .map((d) => d.toJS() as Manifest | null)
        .filter((d): d is Manifest => d !== null && typeof d === "object");
}

/** Files in an examples subfolder whose names match `pattern`, sorted. */
export function exampleFiles(sub: string, pattern: RegExp): string[] {
    const dir = path.join(examplesDir(), sub);
    return fs
        .readdirSync(dir)
        .filter((f) => pattern.test(f))
        .sort()
        .map((f) => path.join(dir, f));
}

/** Sets a dotted path (`a.b[0].c` as `["a","b",0,"c"]`), creating objects on the way. */
export function setPath(obj: Manifest, keys: (string | number)[], value: unknown): void {
    let cur = obj;
    for (const k of keys.slice(0, -1)) cur = cur[k] ??= {};
    cur[keys[keys.length - 1]] = value;
}

/** Runs a table of cases against `check`, each on a fresh copy of `base`. */
export function runCases(
    base: Manifest,
    cases: Case[],
    check: (m: Manifest) => CheckFailure[],
): void {
    for (const c of cases) {
        it(c.name, () => {
            const m = structuredClone(base);
            c.modify(m);
            const failures = check(m);
            if (!c.expect) {
                assert.deepEqual(failures, []);
                return;
            }
            assert.equal(
                failures.length,
                1,
                `expected one failure, got ${JSON.stringify(failures, null, 1)}`,
            );
            assert.equal(failures[0].property, c.expect.property);
            assert.ok(
                failures[0].reason.includes(c.expect.reason),
                `reason was: ${failures[0].reason}`,
            );
        });
    }
}
