import assert from "node:assert/strict";
import { validateAll } from "../../../provider/validation/validator";
import { checkVirtualMachine } from "../../../provider/validation/rules/virtualMachine";
import { Case, runCases, setPath } from "./helpers";
import { baseVm, TPL, DOMAIN, DVT0 } from "./virtualMachineBase";

const schemaCases: Case[] = [
    { name: "base is valid", modify: () => {} },
    {
        name: "free-form template metadata is kept (preserve-unknown-fields)",
        modify: (m) => setPath(m, ["spec", "template", "metadata", "anything"], { x: 1 }),
    },
    {
        name: "cores must be an integer",
        modify: (m) => setPath(m, [...DOMAIN, "cpu", "cores"], "two"),
        expect: {
            property: "spec.template.spec.domain.cpu.cores",
            reason: `must be integer, got string "two"`,
        },
    },
    {
        name: "cores must fit int32",
        modify: (m) => setPath(m, [...DOMAIN, "cpu", "cores"], 2 ** 40),
        expect: {
            property: "spec.template.spec.domain.cpu.cores",
            reason: `must match format "int32"`,
        },
    },
    {
        name: "typo in a domain field",
        modify: (m) => setPath(m, [...DOMAIN, "cpu", "coress"], 2),
        expect: {
            property: "spec.template.spec.domain.cpu.coress",
            reason: "unknown property 'coress' in 'spec.template.spec.domain.cpu'",
        },
    },
    {
        name: "typo at the top level",
        modify: (m) => (m.specc = {}),
        expect: { property: "specc", reason: "unknown property 'specc' in the top level" },
    },
    {
        name: "enum lists allowed values",
        modify: (m) => setPath(m, [...DOMAIN, "rebootPolicy"], "Never"),
        expect: {
            property: "spec.template.spec.domain.rebootPolicy",
            reason: `has invalid value "Never"; allowed values: "Reboot", "Terminate"`,
        },
    },
    {
        name: "domain is required",
        modify: (m) => delete m.spec.template.spec.domain,
        expect: {
            property: "spec.template.spec.domain",
            reason: "missing required property 'spec.template.spec.domain'",
        },
    },
    {
        name: "disk needs a name",
        modify: (m) => delete m.spec.template.spec.domain.devices.disks[0].name,
        expect: {
            property: "spec.template.spec.domain.devices.disks[0].name",
            reason: "missing required property",
        },
    },
    {
        name: "memory is a quantity",
        modify: (m) => setPath(m, [...DOMAIN, "memory", "guest"], "2 GB"),
        expect: {
            property: "spec.template.spec.domain.memory.guest",
            reason: `must be a resource quantity such as "2Gi"`,
        },
    },
    {
        name: "int-or-string rejects booleans",
        modify: (m) => setPath(m, [...DOMAIN, "memory", "guest"], true),
        expect: {
            property: "spec.template.spec.domain.memory.guest",
            reason: "must be integer or string, got boolean true",
        },
    },
    {
        name: "label values are strings (bracketed key)",
        modify: (m) => setPath(m, ["metadata", "labels", "kubevirt.io/vm"], 1),
        expect: {
            property: `metadata.labels["kubevirt.io/vm"]`,
            reason: "must be string, got integer 1",
        },
    },
    {
        name: "metadata.name is a DNS subdomain",
        modify: (m) => setPath(m, ["metadata", "name"], "VM_1"),
        expect: { property: "metadata.name", reason: "must be a DNS-1123 subdomain name" },
    },
    {
        name: "translated CEL rule keeps the upstream message",
        modify: (m) => {
            m.spec.template.spec.volumes.push({ name: "cp", containerPath: { path: "data" } });
            m.spec.template.spec.domain.devices.filesystems = [{ name: "cp", virtiofs: {} }];
        },
        expect: {
            property: "spec.template.spec.volumes[2].containerPath.path",
            reason: "path must be absolute (start with '/')",
        },
    },
    {
        name: "list-map keys must be unique (x-kubernetes-list-map-keys)",
        modify: (m) =>
            setPath(
                m,
                [...TPL, "utilityVolumes"],
                [
                    { name: "u", claimName: "a" },
                    { name: "u", claimName: "b" },
                ],
            ),
        expect: {
            property: "spec.template.spec.utilityVolumes[1]",
            reason: `duplicates an earlier entry with name="u"`,
        },
    },
    {
        name: "dataVolumeTemplate contentType enum",
        modify: (m) => setPath(m, [...DVT0, "spec", "contentType"], "iso"),
        expect: {
            property: "spec.dataVolumeTemplates[0].spec.contentType",
            reason: `allowed values: "kubevirt", "archive"`,
        },
    },
];

describe("validation: VirtualMachine", () => {
    describe("schema", () =>
        runCases(baseVm, schemaCases, (m) => validateAll("VirtualMachine", m)));

    it("rules alone tolerate garbage input", () => {
        for (const junk of [
            undefined,
            null,
            42,
            "x",
            [],
            { spec: 1 },
            { spec: { dataVolumeTemplates: [null, 3] } },
        ]) {
            assert.doesNotThrow(() => checkVirtualMachine(junk));
        }
    });
});
