import assert from "node:assert/strict";
import { followDeclared } from "../../../../provider/resources/virtualMachine/declaredFacts";
import { defaultClusterFacts, type ClusterFacts } from "../../../../provider/diff/types";
import { unknownValue } from "../../../../provider/kindProvider";

const stage: ClusterFacts = { ...defaultClusterFacts, rolloutStrategy: "Stage" };

describe("VM plans follow the cluster configuration the stack declares", () => {
    const cases: {
        name: string;
        live: ClusterFacts;
        declared: unknown;
        facts: Partial<ClusterFacts>;
        notes: RegExp[];
    }[] = [
        {
            name: "nothing declared: the cluster's facts",
            live: stage,
            declared: undefined,
            facts: stage,
            notes: [],
        },
        {
            name: "a declared switch wins and is noted",
            live: stage,
            declared: [{ resource: "kv", vmRolloutStrategy: "LiveUpdate" }],
            facts: { rolloutStrategy: "LiveUpdate" },
            notes: [
                /vmRolloutStrategy LiveUpdate declared by KubeVirtConfiguration 'kv' in this stack \(the cluster has vmRolloutStrategy Stage/,
            ],
        },
        {
            name: "a declaration equal to the cluster adds no note",
            live: stage,
            declared: [{ resource: "kv", vmRolloutStrategy: "Stage" }],
            facts: stage,
            notes: [],
        },
        {
            name: "the later of two declarations wins",
            live: defaultClusterFacts,
            declared: [
                { resource: "a", vmRolloutStrategy: "LiveUpdate" },
                { resource: "b", vmRolloutStrategy: "Stage" },
            ],
            facts: { rolloutStrategy: "Stage" },
            notes: [/Stage declared by KubeVirtConfiguration 'b'/],
        },
        {
            name: "workload update methods and hotplug gates are followed too",
            live: defaultClusterFacts,
            declared: [
                {
                    resource: "kv",
                    workloadUpdateStrategy: { workloadUpdateMethods: ["Evict"] },
                    featureGates: ["HotplugVolumes"],
                },
            ],
            facts: { liveMigrateUpdates: false, declarativeHotplug: false },
            notes: [/without LiveMigrate/, /HotplugVolumes feature gate/],
        },
        {
            name: "HCO's camelCase gate is KubeVirt's",
            live: { ...defaultClusterFacts, declarativeHotplug: false },
            declared: [
                {
                    resource: "kv",
                    target: "hyperconverged",
                    featureGates: ["declarativeHotplugVolumes"],
                },
            ],
            facts: { declarativeHotplug: true },
            notes: [/DeclarativeHotplugVolumes feature gate declared/],
        },
        {
            name: "unknown until apply: the cluster's facts, and a note saying so",
            live: stage,
            declared: unknownValue,
            facts: stage,
            notes: [/known only after apply/],
        },
    ];
    for (const c of cases)
        it(c.name, () => {
            const got = followDeclared(c.live, c.declared);
            assert.deepEqual(got.facts, { ...c.live, ...c.facts });
            assert.equal(got.notes.length, c.notes.length, got.notes.join("\n"));
            c.notes.forEach((n, i) => assert.match(got.notes[i]!, n));
        });
});
