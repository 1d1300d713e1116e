/**
 * The SDK marks a deployment's inputs (`__deploying`): check() then sends no admission dry run
 * (the preview did, and the apply meets the same admission), and the marker never leaves check().
 */
import assert from "node:assert/strict";
import { withoutDeployingKey } from "../../../../provider";
import { needsAdmissionDryRun } from "../../../../provider/resources/virtualMachine/check";
import { unknownValue } from "../../../../provider/kindProvider";
import { deployingKey } from "../../../../provider/shim";

const spec = (image: string) => ({
    runStrategy: "Halted",
    template: {
        spec: {
            domain: { devices: { disks: [{ name: "root", disk: {} }] } },
            volumes: [{ name: "root", containerDisk: { image } }],
        },
    },
});
const metadata = { name: "vm1", namespace: "apps" };
const vm = (image: string, extra: Record<string, unknown> = {}) => ({
    metadata,
    spec: spec(image),
    ...extra,
});
const deploying = { [deployingKey]: true };

describe("VirtualMachine check: the admission dry run", () => {
    const table: [string, Record<string, unknown>, Record<string, unknown>, boolean][] = [
        ["a create in preview", {}, vm("a"), true],
        ["a change in preview", vm("a"), vm("b"), true],
        ["no change", vm("a"), vm("a"), false],
        ["an unknown spec", vm("a"), { metadata, spec: unknownValue }, false],
        ["a create in a deployment", {}, vm("a", deploying), false],
        ["a change in a deployment", vm("a"), vm("b", deploying), false],
    ];
    for (const [name, olds, news, want] of table)
        it(`${name}: ${want ? "dry run" : "none"}`, () =>
            assert.equal(needsAdmissionDryRun(olds, news), want));

    it("the marker never leaves check()", () => {
        const r = withoutDeployingKey({ inputs: vm("a", deploying), failures: [] });
        assert.deepEqual(r.inputs, vm("a"));
        const plain = { inputs: vm("a") };
        assert.equal(withoutDeployingKey(plain), plain);
    });
});
