/**
 * `skipAwait` on a VirtualMachine: create returns once the API server accepted the VM. The VM here
 * can never run (its nodeSelector matches no node), so KubeVirt reports ErrorUnschedulable: with
 * the wait, create fails naming that status; without it, `up` succeeds, the VM is in state, the next
 * preview is clean, and destroy removes it. Nothing depends on timing: the unschedulable VM never
 * becomes Ready however long anyone waits.
 */
import assert from "node:assert/strict";
import { TestStack, changesIn, type ResourceDecl } from "./harness";

const unplaceable = (skipAwait: boolean): ResourceDecl => ({
    type: "VirtualMachine",
    name: "unplaceable",
    args: {
        metadata: { namespace: "default" },
        spec: {
            runStrategy: "Always",
            template: {
                spec: {
                    nodeSelector: { "pulumi-kubevirt.io/no-such-node": "true" },
                    domain: { memory: { guest: "128Mi" }, devices: {} },
                },
            },
        },
        timeouts: { create: 120 },
        ...(skipAwait ? { skipAwait: true } : {}),
    },
});

describe("skipAwait on a VirtualMachine skips the create's wait", function () {
    this.timeout(600_000);
    let s: TestStack;
    before(async () => {
        s = await TestStack.create("e2e-vm-skip-await");
    });
    after(async () => {
        if (s) await s.destroy();
    });

    const cases: { skipAwait: boolean; expect: string }[] = [
        { skipAwait: false, expect: "create fails naming ErrorUnschedulable" },
        { skipAwait: true, expect: "up succeeds; preview clean" },
    ];
    for (const c of cases) {
        it(`skipAwait ${c.skipAwait}: ${c.expect}`, async () => {
            await s.pulumi(["destroy", "--yes", "--skip-preview"]);
            s.declare([unplaceable(c.skipAwait)]);
            const r = await s.pulumi(["up", "--yes", "--skip-preview"]);
            const out = r.stdout + r.stderr;
            if (!c.skipAwait) {
                assert.notEqual(r.code, 0, out);
                assert.match(out, /unplaceable[\s\S]*ErrorUnschedulable/, out);
                return;
            }
            assert.equal(r.code, 0, out);
            assert.deepEqual(changesIn(await s.previewJson()), {});
        });
    }
});
