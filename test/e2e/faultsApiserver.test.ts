/**
 * kube-apiserver killed and restarted (same port, same flags, etcd intact) in the middle of an
 * `up` of 20 VMs, DataVolumes and an NNCP. The provider retries what it can; whatever fails says
 * which object and why; the rerun converges with nothing duplicated or orphaned (no second VM,
 * no stray cloud-init Secret or DataVolume) and the state matches the cluster.
 */
import assert from "node:assert/strict";
import { TestStack, type ResourceDecl } from "./harness";
import { restartApiserver } from "../../bed/faults";
import {
    dv,
    expectConverged,
    expectNoChanges,
    named,
    nncp,
    startPulumi,
    until,
    vm,
} from "./faultsFixtures";

const decls: ResourceDecl[] = [
    ...Array.from({ length: 20 }, (_, i) =>
        vm(`api-vm-${i}`, {
            cloudInit: i % 2 === 0,
            runStrategy: i % 4 === 3 ? "Halted" : "Always",
        }),
    ),
    ...Array.from({ length: 4 }, (_, i) => dv(`api-disk-${i}`)),
    nncp("api-br"),
];

describe("Faults: kube-apiserver restarted during up", function () {
    this.timeout(1_800_000);
    let s: TestStack;
    before(async () => {
        s = await TestStack.create("e2e-faults-apiserver");
    });
    after(async () => {
        if (s) await s.destroy();
    });

    it("fails clearly or rides through, and the rerun converges without duplicates or orphans", async () => {
        s.declare(decls);
        const run = startPulumi(s, ["up", "--yes", "--skip-preview"]);
        await until(
            "the first VMs to exist",
            async () => (await named(s, "kubevirt.io/v1", "VirtualMachine", "api-vm-")).length >= 4,
        );
        await restartApiserver(3000);
        const r = await run.exited;
        const out = r.stdout + r.stderr;
        console.log(`      first up after the restart: exit ${r.code}`);
        if (r.code !== 0) {
            // Every failed resource names its object and a cause; no stack traces.
            const errors = out
                .split("\n")
                .filter((l) => /^\s+error: /.test(l) && !/update failed/.test(l));
            for (const e of errors)
                assert.match(
                    e,
                    /(VirtualMachine|DataVolume|NodeNetworkConfigurationPolicy|Secret|API server)/,
                    `error names its object: ${e}`,
                );
            assert.doesNotMatch(out, /at .*\.js:\d+:\d+\)/, "no stack traces");
        }
        if (r.code !== 0) console.log(errorLines(out));
        const again = await s.pulumi(["up", "--yes", "--skip-preview"]);
        assert.equal(again.code, 0, `the rerun converges:\n${again.stdout}\n${again.stderr}`);
        await expectConverged(s, "api-", decls);
        await s.must(["refresh", "--yes", "--expect-no-changes"]);
        await expectNoChanges(s);
    });
});

/** The error lines of a run, indented, so a failure of this test shows what the first up said. */
function errorLines(out: string): string {
    return out
        .split("\n")
        .filter((l) => /error/i.test(l))
        .slice(0, 40)
        .map((l) => `        | ${l.trim()}`)
        .join("\n");
}
