/**
 * Load: one stack of N VirtualMachines and N blank DataVolumes (the benchmark's stack, bench/stack.ts;
 * N = 200 unless PULUMI_KUBEVIRT_LOAD_N says otherwise) through up, a no-change preview, an update
 * of every VM and destroy. Asserts no errors, no throttling, and that the no-change preview sends
 * the API server nothing (from its audit log); prints the provider's peak memory. Never asserts time.
 */
import assert from "node:assert/strict";
import { changesIn, TestStack, type RunResult } from "./harness";
import { startCluster } from "./cluster";
import { auditMark, readAudit } from "../../bed/audit";
import { benchNamespace, benchNamespaceObject, stackResources } from "../../bench/stack";
import { sampleTree } from "../../bench/procs";

const n = Number(process.env.PULUMI_KUBEVIRT_LOAD_N ?? 200);

/** Client-side throttling or server-side 429s would show in the CLI output. */
function assertNoThrottling(r: RunResult): void {
    assert.doesNotMatch(
        r.stdout + r.stderr,
        /\b429\b|too many requests|throttl/i,
        "no request was throttled",
    );
}

describe(`load: ${n} VMs and ${n} DataVolumes in one stack`, function () {
    this.timeout(3_600_000);
    let s: TestStack;
    let auditLog = "";
    const peaks: Record<string, number> = {};

    /** Runs one phase, recording the provider's peak RSS. */
    async function phase(name: string, run: () => Promise<RunResult>): Promise<RunResult> {
        const sampler = sampleTree(process.pid, 500);
        try {
            const r = await run();
            assertNoThrottling(r);
            return r;
        } finally {
            peaks[name] = Math.round(sampler.stop().provider?.peakRssMb ?? 0);
            process.stderr.write(`      ${name}: provider peak RSS ${peaks[name]} MB\n`);
        }
    }

    before(async () => {
        const st = await startCluster();
        auditLog = st.auditLog;
        s = await TestStack.create("e2e-load", { "kubevirt:kubeconfig": st.auditedKubeconfig });
        await s.kube.apply(benchNamespaceObject, { force: true });
        s.declare(stackResources(n, 0));
    });
    after(async () => {
        if (s)
            await phase("destroy", async () => {
                await s.destroy();
                return { code: 0, stdout: "", stderr: "" };
            });
        process.stderr.write(`      peak provider memory (MB): ${JSON.stringify(peaks)}\n`);
    });

    it("creates them all", async () => {
        await phase("up", () => s.up());
        const vms = await s.kube.list("kubevirt.io/v1", "VirtualMachine", benchNamespace);
        assert.equal(vms.filter((v) => v.metadata.name?.startsWith("vm-")).length, n);
    });

    it("a no-change preview shows no changes and sends the API server no request", async () => {
        const mark = auditMark(auditLog);
        await phase("preview", async () => {
            const r = await s.must(["preview", "--json"]);
            assert.deepEqual(changesIn(JSON.parse(r.stdout)), {}, "no changes");
            return r;
        });
        const requests = readAudit(auditLog, mark);
        assert.deepEqual(
            requests.map((e) => `${e.verb} ${e.requestURI}`),
            [],
            "no API request in a no-change preview",
        );
    });

    it("updates every VM", async () => {
        s.declare(stackResources(n, 1));
        const mark = auditMark(auditLog);
        await phase("update", () => s.up());
        const perVm = readAudit(auditLog, mark).length / n;
        process.stderr.write(`      update: ${perVm.toFixed(1)} API requests per VM\n`);
        const vms = await s.kube.list("kubevirt.io/v1", "VirtualMachine", benchNamespace);
        assert.equal(
            vms.filter((v) => v.metadata.labels?.["bench-rev"] === "1").length,
            n,
            "every VM carries the new label",
        );
    });
});
