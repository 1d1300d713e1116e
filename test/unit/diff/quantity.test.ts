import assert from "node:assert/strict";
import {
    canonicalizeQuantity,
    compareQuantities,
    isMultipleOf,
    quantityEquals,
} from "../../../provider/diff/quantity";

describe("quantity canonical forms (what the KubeVirt webhook writes back, docs/semantics.md#vm-mutating-webhook)", () => {
    const cases: { name: string; input: unknown; want: unknown }[] = [
        { name: "1024Mi is written back as 1Gi", input: "1024Mi", want: "1Gi" },
        { name: "2048Mi is written back as 2Gi", input: "2048Mi", want: "2Gi" },
        { name: "0.5Gi is written back as 512Mi", input: "0.5Gi", want: "512Mi" },
        { name: "1536Mi stays 1536Mi", input: "1536Mi", want: "1536Mi" },
        { name: "1048576Ki is written back as 1Gi", input: "1048576Ki", want: "1Gi" },
        { name: "Small binary values fall back to decimal", input: "0.5Ki", want: "512" },
        { name: "0.5 is written back as 500m", input: "0.5", want: "500m" },
        { name: "1.5 is written back as 1500m", input: "1.5", want: "1500m" },
        { name: "1000m is written back as 1", input: "1000m", want: "1" },
        { name: "1000 is written back as 1k", input: "1000", want: "1k" },
        {
            name: "A JSON number is canonicalized like its string",
            input: 1073741824,
            want: "1073741824",
        },
        { name: "Exponent form keeps exponent notation", input: "1e3", want: "1e3" },
        { name: "Zero stays 0", input: "0", want: "0" },
        { name: "A non-quantity is returned unchanged", input: "abc", want: "abc" },
    ];
    for (const c of cases) it(c.name, () => assert.equal(canonicalizeQuantity(c.input), c.want));
});

describe("quantity comparisons", () => {
    const cases: { name: string; a: string; b: string; want: -1 | 0 | 1 | undefined }[] = [
        { name: "2Gi equals 2048Mi", a: "2Gi", b: "2048Mi", want: 0 },
        { name: "1Gi is less than 1025Mi", a: "1Gi", b: "1025Mi", want: -1 },
        { name: "1G (decimal) is less than 1Gi (binary)", a: "1G", b: "1Gi", want: -1 },
        { name: "500m equals 0.5", a: "500m", b: "0.5", want: 0 },
        { name: "4Gi is more than 3Gi", a: "4Gi", b: "3Gi", want: 1 },
        {
            name: "Comparing with a non-quantity is undefined",
            a: "4Gi",
            b: "lots",
            want: undefined,
        },
    ];
    for (const c of cases) it(c.name, () => assert.equal(compareQuantities(c.a, c.b), c.want));

    it("quantityEquals treats canonical forms as equal", () =>
        assert.equal(quantityEquals("1024Mi", "1Gi"), true));

    const aligned: { name: string; v: string; unit: string; want: boolean }[] = [
        { name: "3Gi is 2Mi aligned", v: "3Gi", unit: "2Mi", want: true },
        { name: "4097Mi is not 2Mi aligned", v: "4097Mi", unit: "2Mi", want: false },
        { name: "3000Mi is not 1Gi aligned", v: "3000Mi", unit: "1Gi", want: false },
    ];
    for (const c of aligned) it(c.name, () => assert.equal(isMultipleOf(c.v, c.unit), c.want));
});
