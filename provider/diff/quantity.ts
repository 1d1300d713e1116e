/**
 * Kubernetes resource quantities: parse, compare and canonicalize.
 *
 * Why: the KubeVirt mutating webhook re-serializes the whole VM through Go, which rewrites every
 * quantity into its canonical form (`1024Mi` → `1Gi`, `0.5` → `500m`; docs/semantics.md#vm-mutating-webhook). Desired
 * state must be canonicalized the same way or every plan shows a phantom diff. The same exact
 * arithmetic backs the memory hot-plug checks (increase, ≥ 1Gi, 2Mi alignment; docs/semantics.md#live-updatable-fields).
 *
 * Values are held exactly as a BigInt count of nano-units (Kubernetes' finest scale), so binary
 * and decimal forms compare without floating-point error.
 */

/** The three serialization formats Kubernetes preserves. */
export type QuantityFormat = "DecimalSI" | "BinarySI" | "DecimalExponent";

/** A parsed quantity: exact value in nano-units plus the format it was written in. */
export interface Quantity {
    nanos: bigint;
    format: QuantityFormat;
}

const decimalExp: Record<string, number> = {
    n: -9,
    u: -6,
    m: -3,
    "": 0,
    k: 3,
    M: 6,
    G: 9,
    T: 12,
    P: 15,
    E: 18,
};
const binaryExp: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const binarySuffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];
const decimalSuffixes: Record<number, string> = {
    [-9]: "n",
    [-6]: "u",
    [-3]: "m",
    0: "",
    3: "k",
    6: "M",
    9: "G",
    12: "T",
    15: "P",
    18: "E",
};
const syntax = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])|[eE]([+-]?\d+))?$/;
const NANO = 1_000_000_000n;

const pow10 = (e: number): bigint => 10n ** BigInt(e);

/** Parse a quantity string (or JSON number); undefined when it is not a valid quantity. */
export function parseQuantity(value: unknown): Quantity | undefined {
    const text = typeof value === "number" && Number.isFinite(value) ? String(value) : value;
    if (typeof text !== "string") return undefined;
    const m = syntax.exec(text.trim());
    if (!m) return undefined;
    const [, sign, num = "", suffix, exp] = m;
    const [intPart = "", frac = ""] = num.split(".");
    const mantissa = BigInt((intPart + frac).replace(/^$/, "0"));
    let numer = mantissa * NANO;
    let denom = pow10(frac.length);
    let format: QuantityFormat = "DecimalSI";
    if (exp !== undefined) {
        format = "DecimalExponent";
        const e = Number(exp);
        if (e >= 0) numer *= pow10(e);
        else denom *= pow10(-e);
    } else if (suffix !== undefined && suffix in binaryExp) {
        format = "BinarySI";
        numer *= 2n ** BigInt(binaryExp[suffix] as number);
    } else {
        const e = decimalExp[suffix ?? ""] as number;
        if (e >= 0) numer *= pow10(e);
        else denom *= pow10(-e);
    }
    // Kubernetes cannot represent below nano-units and rounds up (away from zero).
    const nanos = (numer + denom - 1n) / denom;
    return { nanos: sign === "-" ? -nanos : nanos, format };
}

function largestDecimalExp(nanos: bigint, step: number): number {
    if (nanos === 0n) return 0;
    let best = -9;
    for (let e = -9; e <= 18; e += step) if (nanos % pow10(e + 9) === 0n) best = e;
    return best;
}

function formatBinary(bytes: bigint): string {
    let k = 0;
    const abs = bytes < 0n ? -bytes : bytes;
    while (k < 6 && abs % 1024n ** BigInt(k + 1) === 0n) k++;
    return `${bytes / 1024n ** BigInt(k)}${binarySuffixes[k]}`;
}

/** Render a quantity in Kubernetes' canonical form for its format. */
export function formatQuantity(q: Quantity): string {
    const abs = q.nanos < 0n ? -q.nanos : q.nanos;
    // Small or fractional binary values fall back to DecimalSI, as Kubernetes does.
    if (q.format === "BinarySI" && abs >= 1024n * NANO && abs % NANO === 0n) {
        return formatBinary(q.nanos / NANO);
    }
    if (q.format === "DecimalExponent") {
        const e = largestDecimalExp(q.nanos, 3);
        const mant = q.nanos / pow10(e + 9);
        return e === 0 ? `${mant}` : `${mant}e${e}`;
    }
    const e = largestDecimalExp(q.nanos, 3);
    return `${q.nanos / pow10(e + 9)}${decimalSuffixes[e]}`;
}

/** The canonical string of a quantity, or the input unchanged when it does not parse. */
export function canonicalizeQuantity(value: unknown): unknown {
    const q = parseQuantity(value);
    return q === undefined ? value : formatQuantity(q);
}

/** Exact value in nano-units, or undefined when `value` is not a quantity. */
export function quantityNanos(value: unknown): bigint | undefined {
    return parseQuantity(value)?.nanos;
}

/** Exact value in whole units (bytes for memory), rounded up; undefined when not a quantity. */
export function quantityUnits(value: unknown): bigint | undefined {
    const n = quantityNanos(value);
    return n === undefined ? undefined : (n + NANO - 1n) / NANO;
}

/** -1, 0 or 1 comparing numeric values; undefined when either side is not a quantity. */
export function compareQuantities(a: unknown, b: unknown): -1 | 0 | 1 | undefined {
    const x = quantityNanos(a);
    const y = quantityNanos(b);
    if (x === undefined || y === undefined) return undefined;
    return x < y ? -1 : x > y ? 1 : 0;
}

/** True when both are quantities with the same numeric value (`1024Mi` equals `1Gi`). */
export function quantityEquals(a: unknown, b: unknown): boolean {
    return compareQuantities(a, b) === 0;
}

/** True when `value` is an exact multiple of `unit` (e.g. memory aligned to 2Mi). */
export function isMultipleOf(value: unknown, unit: unknown): boolean {
    const v = quantityNanos(value);
    const u = quantityNanos(unit);
    return v !== undefined && u !== undefined && u !== 0n && v % u === 0n;
}
