/**
 * DataVolumes through the real pulumi CLI against the local cluster and simulated CDI: a source
 * change previews and performs a replacement (new uid, data-loss why), growth expands the PVC
 * (the test plays the volume resizer), an import failure names the DV and the importer's reason
 * and a rerun without the fault succeeds, and a DV collected by CDI's GC is kept and re-created.
 * Every step ends with a preview that must show no changes.
 */
import assert from "node:assert/strict";
import { changesIn, stepFor, TestStack, type ResourceDecl } from "./harness";
import type { KubeClient, ObjectRef } from "../../provider/k8s/client";
import { compareQuantities } from "../../provider/diff/quantity";
import { getStorageProfile } from "../../sdk/storage";

const ns = "default";
const dvRef = (name: string): ObjectRef => ({
    apiVersion: "cdi.kubevirt.io/v1beta1",
    kind: "DataVolume",
    namespace: ns,
    name,
});
const pvcRef = (name: string): ObjectRef => ({
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    namespace: ns,
    name,
});
const failKnob = "sim.pulumi-kubevirt.io/fail-import";

function dv(
    name: string,
    spec: Record<string, any>,
    metadata: Record<string, any> = {},
): ResourceDecl {
    return { type: "DataVolume", name, args: { metadata: { namespace: ns, ...metadata }, spec } };
}
const httpSpec = (url: string) => ({
    source: { http: { url } },
    storage: { resources: { requests: { storage: "1Gi" } } },
});
const blankSpec = (size: string) => ({
    source: { blank: {} },
    storage: { storageClassName: "expandable", resources: { requests: { storage: size } } },
});

async function expectNoChanges(s: TestStack): Promise<void> {
    const p = await s.previewJson();
    assert.deepEqual(
        changesIn(p),
        {},
        `preview after up must show no changes: ${JSON.stringify(p.changeSummary)}`,
    );
}

/** Plays the CSI resizer: raises status.capacity of `ref` to its request until stopped. */
function playResizer(kube: KubeClient, ref: ObjectRef): () => void {
    let stop = false;
    void (async () => {
        while (!stop) {
            const pvc = await kube.get(ref).catch(() => undefined);
            const want = (pvc?.spec as any)?.resources?.requests?.storage;
            if (pvc && compareQuantities((pvc.status as any)?.capacity?.storage, want) === -1) {
                await kube
                    .mergePatch(ref, { status: { capacity: { storage: want } } }, "status")
                    .catch(() => undefined);
            }
            await new Promise((r) => setTimeout(r, 200));
        }
    })();
    return () => (stop = true);
}

describe("DataVolume lifecycle through the pulumi CLI", function () {
    this.timeout(600_000);
    let s: TestStack;
    const decls: Record<string, ResourceDecl> = {};
    const declare = () => s.declare(Object.values(decls));

    before(async () => {
        s = await TestStack.create("e2e-storage-dv");
        await s.kube.apply({
            apiVersion: "storage.k8s.io/v1",
            kind: "StorageClass",
            metadata: { name: "expandable" },
            provisioner: "sim.pulumi-kubevirt.io",
            allowVolumeExpansion: true,
        } as any);
    });
    after(async () => {
        if (s) await s.destroy();
    });

    it("creates an http import and a blank disk; both succeed and keep the GC opt-out", async () => {
        decls.http = dv("dv-http", httpSpec("https://example.com/a.img"));
        decls.grow = dv("dv-grow", blankSpec("1Gi"));
        declare();
        const r = await s.up();
        assert.match(
            r.stdout,
            /DataVolume default\/dv-http: ImportInProgress \d+\.\d+%/,
            "import progress shown while it runs",
        );
        for (const n of ["dv-http", "dv-grow"]) {
            const o = await s.kube.get(dvRef(n));
            assert.equal((o?.status as any)?.phase, "Succeeded", n);
            assert.equal(
                o?.metadata.annotations?.["cdi.kubevirt.io/storage.deleteAfterCompletion"],
                "false",
            );
        }
        await expectNoChanges(s);
    });

    it("a WaitForFirstConsumer DataVolume is ready without a consumer, and a VM started on it populates it", async () => {
        decls.wffc = dv("dv-wffc", {
            source: { blank: {} },
            storage: { storageClassName: "wffc", resources: { requests: { storage: "1Gi" } } },
        });
        declare();
        await s.up();
        assert.equal(
            ((await s.kube.get(dvRef("dv-wffc")))?.status as any)?.phase,
            "WaitForFirstConsumer",
        );
        decls.vm = {
            type: "VirtualMachine",
            name: "vm-wffc",
            args: { metadata: { namespace: ns }, spec: vmOn("dv-wffc") },
        };
        declare();
        await s.up();
        await waitUntil(
            async () =>
                ((await s.kube.get(dvRef("dv-wffc")))?.status as any)?.phase === "Succeeded",
        );
        await expectNoChanges(s);
        delete decls.vm;
        declare();
        await s.up();
    });

    it("getStorageProfile reads what CDI computed for a class, and names a missing one", async () => {
        const ref = {
            apiVersion: "cdi.kubevirt.io/v1beta1",
            kind: "StorageProfile",
            name: "expandable",
        };
        await s.kube.apply({
            apiVersion: ref.apiVersion,
            kind: ref.kind,
            metadata: { name: "expandable" },
            spec: {},
        });
        const status = {
            storageClass: "expandable",
            provisioner: "sim.pulumi-kubevirt.io",
            cloneStrategy: "copy",
            claimPropertySets: [{ accessModes: ["ReadWriteMany"], volumeMode: "Block" }],
        };
        await s.kube.mergePatch(ref, { status }, "status");
        const info = await getStorageProfile("expandable", { kubeconfig: s.kubeconfig });
        assert.deepEqual(info.defaults, { accessModes: ["ReadWriteMany"], volumeMode: "Block" });
        assert.equal(info.status.cloneStrategy, "copy");
        await assert.rejects(
            getStorageProfile("no-such-class", { kubeconfig: s.kubeconfig }),
            /StorageProfile no-such-class not found/,
        );
    });

    it("a source change previews a replacement with data loss and performs it: new DataVolume and PVC", async () => {
        const before = {
            dv: await s.kube.get(dvRef("dv-http")),
            pvc: await s.kube.get(pvcRef("dv-http")),
        };
        decls.http = dv("dv-http", httpSpec("https://example.com/b.img"));
        declare();
        const p = await s.previewJson();
        const step = stepFor(p, "dv-http");
        assert.match(step?.op ?? "", /replace/);
        const plan = step?.newState?.inputs?.plannedImpact;
        assert.equal(plan?.impact, "replace");
        assert.ok(
            plan.reasons.some(
                (r: any) =>
                    r.path === "spec.source.http.url" && /deletes the PVC and its data/.test(r.why),
            ),
            JSON.stringify(plan.reasons),
        );
        await s.up();
        const after = {
            dv: await s.kube.get(dvRef("dv-http")),
            pvc: await s.kube.get(pvcRef("dv-http")),
        };
        assert.ok(
            after.dv && after.dv.metadata.uid !== before.dv?.metadata.uid,
            "new DataVolume uid",
        );
        assert.ok(after.pvc && after.pvc.metadata.uid !== before.pvc?.metadata.uid, "new PVC uid");
        assert.equal((after.dv.status as any)?.phase, "Succeeded");
        await expectNoChanges(s);
    });

    it("a label change updates in place", async () => {
        const before = await s.kube.get(dvRef("dv-http"));
        decls.http = dv("dv-http", httpSpec("https://example.com/b.img"), {
            labels: { tier: "gold" },
        });
        declare();
        const p = await s.previewJson();
        assert.equal(stepFor(p, "dv-http")?.newState?.inputs?.plannedImpact?.impact, "metadata");
        await s.up();
        const after = await s.kube.get(dvRef("dv-http"));
        assert.equal(after?.metadata.uid, before?.metadata.uid);
        assert.equal(after?.metadata.labels?.tier, "gold");
        await expectNoChanges(s);
    });

    it("growing a disk whose class cannot expand fails the preview, naming the DV and field", async () => {
        decls.http = dv(
            "dv-http",
            {
                ...httpSpec("https://example.com/b.img"),
                storage: { resources: { requests: { storage: "2Gi" } } },
            },
            { labels: { tier: "gold" } },
        );
        declare();
        const r = await s.pulumi(["preview"]);
        assert.notEqual(r.code, 0);
        assert.match(
            r.stdout + r.stderr,
            /DataVolume default\/dv-http: 'spec\.storage\.resources\.requests\.storage' can only grow by expanding the PVC, but its PVC has no StorageClass/,
        );
        decls.http = dv("dv-http", httpSpec("https://example.com/b.img"), {
            labels: { tier: "gold" },
        });
        declare();
        await expectNoChanges(s);
    });

    it("growing a disk expands its PVC live; the DataVolume keeps its spec; refresh shows no drift", async () => {
        const before = await s.kube.get(dvRef("dv-grow"));
        decls.grow = dv("dv-grow", blankSpec("2Gi"));
        declare();
        const p = await s.previewJson();
        const plan = stepFor(p, "dv-grow")?.newState?.inputs?.plannedImpact;
        assert.equal(plan?.impact, "live", JSON.stringify(plan));
        assert.match(plan.reasons[0].why, /PVC is expanded in place/);
        const stop = playResizer(s.kube, pvcRef("dv-grow"));
        try {
            await s.up();
        } finally {
            stop();
        }
        const after = await s.kube.get(dvRef("dv-grow"));
        assert.equal(after?.metadata.uid, before?.metadata.uid, "same DataVolume");
        assert.equal(
            (after?.spec as any).storage.resources.requests.storage,
            "1Gi",
            "DV spec unchanged (CDI rejects spec updates)",
        );
        const pvc = await s.kube.get(pvcRef("dv-grow"));
        assert.equal((pvc?.spec as any).resources.requests.storage, "2Gi");
        await expectNoChanges(s);
        await s.must(["refresh", "--yes", "--skip-preview"]);
        await expectNoChanges(s);
    });

    it("an import failure names the DataVolume and the importer's reason; a rerun without the fault succeeds", async () => {
        decls.fail = dv("dv-fail", httpSpec("https://example.com/c.img"), {
            annotations: { [failKnob]: "Unable to connect to http data source: 503 from the test" },
        });
        declare();
        const r = await s.pulumi(["up", "--yes", "--skip-preview"]);
        assert.notEqual(r.code, 0, "up must fail");
        assert.match(
            r.stdout + r.stderr,
            /DataVolume default\/dv-fail[^\n]*failed: phase Failed: ImportFailed: Unable to connect to http data source: 503 from the test/,
        );
        decls.fail = dv("dv-fail", httpSpec("https://example.com/c.img"));
        declare();
        const p = await s.previewJson();
        assert.equal(stepFor(p, "dv-fail")?.newState?.inputs?.plannedImpact?.impact, "metadata");
        await s.up();
        assert.equal(((await s.kube.get(dvRef("dv-fail")))?.status as any)?.phase, "Succeeded");
        await expectNoChanges(s);
    });

    it("a DataVolume collected by CDI's GC while its PVC stays is kept on refresh and re-created on update", async () => {
        const pvcBefore = await s.kube.get(pvcRef("dv-fail"));
        // Play CDI GC (v1.55-style): the DV goes, its PVC stays and is marked as collected.
        await s.kube.delete(dvRef("dv-fail"), { propagationPolicy: "Orphan" });
        await waitUntil(async () => !(await s.kube.get(dvRef("dv-fail"))));
        await s.kube.mergePatch(pvcRef("dv-fail"), {
            metadata: { annotations: { "cdi.kubevirt.io/garbageCollected": "true" } },
        });
        await s.must(["refresh", "--yes", "--skip-preview"]);
        await expectNoChanges(s);
        decls.fail = dv("dv-fail", httpSpec("https://example.com/c.img"), {
            labels: { kept: "yes" },
        });
        declare();
        await s.up();
        const dvAfter = await s.kube.get(dvRef("dv-fail"));
        assert.equal((dvAfter?.status as any)?.phase, "Succeeded");
        assert.equal(
            (await s.kube.get(pvcRef("dv-fail")))?.metadata.uid,
            pvcBefore?.metadata.uid,
            "same PVC, data kept",
        );
        await expectNoChanges(s);
    });
});

function vmOn(dvName: string): Record<string, any> {
    return {
        runStrategy: "Always",
        template: {
            spec: {
                domain: {
                    memory: { guest: "1Gi" },
                    devices: { disks: [{ name: "data", disk: { bus: "virtio" } }] },
                },
                volumes: [{ name: "data", dataVolume: { name: dvName } }],
            },
        },
    };
}

async function waitUntil(fn: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await fn())) {
        if (Date.now() > deadline) throw new Error("condition not reached in time");
        await new Promise((r) => setTimeout(r, 200));
    }
}
