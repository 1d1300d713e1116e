import assert from "node:assert/strict";
import {
    inputPathOf,
    liveGates,
    ownedObject,
    settingsIn,
} from "../../../../provider/resources/kubevirtConfiguration/fields";
import type { KubeObject } from "../../../../provider/k8s/client";

const cr = { namespace: "ns", name: "cr" };

describe("KubeVirtConfiguration fields: the same inputs on the KubeVirt and the HyperConverged CR", () => {
    const inputs = {
        migrations: { parallelMigrationsPerCluster: 3, bandwidthPerMigration: "64Mi" },
        vmRolloutStrategy: "Stage",
        workloadUpdateStrategy: { workloadUpdateMethods: ["Evict"] },
        featureGates: ["DownwardMetrics"],
    };
    const cases: { name: string; obj: KubeObject; spec: unknown }[] = [
        {
            name: "KubeVirt: everything under spec.configuration but the workload update strategy",
            obj: ownedObject("kubevirt", cr, inputs, ["A", "DownwardMetrics"]),
            spec: {
                configuration: {
                    migrations: inputs.migrations,
                    vmRolloutStrategy: "Stage",
                    developerConfiguration: { featureGates: ["A", "DownwardMetrics"] },
                },
                workloadUpdateStrategy: inputs.workloadUpdateStrategy,
            },
        },
        {
            name: "HyperConverged: liveMigrationConfig, gates as a map, no rollout strategy",
            obj: ownedObject("hyperconverged", cr, inputs),
            spec: {
                liveMigrationConfig: inputs.migrations,
                featureGates: { DownwardMetrics: true },
                workloadUpdateStrategy: inputs.workloadUpdateStrategy,
            },
        },
        {
            name: "nothing declared: an empty body, which releases every owned field",
            obj: ownedObject("kubevirt", cr, {}),
            spec: undefined,
        },
    ];
    for (const c of cases)
        it(c.name, () => {
            assert.deepEqual(c.obj.spec, c.spec);
            assert.deepEqual(c.obj.metadata, { name: "cr", namespace: "ns" });
        });

    const paths: [string, "kubevirt" | "hyperconverged", string, string][] = [
        [
            "KubeVirt path → input",
            "kubevirt",
            "spec.configuration.migrations.network",
            "migrations.network",
        ],
        ["HCO path → input", "hyperconverged", "spec.liveMigrationConfig.foo", "migrations.foo"],
        [
            "list element",
            "kubevirt",
            "spec.configuration.developerConfiguration.featureGates[0]",
            "featureGates[0]",
        ],
        ["unmapped stays", "kubevirt", "spec.other", "spec.other"],
    ];
    for (const [name, target, p, want] of paths)
        it(`failure paths name the input: ${name}`, () =>
            assert.equal(inputPathOf(target, p), want));

    it("reads gates from either CR", () => {
        const kv = ownedObject("kubevirt", cr, { featureGates: [] }, ["A", "B"]);
        const hco = {
            ...ownedObject("hyperconverged", cr, {}),
            spec: { featureGates: { a: true, b: false } },
        };
        assert.deepEqual(liveGates("kubevirt", kv), ["A", "B"]);
        assert.deepEqual(liveGates("hyperconverged", hco), ["a"]);
    });

    it("refresh keeps the declared gates the cluster still has", () => {
        const live = ownedObject("kubevirt", cr, inputs, ["A"]);
        assert.deepEqual(settingsIn("kubevirt", live, { featureGates: ["A", "B"] }), {
            featureGates: ["A"],
        });
    });
});
