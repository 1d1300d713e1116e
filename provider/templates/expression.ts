/**
 * The `generate: expression` value generator of OpenShift templates and virt-template
 * (docs/semantics.md#openshift-templates step 1, docs/semantics.md#virtualmachinetemplate): every `[ranges]{length}` in `from` becomes `length` random
 * characters drawn from `ranges`; text around the expressions is kept as is, so
 * `fedora-[a-z0-9]{16}` gives `fedora-` plus 16 characters.
 *
 * Inside the brackets:
 * - `x-y` is a range over the ordered alphabet a–z, A–Z, 0–9 (so `a-z`, `A-F`, `0-7`);
 * - `\w` word characters (0–9, A–Z, `_`, a–z), `\d` digits, `\a` alphanumerics, `\A` ASCII symbols;
 * - any other letter or digit stands for itself (`[abc123]`); a lone `-` is ignored, as upstream.
 * The alphabet is de-duplicated and sorted, and the length must be 1–255.
 *
 * Randomness comes from an injectable source so tests are deterministic; production uses
 * node:crypto because generated values include passwords (CLOUD_USER_PASSWORD).
 */
import { randomInt } from "node:crypto";

/** An integer in [0, n). */
export type RandomSource = (n: number) => number;

/** Cryptographically strong default source. */
export const cryptoRandom: RandomSource = (n) => randomInt(n);

const lower = "abcdefghijklmnopqrstuvwxyz";
const upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const digits = "0123456789";
const symbols = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

/** Order that `x-y` ranges walk, e.g. `a-Z` is all letters. */
const rangeOrder = lower + upper + digits;

const classes: Record<string, string> = {
    w: digits + upper + "_" + lower,
    d: digits,
    a: digits + upper + lower,
    A: symbols,
};

/** One `[...]{n}` expression inside `from` (global: there may be several). */
const expressionPattern = /\[([a-zA-Z0-9\-\\]+)\]\{(\w+)\}/g;

/** A `from` expression that cannot generate a value. */
export class ExpressionError extends Error {
    override name = "ExpressionError";
}

function rangeAlphabet(from: string, to: string): string {
    const a = rangeOrder.indexOf(from);
    const b = rangeOrder.indexOf(to);
    if (a < 0) throw new ExpressionError(`invalid start character in range: ${from}`);
    if (b < 0) throw new ExpressionError(`invalid end character in range: ${to}`);
    if (a > b) throw new ExpressionError(`invalid range specified: ${from}-${to}`);
    return rangeOrder.slice(a, b + 1);
}

/** The sorted, de-duplicated alphabet of the text between the brackets. */
export function alphabetOf(ranges: string): string {
    let out = "";
    for (let i = 0; i < ranges.length; i++) {
        const c = ranges[i] as string;
        if (c === "\\") {
            const cls = classes[ranges[i + 1] ?? ""];
            if (cls === undefined)
                throw new ExpressionError(
                    `unknown character class \\${ranges[i + 1] ?? ""} in [${ranges}]`,
                );
            out += cls;
            i++;
        } else if (c === "-") {
            continue;
        } else if (ranges[i + 1] === "-" && ranges[i + 2] !== undefined && ranges[i + 2] !== "\\") {
            out += rangeAlphabet(c, ranges[i + 2] as string);
            i += 2;
        } else {
            out += c;
        }
    }
    if (out === "") throw new ExpressionError(`malformed ranges syntax: [${ranges}]`);
    return [...new Set(out)].sort().join("");
}

function lengthOf(text: string): number {
    if (!/^\d+$/.test(text)) throw new ExpressionError(`malformed length syntax: {${text}}`);
    const n = Number(text);
    if (n < 1 || n > 255)
        throw new ExpressionError(`range must be within [1-255] characters: ${n}`);
    return n;
}

/**
 * A value for `from`. Throws ExpressionError for a malformed expression. A `from` without any
 * `[...]{n}` is returned unchanged (upstream does the same).
 */
export function generateFromExpression(from: string, random: RandomSource = cryptoRandom): string {
    // One left-to-right pass, so generated text (which may contain `[` with `\A`) is never re-read.
    return from.replace(expressionPattern, (_m, ranges: string, len: string) => {
        const alphabet = alphabetOf(ranges);
        const n = lengthOf(len);
        let out = "";
        for (let i = 0; i < n; i++) out += alphabet[random(alphabet.length)];
        return out;
    });
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");

/** A RegExp that matches exactly the values `from` can generate (for validation and tests). */
export function expressionToRegExp(from: string): RegExp {
    let source = "";
    let last = 0;
    for (const m of from.matchAll(expressionPattern)) {
        source += escapeRegExp(from.slice(last, m.index));
        source += `[${escapeRegExp(alphabetOf(m[1] as string))}]{${lengthOf(m[2] as string)}}`;
        last = (m.index ?? 0) + m[0].length;
    }
    return new RegExp(`^${source}${escapeRegExp(from.slice(last))}$`);
}

/** Problems with `from`, or undefined when it generates (used by check-time validation). */
export function expressionProblem(from: string): string | undefined {
    try {
        expressionToRegExp(from);
        return undefined;
    } catch (err) {
        return (err as Error).message;
    }
}
