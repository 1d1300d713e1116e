/**
 * examples/vm-from-template and examples/instancetype-fleet through the real pulumi CLI: each
 * stack comes up, re-previews clean, and one config change per stack previews the plan its
 * header promises, then applies and re-previews clean.
 */
import assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "../../bed/processes";
import { changesIn, stepFor, TestStack } from "./harness";

async function exampleStack(project: string, example: string): Promise<TestStack> {
    const s = await TestStack.create(project);
    const main = path.join(repoRoot, "dist", "examples", example, "index.js");
    fs.writeFileSync(
        path.join(s.dir, "index.js"),
        `module.exports = require(${JSON.stringify(main)});\n`,
    );
    return s;
}

async function expectNoChanges(s: TestStack): Promise<void> {
    const p = await s.previewJson();
    assert.deepEqual(
        changesIn(p),
        {},
        `second preview must show no changes: ${JSON.stringify(p.changeSummary)}`,
    );
}

describe("Example vm-from-template", function () {
    this.timeout(900_000);
    let s: TestStack;
    before(async () => {
        s = await exampleStack("e2e-ex-vm-from-template", "vm-from-template");
    });
    after(async () => {
        if (s) await s.destroy();
    });

    it("comes up with VMs from a Template and a VirtualMachineTemplate; a second preview is clean", async () => {
        const first = await s.previewJson();
        const web = stepFor(first, "web-1")?.newState?.inputs;
        assert.equal(
            web?.metadata?.name,
            "web-1",
            "the same-stack Template is rendered already in the first preview",
        );
        assert.equal(web?.spec?.template?.spec?.domain?.cpu?.sockets, 1);
        await s.up();
        const out = await s.outputs();
        assert.match(out.batchName, /^fedora-[a-z0-9]{8}$/);
        assert.equal(out.generated.NAME, out.batchName);
        assert.match(
            out.message,
            /^VM web-1 is ready; log in as fedora with password [a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/,
        );
        assert.ok(out.webNode, "web-1 runs on a node");
        assert.equal(out.scratchStatus, "Running");
        await expectNoChanges(s);
    });

    it("sockets 1→2 previews a live migration for web-1 only, and migrates it", async () => {
        const before = (await s.outputs()).webNode;
        await s.must(["config", "set", "sockets", "2"]);
        const p = await s.previewJson();
        assert.equal(stepFor(p, "web-1")?.newState?.inputs?.plannedImpact?.impact, "liveMigrate");
        assert.ok([undefined, "same"].includes(stepFor(p, "batch")?.op), "batch untouched");
        await s.up();
        assert.notEqual((await s.outputs()).webNode, before, "web-1 moved to another node");
        await expectNoChanges(s);
    });

    it("a template label change is live for the Template and metadata-only for both VMs", async () => {
        await s.must(["config", "set", "tier", "gold"]);
        const p = await s.previewJson();
        assert.equal(stepFor(p, "fedora-server")?.newState?.inputs?.plannedImpact?.impact, "live");
        for (const vm of ["web-1", "batch"])
            assert.equal(stepFor(p, vm)?.newState?.inputs?.plannedImpact?.impact, "metadata", vm);
        await s.up();
        await expectNoChanges(s);
    });
});

describe("Example instancetype-fleet", function () {
    this.timeout(900_000);
    let s: TestStack;
    before(async () => {
        s = await exampleStack("e2e-ex-instancetype-fleet", "instancetype-fleet");
    });
    after(async () => {
        if (s) await s.destroy();
    });

    it("comes up with three VMs sized by a cluster instancetype; a second preview is clean", async () => {
        await s.up();
        const out = await s.outputs();
        assert.deepEqual(out.statuses, ["Running", "Running", "Running"]);
        assert.equal(out.instancetypeName, "fleet-small");
        await expectNoChanges(s);
    });

    it("editing the instancetype is live for it and leaves every VM alone", async () => {
        await s.must(["config", "set", "smallCpus", "2"]);
        const p = await s.previewJson();
        const plan = stepFor(p, "fleet-small")?.newState?.inputs?.plannedImpact;
        assert.equal(plan?.impact, "live");
        assert.match(
            plan.notes.join(" "),
            /existing VMs keep the revision captured at their start/,
        );
        for (const vm of ["fleet-1", "fleet-2", "fleet-3"])
            assert.ok([undefined, "same"].includes(stepFor(p, vm)?.op), vm);
        await s.up();
        await expectNoChanges(s);
    });

    it("one more VM adds one VM and touches nothing else", async () => {
        await s.must(["config", "set", "count", "4"]);
        const p = await s.previewJson();
        assert.deepEqual(changesIn(p), { create: 1 });
        await s.up();
        await expectNoChanges(s);
    });
});
