import assert from "node:assert/strict";
import { UNKNOWN } from "../../../provider/validation/types";
import { validateAll } from "../../../provider/validation/validator";
import { checkVirtualMachine } from "../../../provider/validation/rules/virtualMachine";
import { Case, Manifest, runCases, setPath } from "./helpers";

/** A VM that passes schema and cross-field rules; every case changes exactly one thing. */
const baseVm: Manifest = {
    apiVersion: "kubevirt.io/v1",
    kind: "VirtualMachine",
    metadata: { name: "vm1", namespace: "apps", labels: { app: "vm1" } },
    spec: {
        runStrategy: "Always",
        dataVolumeTemplates: [
            {
                metadata: { name: "root" },
                spec: {
                    sourceRef: { kind: "DataSource", name: "fedora", namespace: "os-images" },
                    storage: { resources: { requests: { storage: "10Gi" } } },
                },
            },
        ],
        template: {
            metadata: { labels: { "kubevirt.io/domain": "vm1" } },
            spec: {
                domain: {
                    cpu: { cores: 2 },
                    memory: { guest: "2Gi" },
                    devices: {
                        disks: [
                            { name: "root", disk: { bus: "virtio" } },
                            { name: "cloudinit", disk: { bus: "virtio" } },
                        ],
                        interfaces: [{ name: "default", masquerade: {} }],
                    },
                },
                networks: [{ name: "default", pod: {} }],
                volumes: [
                    { name: "root", dataVolume: { name: "root" } },
                    { name: "cloudinit", cloudInitNoCloud: { userData: "#cloud-config\n" } },
                ],
            },
        },
    },
};

const TPL = ["spec", "template", "spec"];
const DOMAIN = [...TPL, "domain"];
const DVT0 = ["spec", "dataVolumeTemplates", 0];

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

const ruleCases: Case[] = [
    {
        name: "running and runStrategy together",
        modify: (m) => (m.spec.running = true),
        expect: {
            property: "spec.running",
            reason: "'spec.running' and 'spec.runStrategy' are mutually exclusive",
        },
    },
    {
        name: "neither running nor runStrategy",
        modify: (m) => delete m.spec.runStrategy,
        expect: { property: "spec.runStrategy", reason: "'spec.runStrategy' must be set" },
    },
    {
        name: "deprecated running alone is accepted",
        modify: (m) => ((m.spec.running = false), delete m.spec.runStrategy),
    },
    {
        name: "unknown runStrategy value",
        modify: (m) => (m.spec.runStrategy = "Sometimes"),
        expect: {
            property: "spec.runStrategy",
            reason: `invalid value "Sometimes"; allowed values: "Always", "RerunOnFailure", "Manual", "Halted", "Once"`,
        },
    },
    {
        name: "dataVolumeTemplate not used by any volume",
        modify: (m) => (m.spec.template.spec.volumes[0].dataVolume.name = "other"),
        expect: {
            property: "spec.dataVolumeTemplates[0]",
            reason: "(DataVolume 'root') is not referenced by any volume",
        },
    },
    {
        name: "dataVolumeTemplate used through persistentVolumeClaim",
        modify: (m) =>
            (m.spec.template.spec.volumes[0] = {
                name: "root",
                persistentVolumeClaim: { claimName: "root" },
            }),
    },
    {
        name: "dataVolumeTemplate without name",
        modify: (m) => delete m.spec.dataVolumeTemplates[0].metadata.name,
        expect: { property: "spec.dataVolumeTemplates[0].metadata.name", reason: "must be set" },
    },
    {
        name: "dataVolumeTemplate in another namespace",
        modify: (m) => setPath(m, [...DVT0, "metadata", "namespace"], "elsewhere"),
        expect: {
            property: "spec.dataVolumeTemplates[0].metadata.namespace",
            reason: `is "elsewhere" but the VM is in "apps"`,
        },
    },
    {
        name: "dataVolumeTemplate with pvc and storage",
        modify: (m) => setPath(m, [...DVT0, "spec", "pvc"], { accessModes: ["ReadWriteOnce"] }),
        expect: {
            property: "spec.dataVolumeTemplates[0].spec.pvc",
            reason: "'spec.dataVolumeTemplates[0].spec.pvc' and 'spec.dataVolumeTemplates[0].spec.storage' are mutually exclusive",
        },
    },
    {
        name: "dataVolumeTemplate with neither pvc nor storage",
        modify: (m) => delete m.spec.dataVolumeTemplates[0].spec.storage,
        expect: {
            property: "spec.dataVolumeTemplates[0].spec.storage",
            reason: "one of 'spec.dataVolumeTemplates[0].spec.storage' or",
        },
    },
    {
        name: "dataVolumeTemplate with source and sourceRef",
        modify: (m) => setPath(m, [...DVT0, "spec", "source"], { blank: {} }),
        expect: {
            property: "spec.dataVolumeTemplates[0].spec.sourceRef",
            reason: "are mutually exclusive",
        },
    },
    {
        name: "inferFromVolume together with name",
        modify: (m) => (m.spec.instancetype = { inferFromVolume: "root", name: "u1.medium" }),
        expect: {
            property: "spec.instancetype.inferFromVolume",
            reason: "'spec.instancetype.inferFromVolume' and 'spec.instancetype.name' are mutually exclusive",
        },
    },
    {
        name: "inferFromVolume alone",
        modify: (m) => (m.spec.preference = { inferFromVolume: "root" }),
    },
    {
        name: "inferFromVolume names a missing volume",
        modify: (m) => (m.spec.preference = { inferFromVolume: "nope" }),
        expect: {
            property: "spec.preference.inferFromVolume",
            reason: `names volume "nope", which is not in 'spec.template.spec.volumes'`,
        },
    },
];

const unknownCases: Case[] = [
    { name: "unknown runStrategy", modify: (m) => (m.spec.runStrategy = UNKNOWN) },
    { name: "unknown cores", modify: (m) => setPath(m, [...DOMAIN, "cpu", "cores"], UNKNOWN) },
    {
        name: "unknown label value",
        modify: (m) => setPath(m, ["metadata", "labels", "app"], UNKNOWN),
    },
    { name: "unknown volume list", modify: (m) => (m.spec.template.spec.volumes = UNKNOWN) },
    { name: "unknown volume entry", modify: (m) => (m.spec.template.spec.volumes[0] = UNKNOWN) },
    {
        name: "unknown dataVolume name",
        modify: (m) => (m.spec.template.spec.volumes[0].dataVolume.name = UNKNOWN),
    },
    {
        name: "unknown dataVolumeTemplate spec",
        modify: (m) => (m.spec.dataVolumeTemplates[0].spec = UNKNOWN),
    },
    { name: "unknown whole template", modify: (m) => (m.spec.template = UNKNOWN) },
    { name: "Pulumi __provider key is ignored", modify: (m) => (m.__provider = "serialized") },
    {
        name: "null for a non-nullable field is dropped",
        modify: (m) => setPath(m, [...DOMAIN, "cpu"], null),
    },
    { name: "null for a nullable field is kept", modify: (m) => (m.spec.template.metadata = null) },
    {
        name: "list-map entries with unknown keys are not duplicates",
        modify: (m) =>
            setPath(
                m,
                [...TPL, "utilityVolumes"],
                [
                    { name: UNKNOWN, claimName: "a" },
                    { name: UNKNOWN, claimName: "b" },
                ],
            ),
    },
    {
        name: "still reports real errors next to unknowns",
        modify: (m) => (
            (m.spec.runStrategy = UNKNOWN),
            setPath(m, [...DOMAIN, "cpu", "sockets"], "x")
        ),
        expect: { property: "spec.template.spec.domain.cpu.sockets", reason: "must be integer" },
    },
    {
        name: "a dropped null still counts as missing when required",
        modify: (m) => (m.spec.template.spec.domain = null),
        expect: { property: "spec.template.spec.domain", reason: "missing required property" },
    },
];

describe("validation: VirtualMachine", () => {
    describe("schema", () =>
        runCases(baseVm, schemaCases, (m) => validateAll("VirtualMachine", m)));
    describe("cross-field rules", () =>
        runCases(baseVm, ruleCases, (m) => validateAll("VirtualMachine", m)));
    describe("unknown-at-preview values and nulls", () =>
        runCases(baseVm, unknownCases, (m) => validateAll("VirtualMachine", m)));

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
