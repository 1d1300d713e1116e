import assert from "node:assert/strict";
import type { KubeObject } from "../../../provider/k8s/client";
import * as K from "../../../sim/kinds";
import { waitFor } from "./fakeKube";
import { cond, simHarness, status } from "./helpers";

describe("sim in-process: CDI and nmstate", function () {
    this.timeout(20000);
    const h = simHarness();
    beforeEach(() => h.start());

    const dvObj = (
        name: string,
        extra: Record<string, unknown> = {},
        annotations: Record<string, string> = {},
    ): KubeObject => ({
        apiVersion: K.Dv.apiVersion,
        kind: K.Dv.kind,
        metadata: { name, namespace: "default", annotations },
        spec: {
            source: { http: { url: "https://example.com/x.qcow2" } },
            storage: { resources: { requests: { storage: "2Gi" } } },
            ...extra,
        },
    });

    it("imports a DataVolume with progress, a bound claim and Ready", async () => {
        // Every write is a watch event, so the progress steps are seen however fast they come
        // (polling could miss the intermediate one on a loaded machine).
        const progress = new Set<string>();
        const stop = new AbortController();
        void h.kube.watch(
            K.Dv.apiVersion,
            K.Dv.kind,
            "default",
            {},
            (ev) => void progress.add(status(ev.object).progress),
            stop.signal,
        );
        await h.kube.create(dvObj("imp"));
        const dv = await waitFor(
            "DV Succeeded",
            () =>
                status(h.kube.peek(K.Dv, "default/imp")).phase === "Succeeded" &&
                h.kube.peek(K.Dv, "default/imp"),
        );
        stop.abort();
        assert.equal(status(dv).progress, "100.0%");
        assert.equal(status(dv).claimName, "imp");
        assert.equal(cond(dv, "Ready")?.status, "True");
        assert.ok(progress.has("33.33%"), [...progress].join());
        const pvc = h.kube.peek(K.Pvc, "default/imp")!;
        assert.equal(status(pvc).phase, "Bound");
        assert.equal(pvc.metadata.ownerReferences?.[0]?.kind, "DataVolume");
        assert.deepEqual((pvc.spec as any).accessModes, ["ReadWriteOnce"]);
    });

    it("fails an import on the knob and records a Warning event", async () => {
        await h.kube.create(
            dvObj("bad", {}, { "sim.pulumi-kubevirt.io/fail-import": "HTTP 404 Not Found" }),
        );
        const dv = await waitFor(
            "DV Failed",
            () =>
                status(h.kube.peek(K.Dv, "default/bad")).phase === "Failed" &&
                h.kube.peek(K.Dv, "default/bad"),
        );
        assert.equal(cond(dv, "Running")?.reason, "ImportFailed");
        assert.equal(cond(dv, "Running")?.message, "HTTP 404 Not Found");
        assert.equal(status(dv).restartCount, 1);
        const ev = await waitFor("event", () =>
            h.kube.all(K.Event).find((e) => (e as any).involvedObject.name === "bad"),
        );
        assert.equal((ev as any).type, "Warning");
        assert.equal((ev as any).message, "HTTP 404 Not Found");
    });

    it("holds a clone from a missing DataSource in Pending, then clones once it is Ready", async () => {
        await h.kube.create(
            dvObj("cl", { source: undefined, sourceRef: { kind: "DataSource", name: "fedora" } }),
        );
        const pending = await waitFor("Pending with message", () => {
            const d = h.kube.peek(K.Dv, "default/cl");
            return status(d).phase === "Pending" && cond(d, "Running")?.message && d;
        });
        assert.equal(cond(pending, "Running")?.message, "DataSource default/fedora not found");
        await h.kube.create({
            apiVersion: "v1",
            kind: "PersistentVolumeClaim",
            metadata: { name: "golden", namespace: "default" },
            spec: { accessModes: ["ReadWriteMany"], resources: { requests: { storage: "5Gi" } } },
        });
        await h.kube.create({
            apiVersion: K.DataSource.apiVersion,
            kind: K.DataSource.kind,
            metadata: { name: "fedora", namespace: "default" },
            spec: { source: { pvc: { name: "golden", namespace: "default" } } },
        });
        await waitFor(
            "DataSource Ready",
            () => cond(h.kube.peek(K.DataSource, "default/fedora"), "Ready")?.status === "True",
        );
        await waitFor(
            "clone Succeeded",
            () => status(h.kube.peek(K.Dv, "default/cl")).phase === "Succeeded",
        );
    });

    const nncp = (
        name: string,
        annotations: Record<string, string> = {},
        state = "up",
    ): KubeObject => ({
        apiVersion: K.Nncp.apiVersion,
        kind: K.Nncp.kind,
        metadata: { name, annotations },
        spec: {
            desiredState: {
                interfaces: [
                    {
                        name: "br1",
                        type: "linux-bridge",
                        state,
                        bridge: { port: [{ name: "eth1" }] },
                    },
                ],
            },
        },
    });

    it("configures a policy on every node and updates NodeNetworkState", async () => {
        await h.kube.create(nncp("br"));
        const p = await waitFor(
            "policy Available",
            () =>
                cond(h.kube.peek(K.Nncp, "br"), "Available")?.status === "True" &&
                h.kube.peek(K.Nncp, "br"),
        );
        assert.equal(cond(p, "Available")?.message, "3/3 nodes successfully configured");
        assert.equal(cond(p, "Progressing")?.status, "False");
        assert.ok(p.metadata.annotations?.["nmstate.io/webhook-mutating-timestamp"]);
        assert.deepEqual(
            h.kube
                .all(K.Nnce)
                .map((e) => e.metadata.name)
                .sort(),
            ["node-a.br", "node-b.br", "node-c.br"],
        );
        const nns = h.kube.peek(K.Nns, "node-b")!;
        assert.ok(
            (nns.status as any).currentState.interfaces.some(
                (i: { name: string }) => i.name === "br1",
            ),
        );
        await h.kube.mergePatch(K.refTo(K.Nncp, "br"), { spec: nncp("br", {}, "absent").spec });
        await waitFor(
            "bridge removed from node-b",
            () =>
                !(h.kube.peek(K.Nns, "node-b")!.status as any).currentState.interfaces.some(
                    (i: { name: string }) => i.name === "br1",
                ),
        );
        await h.kube.delete(K.refTo(K.Nncp, "br"));
        await waitFor("enactments deleted", () => h.kube.all(K.Nnce).length === 0);
    });

    it("degrades one node on the knob and recovers when it is removed", async () => {
        await h.kube.create(
            nncp("deg", {
                "sim.pulumi-kubevirt.io/degrade": "bond0 is missing",
                "sim.pulumi-kubevirt.io/degrade-nodes": "node-b",
            }),
        );
        const p = await waitFor(
            "Degraded",
            () =>
                cond(h.kube.peek(K.Nncp, "deg"), "Degraded")?.status === "True" &&
                h.kube.peek(K.Nncp, "deg"),
        );
        assert.equal(cond(p, "Degraded")?.message, "1/3 nodes failed to configure");
        const e = h.kube.peek(K.Nnce, "node-b.deg")!;
        assert.match(cond(e, "Failing")?.message, /bond0 is missing/);
        await h.kube.mergePatch(K.refTo(K.Nncp, "deg"), {
            metadata: {
                annotations: {
                    "sim.pulumi-kubevirt.io/degrade": null,
                    "sim.pulumi-kubevirt.io/degrade-nodes": null,
                },
            },
        });
        await waitFor(
            "Available",
            () => cond(h.kube.peek(K.Nncp, "deg"), "Available")?.status === "True",
        );
    });

    it("ignores a policy that matches no node", async () => {
        const obj = nncp("none");
        (obj.spec as any).nodeSelector = { "kubernetes.io/hostname": "node-z" };
        await h.kube.create(obj);
        await waitFor(
            "Ignored",
            () => cond(h.kube.peek(K.Nncp, "none"), "Ignored")?.reason === "NoMatchingNode",
        );
    });
});
