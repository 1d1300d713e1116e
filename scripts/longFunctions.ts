/**
 * Lists functions, methods and arrow functions longer than the style's limit (CONTRIBUTING: under
 * ~40 lines), generated files excepted: `node dist/scripts/longFunctions.js [maxLines] [dir...]`.
 * Prints `lines  file:line  name`, longest first, and exits 1 when it found any (the test command
 * runs it, so the limit holds; tests and generated files are not scanned).
 */
import * as fs from "fs";
import * as path from "path";
import ts from "typescript";

const skipDirs = new Set(["node_modules", "dist", ".bed", ".git", "generated", "types"]);

function sources(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) return skipDirs.has(e.name) ? [] : sources(p);
        return e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [p] : [];
    });
}

function nameOf(node: ts.Node): string {
    const named = node as { name?: ts.Node };
    if (named.name && ts.isIdentifier(named.name)) return named.name.text;
    const parent = node.parent;
    if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name))
        return parent.name.text;
    if (parent && ts.isPropertyAssignment(parent)) return parent.name.getText();
    return "(anonymous)";
}

interface Long {
    lines: number;
    where: string;
    name: string;
}

function longIn(file: string, max: number): Long[] {
    const src = ts.createSourceFile(
        file,
        fs.readFileSync(file, "utf8"),
        ts.ScriptTarget.ES2022,
        true,
    );
    const out: Long[] = [];
    const visit = (node: ts.Node) => {
        if (ts.isFunctionLike(node) && (node as { body?: ts.Node }).body) {
            const start = src.getLineAndCharacterOfPosition(node.getStart(src)).line;
            const end = src.getLineAndCharacterOfPosition(node.getEnd()).line;
            const lines = end - start + 1;
            if (lines > max) out.push({ lines, where: `${file}:${start + 1}`, name: nameOf(node) });
        }
        ts.forEachChild(node, visit);
    };
    visit(src);
    return out;
}

function main(): void {
    const [maxArg, ...dirs] = process.argv.slice(2);
    const max = Number(maxArg ?? 40);
    const roots = dirs.length ? dirs : ["provider", "sdk", "cli", "sim", "bed", "scripts", "bench"];
    const found = roots.flatMap(sources).flatMap((f) => longIn(f, max));
    found.sort((a, b) => b.lines - a.lines);
    for (const f of found) console.log(`${String(f.lines).padStart(4)}  ${f.where}  ${f.name}`);
    console.log(`${found.length} function(s) over ${max} lines`);
    if (found.length) process.exitCode = 1;
}

main();
