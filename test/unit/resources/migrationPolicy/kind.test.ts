import assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";
import type { Impact } from "../../../../provider/diff/types";
import type { KubeObject } from "../../../../provider/k8s/client";
import { validateAll } from "../../../../provider/validation/validator";
import { plannedImpactOf } from "../../../../provider/resources/generic/provider";
import { migrationPolicyKind } from "../../../../provider/resources/migrationPolicy/definition";
import { examplesDir } from "../../validation/helpers";

const example = (): any =>
    YAML.parse(
        fs.readFileSync(
            path.join(examplesDir(), "kubevirt", "example-migration-policy.yaml"),
            "utf8",
        ),
    );

describe("MigrationPolicy", () => {
    it("the upstream example passes the schema", () =>
        assert.deepEqual(validateAll("MigrationPolicy", example() as KubeObject), []));

    const cases: { name: string; change: (p: any) => void; impact: Impact; why?: RegExp }[] = [
        {
            name: "A bandwidth change applies to migrations started after the change",
            change: (p) => (p.spec.bandwidthPerMigration = "1Gi"),
            impact: "live",
            why: /applies to migrations started after the change/,
        },
        {
            name: "A selector change matches other VMs from the next migration on",
            change: (p) => (p.spec.selectors.virtualMachineInstanceSelector = { tier: "db" }),
            impact: "live",
            why: /now matches other VMs/,
        },
        {
            name: "A label is metadata only",
            change: (p) => (p.metadata.labels = { team: "a" }),
            impact: "metadata",
        },
        {
            name: "A new name replaces the policy",
            change: (p) => (p.metadata.name = "other"),
            impact: "replace",
        },
        { name: "No change is none", change: () => undefined, impact: "none" },
    ];
    for (const c of cases)
        it(c.name, () => {
            const olds = example();
            const news = structuredClone(olds);
            c.change(news);
            const plan = plannedImpactOf(migrationPolicyKind, olds, news);
            assert.equal(plan.impact, c.impact);
            if (c.why) assert.match(plan.reasons.map((r: any) => r.why).join("\n"), c.why);
            if (c.impact === "live")
                assert.match(plan.notes.join("\n"), /migrations already running keep/);
        });

    it("is cluster-scoped", () => assert.equal(migrationPolicyKind.namespaced, false));
});
