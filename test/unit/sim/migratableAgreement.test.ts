import assert from "node:assert/strict";
import { buildVmi } from "../../../sim/kubevirt/vmiBuild";
import {
    liveMigratableCondition,
    storageLiveMigratableCondition,
} from "../../../sim/kubevirt/migratable";
import {
    defaultMigrationFacts,
    migratabilityOf,
} from "../../../provider/resources/virtualMachine/migratability";
import type { KubeObject } from "../../../provider/k8s/client";

/**
 * The provider predicts LiveMigratable from the declared VM; the simulator computes it from the
 * running VMI, as virt-handler does. The same VMs must get the same verdict and reason.
 */
const vm = (spec: Record<string, unknown>, annotations?: Record<string, string>): any => ({
    apiVersion: "kubevirt.io/v1",
    kind: "VirtualMachine",
    metadata: { name: "vm-1", namespace: "ns", uid: "u1", generation: 1 },
    spec: {
        template: {
            ...(annotations ? { metadata: { annotations } } : {}),
            spec: { domain: { devices: {} }, ...spec },
        },
    },
});
const masq = { interfaces: [{ name: "default", masquerade: {} }] };
const podNet = { networks: [{ name: "default", pod: {} }] };
const withDevices = (devices: Record<string, unknown>, rest: Record<string, unknown> = {}) => ({
    domain: { devices: { ...masq, ...devices } },
    ...podNet,
    ...rest,
});
const claim = (name: string) => ({
    volumes: [{ name: "d", persistentVolumeClaim: { claimName: name } }],
});
const pvcs: Record<string, string[]> = { rwo: ["ReadWriteOnce"], rwx: ["ReadWriteMany"] };

const cases = [
    { name: "masquerade and no claims", vm: vm(withDevices({})) },
    { name: "no networks declared (default bridge)", vm: vm({}) },
    {
        name: "bridge on the pod network",
        vm: vm({
            domain: { devices: { interfaces: [{ name: "default", bridge: {} }] } },
            ...podNet,
        }),
    },
    {
        name: "bridge with the allow annotation",
        vm: vm(
            { domain: { devices: { interfaces: [{ name: "default", bridge: {} }] } }, ...podNet },
            { "kubevirt.io/allow-pod-bridge-network-live-migration": "" },
        ),
    },
    {
        name: "a PCI host device",
        vm: vm(withDevices({ hostDevices: [{ name: "h", deviceName: "x" }] })),
    },
    { name: "a GPU", vm: vm(withDevices({ gpus: [{ name: "g", deviceName: "nvidia/x" }] })) },
    {
        name: "an SEV guest",
        vm: vm({ ...withDevices({}), domain: { devices: masq, launchSecurity: { sev: {} } } }),
    },
    { name: "a ReadWriteOnce claim", vm: vm(withDevices({}, claim("rwo"))) },
    { name: "a ReadWriteMany claim", vm: vm(withDevices({}, claim("rwx"))) },
    {
        name: "bridge and a ReadWriteOnce claim (the interface is named first)",
        vm: vm({
            domain: { devices: { interfaces: [{ name: "default", bridge: {} }] } },
            ...podNet,
            ...claim("rwo"),
        }),
    },
    {
        name: "an unshared hostDisk",
        vm: vm(
            withDevices({}, { volumes: [{ name: "h", hostDisk: { path: "/x", type: "Disk" } }] }),
        ),
    },
];

describe("Sim LiveMigratable agrees with the provider's prediction", () => {
    for (const c of cases)
        it(c.name, () => {
            const vmi = buildVmi(c.vm, true);
            const pvcOf = (n: string): KubeObject | undefined =>
                pvcs[n]
                    ? {
                          apiVersion: "v1",
                          kind: "PersistentVolumeClaim",
                          metadata: { name: n },
                          spec: { accessModes: pvcs[n] },
                      }
                    : undefined;
            const cond = liveMigratableCondition(vmi, pvcOf, "accessModes");
            const predicted = migratabilityOf(c.vm, {
                claimModes: new Map(Object.entries(pvcs)),
                cluster: defaultMigrationFacts,
            });
            assert.equal(
                cond.status === "True",
                predicted.migratable,
                JSON.stringify({ cond, predicted }),
            );
            if (cond.status === "False")
                assert.equal(predicted.reasons[0]!.split(":")[0], cond.reason);
        });

    it("StorageLiveMigratable ignores the disks: a ReadWriteOnce claim can still be storage-migrated", () => {
        const vmi = buildVmi(vm(withDevices({}, claim("rwo"))), true);
        assert.equal(storageLiveMigratableCondition(vmi).status, "True");
    });
});
