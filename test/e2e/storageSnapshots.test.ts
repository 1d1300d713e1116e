/**
 * VirtualMachineSnapshot, VirtualMachineRestore and VirtualMachineClone (the user-guide examples)
 * through the real pulumi CLI. The simulator does not play KubeVirt's snapshot, restore and clone
 * controllers, so this test does, by writing their status the way they would (the
 * pulumi-kubernetes "make-ready" approach): it proves the waits, the outputs, that a spec change
 * previews and performs a replacement, and that a second preview shows no changes.
 */
import assert from "node:assert/strict";
import { changesIn, stepFor, TestStack, type ResourceDecl } from "./harness";
import type { KubeClient, ObjectRef } from "../../provider/k8s/client";
import { exampleFiles, loadYaml, type Manifest } from "../unit/validation/helpers";

/* eslint-disable @typescript-eslint/no-explicit-any */
const jobs = exampleFiles("user-guide", /^vm(snapshot|restore|clone)-.*\.yaml$/).flatMap(loadYaml);
const refOf = (doc: Manifest, name = doc.metadata.name): ObjectRef => ({ apiVersion: doc.apiVersion, kind: doc.kind, namespace: "default", name });
const decl = (doc: Manifest, spec = doc.spec): ResourceDecl => ({ type: doc.kind, name: doc.metadata.name, args: { metadata: { namespace: "default" }, spec } });

/** The status each controller writes when it is done. */
const doneStatus: Record<string, (o: any) => Record<string, unknown>> = {
    VirtualMachineSnapshot: () => ({ phase: "Succeeded", readyToUse: true, indications: ["Online"], conditions: [{ type: "Ready", status: "True" }, { type: "Progressing", status: "False" }] }),
    VirtualMachineRestore: () => ({ complete: true, restoreTime: new Date().toISOString().replace(/\.\d+Z$/, "Z"), conditions: [{ type: "Ready", status: "True" }] }),
    VirtualMachineClone: (o) => ({ phase: "Succeeded", targetName: o.spec?.target?.name ?? "clone-target" }),
};

/** Plays the three controllers: first a progress status, then done, for every object not done yet. */
function playControllers(kube: KubeClient): () => void {
    let stop = false;
    void (async () => {
        while (!stop) {
            for (const doc of jobs) {
                const o = await kube.get(refOf(doc)).catch(() => undefined);
                if (!o || (o.status as any)?.phase === "Succeeded" || (o.status as any)?.complete) continue;
                const status = o.status ? doneStatus[doc.kind]!(o) : { phase: "InProgress", conditions: [{ type: "Progressing", status: "True", reason: "In progress" }] };
                await kube.mergePatch(refOf(doc), { status }, "status").catch(() => undefined);
            }
            await new Promise((r) => setTimeout(r, 300));
        }
    })();
    return () => (stop = true);
}

describe("Snapshot, restore and clone through the pulumi CLI (test plays the controllers)", function () {
    this.timeout(600_000);
    let s: TestStack;
    let stop: () => void;

    before(async () => {
        s = await TestStack.create("e2e-storage-snapshots");
        stop = playControllers(s.kube);
    });
    after(async () => {
        stop?.();
        if (s) await s.destroy();
    });

    it("creates and waits for each one; a second preview shows no changes", async () => {
        assert.equal(jobs.length, 3);
        s.declare(jobs.map((d) => decl(d)));
        await s.up();
        for (const doc of jobs) {
            const st = (await s.kube.get(refOf(doc)))?.status as any;
            assert.ok(st?.readyToUse || st?.complete || st?.phase === "Succeeded", `${doc.kind} done`);
        }
        const p = await s.previewJson();
        assert.deepEqual(changesIn(p), {});
    });

    it("a snapshot spec change previews a replacement and takes a new snapshot", async () => {
        const snap = jobs.find((d) => d.kind === "VirtualMachineSnapshot")!;
        const before = await s.kube.get(refOf(snap));
        s.declare(jobs.map((d) => (d === snap ? decl(d, { ...d.spec, failureDeadline: "10m0s" }) : decl(d))));
        const p = await s.previewJson();
        const step = stepFor(p, snap.metadata.name);
        assert.match(step?.op ?? "", /replace/);
        assert.equal(step?.newState?.inputs?.plannedImpact?.impact, "replace");
        assert.match(step?.newState?.inputs?.plannedImpact?.reasons?.[0]?.why ?? "", /snapshot specs are immutable/);
        await s.up();
        const after = await s.kube.get(refOf(snap));
        assert.ok(after && after.metadata.uid !== before?.metadata.uid, "new snapshot uid");
        assert.deepEqual(changesIn(await s.previewJson()), {});
    });
});
