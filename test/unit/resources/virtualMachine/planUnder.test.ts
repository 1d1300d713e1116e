/**
 * A plan composes what the stack declares for the cluster (its KubeVirtConfiguration) with the
 * VM's migratability (the VMI's LiveMigratable condition, else the VM's predicted eviction output).
 */
import assert from "node:assert/strict";
import { planUnder } from "../../../../provider/resources/virtualMachine/plan";
import { defaultClusterFacts } from "../../../../provider/diff/types";
import type { KubeObject } from "../../../../provider/k8s/client";

const vm = (sockets: number, extra: object = {}) => ({
    metadata: { name: "vm-1", namespace: "ns" },
    spec: {
        runStrategy: "Always",
        template: { spec: { domain: { cpu: { sockets }, memory: { guest: "1Gi" }, devices: {} } } },
    },
    ...extra,
});

/** A running, scheduled VMI; `migratable` is its LiveMigratable condition, if reported. */
const vmi = (migratable?: boolean): KubeObject => ({
    apiVersion: "kubevirt.io/v1",
    kind: "VirtualMachineInstance",
    metadata: { name: "vm-1", namespace: "ns" },
    spec: { domain: { cpu: { sockets: 1, maxSockets: 8 } } },
    status: {
        phase: "Running",
        nodeName: "node-1",
        conditions:
            migratable === undefined
                ? []
                : [{ type: "LiveMigratable", status: migratable ? "True" : "False" }],
    },
});

const withoutLiveMigrate = [
    { resource: "kv", workloadUpdateStrategy: { workloadUpdateMethods: ["Evict"] } },
];

const cases: {
    name: string;
    predicted: boolean | null;
    condition?: boolean;
    declared?: unknown;
    impact: string;
    /** Each must match one of the plan's notes; none expected when absent. */
    notes?: RegExp[];
}[] = [
    {
        name: "a migratable prediction lets a socket hotplug migrate",
        predicted: true,
        impact: "liveMigrate",
    },
    {
        name: "a VM predicted not to migrate cannot take the hotplug live",
        predicted: false,
        impact: "restart",
        notes: [/needs a restart because of cpu.sockets 1→2/],
    },
    {
        name: "the VMI's condition wins over the prediction",
        predicted: false,
        condition: true,
        impact: "liveMigrate",
    },
    {
        name: "a declared configuration without LiveMigrate leaves the migration pending, and says so",
        predicted: true,
        declared: withoutLiveMigrate,
        impact: "liveMigrate",
        notes: [
            /lacks LiveMigrate: cpu.sockets 1→2 stay pending/,
            /workloadUpdateMethods without LiveMigrate declared by KubeVirtConfiguration 'kv'/,
        ],
    },
];

describe("VM plan under declared configuration and predicted migratability", () => {
    for (const c of cases)
        it(c.name, () => {
            const olds = vm(1, { eviction: { migratable: c.predicted } });
            const news = vm(2, c.declared ? { clusterConfiguration: c.declared } : {});
            const p = planUnder(olds, news, defaultClusterFacts, { vmi: vmi(c.condition) });
            assert.equal(p.impact, c.impact, JSON.stringify(p));
            assert.equal(p.notes.length, (c.notes ?? []).length, JSON.stringify(p.notes));
            for (const want of c.notes ?? [])
                assert.ok(
                    p.notes.some((n) => want.test(n)),
                    JSON.stringify(p.notes),
                );
        });
});
