/**
 * Code and docs cite the upstream rules by section of docs/semantics.md
 * (`docs/semantics.md#nic-hotplug`): every such citation must name a heading that exists, and no
 * citation by section number of a document outside the repository is left.
 */
import assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";

const repo = path.join(__dirname, "..", "..", "..");
const roots = ["provider", "sdk", "cli", "sim", "bed", "scripts", "test", "docs", "examples"];
const skip = new Set(["node_modules", "dist", ".bed", "fixtures", "generated"]);

function files(dir: string): string[] {
    if (!fs.existsSync(dir)) return [];
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) return skip.has(e.name) ? [] : files(p);
        return /\.(ts|js|md|sh)$/.test(e.name) ? [p] : [];
    });
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
    return heading
        .toLowerCase()
        .replace(/[^\w\- ]/g, "")
        .replace(/ /g, "-");
}

const anchors = new Set(
    fs
        .readFileSync(path.join(repo, "docs", "semantics.md"), "utf8")
        .split("\n")
        .filter((l) => /^#{1,6} /.test(l))
        .map((l) => slug(l.replace(/^#+ /, ""))),
);
const sources = [
    ...roots.flatMap((r) => files(path.join(repo, r))),
    ...["README.md", "CONTRIBUTING.md"].map((f) => path.join(repo, f)),
];
const texts = sources.map((f) => ({
    file: path.relative(repo, f),
    text: fs.readFileSync(f, "utf8"),
}));

describe("docs/semantics.md citations", () => {
    it("Every cited section is a heading of docs/semantics.md", () => {
        const broken = texts.flatMap(({ file, text }) =>
            [...text.matchAll(/semantics\.md#([\w-]+)/g)]
                .map((m) => m[1]!)
                .filter((a) => !anchors.has(a))
                .map((a) => `${file}: #${a}`),
        );
        assert.deepEqual(broken, []);
    });

    it("The tree cites sections by name, not by number", () => {
        const numbered = texts.filter(({ text }) => /§ ?\d/.test(text)).map(({ file }) => file);
        assert.deepEqual(numbered, []);
    });

    it("Code cites the semantics notes (so the check above has something to check)", () => {
        assert.ok(texts.filter(({ text }) => text.includes("docs/semantics.md#")).length > 40);
    });
});
