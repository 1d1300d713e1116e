/**
 * KubeVirt's own admission (virt-api) judges the VM in preview: a VM that virt-api refuses fails
 * `pulumi preview` with a message naming the resource and the field, and `up` creates nothing.
 * Needs the real virt-api (the simulator has no admission).
 */
import assert from "node:assert/strict";
import { startCluster } from "./cluster";
import { TestStack, type ResourceDecl } from "./harness";

const vm = (name: string, disks: object[], volumes: object[]): ResourceDecl => ({
    type: "VirtualMachine",
    name,
    args: {
        metadata: { namespace: "default" },
        spec: {
            runStrategy: "Always",
            template: {
                spec: {
                    domain: { cpu: { sockets: 1 }, memory: { guest: "1Gi" }, devices: { disks } },
                    volumes,
                },
            },
        },
    },
});
const root = { name: "root", containerDisk: { image: "quay.io/containerdisks/fedora:41" } };

describe("KubeVirt admission in preview (real virt-api)", function () {
    this.timeout(600_000);
    let s: TestStack;
    before(async function () {
        if ((await startCluster()).kubevirt !== "real") {
            console.log(
                "      skipped: needs KubeVirt's real virt-api (the bed runs the simulated KubeVirt)",
            );
            this.skip();
        }
        s = await TestStack.create("e2e-vm-admission");
    });
    after(async () => {
        if (s) await s.destroy();
    });

    // A rule only virt-api knows (the provider's own checks catch a disk without a volume first).
    it("a disk on an unknown bus fails preview, naming the resource and the field; up creates nothing", async () => {
        s.declare([vm("bad-bus", [{ name: "root", disk: { bus: "floppy" } }], [root])]);
        const p = await s.pulumi(["preview"]);
        assert.notEqual(p.code, 0);
        const out = p.stdout + p.stderr;
        assert.match(out, /bad-bus/);
        assert.match(out, /spec\.template\.spec\.domain\.devices\.disks\[0\]/);
        assert.match(out, /admission/);
        const up = await s.pulumi(["up", "--yes", "--skip-preview"]);
        assert.notEqual(up.code, 0);
        assert.equal(
            await s.kube.get({
                apiVersion: "kubevirt.io/v1",
                kind: "VirtualMachine",
                name: "bad-bus",
                namespace: "default",
            }),
            undefined,
        );
    });

    it("the corrected VM previews and applies", async () => {
        s.declare([vm("bad-bus", [{ name: "root", disk: { bus: "virtio" } }], [root])]);
        await s.previewJson();
        await s.up();
        assert.ok(
            await s.kube.get({
                apiVersion: "kubevirt.io/v1",
                kind: "VirtualMachine",
                name: "bad-bus",
                namespace: "default",
            }),
        );
    });
});
