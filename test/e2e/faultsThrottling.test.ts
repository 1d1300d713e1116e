/**
 * Throttling and transient errors between the provider and the API server, made by a
 * fault-injecting proxy (faultProxy.ts) in front of it: 429/500/503 and dropped connections are
 * retried (429/503 after their Retry-After) and the run converges; a permanent error fails at
 * once, naming the object, without a retry; a fault that never clears ends after the retry
 * budget with the number of attempts, long before the provider's own timeout.
 */
import assert from "node:assert/strict";
import { TestStack } from "./harness";
import { startCluster } from "./cluster";
import { startFaultProxy, type FaultProxy } from "./faultProxy";
import { dv, expectConverged, expectNoChanges, vm } from "./faultsFixtures";

describe("Faults: throttling and transient API errors", function () {
    this.timeout(900_000);
    let s: TestStack;
    let proxy: FaultProxy;
    const decls = [vm("thr-vm", { cloudInit: true }), dv("thr-disk"), vm("thr-vm2")];
    before(async () => {
        s = await TestStack.create("e2e-faults-throttling");
        proxy = await startFaultProxy(await startCluster(), { rate: 0, faults: [] });
        await s.must(["config", "set", "kubevirt:kubeconfig", proxy.kubeconfig]);
    });
    after(async () => {
        proxy?.setRule({ rate: 0, faults: [] });
        if (s) await s.destroy();
        await proxy?.close();
    });

    it("rides through 429, 500, 503 and dropped connections on a quarter of the requests", async () => {
        // POSTs are left alone: a 500 or a reset after a POST may hide a create, so they are not retried (see the unit table).
        proxy.setRule({ rate: 0.25, faults: [429, 500, 503, "reset"], match: (m) => m !== "POST" });
        s.declare(decls);
        const r = await s.pulumi(["up", "--yes", "--skip-preview"]);
        assert.equal(r.code, 0, `up must ride through the faults:\n${r.stdout}\n${r.stderr}`);
        assert.ok(proxy.injected.length >= 4, `faults injected: ${proxy.injected.length}`);
        for (const f of ["429", "500", "503", "reset"])
            assert.ok(
                proxy.injected.some((i) => i.startsWith(f)),
                `${f} injected`,
            );
        await expectNoChanges(s);
        proxy.setRule({ rate: 0, faults: [] });
        await expectConverged(s, "thr-", decls);
    });

    it("a permanent error (403) fails at once, naming the object, without a retry", async () => {
        const target = (m: string, u: string) =>
            m === "PATCH" && /\/virtualmachines\/thr-vm2(\?|$)/.test(u);
        // Only this test's injections count: the earlier test's random 429s stay in the list.
        const from = proxy.injected.length;
        proxy.setRule({ rate: 1, faults: [403], match: target });
        s.declare([...decls.slice(0, 2), vm("thr-vm2", { sockets: 2 })]);
        const r = await s.pulumi(["up", "--yes", "--skip-preview"]);
        assert.notEqual(r.code, 0);
        assert.match(
            r.stdout + r.stderr,
            /apply VirtualMachine default\/thr-vm2 failed \(403 Forbidden\): injected/,
        );
        // Each request (the admission dry run, then the apply) was sent once: no retry.
        const hits = proxy.injected
            .slice(from)
            .filter((i) => i.includes("/virtualmachines/thr-vm2"));
        assert.ok(hits.length >= 1, "the 403 was injected");
        assert.equal(new Set(hits).size, hits.length, `no retry of a 403: ${hits.join(", ")}`);
        proxy.setRule({ rate: 0, faults: [] });
        await s.up();
        await expectNoChanges(s);
    });

    it("a fault that never clears ends after the retry budget, saying how many attempts it took", async () => {
        proxy.setRule({
            rate: 1,
            faults: [503],
            // Every request naming the object (its dry run and apply are PATCHes; reads of it go
            // through the shared list+watch, so a GET-only fault would never be hit).
            match: (_m, u) => /\/datavolumes\/thr-stuck(\?|$)/.test(u),
        });
        s.declare([...decls, dv("thr-stuck")]);
        const r = await s.pulumi(["up", "--yes", "--skip-preview"]);
        assert.notEqual(r.code, 0);
        assert.match(
            r.stdout + r.stderr,
            /DataVolume default\/thr-stuck failed \(503 ServiceUnavailable\).*gave up after \d+ attempts/,
        );
        proxy.setRule({ rate: 0, faults: [] });
        await s.up();
        await expectConverged(s, "thr-", [...decls, dv("thr-stuck")]);
    });
});
