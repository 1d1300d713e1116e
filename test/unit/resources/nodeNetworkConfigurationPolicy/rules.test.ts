import assert from "node:assert/strict";
import { exampleFiles, loadYaml, runCases, type Manifest } from "../../validation/helpers";
import {
    checkNncp,
    checkRemoveOnDelete,
} from "../../../../provider/resources/nodeNetworkConfigurationPolicy/rules";

const base: Manifest = {
    apiVersion: "nmstate.io/v1",
    kind: "NodeNetworkConfigurationPolicy",
    metadata: { name: "p" },
    spec: {
        nodeSelector: { "node-role.kubernetes.io/worker": "" },
        desiredState: { interfaces: [{ name: "br1", type: "linux-bridge", state: "up" }] },
    },
};

describe("NodeNetworkConfigurationPolicy rules", () => {
    runCases(
        base,
        [
            { name: "the base policy is valid", modify: () => undefined },
            {
                name: "an OVS bridge and its internal interface may share a name",
                modify: (m) =>
                    m.spec.desiredState.interfaces.push({ name: "br1", type: "ovs-interface" }),
            },
            {
                name: "a name over 63 characters is rejected",
                modify: (m) => (m.metadata.name = "x".repeat(64)),
                expect: { property: "metadata.name", reason: "at most 63" },
            },
            {
                name: "a nodeSelector value with a space is rejected",
                modify: (m) => (m.spec.nodeSelector = { zone: "a b" }),
                expect: {
                    property: 'spec.nodeSelector["zone"]',
                    reason: "not a valid label value",
                },
            },
            {
                name: "an interface without name is rejected",
                modify: (m) => m.spec.desiredState.interfaces.push({ type: "bond" }),
                expect: {
                    property: "spec.desiredState.interfaces[1].name",
                    reason: "needs a 'name'",
                },
            },
            {
                name: "an unknown state is rejected",
                modify: (m) => (m.spec.desiredState.interfaces[0].state = "gone"),
                expect: {
                    property: "spec.desiredState.interfaces[0].state",
                    reason: "allowed: up, down, absent, ignore",
                },
            },
            {
                name: "the same interface twice is rejected",
                modify: (m) =>
                    m.spec.desiredState.interfaces.push({ name: "br1", type: "linux-bridge" }),
                expect: { property: "spec.desiredState.interfaces[1]", reason: "declared twice" },
            },
            {
                name: "interfaces must be a list",
                modify: (m) => (m.spec.desiredState.interfaces = { br1: {} }),
                expect: { property: "spec.desiredState.interfaces", reason: "must be a list" },
            },
        ],
        checkNncp as (m: Manifest) => never,
    );

    describe("every upstream nmstate example passes", () => {
        const docs = exampleFiles("nmstate", /\.yaml$/)
            .flatMap(loadYaml)
            .filter((d) => d.kind === "NodeNetworkConfigurationPolicy");
        it("found the 7 upstream policies", () => assert.equal(docs.length, 7));
        for (const d of docs)
            it(`${d.metadata.name} is clean`, () => assert.deepEqual(checkNncp(d as never), []));
    });

    describe("removeOnDelete", () => {
        const ds = base.spec.desiredState;
        const cases: { name: string; opt: unknown; want: string[] }[] = [
            { name: "omitted is fine", opt: undefined, want: [] },
            { name: "a boolean is fine", opt: false, want: [] },
            { name: "declared names are fine", opt: ["br1"], want: [] },
            {
                name: "an undeclared name is rejected",
                opt: ["br9"],
                want: [
                    "'removeOnDelete' names interface 'br9', which spec.desiredState does not declare",
                ],
            },
            {
                name: "another type is rejected",
                opt: "all",
                want: ["'removeOnDelete' must be true, false, or a list of interface names"],
            },
        ];
        for (const c of cases)
            it(c.name, () =>
                assert.deepEqual(
                    checkRemoveOnDelete(ds, c.opt).map((f) => f.reason),
                    c.want,
                ),
            );
    });
});
