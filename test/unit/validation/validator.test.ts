import assert from "node:assert/strict";
import {
    knownKinds,
    schemaIndex,
    validate,
    validateAll,
} from "../../../provider/validation/validator";
import { pointerToProperty } from "../../../provider/validation/schemaInput";
import { Case, Manifest, runCases } from "./helpers";

const baseNncp: Manifest = {
    apiVersion: "nmstate.io/v1",
    kind: "NodeNetworkConfigurationPolicy",
    metadata: { name: "br1" },
    spec: {
        nodeSelector: { "node-role.kubernetes.io/worker": "" },
        desiredState: {
            interfaces: [
                {
                    name: "br1",
                    type: "linux-bridge",
                    state: "up",
                    bridge: { port: [{ name: "eth1" }] },
                },
            ],
        },
    },
};

const baseNad: Manifest = {
    apiVersion: "k8s.cni.cncf.io/v1",
    kind: "NetworkAttachmentDefinition",
    metadata: { name: "br1", namespace: "apps" },
    spec: { config: JSON.stringify({ cniVersion: "0.3.1", type: "bridge", bridge: "br1" }) },
};

const baseTemplate: Manifest = {
    apiVersion: "template.openshift.io/v1",
    kind: "Template",
    metadata: { name: "t1", namespace: "openshift" },
    objects: [
        {
            apiVersion: "kubevirt.io/v1",
            kind: "VirtualMachine",
            metadata: { name: "${NAME}" },
            spec: { anything: true },
        },
    ],
    parameters: [{ name: "NAME", generate: "expression", from: "vm-[a-z0-9]{8}" }],
    labels: { app: "t1" },
    message: "created ${NAME}",
};

const baseStorageProfile: Manifest = {
    apiVersion: "cdi.kubevirt.io/v1beta1",
    kind: "StorageProfile",
    metadata: { name: "local" },
    spec: { claimPropertySets: [{ accessModes: ["ReadWriteOnce"], volumeMode: "Filesystem" }] },
};

describe("validation: validator", () => {
    describe("NodeNetworkConfigurationPolicy", () =>
        runCases(
            baseNncp,
            [
                { name: "base is valid", modify: () => {} },
                {
                    name: "desiredState is free-form nmstate",
                    modify: (m) => (m.spec.desiredState.routes = { config: [] }),
                },
                {
                    name: "nodeSelector keys are qualified names (translated CEL)",
                    modify: (m) => (m.spec.nodeSelector = { "bad key!": "x" }),
                    expect: {
                        property: "spec.nodeSelector",
                        reason: `has invalid key "bad key!": nodeSelector keys must be valid qualified names`,
                    },
                },
                {
                    name: "unknown spec field",
                    modify: (m) => (m.spec.desiredStat = {}),
                    expect: {
                        property: "spec.desiredStat",
                        reason: "unknown property 'desiredStat'",
                    },
                },
            ],
            (m) => validate("NodeNetworkConfigurationPolicy", m),
        ));

    describe("NetworkAttachmentDefinition", () =>
        runCases(
            baseNad,
            [
                { name: "base is valid", modify: () => {} },
                {
                    name: "config is a JSON string, not an object",
                    modify: (m) => (m.spec.config = { type: "bridge" }),
                    expect: { property: "spec.config", reason: "must be string, got object" },
                },
            ],
            (m) => validate("NetworkAttachmentDefinition", m),
        ));

    const templateCases: Case[] = [
        { name: "base is valid", modify: () => {} },
        {
            name: "objects are required",
            modify: (m) => delete m.objects,
            expect: { property: "objects", reason: "missing required property 'objects'" },
        },
        {
            name: "parameters need a name",
            modify: (m) => delete m.parameters[0].name,
            expect: { property: "parameters[0].name", reason: "missing required property" },
        },
        {
            name: "parameter.required is a boolean",
            modify: (m) => (m.parameters[0].required = "yes"),
            expect: {
                property: "parameters[0].required",
                reason: `must be boolean, got string "yes"`,
            },
        },
        {
            name: "Template has no spec",
            modify: (m) => (m.spec = {}),
            expect: { property: "spec", reason: "unknown property 'spec' in the top level" },
        },
        {
            name: "objects are objects",
            modify: (m) => (m.objects = ["x"]),
            expect: { property: "objects[0]", reason: "must be object" },
        },
    ];
    describe("Template (stand-in CRD)", () =>
        runCases(baseTemplate, templateCases, (m) => validate("Template", m)));

    describe("StorageProfile", () =>
        runCases(
            baseStorageProfile,
            [
                { name: "base is valid", modify: () => {} },
                {
                    name: "accessModes are checked (translated CEL)",
                    modify: (m) => (m.spec.claimPropertySets[0].accessModes = ["RWO"]),
                    expect: {
                        property: "spec.claimPropertySets[0].accessModes[0]",
                        reason: `allowed values: "ReadWriteOnce", "ReadOnlyMany"`,
                    },
                },
            ],
            (m) => validate("StorageProfile", m),
        ));

    it("maps JSON pointers to Pulumi property paths", () => {
        const data = {
            spec: { volumes: [{ name: "a" }] },
            metadata: { labels: { "kubevirt.io/vm": "x", "a~b": "y" } },
        };
        assert.equal(pointerToProperty("/spec/volumes/0/name", data), "spec.volumes[0].name");
        assert.equal(
            pointerToProperty("/metadata/labels/kubevirt.io~1vm", data),
            `metadata.labels["kubevirt.io/vm"]`,
        );
        assert.equal(pointerToProperty("/metadata/labels/a~0b", data), `metadata.labels["a~b"]`);
        assert.equal(pointerToProperty("", data), "");
    });

    it("indexes every generated kind", () => {
        const kinds = knownKinds();
        assert.equal(kinds.length, 21);
        assert.deepEqual(schemaIndex().VirtualMachine, {
            ...schemaIndex().VirtualMachine,
            apiVersion: "kubevirt.io/v1",
            plural: "virtualmachines",
            namespaced: true,
        });
        assert.equal(schemaIndex().NodeNetworkConfigurationPolicy.namespaced, false);
        assert.equal(schemaIndex().MigrationPolicy.namespaced, false);
        assert.equal(schemaIndex().VirtualMachinePool.apiVersion, "pool.kubevirt.io/v1beta1");
        assert.equal(schemaIndex().Template.apiVersion, "template.openshift.io/v1");
        assert.equal(
            schemaIndex().VirtualMachineTemplate.apiVersion,
            "template.kubevirt.io/v1beta1",
        );
    });

    it("throws for a kind without schema (a provider bug, not a user error)", () => {
        assert.throws(() => validate("Pod", {}), /no schema for kind Pod/);
    });

    it("returns failures for non-object input instead of throwing", () => {
        assert.equal(
            validate("DataVolume", "nope")[0].reason,
            `the resource must be object, got string "nope"`,
        );
    });
});

describe("validateAll against the object as last checked", () => {
    const bad: Manifest = { ...baseNad, spec: { config: 7 } };
    const table: [string, unknown, number][] = [
        ["no previous object: validated", undefined, 1],
        ["the same object: not validated again", structuredClone(bad), 0],
        ["a changed object: validated", baseNad, 1],
    ];
    for (const [name, previous, failures] of table)
        it(name, () =>
            assert.equal(
                validateAll("NetworkAttachmentDefinition", bad, previous).length >= 1,
                failures >= 1,
            ),
        );
});
