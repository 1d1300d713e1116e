/**
 * KubeVirt's admission webhooks unreachable: virt-api stopped. A VM create fails with an error
 * that names the webhook, after the client's retries (a webhook failure is a 500, retried like
 * any transient error), and nothing is half-applied: no VM, no cloud-init Secret, nothing in the
 * state. With virt-api back the rerun converges.
 */
import assert from "node:assert/strict";
import { TestStack } from "./harness";
import { startProcess, stopProcess, type Stopped } from "../../bed/faults";
import { expectConverged, expectNoChanges, named, stackState, vm } from "./faultsFixtures";

describe("Faults: KubeVirt's webhooks down", function () {
    this.timeout(900_000);
    let s: TestStack;
    let stopped: Stopped | undefined;
    before(async () => {
        s = await TestStack.create("e2e-faults-webhooks");
    });
    after(async () => {
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
});
