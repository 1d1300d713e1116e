import assert from "node:assert/strict";
import type { KubeObject, WatchEvent, WatchOptions } from "../../../provider/k8s/client";
import { KubeApiError } from "../../../provider/errors";
import { Informer } from "../../../sim/informer";
import * as K from "../../../sim/kinds";
import { WorkQueue } from "../../../sim/loop";
import { FakeKube, waitFor } from "./fakeKube";

const node = (name: string): KubeObject => ({ apiVersion: "v1", kind: "Node", metadata: { name } });

describe("WorkQueue", () => {
    it("never runs two reconciles of one key at once, and re-runs a key added meanwhile", async () => {
        let running = 0;
        let maxRunning = 0;
        let calls = 0;
        const q = new WorkQueue(async () => {
            running++;
            calls++;
            maxRunning = Math.max(maxRunning, running);
            await new Promise((r) => setTimeout(r, 20));
            running--;
            return undefined;
        });
        q.start();
        q.add("k");
        await new Promise((r) => setTimeout(r, 5));
        q.add("k");
        q.add("k");
        await waitFor("two calls", () => calls === 2 && running === 0);
        await new Promise((r) => setTimeout(r, 40));
        assert.equal(calls, 2);
        assert.equal(maxRunning, 1);
        await q.stop();
    });

    it("requeues after the delay a reconcile asks for", async () => {
        const seen: number[] = [];
        const t0 = Date.now();
        const q = new WorkQueue(async () => {
            seen.push(Date.now() - t0);
            return seen.length < 2 ? 30 : undefined;
        });
        q.start();
        q.add("k");
        await waitFor("second call", () => seen.length === 2);
        assert.ok(seen[1]! - seen[0]! >= 25, `requeued after ${seen[1]! - seen[0]!}ms`);
        await q.stop();
    });
});

/** FakeKube whose next watch fails with 410 Gone, as after etcd compaction. */
class GoneOnce extends FakeKube {
    gone = 0;
    lists = 0;
    override async list(apiVersion: string, kind: string, ns?: string): Promise<KubeObject[]> {
        this.lists++;
        return super.list(apiVersion, kind, ns);
    }
    override async watch(
        a: string,
        k: string,
        ns: string | undefined,
        o: WatchOptions,
        cb: (ev: WatchEvent) => void | "stop",
        s?: AbortSignal,
    ): Promise<string | undefined> {
        if (this.gone > 0) {
            this.gone--;
            throw new KubeApiError("too old resource version", 410, "Expired");
        }
        return super.watch(a, k, ns, o, cb, s);
    }
}

describe("Informer", () => {
    it("relists on 410 Gone, noticing objects deleted meanwhile", async () => {
        const kube = new GoneOnce();
        await kube.create(node("a"));
        await kube.create(node("b"));
        const cache = new Map<string, KubeObject>();
        const events: string[] = [];
        kube.gone = 1;
        const inf = new Informer(kube, K.Node, cache, () => undefined, 60_000);
        inf.onEvent((type, obj) => events.push(`${type} ${obj.metadata.name}`));
        const abort = new AbortController();
        await kube.delete(K.refTo(K.Node, "b"));
        const run = inf.run(abort.signal);
        await inf.synced;
        await waitFor("relisted", () => kube.lists === 2);
        await kube.create(node("c"));
        await waitFor("c seen", () => cache.has("c"));
        assert.deepEqual([...cache.keys()].sort(), ["a", "c"]);
        assert.ok(events.includes("ADDED c"));
        abort.abort();
        await run;
    });

    it("re-watches from the last resourceVersion when the server ends the stream", async () => {
        const kube = new FakeKube();
        kube.maxWatchSeconds = 0.05;
        await kube.create(node("early"));
        const cache = new Map<string, KubeObject>();
        const inf = new Informer(kube, K.Node, cache, () => undefined, 60_000);
        const abort = new AbortController();
        const run = inf.run(abort.signal);
        await inf.synced;
        await waitFor("a second watch", () => kube.watchStarts.length >= 2);
        await kube.create(node("late"));
        await waitFor("late seen on a resumed stream", () => cache.has("late"));
        assert.ok(
            kube.watchStarts.every((rv) => rv !== ""),
            `watch starts: ${kube.watchStarts.join(",")}`,
        );
        abort.abort();
        await run;
    });

    it("folds in our own writes immediately and ignores older watch events", () => {
        const cache = new Map<string, KubeObject>();
        const inf = new Informer(new FakeKube(), K.Node, cache, () => undefined, 1000);
        const seen: string[] = [];
        inf.onEvent((t) => seen.push(t));
        inf.upsert({ ...node("x"), metadata: { name: "x", resourceVersion: "10" } });
        inf.upsert({ ...node("x"), metadata: { name: "x", resourceVersion: "9" } });
        assert.equal(cache.get("x")?.metadata.resourceVersion, "10");
        assert.deepEqual(seen, ["ADDED"]);
    });
});
