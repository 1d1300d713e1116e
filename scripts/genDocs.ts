/**
 * Generates docs/resources/<kind>.md for every kind the provider manages, plus
 * docs/resources/README.md, from schema/, the SDK sources and the policy tables the provider runs
 * (provider/report/kindDocs.ts finds them). Output is deterministic; scripts/check-generated.sh
 * regenerates and fails CI when the committed pages differ. Pages of kinds that are no longer
 * registered are removed (only files carrying the generated marker are ever deleted).
 *
 *   npx tsc -p tsconfig.json && node dist/scripts/genDocs.js
 */
import * as fs from "fs";
import * as path from "path";
import ts from "typescript";
import { kindDocFor, registeredKinds } from "../provider/report/kindDocs";
import {
    generatedMarker,
    pageFileName,
    renderIndex,
    renderPage,
    type SchemaIndexEntry,
} from "../provider/report/docs/page";
import { exportedDocs, sdkDocFor, type SourceText } from "../provider/report/docs/sdkDocs";
import { trimDescription, type SchemaNode } from "../provider/report/docs/schemaTable";

const repo = path.join(__dirname, "..", "..");
const outDir = path.join(repo, "docs", "resources");

function readJson<T>(file: string): T {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
}

/** The `.ts` sources under `dir` (recursively, sorted), skipping folders named in `skip`. */
function sources(dir: string, skip: readonly string[] = []): SourceText[] {
    return fs
        .readdirSync(dir, { withFileTypes: true })
        .sort((a, b) => a.name.localeCompare(b.name))
        .flatMap((e) => {
            const p = path.join(dir, e.name);
            if (e.isDirectory()) return skip.includes(e.name) ? [] : sources(p, skip);
            return e.name.endsWith(".ts") && !e.name.endsWith(".d.ts")
                ? [{ fileName: path.relative(repo, p), text: fs.readFileSync(p, "utf8") }]
                : [];
        });
}

/** Predicate JSDoc as a table description: "Decided by `name`: …". */
function jsDocs(docs: Record<string, string>): Record<string, string> {
    return Object.fromEntries(
        Object.entries(docs).map(([n, d]) => [n, `Decided by \`${n}\`: ${d}`]),
    );
}

function removeStale(keep: Set<string>): void {
    for (const f of fs.readdirSync(outDir)) {
        const p = path.join(outDir, f);
        if (
            f.endsWith(".md") &&
            !keep.has(f) &&
            fs.readFileSync(p, "utf8").startsWith(generatedMarker)
        )
            fs.rmSync(p);
    }
}

interface Sources {
    index: Record<string, SchemaIndexEntry>;
    sdk: ReturnType<typeof sources>;
    predicateDocs: ReturnType<typeof exportedDocs>;
}

interface Listed {
    kind: string;
    apiVersion: string;
    description: string;
}

/** Writes one kind's page; returns its file name and its line in the index. */
function writeKindPage(kind: string, src: Sources): { file: string; listed: Listed } {
    const entry = src.index[kind];
    const schema = entry ? readJson<SchemaNode>(path.join(repo, "schema", entry.file)) : undefined;
    const sdkDoc = sdkDocFor(ts, kind, src.sdk);
    const doc = kindDocFor(kind);
    const file = pageFileName(kind);
    const predicateDocs = { ...jsDocs(src.predicateDocs), ...doc.predicateDocs };
    fs.writeFileSync(
        path.join(outDir, file),
        renderPage({ doc: { ...doc, predicateDocs }, schema, index: entry, sdk: sdkDoc }),
    );
    const description = trimDescription(sdkDoc?.description || schema?.description, 160);
    return { file, listed: { kind, apiVersion: entry?.apiVersion ?? "", description } };
}

function main(): void {
    const src: Sources = {
        index: readJson<Record<string, SchemaIndexEntry>>(path.join(repo, "schema", "index.json")),
        // The SDK classes and Args live outside the generated sdk/types; predicates' JSDoc describes them.
        sdk: sources(path.join(repo, "sdk"), ["types"]),
        predicateDocs: exportedDocs(ts, sources(path.join(repo, "provider"))),
    };
    const kinds = registeredKinds().sort();
    fs.mkdirSync(outDir, { recursive: true });
    const written = new Set<string>(["README.md"]);
    const listed: Listed[] = [];
    for (const kind of kinds) {
        const page = writeKindPage(kind, src);
        written.add(page.file);
        listed.push(page.listed);
    }
    fs.writeFileSync(path.join(outDir, "README.md"), renderIndex(listed));
    removeStale(written);
    process.stdout.write(
        `genDocs: wrote ${kinds.length} resource pages to docs/resources/ (${kinds.join(", ")})\n`,
    );
}

main();
