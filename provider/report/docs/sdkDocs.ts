/**
 * Inputs and outputs of a kind's SDK class, read from the SDK's TypeScript sources with the
 * TypeScript compiler's parser: the `<Kind>Args` interface (plus what it extends, e.g. CommonArgs)
 * and the class's `declare readonly` outputs (plus its base class's). The docs therefore say what
 * the SDK accepts, with the SDK's own JSDoc. The compiler module is passed in, so this file does
 * not load `typescript` (a dev dependency) unless the docs generator calls it. Pure.
 */
import type * as TS from "typescript";

/** One input or output. */
export interface MemberDoc {
    name: string;
    type: string;
    optional: boolean;
    description: string;
}

/** What the docs show about a kind's SDK class. */
export interface SdkDoc {
    className: string;
    description: string;
    inputs: MemberDoc[];
    outputs: MemberDoc[];
}

/** A source file's name and text. */
export interface SourceText {
    fileName: string;
    text: string;
}

type Decl = TS.InterfaceDeclaration | TS.ClassDeclaration;

/** Removes `pulumi.Input<…>` / `pulumi.Output<…>` wrappers and collapses whitespace. */
export function plainType(text: string): string {
    let out = text.replace(/\s+/g, " ").trim();
    for (const w of ["pulumi.Input<", "pulumi.Output<"]) {
        for (let i = out.indexOf(w); i >= 0; i = out.indexOf(w)) {
            let depth = 1;
            let j = i + w.length;
            for (; j < out.length && depth > 0; j++)
                depth += out[j] === "<" ? 1 : out[j] === ">" && out[j - 1] !== "=" ? -1 : 0;
            out = out.slice(0, i) + out.slice(i + w.length, j - 1) + out.slice(j);
        }
    }
    return out;
}

/** The JSDoc right before `node`, as one line; list items keep their own line (`<br>`). */
export function jsDocText(ts: typeof TS, sf: TS.SourceFile, node: TS.Node): string {
    const ranges = ts.getLeadingCommentRanges(sf.text, node.pos) ?? [];
    const doc = ranges
        .map((r) => sf.text.slice(r.pos, r.end))
        .filter((c) => c.startsWith("/**"))
        .pop();
    if (!doc) return "";
    const lines = doc
        .replace(/^\/\*\*|\*\/$/g, "")
        .split("\n")
        .map((l) => l.replace(/^\s*\* ?/, "").trim())
        .filter((l) => l !== "");
    return lines
        .map((l, i) => (i > 0 && l.startsWith("- ") ? `<br>${l}` : l))
        .join(" ")
        .replace(/ <br>/g, "<br>")
        .replace(/\{@link ([^}]+)\}/g, "$1");
}

function declarations(
    ts: typeof TS,
    sources: readonly SourceText[],
): Map<string, { decl: Decl; sf: TS.SourceFile }> {
    const out = new Map<string, { decl: Decl; sf: TS.SourceFile }>();
    for (const s of sources) {
        const sf = ts.createSourceFile(s.fileName, s.text, ts.ScriptTarget.ES2022, true);
        for (const st of sf.statements) {
            if (
                (ts.isInterfaceDeclaration(st) || ts.isClassDeclaration(st)) &&
                st.name &&
                !out.has(st.name.text)
            )
                out.set(st.name.text, { decl: st, sf });
        }
    }
    return out;
}

function isOutput(ts: typeof TS, m: TS.ClassElement): m is TS.PropertyDeclaration {
    if (!ts.isPropertyDeclaration(m)) return false;
    const mods = ts.getModifiers(m) ?? [];
    const has = (k: TS.SyntaxKind) => mods.some((x) => x.kind === k);
    return (
        has(ts.SyntaxKind.DeclareKeyword) &&
        has(ts.SyntaxKind.ReadonlyKeyword) &&
        !has(ts.SyntaxKind.PrivateKeyword)
    );
}

function ownMembers(ts: typeof TS, decl: Decl, sf: TS.SourceFile): MemberDoc[] {
    const members = ts.isInterfaceDeclaration(decl)
        ? decl.members.filter(ts.isPropertySignature)
        : decl.members.filter((m): m is TS.PropertyDeclaration => isOutput(ts, m));
    return members.map((m) => ({
        name: m.name.getText(sf),
        type: m.type ? plainType(m.type.getText(sf)) : "any",
        optional: m.questionToken !== undefined,
        description: jsDocText(ts, sf, m),
    }));
}

/** Own members first, then inherited ones the declaration does not redeclare. */
function membersOf(
    ts: typeof TS,
    name: string,
    decls: ReturnType<typeof declarations>,
    seen = new Set<string>(),
): MemberDoc[] {
    const found = decls.get(name);
    if (!found || seen.has(name)) return [];
    seen.add(name);
    const own = ownMembers(ts, found.decl, found.sf);
    const bases = (found.decl.heritageClauses ?? []).flatMap((h) =>
        h.types.map((t) => t.expression.getText(found.sf)),
    );
    const inherited = bases
        .flatMap((b) => membersOf(ts, b, decls, seen))
        .filter((m) => !own.some((o) => o.name === m.name));
    return [...own, ...inherited];
}

/** The SDK docs of `kind` (class `<Kind>`, interface `<Kind>Args`), or undefined when no class exists. */
export function sdkDocFor(
    ts: typeof TS,
    kind: string,
    sources: readonly SourceText[],
): SdkDoc | undefined {
    const decls = declarations(ts, sources);
    const cls = decls.get(kind);
    if (!cls || !ts.isClassDeclaration(cls.decl)) return undefined;
    return {
        className: kind,
        description: jsDocText(ts, cls.sf, cls.decl),
        inputs: membersOf(ts, `${kind}Args`, decls),
        outputs: membersOf(ts, kind, decls),
    };
}

/** Citations of the project's semantics notes (`docs/semantics.md#nic-hotplug`) are for contributors, not users. */
function withoutSectionRefs(text: string): string {
    const refs =
        /docs\/semantics\.md#[\w-]+(?:,\s*docs\/semantics\.md#[\w-]+)*(?: [a-zA-Z]+(?=:))?:?\s*/g;
    return text
        .replace(refs, "")
        .replace(/\(\s*\)/g, "")
        .trim();
}

/**
 * The JSDoc of every exported `const`/`function` in `sources`, by name, for describing policy
 * predicates that have no hand-written description (a predicate's JSDoc says what it decides).
 */
export function exportedDocs(
    ts: typeof TS,
    sources: readonly SourceText[],
): Record<string, string> {
    const out: Record<string, string> = {};
    for (const s of sources) {
        const sf = ts.createSourceFile(s.fileName, s.text, ts.ScriptTarget.ES2022, true);
        for (const st of sf.statements) {
            const exported = (ts.getModifiers(st as TS.HasModifiers) ?? []).some(
                (m) => m.kind === ts.SyntaxKind.ExportKeyword,
            );
            if (!exported) continue;
            const names =
                ts.isFunctionDeclaration(st) && st.name
                    ? [st.name.text]
                    : ts.isVariableStatement(st)
                      ? st.declarationList.declarations.map((d) => d.name.getText(sf))
                      : [];
            const doc = withoutSectionRefs(jsDocText(ts, sf, st));
            for (const n of names) if (doc && !(n in out)) out[n] = doc;
        }
    }
    return out;
}
