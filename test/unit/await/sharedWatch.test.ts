/**
 * The shared watch store against the in-memory API server: many waits of one kind and namespace
 * cost one list and one watch; a wait after a write judges only versions at least as new as the
 * write's; a compacted version relists; a kind that cannot be listed falls back to per-object waits.
 */
import assert from "node:assert/strict";
import { FakeKube } from "../sim/fakeKube";
import { awaitShared, cachedGet, slim, storeFor } from "../../../provider/await/sharedWatch";
import { appliedByUs } from "../../../provider/resources/generic/objects";
import { AwaitTimeoutError } from "../../../provider/errors";
import type { KubeClient, KubeObject } from "../../../provider/k8s/client";

const vm = (name: string) => ({
    apiVersion: "kubevirt.io/v1",
    kind: "VirtualMachine",
    metadata: { name, namespace: "default" },
    spec: { runStrategy: "Always" },
});
const ref = (name: string) => ({
    apiVersion: "kubevirt.io/v1",
    kind: "VirtualMachine",
    name,
    namespace: "default",
});
const ready = (o: KubeObject | undefined) =>
    (o?.status as { ready?: boolean } | undefined)?.ready
        ? { ok: true, message: "ready" }
        : { ok: false, message: "not ready" };
const markReady = (k: FakeKube, name: string) =>
    k.mergePatch(ref(name), { status: { ready: true } }, "status");

/** Counts list calls. */
function counting(k: FakeKube): { client: KubeClient; lists: () => number } {
    let lists = 0;
    const client = Object.create(k) as KubeClient;
    client.list = (...a: Parameters<KubeClient["list"]>) => {
        lists++;
        return k.list(...a);
    };
    return { client, lists: () => lists };
}

describe("shared watch store", () => {
    it("serves many waits of one kind and namespace with one list and one watch", async () => {
        const k = new FakeKube();
        const { client, lists } = counting(k);
        for (let i = 0; i < 20; i++) await k.apply(vm(`vm-${i}`));
        const waits = Array.from({ length: 20 }, (_, i) =>
            awaitShared(client, ref(`vm-${i}`), ready, { timeoutMs: 10_000, what: `vm-${i}` }),
        );
        await new Promise((r) => setTimeout(r, 20));
        for (let i = 0; i < 20; i++) await markReady(k, `vm-${i}`);
        const got = await Promise.all(waits);
        assert.deepEqual(
            got.map((o) => o?.metadata.name),
            Array.from({ length: 20 }, (_, i) => `vm-${i}`),
        );
        assert.equal(lists(), 1, "one list");
        assert.equal(k.watchStarts.length, 1, "one watch");
        storeFor(client, "kubevirt.io/v1", "VirtualMachine", "default").close();
    });

    it("judges only versions at least as new as the caller's write", async () => {
        const k = new FakeKube();
        await k.apply(vm("a"));
        await markReady(k, "a");
        assert.equal(
            (await cachedGet(k, ref("a")))?.metadata.name,
            "a",
            "the store now holds a ready 'a'",
        );
        // A write the store has not seen yet: the stale ready object must not satisfy a wait for "rev 2".
        const written = await k.apply({
            ...vm("a"),
            metadata: { ...vm("a").metadata, labels: { rev: "2" } },
        });
        const got = await cachedGet(k, ref("a"), written.metadata.resourceVersion);
        assert.equal(got?.metadata.labels?.rev, "2");
        storeFor(k, "kubevirt.io/v1", "VirtualMachine", "default").close();
    });

    it("relists when its version was compacted away, and keeps serving", async () => {
        const k = new FakeKube();
        k.maxWatchSeconds = 0.05;
        await k.apply(vm("a"));
        assert.ok(await cachedGet(k, ref("a")));
        k.logLimit = 1;
        for (let i = 0; i < 5; i++) await k.apply(vm(`x-${i}`));
        await markReady(k, "a");
        assert.equal(
            (await awaitShared(k, ref("a"), ready, { timeoutMs: 10_000, what: "a" }))?.metadata
                .name,
            "a",
        );
        storeFor(k, "kubevirt.io/v1", "VirtualMachine", "default").close();
    });

    it("times out with the last object it saw", async () => {
        const k = new FakeKube();
        await k.apply(vm("slow"));
        await assert.rejects(
            awaitShared(k, ref("slow"), ready, { timeoutMs: 50, what: "slow" }),
            (e: unknown) => e instanceof AwaitTimeoutError && /not ready/.test(e.message),
        );
        storeFor(k, "kubevirt.io/v1", "VirtualMachine", "default").close();
    });

    it("falls back to a per-object wait when the kind cannot be listed", async () => {
        const k = new FakeKube();
        const client = Object.create(k) as KubeClient;
        client.list = async () => {
            throw new Error("forbidden");
        };
        await k.apply(vm("b"));
        await markReady(k, "b");
        assert.equal(
            (await awaitShared(client, ref("b"), ready, { timeoutMs: 10_000, what: "b" }))?.metadata
                .name,
            "b",
        );
        assert.equal((await cachedGet(client, ref("b")))?.metadata.name, "b");
    });
});

describe("what the shared cache keeps of an object", () => {
    const entry = (manager: string, operation: string) => ({
        manager,
        operation,
        apiVersion: "kubevirt.io/v1",
        time: "2026-12-02T00:00:00Z",
        fieldsType: "FieldsV1",
        fieldsV1: { "f:spec": { "f:runStrategy": {} } },
    });
    const obj: KubeObject = {
        apiVersion: "kubevirt.io/v1",
        kind: "VirtualMachine",
        metadata: {
            name: "vm",
            managedFields: [entry("pulumi-kubevirt", "Apply"), entry("virt-controller", "Update")],
        },
        spec: { runStrategy: "Always" },
    };
    const kept = slim(obj);
    const table: [string, () => void][] = [
        ["managers and operations stay", () => assert.equal(appliedByUs(kept), true)],
        [
            "field sets go",
            () => assert.doesNotMatch(JSON.stringify(kept.metadata.managedFields), /fieldsV1/),
        ],
        ["the rest is untouched", () => assert.deepEqual(kept.spec, obj.spec)],
        [
            "an object without managedFields is kept as it is",
            () => {
                const bare = { ...obj, metadata: { name: "x" } };
                assert.equal(slim(bare), bare);
            },
        ],
    ];
    for (const [name, check] of table) it(name, check);
});
