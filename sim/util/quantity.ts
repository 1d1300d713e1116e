/** Kubernetes resource.Quantity parsing, enough for comparisons (not a full implementation). */

const BINARY: Record<string, number> = {
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
    Pi: 2 ** 50,
    Ei: 2 ** 60,
};
const DECIMAL: Record<string, number> = {
    n: 1e-9,
    u: 1e-6,
    m: 1e-3,
    "": 1,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    P: 1e15,
    E: 1e18,
};

/** The numeric value of a quantity ("1Gi" → 1073741824, "500m" → 0.5), or undefined if malformed. */
export function parseQuantity(q: string | number | undefined): number | undefined {
    if (typeof q === "number") return q;
    if (typeof q !== "string") return undefined;
    const m =
        /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/.exec(
            q.trim(),
        );
    if (!m) return undefined;
    const base = Number(m[1]);
    if (m[2]) return base * 10 ** Number(m[2].slice(1));
    const suffix = m[3] ?? "";
    return base * (BINARY[suffix] ?? DECIMAL[suffix] ?? 1);
}

/** Formats bytes the way Kubernetes canonicalizes binary quantities ("2Gi", "1536Mi"). */
export function formatBytes(n: number): string {
    for (const [suffix, mult] of [
        ["Ei", 2 ** 60],
        ["Pi", 2 ** 50],
        ["Ti", 2 ** 40],
        ["Gi", 2 ** 30],
        ["Mi", 2 ** 20],
        ["Ki", 2 ** 10],
    ] as const) {
        if (n >= mult && n % mult === 0) return `${n / mult}${suffix}`;
    }
    return String(n);
}
