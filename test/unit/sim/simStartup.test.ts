import assert from "node:assert/strict";
import * as K from "../../../sim/kinds";
import { waitFor } from "./fakeKube";
import { cond, simHarness, status, vm } from "./helpers";

describe("sim in-process: startup and VM start", function () {
    this.timeout(15000);
    const h = simHarness();
    beforeEach(() => h.start());

    it("creates the fake nodes, Ready", async () => {
        const nodes = h.kube.all(K.Node);
        assert.deepEqual(nodes.map((n) => n.metadata.name).sort(), ["node-a", "node-b", "node-c"]);
        assert.equal(nodes[0]!.metadata.labels?.["kubernetes.io/arch"], "amd64");
        assert.equal(cond(nodes[0], "Ready")?.status, "True");
    });

    it("starts a VM with runStrategy Always and reports it Running", async () => {
        await h.kube.create(vm("a"));
        const vmi = await waitFor("VMI Running", () => {
            const v = h.kube.peek(K.Vmi, "default/a");
            return status(v).phase === "Running" && v;
        });
        assert.ok(status(vmi).nodeName);
        assert.equal(cond(vmi, "LiveMigratable")?.status, "True");
        assert.equal(vmi.spec && (vmi.spec as any).domain.cpu.maxSockets, 4);
        const v = await waitFor("VM Running", () => {
            const o = h.kube.peek(K.Vm, "default/a");
            return status(o).printableStatus === "Running" && o;
        });
        assert.equal(status(v).ready, true);
        assert.ok(v.metadata.finalizers?.includes("kubevirt.io/virtualMachineControllerFinalize"));
        assert.equal(v.metadata.annotations?.["kubevirt.io/latest-observed-api-version"], "v1");
        assert.equal((v.spec as any).template.spec.domain.machine.type, "q35");
        assert.match((v.spec as any).template.spec.domain.firmware.uuid, /^[0-9a-f-]{36}$/);
        const revs = h.kube.all(K.ControllerRevision);
        assert.equal(revs.length, 1);
        assert.match(revs[0]!.metadata.name!, /^revision-start-vm-.*-2$/);
    });
});
