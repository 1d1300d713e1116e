/**
 * The simulated garbage collector deletes a dependent only after a live read confirms its owner
 * is gone: each kind has its own watch, so under load a new launcher pod reaches the cache before
 * the VMI that owns it, and deleting it then fails the VMI (seen in the N = 200 bench).
 */
import assert from "node:assert/strict";
import type { DeleteOptions, KubeObject, ObjectRef } from "../../../provider/k8s/client";
import { makeConfig } from "../../../sim/config";
import { garbageCollector } from "../../../sim/core/gc";
import * as K from "../../../sim/kinds";
import { ControllerRunner } from "../../../sim/loop";
import { MemoryStore } from "../../../sim/store";
import { FakeKube, waitFor } from "./fakeKube";
import { defaultKinds } from "./fakeKubeParts";

/** FakeKube that counts live reads and records deletes. */
class Spy extends FakeKube {
    gets = 0;
    readonly deleted: string[] = [];
    override async get(ref: ObjectRef): Promise<KubeObject | undefined> {
        this.gets++;
        return super.get(ref);
    }
    override async delete(ref: ObjectRef, opts?: DeleteOptions): Promise<boolean> {
        this.deleted.push(`${ref.kind}/${ref.name}`);
        return super.delete(ref, opts);
    }
}

const vmi = (): KubeObject => ({
    apiVersion: "kubevirt.io/v1",
    kind: "VirtualMachineInstance",
    metadata: { name: "vm-1", namespace: "bench" },
});

const podOwnedBy = (uid: string): KubeObject => ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
        name: "virt-launcher-vm-1-x",
        namespace: "bench",
        ownerReferences: [
            { apiVersion: "kubevirt.io/v1", kind: "VirtualMachineInstance", name: "vm-1", uid },
        ],
    },
});

const cases: { name: string; server: "owner" | "none" | "other uid"; deletes: boolean }[] = [
    {
        name: "keeps a pod whose owner is on the server but not yet cached",
        server: "owner",
        deletes: false,
    },
    {
        name: "deletes a pod whose owner is gone from the server too",
        server: "none",
        deletes: true,
    },
    {
        name: "deletes a pod whose owner's name now belongs to another object",
        server: "other uid",
        deletes: true,
    },
];

describe("sim garbage collector: an absent owner is confirmed live", () => {
    for (const c of cases)
        it(c.name, async () => {
            const kube = new Spy([...defaultKinds, [K.Pod, true]]);
            const owner = c.server === "none" ? undefined : await kube.create(vmi());
            const uid = c.server === "owner" ? owner!.metadata.uid! : "11111111-old";
            const pod = await kube.create(podOwnedBy(uid));
            // The cache has the pod and not (yet) the VMI.
            const store = new MemoryStore([pod]);
            const log = () => undefined;
            const deps = { client: kube, store, informers: new Map(), config: makeConfig(), log };
            const runner = new ControllerRunner(garbageCollector, deps);
            runner.start();
            runner.onEvent(K.Pod, "ADDED", pod);
            await waitFor("the owner read live", () => kube.gets > 0);
            await runner.stop();
            assert.deepEqual(kube.deleted, c.deletes ? ["Pod/virt-launcher-vm-1-x"] : []);
        });
});
