/**
 * examples/quickstart (the demo's stack) on the local cluster: a VM from a cloud image with
 * cloud-init and an SSH key comes up, keeps its user data out of state, live-migrates on a
 * sockets change and needs a restart on a cores change, exactly as its preview says.
 */
import assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { changesIn, stepFor, TestStack } from "./harness";
import { repoRoot } from "../../bed/processes";

async function vmi(s: TestStack): Promise<{ uid?: string; node?: string }> {
    const o = await s.kube.get({
        apiVersion: "kubevirt.io/v1",
        kind: "VirtualMachineInstance",
        namespace: "default",
        name: "fedora-1",
    });
    return { uid: o?.metadata.uid, node: (o?.status as any)?.nodeName };
}

describe("Example: quickstart", function () {
    this.timeout(600_000);
    let s: TestStack;

    before(async () => {
        s = await TestStack.create("e2e-quickstart");
        // Set as a secret so the only plaintext copy could come from the provider, which is what is checked.
        await s.must([
            "config",
            "set",
            "--secret",
            "sshPublicKey",
            "ssh-ed25519 AAAAE2eTestKey e2e@bed",
        ]);
        const main = path.join(repoRoot, "dist", "examples", "quickstart", "index.js");
        fs.writeFileSync(
            path.join(s.dir, "index.js"),
            `module.exports = require(${JSON.stringify(main)});\n`,
        );
    });
    after(async () => {
        if (s) await s.destroy();
    });

    it("comes up Running with its SSH key in a cloud-init Secret, not in state", async () => {
        const up = await s.up();
        assert.doesNotMatch(
            up.stdout + up.stderr,
            /Undefined value/,
            "every exported output has a value after create",
        );
        const out = await s.outputs();
        assert.equal(out.status, "Running");
        const secret = await s.kube.get({
            apiVersion: "v1",
            kind: "Secret",
            name: "fedora-1-cloudinit",
            namespace: "default",
        });
        assert.match(
            Buffer.from(
                String((secret?.data as Record<string, string>).userdata),
                "base64",
            ).toString(),
            /AAAAE2eTestKey/,
        );
        assert.doesNotMatch((await s.must(["stack", "export"])).stdout, /AAAAE2eTestKey/);
        assert.deepEqual(changesIn(await s.previewJson()), {});
        // A no-change preview shows nothing at all: no stack output turns unknown either.
        assert.doesNotMatch(await s.previewText(), /lastUpdate|\[unknown\]/);
    });

    it("sockets 2→4 previews and performs a live migration", async () => {
        const before = await vmi(s);
        await s.must(["config", "set", "sockets", "4"]);
        assert.equal(
            stepFor(await s.previewJson(), "fedora-1")?.newState?.inputs?.plannedImpact?.impact,
            "liveMigrate",
        );
        await s.up();
        const after = await vmi(s);
        assert.equal(after.uid, before.uid);
        assert.notEqual(after.node, before.node);
        assert.deepEqual(changesIn(await s.previewJson()), {});
    });

    it("cores 1→2 previews a restart and, with restartPolicy never, leaves the VM pending it", async () => {
        const before = await vmi(s);
        await s.must(["config", "set", "cores", "2"]);
        assert.equal(
            stepFor(await s.previewJson(), "fedora-1")?.newState?.inputs?.plannedImpact?.impact,
            "restart",
        );
        await s.up();
        assert.equal((await vmi(s)).uid, before.uid, "not restarted");
        assert.equal((await s.outputs()).restartRequired, true);
        assert.deepEqual(changesIn(await s.previewJson()), {});
    });
});
