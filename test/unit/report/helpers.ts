/** Shared fixtures of the report tests: real, trimmed `pulumi preview --json` documents from the bed. */
import * as fs from "fs";
import * as path from "path";
import type { PreviewDoc, PreviewStep } from "../../../provider/report/preview";

/** The repository root (tests run from dist/test/unit/report). */
export const repoRoot = path.join(__dirname, "..", "..", "..", "..");
export const fixtureDir = path.join(repoRoot, "test", "unit", "report", "fixtures");

/** The text of a fixture file. */
export function fixtureText(name: string): string {
    return fs.readFileSync(path.join(fixtureDir, name), "utf8");
}

/** A fixture parsed. */
export function fixture(name: string): PreviewDoc {
    return JSON.parse(fixtureText(name)) as PreviewDoc;
}

const typeOf = (kind: string) => `pulumi-nodejs:dynamic/kubevirt:${kind}`;

/** A synthetic step for edge cases the bed does not produce on demand. */
export function step(
    op: string,
    name: string,
    opts: {
        kind?: string;
        planned?: unknown;
        old?: Record<string, unknown>;
        /** The old state's outputs (e.g. `lastUpdate`), as `pulumi preview --json` carries them. */
        oldOutputs?: Record<string, unknown>;
        new?: Record<string, unknown>;
        replaceReasons?: string[];
    } = {},
): PreviewStep {
    const type =
        opts.kind === "Other"
            ? "random:index/randomPet:RandomPet"
            : typeOf(opts.kind ?? "VirtualMachine");
    const meta = { name, namespace: "default" };
    const newInputs = {
        metadata: meta,
        ...(opts.planned !== undefined ? { plannedImpact: opts.planned } : {}),
        ...(opts.new ?? {}),
    };
    return {
        op,
        urn: `urn:pulumi:dev::proj::${type}::${name}`,
        ...(op === "create"
            ? {}
            : {
                  oldState: {
                      type,
                      inputs: { metadata: meta, ...(opts.old ?? {}) },
                      ...(opts.oldOutputs ? { outputs: opts.oldOutputs } : {}),
                  },
              }),
        ...(op === "delete" ? {} : { newState: { type, inputs: newInputs } }),
        ...(opts.replaceReasons ? { replaceReasons: opts.replaceReasons } : {}),
    };
}

/** A plannedImpact value as the provider writes it. */
export function planned(
    impact: string,
    reasons: { path: string; impact: string; why: string; summary?: string }[] = [],
    notes: string[] = [],
) {
    return { impact, summary: reasons.length ? `x: ${impact}` : "", reasons, notes };
}
