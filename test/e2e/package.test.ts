/**
 * The npm package as a user installs it (scripts/package-e2e.sh): the tarball in a fresh TypeScript
 * project, one @pulumi/pulumi in the user's tree, the README's VM through preview / up / change /
 * destroy with a clean no-change preview, and the `pulumi-kubevirt report` bin. Once per supported
 * end of the range: Node 20 with @pulumi/pulumi 3.248.0, Node 22 with the current release.
 * The first Node 22 run builds the current pulumi CLI from the Go module proxy (cached afterwards).
 */
import assert from "node:assert/strict";
import * as path from "path";
import { execFile } from "child_process";
import { repoRoot } from "../../bed/processes";
import { startCluster } from "./cluster";

function packageE2e(combo: string): Promise<{ code: number; output: string }> {
    return new Promise((resolve) => {
        execFile(
            "bash",
            [path.join(repoRoot, "scripts", "package-e2e.sh"), combo],
            { cwd: repoRoot, maxBuffer: 64 << 20 },
            (err, stdout, stderr) =>
                resolve({
                    code: err ? Number((err as { code?: number }).code ?? 1) : 0,
                    output: stdout + stderr,
                }),
        );
    });
}

describe("The npm package in a fresh TypeScript project", function () {
    this.timeout(45 * 60_000);
    // Started here so the root hook stops it; the script reuses the running cluster.
    before(async () => {
        await startCluster();
    });

    for (const [combo, what] of [
        ["node20", "Node 20, @pulumi/pulumi and CLI 3.248.0"],
        ["node22", "Node 22, @pulumi/pulumi and CLI 3.276.0"],
    ]) {
        it(`installs, previews, updates with a live migration and destroys on ${what}`, async () => {
            const r = await packageE2e(combo);
            assert.equal(
                r.code,
                0,
                `scripts/package-e2e.sh ${combo} failed:\n${r.output.split("\n").slice(-60).join("\n")}`,
            );
            assert.match(r.output, new RegExp(`${combo}: PASSED`));
        });
    }
});
