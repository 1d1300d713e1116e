/**
 * MigrationPolicy on the bed: the upstream example applies (cluster-scoped) and re-previews
 * clean; a bandwidth change previews as live for migrations started after the change, and after
 * `up` the cluster holds the new value.
 */
import assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";
import { examplesDir } from "../unit/validation/helpers";
import { changesIn, stepFor, TestStack } from "./harness";

type Json = Record<string, any>;

const upstream = (): Json =>
    YAML.parse(
        fs.readFileSync(
            path.join(examplesDir(), "kubevirt", "example-migration-policy.yaml"),
            "utf8",
        ),
    );

const ref = (name: string) => ({
    apiVersion: "migrations.kubevirt.io/v1alpha1",
    kind: "MigrationPolicy",
    name,
});

describe("MigrationPolicy", function () {
    this.timeout(600_000);
    let s: TestStack;

    before(async () => {
        s = await TestStack.create("e2e-migration-policy");
    });
    after(async () => {
        if (s) await s.destroy();
    });

    it("the upstream example applies and re-previews clean", async () => {
        const m = upstream();
        s.declare([{ type: "MigrationPolicy", name: m.metadata.name, args: m }]);
        await s.up();
        const live = await s.kube.get(ref(m.metadata.name));
        assert.equal((live?.spec as Json)?.bandwidthPerMigration, "2000Mi");
        assert.equal(live?.metadata.namespace, undefined);
        const p = await s.previewJson();
        assert.deepEqual(changesIn(p), {}, JSON.stringify(p.changeSummary));
    });

    it("a bandwidth change is live for migrations started after the change", async () => {
        const m = upstream();
        m.spec.bandwidthPerMigration = "1Gi";
        s.declare([{ type: "MigrationPolicy", name: m.metadata.name, args: m }]);
        const p = await s.previewJson();
        const plan = stepFor(p, m.metadata.name)?.newState?.inputs?.plannedImpact ?? {};
        assert.equal(plan.impact, "live", JSON.stringify(plan));
        assert.match(
            JSON.stringify(plan.reasons),
            /applies to migrations started after the change/,
        );
        await s.up();
        const live = await s.kube.get(ref(m.metadata.name));
        assert.equal((live?.spec as Json)?.bandwidthPerMigration, "1Gi");
        assert.deepEqual(changesIn(await s.previewJson()), {});
    });
});
