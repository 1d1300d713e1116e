import assert from "node:assert/strict";
import { normalizeVm } from "../../../../provider/diff/normalize";
import {
    defaultClusterFacts,
    type ClusterFacts,
    type Impact,
    type VmRuntime,
} from "../../../../provider/diff/types";
import {
    classifyVmUpdate,
    type ExpandedTemplateSpecs,
} from "../../../../provider/resources/virtualMachine/policy";
import { summarizePlan } from "../../../../provider/diff/summary";

type Vm = Record<string, any>;
const N: Impact = "none",
    MD: Impact = "metadata",
    L: Impact = "live",
    M: Impact = "liveMigrate",
    R: Impact = "restart",
    X: Impact = "replace";
const T = "spec.template.spec";
const D = `${T}.domain.devices`;

/** Known-good running VM: 2 sockets, 2Gi, root DV, cloud-init, pod + bridge/multus NICs. */
function baseVm(): Vm {
    return {
        apiVersion: "kubevirt.io/v1",
        kind: "VirtualMachine",
        metadata: { name: "vm-1", namespace: "default", labels: { app: "web" } },
        spec: {
            runStrategy: "Always",
            dataVolumeTemplates: [
                {
                    metadata: { name: "root" },
                    spec: { storage: { resources: { requests: { storage: "30Gi" } } } },
                },
            ],
            template: {
                metadata: { labels: { app: "web" } },
                spec: {
                    domain: {
                        cpu: { sockets: 2, cores: 1, threads: 1 },
                        memory: { guest: "2Gi" },
                        devices: {
                            disks: [
                                { name: "root", disk: { bus: "virtio" } },
                                { name: "cloudinit", disk: { bus: "virtio" } },
                            ],
                            interfaces: [
                                { name: "default", masquerade: {} },
                                { name: "nic1", bridge: {} },
                            ],
                        },
                    },
                    networks: [
                        { name: "default", pod: {} },
                        { name: "nic1", multus: { networkName: "vlan10" } },
                    ],
                    volumes: [
                        { name: "root", dataVolume: { name: "root" } },
                        { name: "cloudinit", cloudInitNoCloud: { userData: "#cloud-config" } },
                    ],
                },
            },
        },
    };
}
const ts = (vm: Vm) => vm.spec.template.spec;
const dom = (vm: Vm) => ts(vm).domain;
const iface = (vm: Vm, name: string) => dom(vm).devices.interfaces.find((i: Vm) => i.name === name);
const vol = (vm: Vm, name: string) => ts(vm).volumes.find((v: Vm) => v.name === name);
const addVolume = (vm: Vm, name: string, volume: Vm, disk: Vm = { disk: { bus: "scsi" } }) => {
    dom(vm).devices.disks.push({ name, ...disk });
    ts(vm).volumes.push({ name, ...volume });
};
const hotplugPvc = (claimName: string) => ({
    persistentVolumeClaim: { claimName, hotpluggable: true },
});
const addNic = (vm: Vm, name: string, binding: Vm, network: Vm) => {
    dom(vm).devices.interfaces.push({ name, ...binding });
    ts(vm).networks.push({ name, ...network });
};

interface Case {
    name: string;
    base?: (vm: Vm) => void;
    change: (vm: Vm) => void;
    runtime?: Partial<VmRuntime>;
    cluster?: Partial<ClusterFacts>;
    expanded?: (o: Vm, n: Vm) => ExpandedTemplateSpecs;
    impact: Impact;
    /** Expected impact of specific paths. */
    paths?: Record<string, Impact>;
    why?: RegExp;
    note?: RegExp;
    summary?: string;
}

const stage = { rolloutStrategy: "Stage" } as const;
const stopped = { running: false };

const cases: Case[] = [
    // docs/semantics.md#vm-classification-summary item 1
    {
        name: "Renaming the VM replaces it",
        change: (v) => (v.metadata.name = "vm-2"),
        impact: X,
        paths: { "metadata.name": X },
    },
    {
        name: "Moving the VM to another namespace replaces it",
        change: (v) => (v.metadata.namespace = "prod"),
        impact: X,
    },
    // docs/semantics.md#vm-classification-summary item 2
    {
        name: "Changing a VM label is metadata only",
        change: (v) => (v.metadata.labels.app = "db"),
        impact: MD,
        summary: "vm-1: metadata only (metadata.labels.app web→db)",
    },
    {
        name: "Adding a VM annotation is metadata only",
        change: (v) => (v.metadata.annotations = { owner: "me" }),
        impact: MD,
    },
    {
        name: "Changing template labels is metadata only and takes effect on next restart",
        change: (v) => (v.spec.template.metadata.labels.tier = "front"),
        impact: MD,
        note: /take effect on next restart/,
    },
    // docs/semantics.md#vm-classification-summary item 3
    {
        name: "Changing runStrategy Always→Halted stops the VM as a live action",
        change: (v) => (v.spec.runStrategy = "Halted"),
        impact: L,
        why: /runStrategy Always→Halted stops the VM/,
    },
    {
        name: "Changing runStrategy Halted→Always starts a stopped VM",
        base: (v) => (v.spec.runStrategy = "Halted"),
        change: (v) => (v.spec.runStrategy = "Always"),
        runtime: stopped,
        impact: L,
        why: /^runStrategy Halted→Always starts the VM$/,
    },
    {
        name: "Rewriting running: true as runStrategy: Always takes no power action",
        base: (v) => {
            delete v.spec.runStrategy;
            v.spec.running = true;
        },
        change: (v) => {
            delete v.spec.running;
            v.spec.runStrategy = "Always";
        },
        impact: MD,
    },
    {
        name: "Setting the deprecated running: false stops the VM",
        base: (v) => {
            delete v.spec.runStrategy;
            v.spec.running = true;
        },
        change: (v) => (v.spec.running = false),
        impact: L,
        why: /Always→Halted stops the VM/,
    },
    // docs/semantics.md#vm-classification-summary item 4
    {
        name: "Adding a dataVolumeTemplate creates a DataVolume live",
        change: (v) =>
            v.spec.dataVolumeTemplates.push({
                metadata: { name: "data" },
                spec: { storage: { resources: { requests: { storage: "5Gi" } } } },
            }),
        impact: L,
        why: /creates DataVolume 'data'/,
    },
    {
        name: "Changing an existing dataVolumeTemplate does not claim to update the DataVolume",
        change: (v) =>
            (v.spec.dataVolumeTemplates[0].spec.storage.resources.requests.storage = "40Gi"),
        impact: N,
        why: /will NOT update the existing DataVolume 'root'/,
        note: /DataVolume 'root' will not be updated/,
    },
    {
        name: "Removing a dataVolumeTemplate leaves the DataVolume in place",
        change: (v) => (v.spec.dataVolumeTemplates = []),
        impact: N,
        note: /left in place/,
    },
    {
        name: "Changing updateVolumesStrategy alone is metadata only",
        change: (v) => (v.spec.updateVolumesStrategy = "Migration"),
        impact: MD,
    },
    // docs/semantics.md#vm-classification-summary item 5
    {
        name: "Changing cpu.cores on a stopped VM touches nothing now and applies on next start",
        change: (v) => (dom(v).cpu.cores = 2),
        runtime: stopped,
        impact: N,
        why: /applies on next start/,
        note: /next start/,
    },
    {
        name: "Adding a non-hotplug disk to a stopped VM applies on next start",
        change: (v) => addVolume(v, "data", { persistentVolumeClaim: { claimName: "pvc" } }),
        runtime: stopped,
        impact: N,
    },
    {
        name: "Template changes in an update that halts the VM apply on next start",
        change: (v) => {
            v.spec.runStrategy = "Halted";
            dom(v).cpu.cores = 2;
        },
        impact: L,
        paths: { [`${T}.domain.cpu.cores`]: N, "spec.runStrategy": L },
    },
    // docs/semantics.md#vm-classification-summary item 6, Stage
    {
        name: "Under Stage, increasing cpu.sockets needs a restart",
        change: (v) => (dom(v).cpu.sockets = 4),
        cluster: stage,
        impact: R,
    },
    {
        name: "Under Stage, changing nodeSelector needs a restart",
        change: (v) => (ts(v).nodeSelector = { zone: "a" }),
        cluster: stage,
        impact: R,
    },
    {
        name: "Under Stage, adding a hotpluggable volume with its disk is applied live",
        change: (v) => addVolume(v, "data", hotplugPvc("pvc")),
        cluster: stage,
        impact: L,
    },
    {
        name: "Under Stage on KubeVirt 1.6+, hot-plugging a bridge NIC live-migrates the VM",
        change: (v) => addNic(v, "nic2", { bridge: {} }, { multus: { networkName: "vlan20" } }),
        cluster: stage,
        impact: M,
    },
    {
        name: "Under Stage before KubeVirt 1.6, hot-plugging a bridge NIC needs a restart (spurious RestartRequired)",
        change: (v) => addNic(v, "nic2", { bridge: {} }, { multus: { networkName: "vlan20" } }),
        cluster: { ...stage, kubevirtMinor: 5 },
        impact: R,
        why: /before KubeVirt 1.6/,
    },
    {
        name: "Under Stage, changing multus.networkName needs a restart",
        change: (v) => (ts(v).networks[1].multus.networkName = "vlan30"),
        cluster: stage,
        impact: R,
    },
    {
        name: "On KubeVirt 1.1 there is no LiveUpdate, so cpu.sockets needs a restart",
        change: (v) => (dom(v).cpu.sockets = 4),
        cluster: { kubevirtMinor: 1 },
        impact: R,
    },
    // docs/semantics.md#vm-classification-summary item 6, LiveUpdate: CPU
    {
        name: "Changing cpu.sockets up within maxSockets live-migrates",
        change: (v) => (dom(v).cpu.sockets = 4),
        impact: M,
        why: /^cpu\.sockets 2→4 is hot-plugged; KubeVirt live-migrates the VM to apply it$/,
        summary: "vm-1: live migration (cpu.sockets 2→4)",
    },
    {
        name: "Changing cpu.sockets up to exactly 4× live-migrates",
        change: (v) => (dom(v).cpu.sockets = 8),
        impact: M,
    },
    {
        name: "Changing cpu.sockets above the default 4× maxSockets needs a restart",
        change: (v) => (dom(v).cpu.sockets = 9),
        impact: R,
        why: /exceeds maxSockets 8/,
    },
    {
        name: "Changing cpu.sockets above the VMI maxSockets needs a restart",
        change: (v) => (dom(v).cpu.sockets = 4),
        runtime: { maxSockets: 3 },
        impact: R,
        why: /maxSockets 3/,
    },
    {
        name: "Reducing cpu.sockets needs a restart",
        change: (v) => (dom(v).cpu.sockets = 1),
        impact: R,
        why: /reducing CPU sockets/,
    },
    {
        name: "Changing cpu.sockets on arm64 needs a restart",
        change: (v) => (dom(v).cpu.sockets = 4),
        runtime: { architecture: "arm64" },
        impact: R,
        why: /arm64/,
    },
    {
        name: "Changing cpu.sockets on a non-migratable VM needs a restart",
        change: (v) => (dom(v).cpu.sockets = 4),
        runtime: { migratable: false },
        impact: R,
    },
    {
        name: "Changing cpu.cores needs a restart",
        change: (v) => (dom(v).cpu.cores = 2),
        impact: R,
        why: /cpu\.cores 1→2: not live-updatable; needs restart/,
    },
    // LiveUpdate: memory
    {
        name: "Increasing memory.guest within maxGuest live-migrates",
        change: (v) => (dom(v).memory.guest = "4Gi"),
        impact: M,
        why: /memory\.guest 2Gi→4Gi is hot-plugged/,
    },
    {
        name: "Increasing memory.guest written as 4096Mi live-migrates",
        change: (v) => (dom(v).memory.guest = "4096Mi"),
        impact: M,
    },
    {
        name: "Increasing memory.guest above the default 4× maxGuest needs a restart",
        change: (v) => (dom(v).memory.guest = "9Gi"),
        impact: R,
        why: /exceeds maxGuest 8Gi/,
    },
    {
        name: "Increasing memory.guest above the VMI maxGuest needs a restart",
        change: (v) => (dom(v).memory.guest = "4Gi"),
        runtime: { maxGuest: "3Gi" },
        impact: R,
    },
    {
        name: "Reducing memory.guest needs a restart",
        change: (v) => (dom(v).memory.guest = "1Gi"),
        impact: R,
        why: /reducing guest memory/,
    },
    {
        name: "Increasing memory.guest on a non-migratable VM needs a restart",
        change: (v) => (dom(v).memory.guest = "4Gi"),
        runtime: { migratable: false },
        impact: R,
    },
    {
        name: "Increasing memory.guest on arm64 needs a restart",
        change: (v) => (dom(v).memory.guest = "4Gi"),
        runtime: { architecture: "arm64" },
        impact: R,
        why: /amd64/,
    },
    {
        name: "Increasing memory.guest to a size not aligned to 2Mi needs a restart",
        change: (v) => (dom(v).memory.guest = "4097Mi"),
        impact: R,
        why: /aligned to 2Mi/,
    },
    {
        name: "Increasing memory.guest below 1Gi needs a restart",
        base: (v) => (dom(v).memory.guest = "512Mi"),
        change: (v) => (dom(v).memory.guest = "768Mi"),
        impact: R,
        why: /at least 1Gi/,
    },
    {
        name: "Increasing memory.guest with 1Gi hugepages needs 1Gi alignment",
        base: (v) => (dom(v).memory.hugepages = { pageSize: "1Gi" }),
        change: (v) => (dom(v).memory.guest = "3000Mi"),
        impact: R,
        why: /aligned to 1Gi/,
    },
    {
        name: "Changing resources.requests.memory needs a restart",
        change: (v) => (dom(v).resources = { requests: { memory: "3Gi" } }),
        impact: R,
    },
    // LiveUpdate: placement
    {
        name: "Changing nodeSelector is applied live without a migration",
        change: (v) => (ts(v).nodeSelector = { zone: "a" }),
        impact: L,
        note: /may violate/,
    },
    {
        name: "Changing affinity is applied live without a migration",
        change: (v) => (ts(v).affinity = { nodeAffinity: {} }),
        impact: L,
    },
    {
        name: "Changing tolerations on KubeVirt ≥ 1.4 is applied live",
        change: (v) => (ts(v).tolerations = [{ key: "k", operator: "Exists" }]),
        impact: L,
    },
    {
        name: "Changing tolerations before KubeVirt 1.4 needs a restart",
        change: (v) => (ts(v).tolerations = [{ key: "k", operator: "Exists" }]),
        cluster: { kubevirtMinor: 3 },
        impact: R,
    },
    // LiveUpdate: volumes
    {
        name: "Adding a hotpluggable PVC with its disk is applied live",
        change: (v) => addVolume(v, "data", hotplugPvc("pvc")),
        impact: L,
        paths: { [`${D}.disks[data]`]: L, [`${T}.volumes[data]`]: L },
    },
    {
        name: "Removing a hotpluggable DataVolume with its disk is applied live",
        base: (v) => addVolume(v, "data", { dataVolume: { name: "dv", hotpluggable: true } }),
        change: (v) => {
            dom(v).devices.disks.pop();
            ts(v).volumes.pop();
        },
        impact: L,
    },
    {
        name: "Adding a non-hotplug volume and disk needs a restart",
        change: (v) => addVolume(v, "data", { persistentVolumeClaim: { claimName: "pvc" } }),
        impact: R,
        why: /domain\.devices\.disks changed \(disk 'data' added without hotpluggable volume\): needs restart/,
        summary:
            "vm-1: needs restart (domain.devices.disks changed ('data' added), volumes changed ('data' added))",
    },
    {
        name: "Changing cloud-init user data needs a restart",
        base: (v) => (vol(v, "cloudinit").cloudInitNoCloud.userData = "a"),
        change: (v) => (vol(v, "cloudinit").cloudInitNoCloud.userData = "b"),
        impact: R,
    },
    {
        name: "Removing a CD-ROM disk needs a restart even when its volume is hotpluggable",
        base: (v) =>
            addVolume(
                v,
                "iso",
                { dataVolume: { name: "iso", hotpluggable: true } },
                { cdrom: { bus: "sata" } },
            ),
        change: (v) => {
            dom(v).devices.disks.pop();
            ts(v).volumes.pop();
        },
        impact: R,
        why: /CD-ROM/,
    },
    {
        name: "Swapping the volume behind a hotplug CD-ROM is applied live",
        base: (v) =>
            addVolume(
                v,
                "iso",
                { dataVolume: { name: "iso-a", hotpluggable: true } },
                { cdrom: { bus: "sata" } },
            ),
        change: (v) => (vol(v, "iso").dataVolume.name = "iso-b"),
        impact: L,
    },
    {
        name: "With the legacy HotplugVolumes gate, a spec hot-plug needs a restart",
        change: (v) => addVolume(v, "data", hotplugPvc("pvc")),
        cluster: { declarativeHotplug: false },
        impact: R,
        why: /addvolume/,
    },
    {
        name: "Swapping a DataVolume with updateVolumesStrategy Migration live-migrates the storage",
        base: (v) => (v.spec.updateVolumesStrategy = "Migration"),
        change: (v) => (vol(v, "root").dataVolume.name = "root-v2"),
        impact: M,
        why: /storage live migration/,
    },
    {
        name: "Swapping a DataVolume for a PVC with updateVolumesStrategy Migration live-migrates the storage",
        base: (v) => (v.spec.updateVolumesStrategy = "Migration"),
        change: (v) => (
            (vol(v, "root").dataVolume = undefined),
            (vol(v, "root").persistentVolumeClaim = { claimName: "root-pvc" })
        ),
        impact: M,
    },
    {
        name: "Swapping a shareable disk's volume with updateVolumesStrategy Migration needs a restart",
        base: (v) => {
            v.spec.updateVolumesStrategy = "Migration";
            dom(v).devices.disks[0].shareable = true;
        },
        change: (v) => (vol(v, "root").dataVolume.name = "root-v2"),
        impact: R,
        why: /shareable disk cannot be storage-migrated/,
    },
    {
        name: "Swapping a DataVolume without updateVolumesStrategy Migration needs a restart",
        change: (v) => (vol(v, "root").dataVolume.name = "root-v2"),
        impact: R,
    },
    // LiveUpdate: interfaces and networks
    {
        name: "Hot-plugging a bridge NIC on a Multus network live-migrates the VM (no dynamic-networks controller)",
        change: (v) => addNic(v, "nic2", { bridge: {} }, { multus: { networkName: "vlan20" } }),
        impact: M,
        why: /dynamic-networks/,
    },
    {
        name: "Hot-plugging an SR-IOV NIC live-migrates",
        change: (v) => addNic(v, "nic2", { sriov: {} }, { multus: { networkName: "sriov-net" } }),
        impact: M,
        paths: { [`${D}.interfaces[nic2]`]: M, [`${T}.networks[nic2]`]: L },
    },
    {
        name: "Adding a NIC on the pod network needs a restart",
        base: (v) => {
            dom(v).devices.interfaces.shift();
            ts(v).networks.shift();
        },
        change: (v) => addNic(v, "default", { masquerade: {} }, { pod: {} }),
        impact: R,
        why: /pod network/,
    },
    {
        name: "Unplugging a bridge NIC with state: absent is applied live",
        change: (v) => (iface(v, "nic1").state = "absent"),
        impact: L,
        why: /hot-unplugged/,
    },
    {
        name: "Setting state: absent on a masquerade NIC needs a restart",
        change: (v) => (iface(v, "default").state = "absent"),
        impact: R,
        why: /only bridge/,
    },
    {
        name: "Changing a NIC link state up→down is applied live",
        base: (v) => (iface(v, "nic1").state = "up"),
        change: (v) => (iface(v, "nic1").state = "down"),
        impact: L,
        why: /link state/,
    },
    {
        name: "Removing a NIC without state: absent needs a restart",
        change: (v) => {
            dom(v).devices.interfaces.pop();
            ts(v).networks.pop();
        },
        impact: R,
        why: /removed without state: absent/,
    },
    {
        name: "Dropping a NIC already unplugged with state: absent has no runtime effect",
        base: (v) => (iface(v, "nic1").state = "absent"),
        change: (v) => {
            dom(v).devices.interfaces.pop();
            ts(v).networks.pop();
        },
        impact: N,
    },
    {
        name: "Changing a NIC's model needs a restart",
        change: (v) => (iface(v, "nic1").model = "e1000e"),
        impact: R,
        why: /only state can change/,
    },
    {
        name: "Changing multus.networkName on KubeVirt 1.9 live-migrates",
        change: (v) => (ts(v).networks[1].multus.networkName = "vlan30"),
        impact: M,
        why: /vlan10→vlan30/,
    },
    {
        name: "Changing multus.networkName before KubeVirt 1.9 needs a restart",
        change: (v) => (ts(v).networks[1].multus.networkName = "vlan30"),
        cluster: { kubevirtMinor: 8 },
        impact: R,
    },
    {
        name: "Changing multus.networkName on a non-migratable VM needs a restart",
        change: (v) => (ts(v).networks[1].multus.networkName = "vlan30"),
        runtime: { migratable: false },
        impact: R,
    },
    {
        name: "Under LiveUpdate before KubeVirt 1.6, NIC hot-plug needs a restart",
        change: (v) => addNic(v, "nic2", { bridge: {} }, { multus: { networkName: "vlan20" } }),
        cluster: { kubevirtMinor: 5 },
        impact: R,
    },
    // LiveUpdate: instancetype
    {
        name: "Changing the instancetype of a running VM without expansion info needs a restart",
        base: (v) => (v.spec.instancetype = { name: "u1.small" }),
        change: (v) => (v.spec.instancetype.name = "u1.medium"),
        impact: R,
        why: /unknown/,
    },
    {
        name: "Changing the preference of a running VM without expansion info needs a restart",
        base: (v) => (v.spec.preference = { name: "fedora" }),
        change: (v) => (v.spec.preference.name = "rhel9"),
        impact: R,
    },
    {
        name: "Changing the instancetype of a stopped VM applies on next start",
        base: (v) => (v.spec.instancetype = { name: "u1.small" }),
        change: (v) => (v.spec.instancetype.name = "u1.medium"),
        runtime: stopped,
        impact: L,
    },
    {
        name: "Changing the instancetype whose expansion only adds sockets live-migrates",
        base: (v) => (v.spec.instancetype = { name: "u1.small" }),
        change: (v) => (v.spec.instancetype.name = "u1.medium"),
        expanded: (o, n) => ({
            old: ts(o),
            new: { ...ts(n), domain: { ...dom(n), cpu: { sockets: 4, cores: 1, threads: 1 } } },
        }),
        impact: M,
        paths: { "spec.instancetype.name": L, [`${T}.domain.cpu.sockets`]: M },
    },
    {
        name: "Changing the instancetype whose expansion changes cores needs a restart",
        base: (v) => (v.spec.instancetype = { name: "u1.small" }),
        change: (v) => (v.spec.instancetype.name = "cx1.medium"),
        expanded: (o, n) => ({
            old: ts(o),
            new: { ...ts(n), domain: { ...dom(n), cpu: { sockets: 2, cores: 2, threads: 1 } } },
        }),
        impact: R,
    },
    // Other template fields
    {
        name: "Changing firmware.uuid needs a restart",
        change: (v) => (dom(v).firmware = { uuid: "0000" }),
        impact: R,
        why: /not live-updatable/,
    },
    {
        name: "Changing evictionStrategy needs a restart",
        change: (v) => (ts(v).evictionStrategy = "LiveMigrate"),
        impact: R,
    },
    {
        name: "Reordering disks needs a restart",
        change: (v) => dom(v).devices.disks.reverse(),
        impact: R,
        why: /reordered/,
    },
    {
        name: "A VM that already has RestartRequired holds cpu.sockets until restart",
        change: (v) => (dom(v).cpu.sockets = 4),
        runtime: { restartRequired: true },
        impact: R,
        why: /already has RestartRequired/,
    },
    // docs/semantics.md#vm-classification-summary item 8
    {
        name: "One restart-only field makes the whole update restart and holds back the live parts",
        change: (v) => {
            dom(v).cpu.sockets = 4;
            dom(v).cpu.cores = 2;
        },
        impact: R,
        paths: { [`${T}.domain.cpu.sockets`]: M, [`${T}.domain.cpu.cores`]: R },
        note: /live parts are held back until restart: .*cpu\.sockets 2→4/,
        summary: "vm-1: needs restart (cpu.cores 1→2)",
    },
    {
        name: "NIC hot-plug alongside a restart-only field is still applied immediately",
        change: (v) => {
            addNic(v, "nic2", { bridge: {} }, { multus: { networkName: "vlan20" } });
            dom(v).cpu.cores = 2;
        },
        impact: R,
        note: /still apply immediately/,
    },
    {
        name: "Without LiveMigrate in workloadUpdateMethods a migration-backed change stays pending",
        change: (v) => (dom(v).cpu.sockets = 4),
        cluster: { liveMigrateUpdates: false },
        impact: M,
        note: /lacks LiveMigrate/,
    },
    {
        name: "Quantity spellings the server rewrites are not changes",
        change: (v) => (dom(v).memory.guest = "2048Mi"),
        impact: N,
        summary: "vm-1: no change",
    },
    { name: "An unchanged VM has no impact", change: () => undefined, impact: N, paths: {} },
];

describe("classifyVmUpdate", () => {
    for (const c of cases) {
        it(c.name, () => {
            const oldVm = baseVm();
            c.base?.(oldVm);
            const newVm = structuredClone(oldVm);
            c.change(newVm);
            const runtime: VmRuntime = { running: true, ...c.runtime };
            const cluster: ClusterFacts = { ...defaultClusterFacts, ...c.cluster };
            const exp = c.expanded?.(normalizeVm(oldVm), normalizeVm(newVm));
            const plan = classifyVmUpdate(
                normalizeVm(oldVm),
                normalizeVm(newVm),
                runtime,
                cluster,
                exp,
            );
            const dump = JSON.stringify(plan, null, 1);
            assert.equal(plan.impact, c.impact, dump);
            for (const [path, impact] of Object.entries(c.paths ?? {})) {
                assert.equal(
                    plan.reasons.find((r) => r.path === path)?.impact,
                    impact,
                    `${path}\n${dump}`,
                );
            }
            if (c.paths && Object.keys(c.paths).length === 0) assert.deepEqual(plan.reasons, []);
            if (c.why)
                assert.ok(
                    plan.reasons.some((r) => c.why?.test(r.why)),
                    dump,
                );
            if (c.note)
                assert.ok(
                    plan.notes.some((n) => c.note?.test(n)),
                    dump,
                );
            if (c.summary) assert.equal(summarizePlan(plan, "vm-1"), c.summary);
        });
    }
});
