/**
 * examples/datavolume-import-clone through the real pulumi CLI: a disk is imported, published as
 * a DataSource, and a VM clones it through dataVolumeTemplates sourceRef; then a change to the
 * VM's dataVolumeTemplate storage is previewed as "DataVolume not updated" and, after `up`, the
 * DataVolume is indeed unchanged. Every step ends with a preview that must show no changes.
 */
import assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "../../bed/processes";
import { changesIn, stepFor, TestStack } from "./harness";

const project = "e2e-storage-example";
const dvApi = "cdi.kubevirt.io/v1beta1";

async function expectNoChanges(s: TestStack): Promise<void> {
    const p = await s.previewJson();
    assert.deepEqual(
        changesIn(p),
        {},
        `second preview must show no changes: ${JSON.stringify(p.changeSummary)}`,
    );
}

describe("Storage example: import, DataSource, VM cloning via sourceRef", function () {
    this.timeout(600_000);
    let s: TestStack;

    before(async () => {
        s = await TestStack.create(project);
        const main = path.join(repoRoot, "dist", "examples", "datavolume-import-clone", "index.js");
        fs.writeFileSync(
            path.join(s.dir, "index.js"),
            `module.exports = require(${JSON.stringify(main)});\n`,
        );
    });
    after(async () => {
        if (s) await s.destroy();
    });

    it("imports the disk, publishes the DataSource, and boots a VM whose root disk is cloned from it", async () => {
        await s.up();
        const dv = await s.kube.get({
            apiVersion: dvApi,
            kind: "DataVolume",
            namespace: "default",
            name: "fedora-41",
        });
        assert.equal((dv?.status as any)?.phase, "Succeeded");
        assert.equal(
            dv?.metadata.annotations?.["cdi.kubevirt.io/storage.deleteAfterCompletion"],
            "false",
        );
        const ds = await s.kube.get({
            apiVersion: dvApi,
            kind: "DataSource",
            namespace: "default",
            name: "fedora",
        });
        assert.ok(
            ((ds?.status as any)?.conditions ?? []).some(
                (c: any) => c.type === "Ready" && c.status === "True",
            ),
            "DataSource Ready",
        );
        const root = await s.kube.get({
            apiVersion: dvApi,
            kind: "DataVolume",
            namespace: "default",
            name: "fedora-from-golden-root",
        });
        assert.deepEqual(
            (root?.spec as any)?.source,
            { pvc: { namespace: "default", name: "fedora-41" } },
            "VM disk cloned from the DataSource's PVC",
        );
        assert.equal((root?.status as any)?.phase, "Succeeded");
        const out = await s.outputs();
        assert.equal(out.imagePhase, "Succeeded");
        assert.equal(out.sourceReady, true);
        assert.equal(out.vmStatus, "Running");
        await expectNoChanges(s);
    });

    it("a dataVolumeTemplate storage change previews as 'DataVolume not updated' and leaves the DataVolume as it was", async () => {
        const ref = {
            apiVersion: dvApi,
            kind: "DataVolume",
            namespace: "default",
            name: "fedora-from-golden-root",
        };
        const before = await s.kube.get(ref);
        await s.must(["config", "set", "vmDiskSize", "20Gi"]);
        const text = await s.previewText();
        assert.match(
            text,
            /DataVolume 'fedora-from-golden-root' will not be updated from its changed template/,
        );
        assert.match(text, /10Gi→20Gi: KubeVirt will NOT update the existing DataVolume/);
        const p = await s.previewJson();
        const plan = stepFor(p, "fedora-from-golden")?.newState?.inputs?.plannedImpact;
        assert.ok(
            ["none", "metadata"].includes(plan?.impact),
            `VM plan impact: ${JSON.stringify(plan)}`,
        );
        assert.ok(
            plan.reasons.some(
                (r: any) => /dataVolumeTemplates/.test(r.path) && /NOT update/.test(r.why),
            ),
            JSON.stringify(plan.reasons),
        );
        await s.up();
        const after = await s.kube.get(ref);
        assert.equal(after?.metadata.uid, before?.metadata.uid, "same DataVolume");
        assert.deepEqual(after?.spec, before?.spec, "DataVolume spec unchanged");
        await expectNoChanges(s);
    });
});
