import assert from "node:assert/strict";
import { deepEqual, semanticEqual } from "../../../sim/util/json";
import { mergeDiff } from "../../../sim/util/mergeDiff";
import { parseQuantity } from "../../../sim/util/quantity";
import { legacyFirmwareUuid } from "../../../sim/util/ids";
import { applyMergePatch } from "./fakeKube";

describe("mergeDiff", () => {
    const cases: { name: string; from: unknown; to: unknown; want: unknown }[] = [
        {
            name: "equal objects give no patch",
            from: { a: 1, b: { c: [1] } },
            to: { b: { c: [1] }, a: 1 },
            want: undefined,
        },
        {
            name: "a changed leaf is patched alone",
            from: { a: 1, b: 2 },
            to: { a: 1, b: 3 },
            want: { b: 3 },
        },
        {
            name: "a removed key becomes null",
            from: { a: 1, b: 2 },
            to: { a: 1 },
            want: { b: null },
        },
        {
            name: "nested objects are diffed",
            from: { s: { x: 1, y: 2 } },
            to: { s: { x: 1, y: 3 } },
            want: { s: { y: 3 } },
        },
        {
            name: "arrays are replaced whole",
            from: { l: [1, 2] },
            to: { l: [1] },
            want: { l: [1] },
        },
        {
            name: "null in the target means absent",
            from: { a: 1 },
            to: { a: 1, b: null },
            want: undefined,
        },
        {
            name: "array elements differing only by null are equal",
            from: { l: [{ t: "x" }] },
            to: { l: [{ t: "x", p: null }] },
            want: undefined,
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            const patch = mergeDiff(c.from, c.to);
            assert.deepEqual(patch, c.want);
            if (patch !== undefined) assert.ok(deepEqual(applyMergePatch(c.from, patch), c.to));
        });
    }
});

describe("quantities and semantic equality", () => {
    const q: [string, number | undefined][] = [
        ["1Gi", 2 ** 30],
        ["1024Mi", 2 ** 30],
        ["500m", 0.5],
        ["2", 2],
        ["1e3", 1000],
        ["1k", 1000],
        ["abc", undefined],
    ];
    for (const [s, want] of q) it(`parses ${s}`, () => assert.equal(parseQuantity(s), want));
    it("treats equal quantities under quantity keys as equal", () =>
        assert.ok(
            semanticEqual({ requests: { memory: "1Gi" } }, { requests: { memory: "1024Mi" } }),
        ));
    it("does not treat other strings as quantities", () =>
        assert.ok(!semanticEqual({ image: "1Gi" }, { image: "1024Mi" })));
    it("treats empty lists and maps as absent", () =>
        assert.ok(semanticEqual({ tolerations: [], nodeSelector: {} }, {})));
    it("computes KubeVirt's legacy firmware UUID (uuid.NewSHA1 of the name)", () =>
        assert.equal(legacyFirmwareUuid("testvm"), "5a9fc181-957e-5c32-9e5a-2de5e9673531"));
});
