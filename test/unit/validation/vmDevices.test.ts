import { checkVmDevices } from "../../../provider/validation/rules/vmDevices";
import { UNKNOWN } from "../../../provider/validation/types";
import { Case, Manifest, runCases } from "./helpers";

const T = "spec.template.spec";

/** A VM whose names all pair up; every case breaks one reference. */
const base: Manifest = {
    metadata: { name: "vm1", namespace: "apps" },
    spec: {
        template: {
            spec: {
                domain: {
                    devices: {
                        disks: [
                            { name: "root", disk: {} },
                            { name: "iso", cdrom: {} },
                        ],
                        interfaces: [{ name: "default", masquerade: {} }],
                        filesystems: [{ name: "share", virtiofs: {} }],
                    },
                },
                networks: [{ name: "default", pod: {} }],
                volumes: [
                    { name: "root", containerDisk: { image: "x" } },
                    { name: "share", persistentVolumeClaim: { claimName: "c" } },
                    { name: "dump", memoryDump: { claimName: "d" } },
                ],
            },
        },
    },
};

const tpl = (m: Manifest) => m.spec.template.spec;

const cases: Case[] = [
    { name: "base is valid (empty CD-ROM, filesystem volume, memory dump)", modify: () => {} },
    {
        name: "interface without network",
        modify: (m) => tpl(m).domain.devices.interfaces.push({ name: "lan", bridge: {} }),
        expect: {
            property: `${T}.domain.devices.interfaces[1].name`,
            reason: `is "lan", but no network of that name`,
        },
    },
    {
        name: "network without interface",
        modify: (m) => tpl(m).networks.push({ name: "lan", multus: { networkName: "x" } }),
        expect: { property: `${T}.networks[1].name`, reason: "no interface of that name" },
    },
    {
        name: "disk without volume",
        modify: (m) => tpl(m).domain.devices.disks.push({ name: "data", disk: {} }),
        expect: { property: `${T}.domain.devices.disks[2].name`, reason: "no volume of that name" },
    },
    {
        name: "a volume without a disk is fine (KubeVirt adds one)",
        modify: (m) => tpl(m).volumes.push({ name: "scratch", emptyDisk: { capacity: "1Gi" } }),
    },
    {
        name: "disk with two target types",
        modify: (m) => {
            tpl(m).domain.devices.disks[0].cdrom = {};
        },
        expect: {
            property: `${T}.domain.devices.disks[0]`,
            reason: "at most one target type (disk, lun, cdrom); got 2 (disk, cdrom)",
        },
    },
    {
        name: "duplicate disk name",
        modify: (m) => tpl(m).domain.devices.disks.push({ name: "root", disk: { bus: "sata" } }),
        expect: {
            property: `${T}.domain.devices.disks[2].name`,
            reason: `"root" is declared twice (also ${T}.domain.devices.disks[0])`,
        },
    },
    {
        name: "volume with two sources",
        modify: (m) => {
            tpl(m).volumes[0].emptyDisk = { capacity: "1Gi" };
        },
        expect: { property: `${T}.volumes[0]`, reason: "exactly one source type" },
    },
    {
        name: "volume with no source",
        modify: (m) => {
            delete tpl(m).volumes[0].containerDisk;
        },
        expect: { property: `${T}.volumes[0]`, reason: "got none" },
    },
    {
        name: "unknown template spec is skipped",
        modify: (m) => {
            m.spec.template.spec = UNKNOWN;
        },
    },
    {
        name: "an unknown name is skipped",
        modify: (m) => {
            tpl(m).networks[0].name = UNKNOWN;
        },
    },
    {
        name: "a missing domain is the schema's failure",
        modify: (m) => {
            delete tpl(m).domain;
        },
    },
    {
        name: "an unnamed disk is the schema's failure",
        modify: (m) => {
            delete tpl(m).domain.devices.disks[0].name;
        },
    },
];

describe("validation: VM device and network references", () =>
    runCases(base, cases, checkVmDevices));
