import assert from "node:assert/strict";
import { checkPositiveQuantities, valuesAt } from "../../../provider/validation/rules/quantities";
import { UNKNOWN } from "../../../provider/validation/types";

const dv = (size: unknown, api = "storage") => ({
    spec: { [api]: { resources: { requests: { storage: size } } } },
});
const vm = (guest: unknown, dvSize: unknown = "1Gi") => ({
    spec: {
        dataVolumeTemplates: [{ spec: dv("1Gi").spec }, { spec: dv(dvSize, "pvc").spec }],
        template: { spec: { domain: { memory: { guest } } } },
    },
});

const cases: {
    name: string;
    kind: string;
    obj: unknown;
    want?: { property: string; reason: RegExp };
}[] = [
    { name: "a positive DV size", kind: "DataVolume", obj: dv("10Gi") },
    {
        name: "a negative DV size",
        kind: "DataVolume",
        obj: dv("-10Gi"),
        want: {
            property: "spec.storage.resources.requests.storage",
            reason: /"-10Gi"; a size must be greater than zero/,
        },
    },
    {
        name: "a zero pvc size",
        kind: "DataVolume",
        obj: dv("0", "pvc"),
        want: { property: "spec.pvc.resources.requests.storage", reason: /greater than zero/ },
    },
    {
        name: "a number is a quantity too",
        kind: "DataVolume",
        obj: dv(-1),
        want: { property: "spec.storage.resources.requests.storage", reason: /greater than zero/ },
    },
    { name: "bad syntax is left to the schema", kind: "DataVolume", obj: dv("ten gigs") },
    { name: "unknown at preview", kind: "DataVolume", obj: dv(UNKNOWN) },
    {
        name: "no size (inferred from the source)",
        kind: "DataVolume",
        obj: { spec: { storage: {} } },
    },
    {
        name: "negative guest memory",
        kind: "VirtualMachine",
        obj: vm("-1Gi"),
        want: { property: "spec.template.spec.domain.memory.guest", reason: /greater than zero/ },
    },
    {
        name: "second dataVolumeTemplate",
        kind: "VirtualMachine",
        obj: vm("1Gi", "0Mi"),
        want: {
            property: "spec.dataVolumeTemplates[1].spec.pvc.resources.requests.storage",
            reason: /greater than zero/,
        },
    },
    {
        name: "instancetype memory",
        kind: "VirtualMachineClusterInstancetype",
        obj: { spec: { memory: { guest: "0" } } },
        want: { property: "spec.memory.guest", reason: /greater than zero/ },
    },
    { name: "a kind without sizes", kind: "DataSource", obj: dv("-1") },
];

describe("validation: sizes greater than zero", () => {
    for (const c of cases) {
        it(c.name, () => {
            const failures = checkPositiveQuantities(c.kind, c.obj);
            if (!c.want) return assert.deepEqual(failures, []);
            assert.equal(failures.length, 1, JSON.stringify(failures));
            assert.equal(failures[0]!.property, c.want.property);
            assert.match(failures[0]!.reason, c.want.reason);
        });
    }
    it("valuesAt expands [*] and skips absent paths", () => {
        assert.deepEqual(valuesAt({ a: [{ b: 1 }, {}, { b: 2 }] }, "a[*].b"), [
            { path: "a[0].b", value: 1 },
            { path: "a[2].b", value: 2 },
        ]);
        assert.deepEqual(valuesAt({ a: "x" }, "a[*].b"), []);
    });
});
