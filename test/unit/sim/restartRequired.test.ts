import assert from "node:assert/strict";
import { isRestartRequired } from "../../../sim/kubevirt/restartRequired";
import type { VmSpec } from "../../../sim/kubevirt/types";
import { vmiDefaults } from "../../../sim/kubevirt/vmiBuild";
import { clone, type Json } from "../../../sim/util/json";

/** A started VM: pod network (masquerade) + a bridge NIC on a NAD, a root disk, a hotplug DV. */
function baseSpec(): VmSpec {
    return {
        runStrategy: "Always",
        template: {
            metadata: { labels: { app: "web" } },
            spec: {
                architecture: "amd64",
                domain: {
                    cpu: { sockets: 1, cores: 1, threads: 1 },
                    memory: { guest: "1Gi" },
                    machine: { type: "q35" },
                    firmware: { uuid: "11111111-2222-3333-4444-555555555555" },
                    resources: { requests: { memory: "1Gi" } },
                    devices: {
                        disks: [
                            { name: "root", disk: { bus: "virtio" } },
                            { name: "cd", cdrom: { bus: "sata" } },
                        ],
                        interfaces: [
                            { name: "default", masquerade: {} },
                            { name: "sec", bridge: {} },
                        ],
                    },
                },
                networks: [
                    { name: "default", pod: {} },
                    { name: "sec", multus: { networkName: "ns/nad-a" } },
                ],
                volumes: [
                    { name: "root", dataVolume: { name: "root-dv" } },
                    { name: "cd", dataVolume: { name: "iso", hotpluggable: true } },
                ],
            },
        },
    };
}

type Mod = (s: Json) => void;
interface Case {
    name: string;
    mod: Mod;
    want: boolean;
    stage?: boolean;
    nadRefLive?: boolean;
    base?: Mod;
    vmiMod?: Mod;
}

const R = true; // restart required
const L = false; // live / no restart

const cases: Case[] = [
    { name: "an unchanged spec needs no restart", mod: () => undefined, want: L },
    {
        name: "changing cpu.sockets is live under LiveUpdate",
        mod: (s) => (s.template.spec.domain.cpu.sockets = 2),
        want: L,
    },
    {
        name: "changing cpu.sockets needs a restart under Stage",
        mod: (s) => (s.template.spec.domain.cpu.sockets = 2),
        want: R,
        stage: true,
    },
    {
        name: "changing memory.guest is live",
        mod: (s) => (s.template.spec.domain.memory.guest = "2Gi"),
        want: L,
    },
    {
        name: "changing cpu.cores needs a restart",
        mod: (s) => (s.template.spec.domain.cpu.cores = 2),
        want: R,
    },
    {
        name: "adding a cpu block to a VM started without one needs a restart",
        base: (s) => delete s.template.spec.domain.cpu,
        mod: (s) => (s.template.spec.domain.cpu = { sockets: 2 }),
        want: R,
    },
    {
        name: "adding a nodeSelector is live",
        mod: (s) => (s.template.spec.nodeSelector = { zone: "a" }),
        want: L,
    },
    {
        name: "adding a nodeSelector needs a restart under Stage",
        mod: (s) => (s.template.spec.nodeSelector = { zone: "a" }),
        want: R,
        stage: true,
    },
    {
        name: "adding tolerations is live",
        mod: (s) => (s.template.spec.tolerations = [{ key: "k", operator: "Exists" }]),
        want: L,
    },
    {
        name: "changing affinity is live",
        mod: (s) => (s.template.spec.affinity = { nodeAffinity: {} }),
        want: L,
    },
    {
        name: "the same quantity spelled differently is no change",
        mod: (s) => (s.template.spec.domain.resources.requests.memory = "1024Mi"),
        want: L,
    },
    {
        name: "changing resources.requests.memory needs a restart",
        mod: (s) => (s.template.spec.domain.resources.requests.memory = "2Gi"),
        want: R,
    },
    {
        name: "adding a hotpluggable volume and its disk is live",
        mod: (s) => {
            s.template.spec.volumes.push({
                name: "data",
                persistentVolumeClaim: { claimName: "data", hotpluggable: true },
            });
            s.template.spec.domain.devices.disks.push({ name: "data", disk: { bus: "scsi" } });
        },
        want: L,
    },
    {
        name: "adding a hotpluggable volume is live even under Stage",
        mod: (s) => {
            s.template.spec.volumes.push({
                name: "data",
                persistentVolumeClaim: { claimName: "data", hotpluggable: true },
            });
            s.template.spec.domain.devices.disks.push({ name: "data", disk: { bus: "scsi" } });
        },
        want: L,
        stage: true,
    },
    {
        name: "adding a non-hotpluggable volume needs a restart",
        mod: (s) => {
            s.template.spec.volumes.push({
                name: "data",
                persistentVolumeClaim: { claimName: "data" },
            });
            s.template.spec.domain.devices.disks.push({ name: "data", disk: { bus: "virtio" } });
        },
        want: R,
    },
    {
        name: "removing a CD-ROM disk needs a restart even with a hotplug volume",
        mod: (s) => {
            s.template.spec.volumes = s.template.spec.volumes.filter((v: Json) => v.name !== "cd");
            s.template.spec.domain.devices.disks = s.template.spec.domain.devices.disks.filter(
                (d: Json) => d.name !== "cd",
            );
        },
        want: R,
    },
    {
        name: "swapping the root DataVolume needs a restart",
        mod: (s) => (s.template.spec.volumes[0].dataVolume.name = "root-v2"),
        want: R,
    },
    {
        name: "swapping the root DataVolume with updateVolumesStrategy Migration is live",
        mod: (s) => {
            s.template.spec.volumes[0].dataVolume.name = "root-v2";
            s.updateVolumesStrategy = "Migration";
        },
        want: L,
    },
    {
        name: "hot-plugging a bridge NIC on a NAD is live",
        mod: (s) => {
            s.template.spec.domain.devices.interfaces.push({ name: "third", bridge: {} });
            s.template.spec.networks.push({ name: "third", multus: { networkName: "ns/nad-c" } });
        },
        want: L,
    },
    {
        name: "unplugging a NIC with state absent is live",
        mod: (s) => (s.template.spec.domain.devices.interfaces[1].state = "absent"),
        want: L,
    },
    {
        name: "setting link state down is live",
        mod: (s) => (s.template.spec.domain.devices.interfaces[1].state = "down"),
        want: L,
    },
    {
        name: "removing a NIC from the list needs a restart",
        mod: (s) => {
            s.template.spec.domain.devices.interfaces.pop();
            s.template.spec.networks.pop();
        },
        want: R,
    },
    {
        name: "changing a NIC's model needs a restart",
        mod: (s) => (s.template.spec.domain.devices.interfaces[1].model = "e1000e"),
        want: R,
    },
    {
        name: "changing a NAD reference is live with LiveUpdateNADRef on a migratable VMI",
        mod: (s) => (s.template.spec.networks[1].multus.networkName = "ns/nad-b"),
        want: L,
        nadRefLive: true,
    },
    {
        name: "changing a NAD reference needs a restart otherwise",
        mod: (s) => (s.template.spec.networks[1].multus.networkName = "ns/nad-b"),
        want: R,
        nadRefLive: false,
    },
    {
        name: "changing the machine type needs a restart",
        mod: (s) => (s.template.spec.domain.machine.type = "pc-q35-rhel9.4.0"),
        want: R,
    },
    {
        name: "changing evictionStrategy needs a restart",
        mod: (s) => (s.template.spec.evictionStrategy = "LiveMigrate"),
        want: R,
    },
    {
        name: "changing template labels is not a template-spec change",
        mod: (s) => (s.template.metadata.labels.tier = "x"),
        want: L,
    },
    {
        name: "changing runStrategy is not a template-spec change",
        mod: (s) => (s.runStrategy = "Manual"),
        want: L,
    },
    {
        name: "a firmware UUID written equal to the VMI's is neutralised",
        mod: (s) => (s.template.spec.domain.firmware.uuid = "99999999-2222-3333-4444-555555555555"),
        vmiMod: (v) => (v.domain.firmware.uuid = "99999999-2222-3333-4444-555555555555"),
        want: L,
    },
    {
        name: "a different firmware UUID needs a restart",
        mod: (s) => (s.template.spec.domain.firmware.uuid = "99999999-2222-3333-4444-555555555555"),
        want: R,
    },
];

describe("RestartRequired (syncRestartRequired)", () => {
    for (const c of cases) {
        it(c.name, () => {
            const lastSeen = baseSpec();
            c.base?.(lastSeen);
            const current: Json = clone(lastSeen);
            c.mod(current);
            const vmiSpec: Json = vmiDefaults(clone(lastSeen.template!.spec!), "web", !c.stage);
            c.vmiMod?.(vmiSpec);
            const got = isRestartRequired({
                lastSeen,
                current,
                vmiSpec,
                liveUpdate: !c.stage,
                nadRefLive: c.nadRefLive ?? true,
            });
            assert.equal(got, c.want);
        });
    }
});
