/**
 * examples/live-migration-safe-resize on the local cluster: raising sockets within maxSockets is
 * reported as a live migration, passes the `--fail-on restart` gate, and `up` migrates the VM
 * (same VMI, new node); raising them above maxSockets fails the preview (restartPolicy "fail")
 * and trips the gate.
 */
import assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { spawnSync } from "child_process";
import { changesIn, TestStack, type PreviewJson } from "./harness";
import { startCluster } from "./cluster";
import { repoRoot } from "../../bed/processes";

function report(previewText: string, args: string[]) {
    const main = path.join(repoRoot, "dist", "cli", "main.js");
    return spawnSync(process.execPath, [main, "report", "--format", "text", ...args], {
        input: previewText,
        encoding: "utf8",
    });
}

async function vmi(s: TestStack): Promise<{ uid?: string; node?: string }> {
    const o = await s.kube.get({
        apiVersion: "kubevirt.io/v1",
        kind: "VirtualMachineInstance",
        namespace: "default",
        name: "app-1",
    });
    return { uid: o?.metadata.uid, node: (o?.status as any)?.nodeName };
}

describe("Example: live-migration-safe resize", function () {
    this.timeout(600_000);
    let s: TestStack;

    before(async () => {
        s = await TestStack.create("e2e-report-example");
        // Run the example program instead of the generic one the harness writes.
        const main = path.join(
            repoRoot,
            "dist",
            "examples",
            "live-migration-safe-resize",
            "index.js",
        );
        fs.writeFileSync(
            path.join(s.dir, "index.js"),
            `module.exports = require(${JSON.stringify(main)});\n`,
        );
        await s.up();
    });
    after(async () => {
        if (s) await s.destroy();
    });

    it("sockets 2→4 is reported as a live migration and passes --fail-on restart", async () => {
        await s.must(["config", "set", "sockets", "4"]);
        const text = (await s.must(["preview", "--json"])).stdout;
        const r = report(text, ["--fail-on", "restart"]);
        assert.equal(r.status, 0, r.stderr);
        assert.match(
            r.stdout,
            /^LIVE MIGRATION +VirtualMachine default\/app-1\n {4}- cpu\.sockets 2→4 is hot-plugged/m,
        );
    });

    it("up live-migrates: same VMI on another node; a second preview is clean", async () => {
        const before = await vmi(s);
        await s.up();
        const after = await vmi(s);
        assert.equal(after.uid, before.uid, "same VMI (no restart)");
        assert.notEqual(after.node, before.node, "moved to another node");
        const p = JSON.parse((await s.must(["preview", "--json"])).stdout) as PreviewJson;
        assert.deepEqual(changesIn(p), {});
    });

    it("sockets above maxSockets fails the preview, and the report gate trips on the incomplete plan", async () => {
        await s.must(["config", "set", "sockets", "12"]);
        const r = await s.pulumi(["preview", "--json"]);
        assert.notEqual(r.code, 0, "preview fails under restartPolicy fail");
        const gate = report(r.stdout, ["--fail-on", "restart"]);
        assert.equal(gate.status, 3, gate.stderr);
        assert.match(gate.stdout, /ERROR: the preview reported errors/);
        // Real KubeVirt's admission refuses sockets above an explicit maxSockets under LiveUpdate
        // (the dry run in preview says so); the simulated KubeVirt has no admission, so there the
        // plan's restart meets restartPolicy 'fail'.
        const why =
            (await startCluster()).kubevirt === "real"
                ? /admission.*Number of sockets in CPU topology is greater than the maximum sockets allowed/
                : /needs a restart and restartPolicy is 'fail'/;
        assert.match(gate.stderr, why);
        await s.must(["config", "set", "sockets", "4"]); // back to the deployed value for destroy
    });
});
