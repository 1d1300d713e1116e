/**
 * VM behaviour beyond the impact classes: power state as declared state, restartPolicy never,
 * refresh seeing drift and out-of-band deletion, secrets kept out of state, and a failed create
 * that the next `up` recovers without orphaning anything.
 */
import assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { changesIn, stepFor, TestStack, type ResourceDecl } from "./harness";

const ns = "default";
const spec = (runStrategy: string, cores = 1) => ({
    runStrategy,
    template: {
        spec: {
            domain: {
                cpu: { sockets: 1, cores },
                memory: { guest: "1Gi" },
                devices: { disks: [{ name: "root", disk: { bus: "virtio" } }] },
            },
            volumes: [
                { name: "root", containerDisk: { image: "quay.io/containerdisks/fedora:41" } },
            ],
        },
    },
});
const vm = (name: string, s: object, extra: object = {}): ResourceDecl => ({
    type: "VirtualMachine",
    name,
    args: { metadata: { namespace: ns }, spec: s, ...extra },
});
const ref = (kind: string, name: string) => ({
    apiVersion: "kubevirt.io/v1",
    kind,
    name,
    namespace: ns,
});

async function noChanges(s: TestStack) {
    assert.deepEqual(changesIn(await s.previewJson()), {});
}

describe("VirtualMachine behaviour through the pulumi CLI", function () {
    this.timeout(600_000);
    let s: TestStack;
    before(async () => {
        s = await TestStack.create("e2e-vm-behaviour");
    });
    after(async () => {
        if (s) await s.destroy();
    });

    it("runStrategy is declared state: Halted → Always starts, Always → Halted stops", async () => {
        s.declare([vm("power", spec("Halted"))]);
        await s.up();
        assert.equal(
            await s.kube.get(ref("VirtualMachineInstance", "power")),
            undefined,
            "Halted: no VMI",
        );
        s.declare([vm("power", spec("Always"))]);
        const p = await s.previewJson();
        assert.equal(stepFor(p, "power")?.newState?.inputs?.plannedImpact?.impact, "live");
        await s.up();
        assert.equal(
            ((await s.kube.get(ref("VirtualMachineInstance", "power"))) as any)?.status?.phase,
            "Running",
        );
        s.declare([vm("power", spec("Halted"))]);
        await s.up();
        assert.equal(
            await s.kube.get(ref("VirtualMachineInstance", "power")),
            undefined,
            "stopped again",
        );
        await noChanges(s);
    });

    it("restartPolicy never: applies, keeps the VMI, reports restartRequired", async () => {
        s.declare([vm("power", spec("Halted")), vm("pending", spec("Always"))]);
        await s.up();
        const before = await s.kube.get(ref("VirtualMachineInstance", "pending"));
        s.declare([vm("power", spec("Halted")), vm("pending", spec("Always", 2))]);
        await s.up();
        const after = await s.kube.get(ref("VirtualMachineInstance", "pending"));
        assert.equal(after?.metadata.uid, before?.metadata.uid, "not restarted");
        const out = await s.outputs();
        assert.equal(out.resources.pending.restartRequired, true);
        assert.match(out.resources.pending.lastUpdate.outcome, /as planned/);
        await noChanges(s);
    });

    it("refresh sees out-of-band drift, and the next up puts it back", async () => {
        await s.kube.mergePatch(ref("VirtualMachine", "pending"), {
            spec: { runStrategy: "Halted" },
        });
        await s.must(["refresh", "--yes", "--skip-preview"]);
        const p = await s.previewJson();
        assert.equal(
            stepFor(p, "pending")?.op,
            "update",
            "drift shows as an update back to the declared state",
        );
        await s.up();
        assert.equal(
            ((await s.kube.get(ref("VirtualMachine", "pending"))) as any).spec.runStrategy,
            "Always",
        );
        await noChanges(s);
    });

    it("refresh notices a VM deleted out of band, and up recreates it", async () => {
        await s.kube.delete(ref("VirtualMachine", "power"));
        for (let i = 0; i < 40 && (await s.kube.get(ref("VirtualMachine", "power"))); i++)
            await new Promise((r) => setTimeout(r, 250));
        await s.must(["refresh", "--yes", "--skip-preview"]);
        const p = await s.previewJson();
        assert.equal(stepFor(p, "power")?.op, "create");
        await s.up();
        assert.ok(await s.kube.get(ref("VirtualMachine", "power")));
        await noChanges(s);
    });

    it("cloud-init data is a Secret in the cluster and ciphertext in state", async () => {
        s.declare([
            vm("power", spec("Halted")),
            vm("pending", spec("Always", 2)),
            vm("ci", spec("Halted"), {
                cloudInit: { userData: "#cloud-config\npassword: s3cr3t-bed" },
            }),
        ]);
        await s.up();
        const secret = await s.kube.get({
            apiVersion: "v1",
            kind: "Secret",
            name: "ci-cloudinit",
            namespace: ns,
        });
        assert.ok(secret, "Secret created");
        const vmObj = await s.kube.get(ref("VirtualMachine", "ci"));
        assert.doesNotMatch(JSON.stringify(vmObj), /s3cr3t-bed/, "not in the VM spec");
        const state = (await s.must(["stack", "export"])).stdout;
        assert.doesNotMatch(state, /s3cr3t-bed/, "not in plaintext state");
        await noChanges(s);
    });

    it("a create that fails its wait is kept in state, and the next up finishes it", async () => {
        s.declare([
            vm("power", spec("Halted")),
            vm("pending", spec("Always", 2)),
            vm("ci", spec("Halted"), {
                cloudInit: { userData: "#cloud-config\npassword: s3cr3t-bed" },
            }),
            vm(
                "unsched",
                {
                    ...spec("Always"),
                    template: {
                        spec: {
                            ...spec("Always").template.spec,
                            nodeSelector: { "kubernetes.io/hostname": "no-such-node" },
                        },
                    },
                },
                { timeouts: { create: 10 } },
            ),
        ]);
        const r = await s.pulumi(["up", "--yes", "--skip-preview"]);
        assert.notEqual(r.code, 0);
        assert.match(r.stdout + r.stderr, /VirtualMachine default\/unsched/);
        const state = JSON.parse((await s.must(["stack", "export"])).stdout);
        assert.ok(
            state.deployment.resources.some((x: any) => x.urn.endsWith("::unsched")),
            "partially created VM is in state, not orphaned",
        );
        s.declare([
            vm("power", spec("Halted")),
            vm("pending", spec("Always", 2)),
            vm("ci", spec("Halted"), {
                cloudInit: { userData: "#cloud-config\npassword: s3cr3t-bed" },
            }),
            vm("unsched", spec("Always"), { restartPolicy: "onChange" }),
        ]);
        const p = await s.previewJson();
        assert.equal(
            stepFor(p, "unsched")?.newState?.inputs?.plannedImpact?.impact,
            "restart",
            "an unscheduled VMI only picks up the fix through a restart",
        );
        await s.up();
        assert.equal(
            ((await s.kube.get(ref("VirtualMachineInstance", "unsched"))) as any)?.status?.phase,
            "Running",
        );
        await noChanges(s);
    });

    it("bad input fails check with the property named, and nothing reaches the cluster", async () => {
        s.declare([
            vm("bad", {
                runStrategy: "Sometimes",
                template: { spec: { domain: { devices: {} } } },
            }),
        ]);
        const r = await s.pulumi(["preview"]);
        assert.notEqual(r.code, 0);
        assert.match(r.stdout + r.stderr, /runStrategy/);
        assert.equal(await s.kube.get(ref("VirtualMachine", "bad")), undefined);
        fs.rmSync(path.join(s.dir, "program.json"));
        s.declare([
            vm("power", spec("Halted")),
            vm("pending", spec("Always", 2)),
            vm("ci", spec("Halted"), {
                cloudInit: { userData: "#cloud-config\npassword: s3cr3t-bed" },
            }),
            vm("unsched", spec("Always"), { restartPolicy: "onChange" }),
        ]);
    });
});
