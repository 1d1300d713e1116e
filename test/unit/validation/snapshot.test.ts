import assert from "node:assert/strict";
import { checkDataSource, checkReferences } from "../../../provider/validation/rules/snapshot";
import { UNKNOWN } from "../../../provider/validation/types";

const vm = { apiGroup: "kubevirt.io", kind: "VirtualMachine", name: "vm1" };
const snap = { apiGroup: "snapshot.kubevirt.io", kind: "VirtualMachineSnapshot", name: "s1" };

const cases: {
    name: string;
    kind: string;
    spec: unknown;
    want?: { property: string; reason: RegExp };
}[] = [
    { name: "snapshot of a VM", kind: "VirtualMachineSnapshot", spec: { source: vm } },
    {
        name: "snapshot of a Deployment",
        kind: "VirtualMachineSnapshot",
        spec: { source: { apiGroup: "apps", kind: "Deployment", name: "d" } },
        want: {
            property: "spec.source.kind",
            reason: /"Deployment"; KubeVirt accepts only VirtualMachine \(apiGroup kubevirt.io\)/,
        },
    },
    {
        name: "snapshot of a VM with the wrong group",
        kind: "VirtualMachineSnapshot",
        spec: { source: { ...vm, apiGroup: "kubevirt" } },
        want: { property: "spec.source.apiGroup", reason: /must be "kubevirt.io"/ },
    },
    {
        name: "snapshot source unknown at preview",
        kind: "VirtualMachineSnapshot",
        spec: { source: { ...vm, kind: UNKNOWN } },
    },
    {
        name: "restore into a VM",
        kind: "VirtualMachineRestore",
        spec: { target: vm, virtualMachineSnapshotName: "s1" },
    },
    {
        name: "restore into a Pod",
        kind: "VirtualMachineRestore",
        spec: { target: { apiGroup: "", kind: "Pod", name: "p" } },
        want: { property: "spec.target.kind", reason: /"Pod"/ },
    },
    {
        name: "clone from a snapshot",
        kind: "VirtualMachineClone",
        spec: { source: snap, target: vm },
    },
    {
        name: "clone from a Deployment",
        kind: "VirtualMachineClone",
        spec: { source: { apiGroup: "apps", kind: "Deployment", name: "d" } },
        want: {
            property: "spec.source.kind",
            reason: /VirtualMachine \(apiGroup kubevirt.io\) or VirtualMachineSnapshot/,
        },
    },
    {
        name: "clone into a snapshot",
        kind: "VirtualMachineClone",
        spec: { source: vm, target: snap },
        want: { property: "spec.target.kind", reason: /VirtualMachineSnapshot/ },
    },
    { name: "missing source is the schema's", kind: "VirtualMachineSnapshot", spec: {} },
];

describe("validation: snapshot, restore and clone references; DataSource source", () => {
    for (const c of cases) {
        it(c.name, () => {
            const failures = checkReferences(c.kind, { spec: c.spec });
            if (!c.want) return assert.deepEqual(failures, []);
            assert.equal(failures.length, 1, JSON.stringify(failures));
            assert.equal(failures[0]!.property, c.want.property);
            assert.match(failures[0]!.reason, c.want.reason);
        });
    }
    const sources: { name: string; source: unknown; want?: RegExp }[] = [
        { name: "a PVC source", source: { pvc: { name: "p", namespace: "n" } } },
        {
            name: "an empty source never becomes Ready",
            source: {},
            want: /got none, so it would never become Ready/,
        },
        {
            name: "two sources",
            source: { pvc: { name: "p" }, snapshot: { name: "s" } },
            want: /got 2 \(pvc, snapshot\)/,
        },
        { name: "unknown at preview", source: { pvc: UNKNOWN } },
    ];
    for (const c of sources) {
        it(`DataSource: ${c.name}`, () => {
            const failures = checkDataSource({ spec: { source: c.source } });
            if (!c.want) return assert.deepEqual(failures, []);
            assert.equal(failures.length, 1);
            assert.equal(failures[0]!.property, "spec.source");
            assert.match(failures[0]!.reason, c.want);
        });
    }
});
