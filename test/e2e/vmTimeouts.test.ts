/**
 * The user's `timeouts.update` bounds every wait of a VM update: with a migration the simulator
 * holds back, the update fails when the user's 5 s run out (not after a private 30 s deadline),
 * naming the wait and quoting the budget. No duration is asserted: the message says which budget
 * ended the wait.
 */
import assert from "node:assert/strict";
import { TestStack, type ResourceDecl } from "./harness";

const vm = (sockets: number, update: number): ResourceDecl => ({
    type: "VirtualMachine",
    name: "held",
    args: {
        metadata: { namespace: "default" },
        spec: {
            runStrategy: "Always",
            template: {
                metadata: { annotations: { "sim.pulumi-kubevirt.io/hold-migration": "true" } },
                // masquerade: live-migratable, so a sockets change plans a live migration.
                spec: {
                    domain: {
                        cpu: { sockets },
                        memory: { guest: "1Gi" },
                        devices: { interfaces: [{ name: "default", masquerade: {} }] },
                    },
                    networks: [{ name: "default", pod: {} }],
                },
            },
        },
        timeouts: { update },
    },
});

describe("timeouts.update bounds the waits of a VM update", function () {
    this.timeout(600_000);
    let s: TestStack;
    before(async () => {
        s = await TestStack.create("e2e-vm-timeouts");
    });
    after(async () => {
        if (s) await s.destroy();
    });

    it("fails a held-back migration within the user's 5 s, naming the wait and the budget", async () => {
        s.declare([vm(1, 5)]);
        await s.up();
        s.declare([vm(2, 5)]);
        const r = await s.pulumi(["up", "--yes", "--skip-preview"]);
        assert.notEqual(r.code, 0);
        const out = r.stdout + r.stderr;
        assert.match(
            out,
            /timed out after \d+s waiting for (migration \S+ of held|KubeVirt to start a migration of held) \(timeouts\.update: 5s\)/,
            out,
        );
    });
});
