/**
 * VirtualMachineSnapshot, VirtualMachineRestore and VirtualMachineClone through the real pulumi
 * CLI against KubeVirt's REAL snapshot, restore and clone controllers (in virt-controller). The
 * simulator plays only the storage underneath: the CSI snapshotter (VolumeSnapshots become
 * readyToUse) and the provisioner (claims restored from a snapshot get Bound). The test creates
 * the StorageClass and VolumeSnapshotClass KubeVirt looks for: claim → StorageClass →
 * provisioner → the VolumeSnapshotClass of that driver.
 *
 * One VM on a blank DataVolume is snapshotted while running (no guest agent, so no freeze),
 * stopped through the stack and restored in place (KubeVirt refuses to restore a running target;
 * `targetReadinessPolicy: StopTarget` would stop it through virt-api's stop subresource), and
 * cloned; each step is one `pulumi up` and ends with a preview that must show no changes. A
 * snapshot spec change previews a replacement.
 * With the simulated KubeVirt (no snapshot controllers) the suite is skipped.
 */
import assert from "node:assert/strict";
import { startCluster } from "./cluster";
import { changesIn, stepFor, TestStack, type ResourceDecl } from "./harness";
import type { KubeClient, KubeObject, ObjectRef } from "../../provider/k8s/client";

const ns = "default";
const driver = "csi.sim.pulumi-kubevirt.io";
const storageClass = {
    apiVersion: "storage.k8s.io/v1",
    kind: "StorageClass",
    metadata: { name: "e2e-snap-csi" },
    provisioner: driver,
    volumeBindingMode: "Immediate",
};
const snapshotClass = {
    apiVersion: "snapshot.storage.k8s.io/v1",
    kind: "VolumeSnapshotClass",
    driver,
    deletionPolicy: "Delete",
    metadata: {
        name: "e2e-snap-csi",
        annotations: { "snapshot.storage.kubernetes.io/is-default-class": "true" },
    },
};
const vmGroup = { apiGroup: "kubevirt.io", kind: "VirtualMachine" };
const ref = (apiVersion: string, kind: string, name: string): ObjectRef => ({
    apiVersion,
    kind,
    namespace: ns,
    name,
});
const vmRef = (name: string) => ref("kubevirt.io/v1", "VirtualMachine", name);
const snapRef = (name: string) =>
    ref("snapshot.kubevirt.io/v1beta1", "VirtualMachineSnapshot", name);
const pvcRef = (name: string) => ref("v1", "PersistentVolumeClaim", name);
const st = (o: KubeObject | undefined): Record<string, any> =>
    (o?.status ?? {}) as Record<string, any>;
const decl = (type: string, name: string, spec: Record<string, any>): ResourceDecl => ({
    type,
    name,
    args: { metadata: { namespace: ns }, spec },
});

const disk = decl("DataVolume", "snap-disk", {
    source: { blank: {} },
    storage: {
        storageClassName: storageClass.metadata.name,
        resources: { requests: { storage: "1Gi" } },
    },
});
const vm = (runStrategy: string) =>
    decl("VirtualMachine", "snap-vm", {
        runStrategy,
        template: {
            spec: {
                domain: {
                    memory: { guest: "1Gi" },
                    devices: { disks: [{ name: "data", disk: { bus: "virtio" } }] },
                },
                volumes: [{ name: "data", dataVolume: { name: "snap-disk" } }],
            },
        },
    });
const snapshot = (extra: Record<string, any> = {}) =>
    decl("VirtualMachineSnapshot", "snap-1", { source: { ...vmGroup, name: "snap-vm" }, ...extra });
const restore = decl("VirtualMachineRestore", "restore-1", {
    target: { ...vmGroup, name: "snap-vm" },
    virtualMachineSnapshotName: "snap-1",
});
const clone = decl("VirtualMachineClone", "clone-1", {
    source: { ...vmGroup, name: "snap-vm" },
    target: { ...vmGroup, name: "snap-vm-clone" },
});

async function expectNoChanges(s: TestStack): Promise<void> {
    const p = await s.previewJson();
    assert.deepEqual(
        changesIn(p),
        {},
        `a second preview must show no changes: ${JSON.stringify(p.changeSummary)}`,
    );
}

async function waitUntil<T>(
    what: string,
    fn: () => Promise<T | undefined | false>,
    timeoutMs = 60_000,
): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const v = await fn().catch(() => undefined);
        if (v) return v;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 500));
    }
}

/** Deletes `r` if present and waits until it is gone. */
async function deleteAndWait(kube: KubeClient, r: ObjectRef): Promise<void> {
    await kube.delete(r, { propagationPolicy: "Background" }).catch(() => undefined);
    await waitUntil(`${r.kind} ${r.name} to be deleted`, async () => !(await kube.get(r)));
}

describe("Snapshot, restore and clone through the pulumi CLI (KubeVirt's real controllers)", function () {
    this.timeout(600_000);
    let s: TestStack | undefined;
    let destroyed = false;
    const decls: ResourceDecl[] = [];
    const up = async (...more: ResourceDecl[]) => {
        decls.push(...more);
        s!.declare(decls);
        await s!.up();
    };
    const redeclare = (d: ResourceDecl) =>
        decls.splice(
            decls.findIndex((x) => x.name === d.name),
            1,
            d,
        );

    before(async function () {
        const cluster = await startCluster();
        if (cluster.kubevirt !== "real") {
            console.log(
                `      skipped: the bed runs the simulated KubeVirt (${cluster.kubevirt}), which has no snapshot, restore or clone controllers; these tests need the real virt-controller (see bed/README.md)`,
            );
            this.skip();
        }
        s = await TestStack.create("e2e-snapshot-restore-clone");
        await s.kube.apply(storageClass as any, { force: true });
        await s.kube.apply(snapshotClass as any, { force: true });
    });
    after(async () => {
        if (!s) return;
        if (!destroyed) await s.destroy();
        // The clone's target VM is KubeVirt's, not the stack's (its restored claim goes with it).
        await deleteAndWait(s.kube, vmRef("snap-vm-clone"));
        await s.kube
            .delete({
                apiVersion: snapshotClass.apiVersion,
                kind: snapshotClass.kind,
                name: snapshotClass.metadata.name,
            })
            .catch(() => undefined);
        await s.kube
            .delete({
                apiVersion: storageClass.apiVersion,
                kind: storageClass.kind,
                name: storageClass.metadata.name,
            })
            .catch(() => undefined);
    });

    it("runs a VM on a DataVolume whose volume KubeVirt reports as snapshot-capable", async () => {
        await up(disk, vm("Always"));
        const live = await waitUntil("volumeSnapshotStatuses", async () => {
            const v = await s!.kube.get(vmRef("snap-vm"));
            return st(v).volumeSnapshotStatuses?.length && v;
        });
        assert.deepEqual(st(live).volumeSnapshotStatuses, [{ name: "data", enabled: true }]);
        await expectNoChanges(s!);
    });

    it("snapshots the running VM: ready to use, online without guest agent, one ready VolumeSnapshot", async () => {
        await up(snapshot());
        const snap = await s!.kube.get(snapRef("snap-1"));
        assert.equal(st(snap).phase, "Succeeded");
        assert.equal(st(snap).readyToUse, true);
        assert.deepEqual(st(snap).indications, ["NoGuestAgent", "Online"]);
        assert.deepEqual(st(snap).snapshotVolumes?.includedVolumes, ["data"]);
        const vsName = `vmsnapshot-${snap?.metadata.uid}-volume-data`;
        const vs = await s!.kube.get(ref("snapshot.storage.k8s.io/v1", "VolumeSnapshot", vsName));
        assert.equal(st(vs).readyToUse, true, "the CSI snapshot is ready");
        assert.equal((vs?.spec as any)?.volumeSnapshotClassName, snapshotClass.metadata.name);
        assert.equal((vs?.spec as any)?.source?.persistentVolumeClaimName, "snap-disk");
        const out = (await s!.outputs()).resources?.["snap-1"]?.status;
        assert.equal(out?.readyToUse, true);
        assert.equal(out?.contentName, st(snap).virtualMachineSnapshotContentName);
        await expectNoChanges(s!);
    });

    it("restores the stopped VM in place: its disk is now a claim restored from the VolumeSnapshot", async () => {
        redeclare(vm("Halted"));
        await up();
        await up(restore);
        const r = await s!.kube.get(
            ref("snapshot.kubevirt.io/v1beta1", "VirtualMachineRestore", "restore-1"),
        );
        assert.equal(st(r).complete, true);
        // JSON key "persistentVolumeClaim" holds the claim name (Go field PersistentVolumeClaimName).
        const restored = st(r).restores?.[0];
        assert.equal(restored?.volumeName, "data");
        const v = await s!.kube.get(vmRef("snap-vm"));
        assert.equal(
            (v?.spec as any).runStrategy,
            "Halted",
            "the restore keeps the target's run strategy",
        );
        assert.deepEqual((v?.spec as any).template.spec.volumes, [
            { name: "data", persistentVolumeClaim: { claimName: restored?.persistentVolumeClaim } },
        ]);
        const pvc = await waitUntil("restored claim Bound", async () => {
            const p = await s!.kube.get(pvcRef(restored?.persistentVolumeClaim));
            return st(p).phase === "Bound" && p;
        });
        assert.deepEqual((pvc.spec as any).dataSource, {
            apiGroup: "snapshot.storage.k8s.io",
            kind: "VolumeSnapshot",
            name: restored?.volumeSnapshotName,
        });
        assert.equal((await s!.outputs()).resources?.["restore-1"]?.status?.complete, true);
        await expectNoChanges(s!);
    });

    it("clones the VM: Succeeded, the target VM exists (stopped) on its own restored claim, temporary objects gone", async () => {
        await up(clone);
        const c = await s!.kube.get(
            ref("clone.kubevirt.io/v1beta1", "VirtualMachineClone", "clone-1"),
        );
        assert.equal(st(c).phase, "Succeeded");
        assert.equal(st(c).targetName, "snap-vm-clone");
        const target = await s!.kube.get(vmRef("snap-vm-clone"));
        assert.ok(target, "the target VM exists");
        assert.equal(
            (target.spec as any).runStrategy,
            "Halted",
            "KubeVirt creates a new restore or clone target stopped (RunStrategy Halted)",
        );
        const claim = (target.spec as any).template.spec.volumes[0]?.persistentVolumeClaim
            ?.claimName;
        const sourceClaim = ((await s!.kube.get(vmRef("snap-vm")))?.spec as any).template.spec
            .volumes[0]?.persistentVolumeClaim?.claimName;
        assert.ok(
            claim && claim !== sourceClaim,
            `the clone has its own claim (${claim}), not the source's (${sourceClaim})`,
        );
        assert.equal(st(await s!.kube.get(pvcRef(claim))).phase, "Bound");
        await waitUntil("the clone's temporary snapshot to be cleaned up", async () =>
            (
                await s!.kube.list("snapshot.kubevirt.io/v1beta1", "VirtualMachineSnapshot", ns)
            ).every((o) => !o.metadata.name?.startsWith("tmp-snapshot-")),
        );
        assert.equal((await s!.outputs()).resources?.["clone-1"]?.status?.phase, "Succeeded");
        await expectNoChanges(s!);
    });

    it("a snapshot spec change previews a replacement and takes a new snapshot", async () => {
        const before = await s!.kube.get(snapRef("snap-1"));
        redeclare(snapshot({ failureDeadline: "10m0s" }));
        s!.declare(decls);
        const p = await s!.previewJson();
        const step = stepFor(p, "snap-1");
        assert.match(step?.op ?? "", /replace/);
        assert.equal(step?.newState?.inputs?.plannedImpact?.impact, "replace");
        assert.match(
            step?.newState?.inputs?.plannedImpact?.reasons?.[0]?.why ?? "",
            /snapshot specs are immutable/,
        );
        await s!.up();
        const after = await s!.kube.get(snapRef("snap-1"));
        assert.ok(after && after.metadata.uid !== before?.metadata.uid, "a new snapshot object");
        assert.equal(st(after).readyToUse, true);
        assert.equal(
            st(after).indications,
            undefined,
            "the VM is stopped now: an offline snapshot has no indications",
        );
        await expectNoChanges(s!);
    });

    it("destroy leaves no VolumeSnapshot, VolumeSnapshotContent or restored claim of the stack's VM behind", async () => {
        const restoredClaim = ((await s!.kube.get(vmRef("snap-vm")))?.spec as any).template.spec
            .volumes[0].persistentVolumeClaim.claimName;
        await s!.destroy();
        destroyed = true;
        // KubeVirt deletes each snapshot's content; its VolumeSnapshots are owned by the content.
        await waitUntil(
            "VolumeSnapshots gone",
            async () =>
                (await s!.kube.list("snapshot.storage.k8s.io/v1", "VolumeSnapshot", ns)).length ===
                0,
        );
        await waitUntil("VolumeSnapshotContents gone", async () =>
            (await s!.kube.list("snapshot.storage.k8s.io/v1", "VolumeSnapshotContent")).every(
                (c) => (c.spec as any)?.volumeSnapshotRef?.namespace !== ns,
            ),
        );
        // The restored claim is owned by the VM (volumeOwnershipPolicy VirtualMachine, the default).
        await waitUntil(
            `restored claim ${restoredClaim} gone`,
            async () => !(await s!.kube.get(pvcRef(restoredClaim))),
        );
    });
});
