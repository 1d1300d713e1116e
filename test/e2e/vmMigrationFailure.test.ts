/**
 * A live migration that KubeVirt refuses: the update fails with the migration's reason, names
 * the VM, and the VM keeps running on its node (nothing restarted behind the user's back).
 */
import assert from "node:assert/strict";
import { TestStack, type ResourceDecl } from "./harness";

const vm = (sockets: number): ResourceDecl => ({
    type: "VirtualMachine",
    name: "stuck",
    args: {
        metadata: { namespace: "default" },
        spec: {
            runStrategy: "Always",
            template: {
                metadata: {
                    annotations: {
                        "sim.pulumi-kubevirt.io/refuse-migration":
                            "no node has capacity for the target pod",
                    },
                },
                // masquerade: KubeVirt's default pod-network binding (bridge) is not live-migratable,
                // and a VM that cannot migrate is planned as a restart, not a migration.
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
        timeouts: { update: 120 },
    },
});

describe("A refused live migration through the pulumi CLI", function () {
    this.timeout(600_000);
    let s: TestStack;
    before(async () => {
        s = await TestStack.create("e2e-vm-migration-refused");
    });
    after(async () => {
        if (s) await s.destroy();
    });

    it("fails the update with the migration's reason and leaves the VMI where it was", async () => {
        s.declare([vm(1)]);
        await s.up();
        const ref = {
            apiVersion: "kubevirt.io/v1",
            kind: "VirtualMachineInstance",
            name: "stuck",
            namespace: "default",
        };
        const before = await s.kube.get(ref);
        s.declare([vm(2)]);
        const r = await s.pulumi(["up", "--yes", "--skip-preview"]);
        assert.notEqual(r.code, 0);
        assert.match(r.stdout + r.stderr, /migration .* of stuck failed: .*no node has capacity/);
        const after = await s.kube.get(ref);
        assert.equal(after?.metadata.uid, before?.metadata.uid, "not restarted");
        assert.equal(
            (after?.status as any)?.nodeName,
            (before?.status as any)?.nodeName,
            "still on its node",
        );
    });
});
