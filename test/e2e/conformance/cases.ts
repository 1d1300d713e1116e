/**
 * The conformance cases: one VM change each, across every row of the VM policy table. Each case
 * starts from `baseSpec` (optionally adjusted by `base`), then applies `change`; the suite compares
 * preview's plannedImpact with what KubeVirt's own controllers then do. Data only.
 */
export type Spec = any;

export interface Case {
    id: string;
    /** The policy-table row (area) the case exercises. */
    row: string;
    /** Adjust the starting spec (defaults to `baseSpec()`). */
    base?: (s: Spec) => void;
    change: (s: Spec) => void;
    /** Cluster rollout strategy for this case's batch. */
    rollout?: "LiveUpdate" | "Stage";
    /** Objects the case needs in the namespace before the VM (PVCs, NADs). */
    needs?: ("pvc" | "pvc2" | "nad" | "nad2")[];
}

export const image = "quay.io/containerdisks/fedora:41";

export function baseSpec(): Spec {
    return {
        runStrategy: "Always",
        template: {
            metadata: { labels: { app: "conformance" } },
            spec: {
                domain: {
                    cpu: { sockets: 1, cores: 1, threads: 1 },
                    memory: { guest: "1Gi" },
                    devices: {
                        disks: [{ name: "root", disk: { bus: "virtio" } }],
                        interfaces: [{ name: "default", masquerade: {} }],
                    },
                },
                networks: [{ name: "default", pod: {} }],
                volumes: [{ name: "root", containerDisk: { image } }],
            },
        },
    };
}

const dom = (s: Spec) => s.template.spec.domain;
const tspec = (s: Spec) => s.template.spec;
const bridgeNic = (name: string) => ({ name, bridge: {} });
const multusNet = (name: string, nad: string) => ({ name, multus: { networkName: nad } });
const withSecondNic = (s: Spec) => {
    dom(s).devices.interfaces.push(bridgeNic("net2"));
    tspec(s).networks.push(multusNet("net2", "conf-nad"));
};
const withHotplugPvc = (s: Spec) => {
    dom(s).devices.disks.push({ name: "hp", disk: { bus: "scsi" } });
    tspec(s).volumes.push({
        name: "hp",
        persistentVolumeClaim: { claimName: "conf-pvc", hotpluggable: true },
    });
};

export const cases: Case[] = [
    // CPU
    {
        id: "cpu-sockets-up",
        row: "cpu.sockets",
        change: (s) => {
            dom(s).cpu.sockets = 2;
        },
    },
    {
        id: "cpu-sockets-down",
        row: "cpu.sockets",
        base: (s) => {
            dom(s).cpu.sockets = 2;
        },
        change: (s) => {
            dom(s).cpu.sockets = 1;
        },
    },
    {
        id: "cpu-sockets-over-max",
        row: "cpu.sockets",
        change: (s) => {
            dom(s).cpu.sockets = 6;
        },
    },
    {
        id: "cpu-cores",
        row: "cpu (other)",
        change: (s) => {
            dom(s).cpu.cores = 2;
        },
    },
    {
        id: "cpu-threads",
        row: "cpu (other)",
        change: (s) => {
            dom(s).cpu.threads = 2;
        },
    },
    {
        id: "cpu-model",
        row: "cpu (other)",
        change: (s) => {
            dom(s).cpu.model = "Haswell-noTSX";
        },
    },
    {
        id: "cpu-sockets-and-cores",
        row: "cpu (mixed)",
        change: (s) => {
            dom(s).cpu.sockets = 2;
            dom(s).cpu.cores = 2;
        },
    },
    // Memory
    {
        id: "memory-up",
        row: "memory.guest",
        change: (s) => {
            dom(s).memory.guest = "2Gi";
        },
    },
    {
        id: "memory-down",
        row: "memory.guest",
        base: (s) => {
            dom(s).memory.guest = "2Gi";
        },
        change: (s) => {
            dom(s).memory.guest = "1Gi";
        },
    },
    {
        id: "memory-over-max",
        row: "memory.guest",
        change: (s) => {
            dom(s).memory.guest = "8Gi";
        },
    },
    {
        id: "memory-requests",
        row: "resources",
        change: (s) => {
            dom(s).resources = { requests: { memory: "1536Mi" } };
        },
    },
    // Placement
    {
        id: "node-selector-add",
        row: "nodeSelector",
        change: (s) => {
            tspec(s).nodeSelector = { "kubernetes.io/os": "linux" };
        },
    },
    {
        id: "affinity-add",
        row: "affinity",
        change: (s) => {
            tspec(s).affinity = {
                nodeAffinity: {
                    preferredDuringSchedulingIgnoredDuringExecution: [
                        {
                            weight: 1,
                            preference: {
                                matchExpressions: [
                                    { key: "kubernetes.io/os", operator: "In", values: ["linux"] },
                                ],
                            },
                        },
                    ],
                },
            };
        },
    },
    {
        id: "tolerations-add",
        row: "tolerations",
        change: (s) => {
            tspec(s).tolerations = [
                { key: "dedicated", operator: "Equal", value: "vms", effect: "NoSchedule" },
            ];
        },
    },
    {
        id: "eviction-strategy",
        row: "template spec (other)",
        change: (s) => {
            tspec(s).evictionStrategy = "None";
        },
    },
    {
        id: "termination-grace",
        row: "template spec (other)",
        change: (s) => {
            tspec(s).terminationGracePeriodSeconds = 30;
        },
    },
    // Volumes
    { id: "volume-hotplug-pvc", row: "volumes (hotplug)", needs: ["pvc"], change: withHotplugPvc },
    {
        id: "volume-hotunplug-pvc",
        row: "volumes (hotplug)",
        needs: ["pvc"],
        base: withHotplugPvc,
        change: (s) => {
            dom(s).devices.disks = dom(s).devices.disks.filter((d: any) => d.name !== "hp");
            tspec(s).volumes = tspec(s).volumes.filter((v: any) => v.name !== "hp");
        },
    },
    {
        id: "volume-containerdisk-image",
        row: "volumes",
        change: (s) => {
            tspec(s).volumes[0].containerDisk.image = "quay.io/containerdisks/fedora:42";
        },
    },
    {
        id: "volume-add-cloudinit",
        row: "volumes",
        change: (s) => {
            dom(s).devices.disks.push({ name: "ci", disk: { bus: "virtio" } });
            tspec(s).volumes.push({
                name: "ci",
                cloudInitNoCloud: { userData: "#cloud-config\n" },
            });
        },
    },
    {
        id: "volume-add-pvc-not-hotplug",
        row: "volumes",
        needs: ["pvc"],
        change: (s) => {
            dom(s).devices.disks.push({ name: "data", disk: { bus: "virtio" } });
            tspec(s).volumes.push({
                name: "data",
                persistentVolumeClaim: { claimName: "conf-pvc" },
            });
        },
    },
    {
        id: "volume-migration-swap",
        row: "volumes (migration)",
        needs: ["pvc", "pvc2"],
        base: (s) => {
            s.updateVolumesStrategy = "Migration";
            dom(s).devices.disks.push({ name: "data", disk: { bus: "virtio" } });
            tspec(s).volumes.push({
                name: "data",
                persistentVolumeClaim: { claimName: "conf-pvc" },
            });
        },
        change: (s) => {
            tspec(s).volumes[1].persistentVolumeClaim.claimName = "conf-pvc2";
        },
    },
    {
        id: "disk-bus",
        row: "disks",
        change: (s) => {
            dom(s).devices.disks[0].disk.bus = "sata";
        },
    },
    {
        id: "disk-bootorder",
        row: "disks",
        change: (s) => {
            dom(s).devices.disks[0].bootOrder = 1;
        },
    },
    // NICs
    { id: "nic-hotplug", row: "interfaces (hotplug)", needs: ["nad"], change: withSecondNic },
    {
        id: "nic-absent",
        row: "interfaces (unplug)",
        needs: ["nad"],
        base: withSecondNic,
        change: (s) => {
            dom(s).devices.interfaces[1].state = "absent";
        },
    },
    {
        id: "nic-link-down",
        row: "interfaces (link state)",
        needs: ["nad"],
        base: withSecondNic,
        change: (s) => {
            dom(s).devices.interfaces[1].state = "down";
        },
    },
    {
        id: "nic-nad-swap",
        row: "networks (NAD ref)",
        needs: ["nad", "nad2"],
        base: withSecondNic,
        change: (s) => {
            tspec(s).networks[1].multus.networkName = "conf-nad2";
        },
    },
    {
        id: "nic-model",
        row: "interfaces",
        change: (s) => {
            dom(s).devices.interfaces[0].model = "e1000e";
        },
    },
    {
        id: "nic-mac",
        row: "interfaces",
        change: (s) => {
            dom(s).devices.interfaces[0].macAddress = "02:00:00:aa:bb:cc";
        },
    },
    {
        id: "nic-ports",
        row: "interfaces",
        change: (s) => {
            dom(s).devices.interfaces[0].ports = [{ port: 22 }];
        },
    },
    // Firmware, devices, machine, features
    {
        id: "firmware-efi",
        row: "firmware",
        change: (s) => {
            dom(s).firmware = { bootloader: { efi: { secureBoot: false } } };
        },
    },
    {
        id: "firmware-serial",
        row: "firmware",
        change: (s) => {
            dom(s).firmware = { serial: "conf-serial-2" };
        },
    },
    {
        id: "devices-rng",
        row: "devices",
        change: (s) => {
            dom(s).devices.rng = {};
        },
    },
    {
        id: "devices-no-graphics",
        row: "devices",
        change: (s) => {
            dom(s).devices.autoattachGraphicsDevice = false;
        },
    },
    {
        id: "machine-type",
        row: "machine",
        change: (s) => {
            dom(s).machine = { type: "pc-q35-rhel9.4.0" };
        },
    },
    {
        id: "features-acpi",
        row: "features",
        change: (s) => {
            dom(s).features = { acpi: { enabled: false } };
        },
    },
    {
        id: "clock-timezone",
        row: "clock",
        change: (s) => {
            dom(s).clock = { timezone: "Europe/Paris" };
        },
    },
    // Template metadata and VM metadata
    {
        id: "template-label",
        row: "template metadata",
        change: (s) => {
            s.template.metadata.labels.tier = "gold";
        },
    },
    {
        id: "template-annotation",
        row: "template metadata",
        change: (s) => {
            s.template.metadata.annotations = { "example.com/owner": "team-a" };
        },
    },
    // Run strategies
    {
        id: "run-always-to-halted",
        row: "runStrategy",
        change: (s) => {
            s.runStrategy = "Halted";
        },
    },
    {
        id: "run-halted-to-always",
        row: "runStrategy",
        base: (s) => {
            s.runStrategy = "Halted";
        },
        change: (s) => {
            s.runStrategy = "Always";
        },
    },
    {
        id: "run-always-to-rerun",
        row: "runStrategy",
        change: (s) => {
            s.runStrategy = "RerunOnFailure";
        },
    },
    {
        id: "stopped-cores",
        row: "stopped VM",
        base: (s) => {
            s.runStrategy = "Halted";
        },
        change: (s) => {
            dom(s).cpu.cores = 2;
        },
    },
    {
        id: "stopped-sockets",
        row: "stopped VM",
        base: (s) => {
            s.runStrategy = "Halted";
        },
        change: (s) => {
            dom(s).cpu.sockets = 2;
        },
    },
    // dataVolumeTemplates
    {
        id: "dvt-add-with-volume",
        row: "dataVolumeTemplates",
        change: (s) => {
            s.dataVolumeTemplates = [
                {
                    metadata: { name: "dvt-add-with-volume-data" },
                    spec: {
                        source: { blank: {} },
                        storage: { resources: { requests: { storage: "1Gi" } } },
                    },
                },
            ];
            dom(s).devices.disks.push({ name: "data", disk: { bus: "virtio" } });
            tspec(s).volumes.push({
                name: "data",
                dataVolume: { name: "dvt-add-with-volume-data" },
            });
        },
    },
    // Under Stage
    {
        id: "stage-sockets",
        row: "Stage rollout",
        rollout: "Stage",
        change: (s) => {
            dom(s).cpu.sockets = 2;
        },
    },
    {
        id: "stage-node-selector",
        row: "Stage rollout",
        rollout: "Stage",
        change: (s) => {
            tspec(s).nodeSelector = { "kubernetes.io/os": "linux" };
        },
    },
    {
        id: "stage-volume-hotplug",
        row: "Stage rollout",
        rollout: "Stage",
        needs: ["pvc"],
        change: withHotplugPvc,
    },
    {
        id: "stage-nic-hotplug",
        row: "Stage rollout",
        rollout: "Stage",
        needs: ["nad"],
        change: withSecondNic,
    },
    {
        id: "stage-stopped-sockets",
        row: "Stage rollout",
        rollout: "Stage",
        base: (s) => {
            s.runStrategy = "Halted";
        },
        change: (s) => {
            dom(s).cpu.sockets = 2;
        },
    },
    {
        id: "stage-template-label",
        row: "Stage rollout",
        rollout: "Stage",
        change: (s) => {
            s.template.metadata.labels.tier = "gold";
        },
    },
];
