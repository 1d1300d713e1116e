import assert from "node:assert/strict";
import type { KubeObject } from "../../../provider/k8s/client";
import * as K from "../../../sim/kinds";
import { waitFor } from "./fakeKube";
import { cond, simHarness, status, vm } from "./helpers";

describe("sim in-process: KubeVirt flows", function () {
    this.timeout(20000);
    const h = simHarness();
    const start = (cfg: Record<string, unknown> = {}): Promise<void> => h.start(cfg);

    const getVm = (n: string): KubeObject | undefined => h.kube.peek(K.Vm, `default/${n}`);
    const getVmi = (n: string): KubeObject | undefined => h.kube.peek(K.Vmi, `default/${n}`);
    const vmPrintable = (n: string, s: string): Promise<KubeObject> =>
        waitFor(`VM ${n} ${s}`, () => status(getVm(n)).printableStatus === s && getVm(n));
    async function patchVm(n: string, f: (spec: any) => void): Promise<void> {
        const spec = JSON.parse(JSON.stringify(getVm(n)!.spec));
        f(spec);
        await h.kube.mergePatch(K.refTo(K.Vm, `default/${n}`), { spec });
    }

    it("hot-plugs a CPU socket by live migration: same VMI uid, new node, no RestartRequired", async () => {
        await start();
        await h.kube.create(vm("cpu"));
        const before = (await vmPrintable("cpu", "Running")) && getVmi("cpu")!;
        await patchVm("cpu", (s) => (s.template.spec.domain.cpu.sockets = 2));
        const mig = await waitFor("migration Succeeded", () =>
            h.kube.all(K.Vmim).find((m) => status(m).phase === "Succeeded"),
        );
        assert.match(mig.metadata.name!, /^kubevirt-workload-update-/);
        assert.equal(mig.metadata.labels?.["kubevirt.io/vmi-name"], "cpu");
        const after = await waitFor("HotVCPUChange cleared", () => {
            const v = getVmi("cpu");
            return !cond(v, "HotVCPUChange") && status(v).currentCPUTopology?.sockets === 2 && v;
        });
        assert.equal(after.metadata.uid, before.metadata.uid);
        assert.notEqual(status(after).nodeName, status(before).nodeName);
        assert.equal(status(after).migrationState.completed, true);
        const phases = status(mig).phaseTransitionTimestamps.map((p: { phase: string }) => p.phase);
        assert.deepEqual(phases, [
            "Pending",
            "Scheduling",
            "Scheduled",
            "PreparingTarget",
            "TargetReady",
            "Running",
            "Succeeded",
        ]);
        await waitFor(
            "VM back to Running without RestartRequired",
            () =>
                status(getVm("cpu")).printableStatus === "Running" &&
                !cond(getVm("cpu"), "RestartRequired"),
        );
    });

    it("sets RestartRequired for a non-live change and clears it when reverted", async () => {
        await start();
        await h.kube.create(vm("rr"));
        await vmPrintable("rr", "Running");
        await patchVm("rr", (s) => (s.template.spec.domain.cpu.cores = 2));
        const c = await waitFor("RestartRequired", () => cond(getVm("rr"), "RestartRequired"));
        assert.equal(c.status, "True");
        assert.equal(c.message, "a non-live-updatable field was changed in the template spec");
        await patchVm("rr", (s) => (s.template.spec.domain.cpu.cores = 1));
        await waitFor("RestartRequired cleared", () => !cond(getVm("rr"), "RestartRequired"));
        assert.equal(h.kube.all(K.Vmim).length, 0);
    });

    it("does not propagate a live change while RestartRequired is set", async () => {
        await start();
        await h.kube.create(vm("mixed"));
        await vmPrintable("mixed", "Running");
        await patchVm("mixed", (s) => {
            s.template.spec.domain.cpu.cores = 2;
            s.template.spec.domain.cpu.sockets = 2;
        });
        await waitFor("RestartRequired", () => cond(getVm("mixed"), "RestartRequired"));
        await new Promise((r) => setTimeout(r, 100));
        assert.equal((getVmi("mixed")!.spec as any).domain.cpu.sockets, 1);
        assert.equal(h.kube.all(K.Vmim).length, 0);
    });

    it("patches nodeSelector into the VMI without migrating", async () => {
        await start();
        await h.kube.create(vm("ns1"));
        await vmPrintable("ns1", "Running");
        await patchVm(
            "ns1",
            (s) => (s.template.spec.nodeSelector = { "kubernetes.io/hostname": "node-c" }),
        );
        await waitFor(
            "VMI nodeSelector",
            () =>
                (getVmi("ns1")!.spec as any).nodeSelector?.["kubernetes.io/hostname"] === "node-c",
        );
        await new Promise((r) => setTimeout(r, 100));
        assert.equal(h.kube.all(K.Vmim).length, 0);
        assert.ok(!cond(getVm("ns1"), "RestartRequired"));
    });

    it("needs a restart to reduce CPU sockets", async () => {
        await start();
        await h.kube.create(vm("dec", {}, {}));
        await vmPrintable("dec", "Running");
        await patchVm("dec", (s) => (s.template.spec.domain.cpu.sockets = 2));
        await waitFor(
            "socket hotplugged",
            () => status(getVmi("dec")).currentCPUTopology?.sockets === 2,
        );
        await patchVm("dec", (s) => (s.template.spec.domain.cpu.sockets = 1));
        const c = await waitFor("RestartRequired", () => cond(getVm("dec"), "RestartRequired"));
        assert.equal(c.message, "Reduction of CPU socket count requires a restart");
    });

    it("stops the VMI for Halted and reports Stopped", async () => {
        await start();
        await h.kube.create(vm("h"));
        await vmPrintable("h", "Running");
        await patchVm("h", (s) => (s.runStrategy = "Halted"));
        await vmPrintable("h", "Stopped");
        assert.equal(getVmi("h"), undefined);
        assert.equal(status(getVm("h")).ready, false);
    });

    it("recreates a deleted VMI (runStrategy Always) with a new uid", async () => {
        await start();
        await h.kube.create(vm("re"));
        await vmPrintable("re", "Running");
        const uid = getVmi("re")!.metadata.uid;
        await h.kube.delete(K.refTo(K.Vmi, "default/re"));
        const fresh = await waitFor("new VMI Running", () => {
            const v = getVmi("re");
            return v && v.metadata.uid !== uid && status(v).phase === "Running" && v;
        });
        assert.notEqual(fresh.metadata.uid, uid);
    });

    it("honours a restart requested through status.stateChangeRequests", async () => {
        await start();
        await h.kube.create(vm("sr"));
        await vmPrintable("sr", "Running");
        const uid = getVmi("sr")!.metadata.uid;
        await h.kube.mergePatch(
            K.refTo(K.Vm, "default/sr"),
            { status: { stateChangeRequests: [{ action: "Stop", uid }, { action: "Start" }] } },
            "status",
        );
        await waitFor(
            "restarted VMI Running",
            () => getVmi("sr")?.metadata.uid !== uid && status(getVmi("sr")).phase === "Running",
        );
        await waitFor("requests trimmed", () => !status(getVm("sr")).stateChangeRequests);
    });

    it("deletes a VM: VMI first, then the finalizer, then owned DataVolumes and claims (GC)", async () => {
        await start();
        const spec = {
            dataVolumeTemplates: [
                {
                    metadata: { name: "gc-root" },
                    spec: {
                        source: { blank: {} },
                        storage: { resources: { requests: { storage: "1Gi" } } },
                    },
                },
            ],
        };
        const obj = vm("gc", spec);
        (obj.spec as any).template.spec.volumes = [
            { name: "root", dataVolume: { name: "gc-root" } },
        ];
        await h.kube.create(obj);
        await vmPrintable("gc", "Running");
        const dv = h.kube.peek(K.Dv, "default/gc-root")!;
        assert.equal(dv.metadata.labels?.["kubevirt.io/created-by"], getVm("gc")!.metadata.uid);
        assert.equal(dv.metadata.annotations?.["cdi.kubevirt.io/allowClaimAdoption"], "true");
        await h.kube.delete(K.refTo(K.Vm, "default/gc"));
        await waitFor("VM gone", () => !getVm("gc"));
        await waitFor(
            "DV and PVC gone",
            () => !h.kube.peek(K.Dv, "default/gc-root") && !h.kube.peek(K.Pvc, "default/gc-root"),
        );
        assert.equal(getVmi("gc"), undefined);
        assert.equal(h.kube.all(K.ControllerRevision).length, 0);
    });

    it("completes a Foreground deletion (no kube-controller-manager)", async () => {
        await start();
        await h.kube.create(vm("fg"));
        await vmPrintable("fg", "Running");
        await h.kube.delete(K.refTo(K.Vm, "default/fg"), { propagationPolicy: "Foreground" });
        await waitFor("VM gone", () => !getVm("fg") && !getVmi("fg"));
    });

    it("waits for a WaitForFirstConsumer DataVolume, then imports once the VMI exists", async () => {
        await start();
        const spec = {
            dataVolumeTemplates: [
                {
                    metadata: { name: "w-root" },
                    spec: {
                        source: { http: { url: "http://x/y.img" } },
                        storage: {
                            storageClassName: "wffc",
                            resources: { requests: { storage: "1Gi" } },
                        },
                    },
                },
            ],
        };
        const obj = vm("w", spec);
        (obj.spec as any).template.spec.volumes = [
            { name: "root", dataVolume: { name: "w-root" } },
        ];
        const phases = new Set<string>();
        const stopWatch = new AbortController();
        void h.kube.watch(
            K.Dv.apiVersion,
            K.Dv.kind,
            undefined,
            {},
            (ev) => void phases.add(status(ev.object).phase),
            stopWatch.signal,
        );
        await h.kube.create(obj);
        await vmPrintable("w", "Running");
        stopWatch.abort();
        assert.ok(phases.has("WaitForFirstConsumer"), [...phases].join());
        assert.equal(status(h.kube.peek(K.Dv, "default/w-root")).phase, "Succeeded");
        assert.equal(status(h.kube.peek(K.Pvc, "default/w-root")).phase, "Bound");
    });

    it("reports ErrorUnschedulable when no node matches", async () => {
        await start();
        const obj = vm("u");
        (obj.spec as any).template.spec.nodeSelector = { "kubernetes.io/hostname": "node-z" };
        await h.kube.create(obj);
        await vmPrintable("u", "ErrorUnschedulable");
        assert.equal(status(getVmi("u")).phase, "Scheduling");
    });

    it("rejects a migration of a non-migratable VMI (pod bridge binding)", async () => {
        await start();
        const obj = vm("nb");
        (obj.spec as any).template.spec.domain.devices.interfaces = [
            { name: "default", bridge: {} },
        ];
        (obj.spec as any).template.spec.networks = [{ name: "default", pod: {} }];
        await h.kube.create(obj);
        await vmPrintable("nb", "Running");
        assert.equal(cond(getVmi("nb"), "LiveMigratable")?.reason, "InterfaceNotLiveMigratable");
        await h.kube.create({
            apiVersion: K.Vmim.apiVersion,
            kind: K.Vmim.kind,
            metadata: { name: "m1", namespace: "default" },
            spec: { vmiName: "nb" },
        });
        const m = await waitFor(
            "migration Failed",
            () =>
                status(h.kube.peek(K.Vmim, "default/m1")).phase === "Failed" &&
                h.kube.peek(K.Vmim, "default/m1"),
        );
        assert.match(
            cond(m, "Failed")?.message,
            /^Cannot migrate VMI, Reason: InterfaceNotLiveMigratable/,
        );
    });

    it("hot-plugs a bridge NIC via MigrationRequired and a migration", async () => {
        await start();
        await h.kube.create(vm("nic"));
        await vmPrintable("nic", "Running");
        await patchVm("nic", (s) => {
            s.template.spec.domain.devices.interfaces = [
                { name: "default", masquerade: {} },
                { name: "sec", bridge: {} },
            ];
            s.template.spec.networks = [
                { name: "default", pod: {} },
                { name: "sec", multus: { networkName: "default/br" } },
            ];
        });
        await waitFor("interface attached after migration", () =>
            (status(getVmi("nic")).interfaces ?? []).some(
                (i: { name: string }) => i.name === "sec",
            ),
        );
        assert.ok(!cond(getVmi("nic"), "MigrationRequired"));
        assert.ok(!cond(getVm("nic"), "RestartRequired"));
    });

    it("under Stage, a CPU change needs a restart and nothing migrates", async () => {
        await start({ rolloutStrategy: "Stage" });
        await h.kube.create(vm("st"));
        await vmPrintable("st", "Running");
        assert.equal((getVmi("st")!.spec as any).domain.cpu.maxSockets, undefined);
        await patchVm("st", (s) => (s.template.spec.domain.cpu.sockets = 2));
        await waitFor("RestartRequired", () => cond(getVm("st"), "RestartRequired"));
        assert.equal(h.kube.all(K.Vmim).length, 0);
    });
});
