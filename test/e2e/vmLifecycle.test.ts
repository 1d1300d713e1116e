/**
 * The real pulumi CLI against the local cluster: each impact class previewed, performed, and
 * checked against what the cluster did (VM uid same for in-place, VMI uid changed for restart,
 * VMI uid same but node changed for migration, new VM uid for replace), then a second preview
 * that must show no changes.
 */
import assert from "node:assert/strict";
import { changesIn, stepFor, TestStack, type ResourceDecl } from "./harness";

const vm = (
    name: string,
    spec: Record<string, any>,
    extra: Record<string, any> = {},
): ResourceDecl => ({
    type: "VirtualMachine",
    name,
    args: { metadata: { namespace: "default" }, spec, ...extra },
});

const baseSpec = () => ({
    runStrategy: "Always",
    template: {
        metadata: { labels: { app: "e2e" } },
        spec: {
            domain: {
                cpu: { sockets: 2, cores: 1 },
                memory: { guest: "2Gi" },
                devices: {
                    disks: [{ name: "root", disk: { bus: "virtio" } }],
                    interfaces: [{ name: "default", masquerade: {} }],
                },
            },
            networks: [{ name: "default", pod: {} }],
            volumes: [
                { name: "root", containerDisk: { image: "quay.io/containerdisks/fedora:41" } },
            ],
        },
    },
});

async function vmState(s: TestStack, name: string) {
    const vm = await s.kube.get({
        apiVersion: "kubevirt.io/v1",
        kind: "VirtualMachine",
        name,
        namespace: "default",
    });
    const vmi = await s.kube.get({
        apiVersion: "kubevirt.io/v1",
        kind: "VirtualMachineInstance",
        name,
        namespace: "default",
    });
    return {
        vmUid: vm?.metadata.uid,
        vmiUid: vmi?.metadata.uid,
        node: (vmi?.status as any)?.nodeName as string | undefined,
        vm,
        vmi,
    };
}

async function expectNoChanges(s: TestStack): Promise<void> {
    const p = await s.previewJson();
    assert.deepEqual(
        changesIn(p),
        {},
        `second preview must show no changes: ${JSON.stringify(p.changeSummary)}`,
    );
}

describe("VirtualMachine lifecycle through the pulumi CLI", function () {
    this.timeout(600_000);
    let s: TestStack;
    const name = "vm-life";

    before(async () => {
        s = await TestStack.create("e2e-vm-life");
    });
    after(async () => {
        if (s) await s.destroy();
    });

    it("previews a create, creates a running VM, and a second preview shows no changes", async () => {
        s.declare([vm(name, baseSpec())]);
        const p = await s.previewJson();
        assert.equal(stepFor(p, name)?.op, "create");
        await s.up();
        const st = await vmState(s, name);
        assert.ok(st.vmUid && st.vmiUid, "VM and VMI exist");
        await expectNoChanges(s);
    });

    it("a label change is metadata-only: same VM and VMI", async () => {
        const before = await vmState(s, name);
        s.declare([
            vm(name, baseSpec(), { metadata: { namespace: "default", labels: { team: "a" } } }),
        ]);
        const p = await s.previewJson();
        assert.equal(stepFor(p, name)?.newState?.inputs?.plannedImpact?.impact, "metadata");
        await s.up();
        const after = await vmState(s, name);
        assert.equal(after.vmUid, before.vmUid);
        assert.equal(after.vmiUid, before.vmiUid);
        await expectNoChanges(s);
    });

    it("raising cpu.sockets live-migrates: same VMI, new node", async () => {
        const before = await vmState(s, name);
        const spec = baseSpec();
        spec.template.spec.domain.cpu.sockets = 4;
        s.declare([vm(name, spec, { metadata: { namespace: "default", labels: { team: "a" } } })]);
        const text = await s.previewText();
        assert.match(text, /will live-migrate/);
        assert.match(text, /sockets/);
        await s.up();
        const after = await vmState(s, name);
        assert.equal(after.vmiUid, before.vmiUid, "VMI kept (live)");
        assert.notEqual(after.node, before.node, "VMI moved to another node");
        await expectNoChanges(s);
    });

    it("changing cores needs a restart; restartPolicy onChange restarts: new VMI", async () => {
        const before = await vmState(s, name);
        const spec = baseSpec();
        spec.template.spec.domain.cpu.sockets = 4;
        spec.template.spec.domain.cpu.cores = 2;
        s.declare([
            vm(name, spec, {
                metadata: { namespace: "default", labels: { team: "a" } },
                restartPolicy: "onChange",
            }),
        ]);
        const p = await s.previewJson();
        assert.equal(stepFor(p, name)?.newState?.inputs?.plannedImpact?.impact, "restart");
        await s.up();
        const after = await vmState(s, name);
        assert.equal(after.vmUid, before.vmUid, "same VM");
        assert.notEqual(after.vmiUid, before.vmiUid, "new VMI (restarted)");
        await expectNoChanges(s);
    });

    it("renaming replaces: new VM uid", async () => {
        const before = await vmState(s, name);
        s.declare([
            vm(name, baseSpec(), { metadata: { namespace: "default", name: "vm-life-2" } }),
        ]);
        const p = await s.previewJson();
        const step = p.steps.find((x) => x.urn.endsWith(`::${name}`) && /replace/.test(x.op));
        assert.ok(step, "a replace step");
        assert.equal(
            step?.newState?.inputs?.plannedImpact?.impact,
            "replace",
            "the replacement's plan still says replace",
        );
        await s.up();
        const after = await vmState(s, "vm-life-2");
        assert.ok(after.vmUid && after.vmUid !== before.vmUid);
        assert.equal((await vmState(s, name)).vmUid, undefined, "old VM gone");
        await expectNoChanges(s);
    });
});
