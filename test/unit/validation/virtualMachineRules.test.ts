import { UNKNOWN } from "../../../provider/validation/types";
import { validateAll } from "../../../provider/validation/validator";
import { Case, runCases, setPath } from "./helpers";
import { baseVm, TPL, DOMAIN, DVT0 } from "./virtualMachineBase";

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

describe("validation: VirtualMachine cross-field rules", () => {
    describe("cross-field rules", () =>
        runCases(baseVm, ruleCases, (m) => validateAll("VirtualMachine", m)));
    describe("unknown-at-preview values and nulls", () =>
        runCases(baseVm, unknownCases, (m) => validateAll("VirtualMachine", m)));
});
