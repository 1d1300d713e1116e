import assert from "node:assert/strict";
import {
    defaultMigrationFacts,
    migratabilityOf,
    type ClusterMigrationFacts,
} from "../../../../provider/resources/virtualMachine/migratability";

/** A running VM with masquerade on the pod network and a containerDisk: migratable. */
const base = (): any => ({
    metadata: { name: "vm-1", namespace: "ns" },
    spec: {
        template: {
            metadata: {},
            spec: {
                domain: {
                    devices: {
                        disks: [{ name: "root", disk: {} }],
                        interfaces: [{ name: "default", masquerade: {} }],
                    },
                },
                networks: [{ name: "default", pod: {} }],
                volumes: [{ name: "root", containerDisk: { image: "fedora" } }],
            },
        },
    },
});
const T = (vm: any) => vm.spec.template.spec;
const dev = (vm: any) => T(vm).domain.devices;
const claim = (vm: any, name: string, kind: "pvc" | "dv" = "pvc") =>
    T(vm).volumes.push(
        kind === "pvc"
            ? { name, persistentVolumeClaim: { claimName: name } }
            : { name, dataVolume: { name } },
    );

const M = true,
    N = false,
    U = null;

describe("VM migratability (KubeVirt's LiveMigratable rules)", () => {
    const cases: {
        name: string;
        change: (vm: any) => void;
        claims?: Record<string, string[] | undefined>;
        cluster?: Partial<ClusterMigrationFacts>;
        want: boolean | null;
        first?: RegExp;
    }[] = [
        { name: "Masquerade and a containerDisk migrate", change: () => {}, want: M },
        {
            name: "A bridge on the pod network does not migrate",
            change: (vm) => (dev(vm).interfaces[0] = { name: "default", bridge: {} }),
            want: N,
            first: /^InterfaceNotLiveMigratable: interface 'default' .*bridge/,
        },
        {
            name: "A bridge on the pod network migrates with the allow annotation",
            change: (vm) => {
                dev(vm).interfaces[0] = { name: "default", bridge: {} };
                vm.spec.template.metadata.annotations = {
                    "kubevirt.io/allow-pod-bridge-network-live-migration": "",
                };
            },
            want: M,
        },
        {
            name: "passt on the pod network migrates",
            change: (vm) => (dev(vm).interfaces[0] = { name: "default", passtBinding: {} }),
            want: M,
        },
        {
            name: "A VM without networks gets the cluster default binding: bridge does not migrate",
            change: (vm) => {
                delete T(vm).networks;
                delete dev(vm).interfaces;
            },
            want: N,
            first: /^InterfaceNotLiveMigratable/,
        },
        {
            name: "A VM without networks on a masquerade-default cluster migrates",
            change: (vm) => {
                delete T(vm).networks;
                delete dev(vm).interfaces;
            },
            cluster: { defaultNetworkInterface: "masquerade" },
            want: M,
        },
        {
            name: "autoattachPodInterface false means no pod network to block",
            change: (vm) => {
                delete T(vm).networks;
                delete dev(vm).interfaces;
                dev(vm).autoattachPodInterface = false;
            },
            want: M,
        },
        {
            name: "A pod network without its interface does not migrate",
            change: (vm) => (dev(vm).interfaces[0].name = "other"),
            want: N,
            first: /has no interface/,
        },
        {
            name: "A binding plugin with migration support migrates",
            change: (vm) => (dev(vm).interfaces[0] = { name: "default", binding: { name: "b" } }),
            cluster: { migratableBindings: ["b"] },
            want: M,
        },
        {
            name: "A binding plugin without migration support does not",
            change: (vm) => (dev(vm).interfaces[0] = { name: "default", binding: { name: "b" } }),
            want: N,
        },
        {
            name: "SR-IOV on a secondary network does not block migration",
            change: (vm) => {
                dev(vm).interfaces.push({ name: "sriov", sriov: {} });
                T(vm).networks.push({ name: "sriov", multus: { networkName: "sriov-net" } });
            },
            want: M,
        },
        {
            name: "A PCI host device does not migrate",
            change: (vm) => (dev(vm).hostDevices = [{ name: "nic", deviceName: "x/y" }]),
            want: N,
            first: /^HostDeviceNotLiveMigratable: host device 'nic'/,
        },
        {
            name: "Two GPUs do not migrate",
            change: (vm) =>
                (dev(vm).gpus = [
                    { name: "a", deviceName: "nvidia/a" },
                    { name: "b", deviceName: "nvidia/a" },
                ]),
            cluster: { vgpuLiveMigration: true, mediatedDevices: ["nvidia/a"] },
            want: N,
        },
        {
            name: "A vGPU without the VGPULiveMigration gate does not migrate",
            change: (vm) => (dev(vm).gpus = [{ name: "a", deviceName: "nvidia/a" }]),
            cluster: { mediatedDevices: ["nvidia/a"] },
            want: N,
            first: /VGPULiveMigration/,
        },
        {
            name: "A mediated vGPU with the gate migrates",
            change: (vm) => (dev(vm).gpus = [{ name: "a", deviceName: "nvidia/a" }]),
            cluster: { vgpuLiveMigration: true, mediatedDevices: ["nvidia/a"] },
            want: M,
        },
        {
            name: "A passthrough GPU with the gate does not migrate",
            change: (vm) => (dev(vm).gpus = [{ name: "a", deviceName: "nvidia/full" }]),
            cluster: { vgpuLiveMigration: true, mediatedDevices: ["nvidia/a"] },
            want: N,
            first: /not a mediated/,
        },
        {
            name: "An SEV guest does not migrate",
            change: (vm) => (T(vm).domain.launchSecurity = { sev: {} }),
            want: N,
            first: /^SEVNotLiveMigratable/,
        },
        {
            name: "A TDX guest does not migrate",
            change: (vm) => (T(vm).domain.launchSecurity = { tdx: {} }),
            want: N,
            first: /^TDXNotLiveMigratable/,
        },
        {
            name: "An s390x Secure Execution guest does not migrate",
            change: (vm) => {
                T(vm).domain.launchSecurity = {};
                T(vm).architecture = "s390x";
            },
            want: N,
            first: /^SecureExecutionNotLiveMigratable/,
        },
        {
            name: "Hyper-V passthrough does not migrate",
            change: (vm) => (T(vm).domain.features = { hypervPassthrough: { enabled: true } }),
            want: N,
        },
        {
            name: "Hyper-V reenlightenment depends on the nodes' TSC frequency: unknown",
            change: (vm) =>
                (T(vm).domain.features = { hyperv: { reenlightenment: { enabled: true } } }),
            want: U,
        },
        {
            name: "Dedicated CPUs do not block migration",
            change: (vm) => (T(vm).domain.cpu = { dedicatedCpuPlacement: true }),
            want: M,
        },
        {
            name: "A ReadWriteOnce claim does not migrate",
            change: (vm) => claim(vm, "data"),
            claims: { data: ["ReadWriteOnce"] },
            want: N,
            first: /^DisksNotLiveMigratable: claim 'data' is ReadWriteOnce/,
        },
        {
            name: "A ReadWriteMany DataVolume migrates",
            change: (vm) => claim(vm, "root-dv", "dv"),
            claims: { "root-dv": ["ReadWriteMany"] },
            want: M,
        },
        {
            name: "A claim whose access mode is not known yet makes migratability unknown",
            change: (vm) => claim(vm, "later", "dv"),
            want: U,
        },
        {
            name: "A blocker wins over an unknown claim",
            change: (vm) => {
                claim(vm, "later", "dv");
                dev(vm).hostDevices = [{ name: "nic", deviceName: "x/y" }];
            },
            want: N,
        },
        {
            name: "A non-shared hostDisk does not migrate; a shared one does",
            change: (vm) => {
                T(vm).volumes.push({ name: "h1", hostDisk: { path: "/a", type: "Disk" } });
                T(vm).volumes.push({ name: "h2", hostDisk: { path: "/b", shared: true } });
            },
            want: N,
            first: /hostDisk 'h1'/,
        },
        {
            name: "The interface is reported before the disks, as the VMI condition does",
            change: (vm) => {
                dev(vm).interfaces[0] = { name: "default", bridge: {} };
                claim(vm, "data");
            },
            claims: { data: ["ReadWriteOnce"] },
            want: N,
            first: /^InterfaceNotLiveMigratable/,
        },
    ];
    for (const c of cases)
        it(c.name, () => {
            const vm = base();
            c.change(vm);
            const got = migratabilityOf(vm, {
                claimModes: new Map(Object.entries(c.claims ?? {})),
                cluster: { ...defaultMigrationFacts, ...c.cluster },
            });
            assert.equal(got.migratable, c.want, JSON.stringify(got));
            if (c.first) assert.match(got.reasons[0] ?? "", c.first);
            if (c.want === M) assert.deepEqual(got.reasons, []);
        });
});
