/**
 * The VM's eviction output (effective strategy, what a drain does, the LiveMigrate warning), the
 * KubeVirt CR settings it reads, and the prediction standing in for a VMI's missing condition.
 */
import assert from "node:assert/strict";
import {
    defaultMigrationFacts,
    migrationFactsFromKubeVirt,
} from "../../../../provider/resources/virtualMachine/migratability";
import { evictionOf } from "../../../../provider/resources/virtualMachine/eviction";
import { withPredictedMigratability } from "../../../../provider/resources/virtualMachine/plan";

describe("VM eviction output", () => {
    const blocked = { migratable: false, reasons: ["DisksNotLiveMigratable: claim 'd'"] };
    const cases = [
        {
            name: "The VM's own strategy wins over the cluster's; LiveMigrate that cannot migrate warns",
            vm: { spec: { template: { spec: { evictionStrategy: "LiveMigrate" } } } },
            cluster: "None",
            m: blocked,
            want: { strategy: "LiveMigrate", from: "vm", warns: true, drain: /is blocked/ },
        },
        {
            name: "The cluster default applies to a VM that declares none",
            vm: { spec: { template: { spec: {} } } },
            cluster: "LiveMigrate",
            m: blocked,
            want: { strategy: "LiveMigrate", from: "cluster", warns: true, drain: /is blocked/ },
        },
        {
            name: "LiveMigrateIfPossible that cannot migrate stops the VM on a drain, no warning",
            vm: { spec: { template: { spec: { evictionStrategy: "LiveMigrateIfPossible" } } } },
            cluster: "None",
            m: blocked,
            want: { strategy: "LiveMigrateIfPossible", from: "vm", warns: false, drain: /stops/ },
        },
        {
            name: "A migratable LiveMigrate VM migrates on a drain, no warning",
            vm: { spec: { template: { spec: {} } } },
            cluster: "LiveMigrate",
            m: { migratable: true, reasons: [] },
            want: { strategy: "LiveMigrate", from: "cluster", warns: false, drain: /migrates/ },
        },
        {
            name: "Unknown migratability does not warn",
            vm: { spec: { template: { spec: { evictionStrategy: "LiveMigrate" } } } },
            cluster: "None",
            m: { migratable: null, reasons: ["access mode of claim 'x' is not known yet"] },
            want: { strategy: "LiveMigrate", from: "vm", warns: false, drain: /if it can/ },
        },
        {
            name: "KubeVirt's default strategy is None: a drain stops the VM",
            vm: { spec: { template: { spec: {} } } },
            cluster: defaultMigrationFacts.evictionStrategy,
            m: { migratable: true, reasons: [] },
            want: { strategy: "None", from: "cluster", warns: false, drain: /stops/ },
        },
    ];
    for (const c of cases)
        it(c.name, () => {
            const cluster = { ...defaultMigrationFacts, evictionStrategy: c.cluster };
            const e = evictionOf("vm-1", c.vm, cluster, c.m as never);
            assert.equal(e.strategy, c.want.strategy);
            assert.equal(e.from, c.want.from);
            assert.match(e.onDrain, c.want.drain);
            assert.equal(e.warning !== null, c.want.warns, String(e.warning));
            if (e.warning) assert.match(e.warning, /^vm-1: .*DisksNotLiveMigratable/);
        });

    it("The KubeVirt CR's eviction, network and GPU settings are read; defaults otherwise", () => {
        assert.deepEqual(migrationFactsFromKubeVirt(undefined), defaultMigrationFacts);
        const kv = {
            apiVersion: "kubevirt.io/v1",
            kind: "KubeVirt",
            metadata: {},
            spec: {
                configuration: {
                    evictionStrategy: "LiveMigrate",
                    network: {
                        defaultNetworkInterface: "masquerade",
                        binding: { passt: { migration: {} }, other: { sidecarImage: "x" } },
                    },
                    developerConfiguration: { featureGates: ["VGPULiveMigration"] },
                    permittedHostDevices: { mediatedDevices: [{ resourceName: "nvidia/a" }] },
                },
            },
        };
        assert.deepEqual(migrationFactsFromKubeVirt(kv), {
            evictionStrategy: "LiveMigrate",
            defaultNetworkInterface: "masquerade",
            migratableBindings: ["passt"],
            vgpuLiveMigration: true,
            mediatedDevices: ["nvidia/a"],
        });
    });
});

describe("Planning with a VMI that has not reported LiveMigratable yet", () => {
    const cases = [
        {
            name: "The prediction stands in for the missing condition",
            runtime: { running: true },
            eviction: { migratable: false },
            want: false,
        },
        {
            name: "The VMI's condition wins over the prediction",
            runtime: { running: true, migratable: true },
            eviction: { migratable: false },
            want: true,
        },
        {
            name: "An unknown prediction leaves it unknown",
            runtime: { running: true },
            eviction: { migratable: null },
            want: undefined,
        },
    ];
    for (const c of cases)
        it(c.name, () =>
            assert.equal(
                withPredictedMigratability(c.runtime, { eviction: c.eviction }).migratable,
                c.want,
            ),
        );
});
