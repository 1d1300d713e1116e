/**
 * The DataVolume apply against an in-memory API server: what it sends on create and update,
 * how it grows the PVC instead of the immutable DV spec, re-creates a DV collected by CDI, and
 * tells a stale Failed phase from a failure that stays.
 */
import assert from "node:assert/strict";
import type { KubeClient, KubeObject } from "../../../../provider/k8s/client";
import type { OpContext, Props } from "../../../../provider/kindProvider";
import { providerConfig } from "../../../../provider/config";
import { FakeKube } from "../../sim/fakeKube";
import * as K from "../../../../sim/kinds";
import {
    dataVolumeKind,
    keepAfterCompletion,
    specToApply,
} from "../../../../provider/resources/dataVolume/definition";
import { declared } from "../../../../provider/resources/generic/objects";
import { applyDataVolume } from "../../../../provider/resources/dataVolume/apply";
import { budgetFor } from "../../../../provider/resources/generic/provider";
import type { Budget } from "../../../../provider/await/timeouts";

const StorageClass: K.Gvk = {
    apiVersion: "storage.k8s.io/v1",
    kind: "StorageClass",
    namespaced: false,
};
const pvcRef = {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    namespace: "default",
    name: "disk",
};
const dvRef = {
    apiVersion: "cdi.kubevirt.io/v1beta1",
    kind: "DataVolume",
    namespace: "default",
    name: "disk",
};

function inputs(size = "10Gi", extra: Props = {}): Props {
    return {
        metadata: { name: "disk", namespace: "default", labels: { app: "a" } },
        spec: {
            source: { http: { url: "https://example.com/d.img" } },
            storage: { storageClassName: "fast", resources: { requests: { storage: size } } },
        },
        timeouts: { update: 2 },
        ...extra,
    };
}

/** A fake cluster holding the DV (in `phase`) and its bound PVC, recording every apply. */
async function cluster(
    phase = "Succeeded",
): Promise<{ fake: FakeKube; ctx: OpContext; applied: KubeObject[] }> {
    const fake = new FakeKube([
        [K.Dv, true],
        [K.Pvc, true],
        [K.Event, false],
        [StorageClass, false],
    ]);
    const applied: KubeObject[] = [];
    const client = new Proxy(fake, {
        get: (t, p) =>
            p === "apply"
                ? (o: KubeObject) => (applied.push(structuredClone(o)), t.apply(o))
                : (t as any)[p].bind(t),
    }) as KubeClient;
    await fake.create(keepAfterCompletion(declared(dataVolumeKind, inputs())));
    await fake.mergePatch(
        dvRef,
        {
            status: {
                phase,
                claimName: "disk",
                conditions: [
                    {
                        type: "Running",
                        status: "False",
                        reason: "ImportFailed",
                        message: "404 from server",
                    },
                ],
            },
        },
        "status",
    );
    await fake.create({
        apiVersion: "v1",
        kind: "PersistentVolumeClaim",
        metadata: { name: "disk", namespace: "default" },
        spec: { storageClassName: "fast", resources: { requests: { storage: "10Gi" } } },
    });
    await fake.mergePatch(
        pvcRef,
        { status: { phase: "Bound", capacity: { storage: "10Gi" } } },
        "status",
    );
    return { fake, ctx: { client, config: providerConfig(), say: () => undefined }, applied };
}

/** As the provider calls it: an update draws from the operation's one budget. */
const apply = (ctx: OpContext, p: Props, op: "create" | "update", budget?: Budget) =>
    applyDataVolume(
        ctx,
        p,
        keepAfterCompletion(declared(dataVolumeKind, p)),
        op === "create" ? { op } : { op, budget: budget ?? budgetFor(dataVolumeKind, p, "update") },
    );
const later = (ms: number, fn: () => Promise<unknown>) => setTimeout(() => void fn(), ms);

describe("DataVolume apply", () => {
    it("decorates with deleteAfterCompletion=false unless the user set it", () => {
        const d = declared(dataVolumeKind, inputs());
        assert.equal(
            keepAfterCompletion(d).metadata.annotations?.[
                "cdi.kubevirt.io/storage.deleteAfterCompletion"
            ],
            "false",
        );
        d.metadata.annotations = { "cdi.kubevirt.io/storage.deleteAfterCompletion": "true" };
        assert.equal(
            keepAfterCompletion(d).metadata.annotations?.[
                "cdi.kubevirt.io/storage.deleteAfterCompletion"
            ],
            "true",
        );
    });

    it("a label update re-sends the live spec, not a changed one", async () => {
        const { ctx, applied } = await cluster();
        const p = inputs("10Gi");
        p.metadata.labels = { app: "b" };
        await apply(ctx, p, "update");
        assert.equal(applied.length, 1);
        assert.equal(applied[0]?.metadata.labels?.app, "b");
        assert.equal((applied[0]?.spec as any).storage.resources.requests.storage, "10Gi");
    });

    it("growing storage patches the PVC and keeps the DV spec as created", async () => {
        const { fake, ctx, applied } = await cluster();
        later(100, () =>
            fake.mergePatch(pvcRef, { status: { capacity: { storage: "20Gi" } } }, "status"),
        );
        await apply(ctx, inputs("20Gi"), "update");
        assert.equal(
            (applied[0]?.spec as any).storage.resources.requests.storage,
            "10Gi",
            "DV spec unchanged",
        );
        assert.equal(
            (fake.peek(K.Pvc, "default/disk")?.spec as any).resources.requests.storage,
            "20Gi",
            "PVC grown",
        );
    });

    it("growing storage fails naming the DV and field when the provisioner never expands", async () => {
        const { ctx } = await cluster();
        const p = inputs("20Gi", { timeouts: { update: 0.3 } });
        await assert.rejects(
            apply(ctx, p, "update"),
            /PVC default\/disk of DataVolume default\/disk to grow to 20Gi.*waiting for the storage provisioner/,
        );
    });

    it("growing storage draws from the update's budget, not a fresh one, and quotes it", async () => {
        const { ctx } = await cluster();
        const spent: Budget = { label: "timeouts.update", seconds: 60, deadline: Date.now() - 1 };
        await assert.rejects(
            apply(ctx, inputs("20Gi"), "update", spent),
            /to grow to 20Gi.*\(timeouts\.update: 60s\)/,
        );
    });

    it("re-creates a DataVolume collected by CDI, adopting its claim", async () => {
        const { fake, ctx, applied } = await cluster();
        await fake.delete(dvRef);
        await apply(ctx, inputs(), "update");
        assert.equal(
            applied[0]?.metadata.annotations?.["cdi.kubevirt.io/allowClaimAdoption"],
            "true",
        );
    });

    it("a Failed DV that CDI retries after the update passes", async () => {
        const { fake, ctx } = await cluster("Failed");
        later(100, () =>
            fake.mergePatch(dvRef, { status: { phase: "ImportScheduled" } }, "status"),
        );
        await apply(ctx, inputs(), "update");
    });

    it("a Failed DV that stays Failed fails with the importer's reason", async () => {
        const { ctx } = await cluster("Failed");
        await assert.rejects(
            apply(ctx, inputs("10Gi", { timeouts: { update: 0.3 } }), "update"),
            /DataVolume default\/disk failed: phase Failed: ImportFailed: 404 from server \(it stays Failed/,
        );
    });

    it("create applies the declared object as is", async () => {
        const { ctx, applied } = await cluster();
        await apply(ctx, inputs("30Gi"), "create");
        assert.equal((applied[0]?.spec as any).storage.resources.requests.storage, "30Gi");
    });
});

describe("DataVolume spec sent on update", () => {
    const live = {
        source: { vddk: { url: "u" } },
        storage: {},
        checkpoints: [{ previous: "", current: "a" }],
    };
    it("takes the live spec and the declared checkpoints", () => {
        const out = specToApply(
            {
                ...live,
                checkpoints: [
                    { previous: "", current: "a" },
                    { previous: "a", current: "b" },
                ],
                finalCheckpoint: true,
            },
            live,
        );
        assert.equal(out.checkpoints.length, 2);
        assert.equal(out.finalCheckpoint, true);
    });
    it("drops checkpoints the user removed", () => {
        assert.equal(specToApply({ source: live.source }, live).checkpoints, undefined);
    });
});
