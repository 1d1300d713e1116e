import assert from "node:assert/strict";
import {
    configurationPlan,
    settingFailures,
} from "../../../../provider/resources/kubevirtConfiguration/check";
import { configurationApplied } from "../../../../provider/resources/kubevirtConfiguration/readiness";
import { ownedObject } from "../../../../provider/resources/kubevirtConfiguration/fields";
import type { KubeObject } from "../../../../provider/k8s/client";

type Json = Record<string, any>;

describe("KubeVirtConfiguration check: validated by the target CR's schema", () => {
    const cases: { name: string; inputs: Json; failures: [string, RegExp][] }[] = [
        {
            name: "valid KubeVirt settings pass",
            inputs: {
                migrations: { parallelMigrationsPerCluster: 2, bandwidthPerMigration: "1Gi" },
                vmRolloutStrategy: "LiveUpdate",
                featureGates: ["X"],
            },
            failures: [],
        },
        {
            name: "an unknown strategy fails by the CRD enum",
            inputs: { vmRolloutStrategy: "Eventually" },
            failures: [["vmRolloutStrategy", /Stage|LiveUpdate/]],
        },
        {
            name: "a misspelt migration field is named as the user wrote it",
            inputs: { migrations: { parallelMigrationPerCluster: 2 } },
            failures: [["migrations", /parallelMigrationPerCluster/]],
        },
        {
            name: "HyperConverged has no rollout strategy",
            inputs: { target: "hyperconverged", vmRolloutStrategy: "Stage" },
            failures: [["vmRolloutStrategy", /HyperConverged has no 'vmRolloutStrategy'/]],
        },
        {
            name: "HyperConverged gates are checked against HCO's gate names",
            inputs: { target: "hyperconverged", featureGates: ["noSuchGate"] },
            failures: [["featureGates", /noSuchGate/]],
        },
        {
            name: "HyperConverged takes bandwidth as a string only",
            inputs: { target: "hyperconverged", migrations: { bandwidthPerMigration: 5 } },
            failures: [["migrations.bandwidthPerMigration", /string/]],
        },
        {
            name: "an unknown target fails",
            inputs: { target: "kubevirt-operator" },
            failures: [["target", /one of kubevirt, hyperconverged/]],
        },
        {
            name: "gates must be names",
            inputs: { featureGates: "A,B" },
            failures: [["featureGates", /list of gate names/]],
        },
    ];
    for (const c of cases)
        it(c.name, () => {
            const got = settingFailures(c.inputs);
            assert.equal(got.length, c.failures.length, JSON.stringify(got));
            c.failures.forEach(([property, reason], i) => {
                assert.ok(got[i]!.property.startsWith(property), JSON.stringify(got[i]));
                assert.match(got[i]!.reason + got[i]!.property, reason);
            });
        });
});

describe("KubeVirtConfiguration plan: cluster-level reasons", () => {
    const base = {
        target: "kubevirt",
        cr: { namespace: "kubevirt", name: "kubevirt" },
        fieldManager: "m",
    };
    const cases: { name: string; olds: Json; news: Json; impact: string; why: RegExp }[] = [
        {
            name: "a rollout switch says what later VM changes do",
            olds: { ...base, vmRolloutStrategy: "LiveUpdate" },
            news: { ...base, vmRolloutStrategy: "Stage" },
            impact: "live",
            why: /LiveUpdate→Stage: later VM template changes are held until each VM restarts/,
        },
        {
            name: "gates name what they turn on and off",
            olds: { ...base, featureGates: ["A"] },
            news: { ...base, featureGates: ["B"] },
            impact: "live",
            why: /enables B; no longer enables A/,
        },
        {
            name: "migration limits apply to later migrations",
            olds: { ...base, migrations: { parallelMigrationsPerCluster: 5 } },
            news: { ...base, migrations: { parallelMigrationsPerCluster: 10 } },
            impact: "live",
            why: /parallelMigrationsPerCluster 5→10 applies to migrations that start from now on/,
        },
        {
            name: "another CR is a replace",
            olds: base,
            news: { ...base, cr: { namespace: "other", name: "kubevirt" } },
            impact: "replace",
            why: /released on the old one/,
        },
        {
            name: "another field manager is a replace",
            olds: base,
            news: { ...base, fieldManager: "n" },
            impact: "replace",
            why: /released under the old field manager/,
        },
    ];
    for (const c of cases)
        it(c.name, () => {
            const plan = configurationPlan(c.olds, c.news);
            assert.equal(plan.impact, c.impact);
            assert.match(plan.reasons.map((r) => r.why).join("\n"), c.why);
        });
    it("no change, no reasons", () => assert.equal(configurationPlan(base, base).impact, "none"));
});

describe("KubeVirtConfiguration readiness", () => {
    const owned = ownedObject(
        "kubevirt",
        { namespace: "kubevirt", name: "kubevirt" },
        { vmRolloutStrategy: "Stage" },
    );
    const live = (spec: Json, generation?: number, observedGeneration?: number): KubeObject => ({
        ...owned,
        metadata: { ...owned.metadata, ...(generation ? { generation } : {}) },
        spec,
        ...(observedGeneration ? { status: { observedGeneration } } : {}),
    });
    const cases: { name: string; obj: KubeObject | undefined; ok: boolean; failed?: boolean }[] = [
        {
            name: "our fields present, no operator reporting: applied",
            obj: live({ configuration: { vmRolloutStrategy: "Stage", other: 1 } }, 3),
            ok: true,
        },
        { name: "our fields absent: waiting", obj: live({ configuration: {} }), ok: false },
        {
            name: "operator behind our generation: waiting",
            obj: live({ configuration: { vmRolloutStrategy: "Stage" } }, 4, 3),
            ok: false,
        },
        {
            name: "operator caught up: applied",
            obj: live({ configuration: { vmRolloutStrategy: "Stage" } }, 4, 4),
            ok: true,
        },
        { name: "CR gone: failed", obj: undefined, ok: false, failed: true },
    ];
    for (const c of cases)
        it(c.name, () => {
            const v = configurationApplied(owned)(c.obj);
            assert.equal(v.ok, c.ok, v.message);
            assert.equal(!!v.failed, !!c.failed);
        });
});
