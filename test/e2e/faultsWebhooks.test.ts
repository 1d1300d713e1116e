/**
 * KubeVirt's admission webhooks unreachable: virt-api stopped, or hung (frozen: connections are
 * accepted, nothing answers, so the API server's webhook calls run into their timeout). A VM create fails with an error
 * that names the webhook, after the client's retries (a webhook failure is a 500, retried like
 * any transient error), and nothing is half-applied: no VM, no cloud-init Secret, nothing in the
 * state. With virt-api back the rerun converges.
 */
import assert from "node:assert/strict";
import { TestStack } from "./harness";
import {
    freezeProcess,
    startProcess,
    stopProcess,
    thawProcess,
    type Stopped,
} from "../../bed/faults";
import { expectConverged, expectNoChanges, named, stackState, vm } from "./faultsFixtures";

describe("Faults: KubeVirt's webhooks down", function () {
    this.timeout(900_000);
    let s: TestStack;
    let stopped: Stopped | undefined;
    let frozen: number | undefined;
    before(async () => {
        s = await TestStack.create("e2e-faults-webhooks");
    });
    after(async () => {
        if (frozen) thawProcess(frozen);
        if (stopped) await startProcess(stopped);
        if (s) await s.destroy();
    });

    it("a create fails naming the webhook, leaves nothing behind, and converges once virt-api is back", async () => {
        s.declare([vm("wh-vm", { cloudInit: true })]);
        stopped = await stopProcess("virt-api");
        const r = await s.pulumi(["up", "--yes", "--skip-preview"]);
        assert.notEqual(r.code, 0);
        const out = r.stdout + r.stderr;
        assert.match(
            out,
            /VirtualMachine default\/wh-vm failed \(500 InternalError\): .*failed calling webhook "[a-z-]+\.kubevirt\.io"/,
        );
        assert.deepEqual(await named(s, "kubevirt.io/v1", "VirtualMachine", "wh-"), [], "no VM");
        assert.deepEqual(
            (await named(s, "v1", "Secret", "wh-")).map((o) => o.metadata.name),
            [],
            "no orphaned cloud-init Secret",
        );
        assert.deepEqual((await stackState(s)).names, [], "nothing in the state");
        await startProcess(stopped);
        stopped = undefined;
        await s.up();
        await expectConverged(s, "wh-", [vm("wh-vm", { cloudInit: true })]);
        await expectNoChanges(s);
    });

    it("a hung virt-api: the create fails naming the webhook once the retries are spent, nothing half-applied", async () => {
        s.declare([vm("wh-vm", { cloudInit: true }), vm("whh-vm", { cloudInit: true })]);
        frozen = freezeProcess("virt-api");
        const r = await s.pulumi(["up", "--yes", "--skip-preview"]);
        thawProcess(frozen);
        frozen = undefined;
        assert.notEqual(r.code, 0);
        assert.match(
            r.stdout + r.stderr,
            /VirtualMachine default\/whh-vm failed \(500 InternalError\): .*failed calling webhook "[a-z-]+\.kubevirt\.io"/,
        );
        assert.deepEqual(await named(s, "kubevirt.io/v1", "VirtualMachine", "whh-"), [], "no VM");
        assert.deepEqual(await named(s, "v1", "Secret", "whh-"), [], "no orphaned Secret");
        assert.deepEqual(
            (await stackState(s)).names.filter((n) => n.startsWith("whh-")),
            [],
            "nothing in the state",
        );
    });

    it("a slow virt-api (answers after a pause): the create rides through, once, and converges", async () => {
        s.declare([vm("wh-vm", { cloudInit: true }), vm("whs-vm", { cloudInit: true })]);
        frozen = freezeProcess("virt-api");
        const run = s.pulumi(["up", "--yes", "--skip-preview"]);
        // However long the pause, any order works: a call made before the thaw is answered late
        // (or times out and is retried), one made after is answered at once.
        await new Promise((res) => setTimeout(res, 3_000));
        thawProcess(frozen);
        frozen = undefined;
        const r = await run;
        assert.equal(r.code, 0, r.stdout + r.stderr);
        await expectConverged(s, "whs-", [vm("whs-vm", { cloudInit: true })]);
        await expectNoChanges(s);
    });
});
