/**
 * VirtualMachinePool on the bed, against KubeVirt v1.9's own pool controller (virt-controller):
 * - the upstream example applies, all replicas become Ready, and a second preview is clean;
 * - a template change (cpu.sockets 1→2) previews per replica, and after `up` the cluster agrees:
 *   under the default proactive strategy each replica's VMI was replaced (a restart), under
 *   `opportunistic` each kept its VMI and got the CPU live;
 * - scaling 2→3→1 creates the next ordinal and deletes the VMs the plan named.
 */
import assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";
import { examplesDir } from "../unit/validation/helpers";
import { changesIn, stepFor, TestStack, type ResourceDecl } from "./harness";
import type { KubeObject } from "../../provider/k8s/client";
import { awaitSelection } from "../../provider/await/awaiter";

type Json = Record<string, any>;

const upstream = (): Json =>
    YAML.parse(
        fs.readFileSync(path.join(examplesDir(), "kubevirt", "vm-pool-cirros.yaml"), "utf8"),
    );

/** A pool of `replicas` small VMs with CPU sockets declared, so a hotplug can be planned. */
function pool(name: string, replicas: number, sockets: number, extra: Json = {}): ResourceDecl {
    const labels = { "kubevirt.io/vmpool": name };
    return {
        type: "VirtualMachinePool",
        name,
        args: {
            metadata: { name, namespace: "default" },
            spec: {
                replicas,
                selector: { matchLabels: labels },
                ...extra,
                virtualMachineTemplate: {
                    metadata: { labels },
                    spec: {
                        runStrategy: "Always",
                        template: {
                            metadata: { labels },
                            spec: {
                                domain: {
                                    cpu: { sockets },
                                    memory: { guest: "128Mi" },
                                    devices: {
                                        disks: [{ name: "root", disk: { bus: "virtio" } }],
                                        // masquerade, not the default bridge: a bridge on the pod network makes the VMI non-migratable
                                        interfaces: [{ name: "default", masquerade: {} }],
                                    },
                                },
                                networks: [{ name: "default", pod: {} }],
                                terminationGracePeriodSeconds: 0,
                                volumes: [
                                    {
                                        name: "root",
                                        containerDisk: { image: "quay.io/containerdisks/cirros" },
                                    },
                                ],
                            },
                        },
                    },
                },
            },
        },
    };
}

async function expectClean(s: TestStack): Promise<void> {
    const p = await s.previewJson();
    assert.deepEqual(changesIn(p), {}, `re-preview not clean: ${JSON.stringify(p.changeSummary)}`);
}

const planOf = (p: Awaited<ReturnType<TestStack["previewJson"]>>, name: string): Json =>
    stepFor(p, name)?.newState?.inputs?.plannedImpact ?? {};

async function vmis(s: TestStack, poolName: string): Promise<Map<string, KubeObject>> {
    const all = await s.kube.list("kubevirt.io/v1", "VirtualMachineInstance", "default", {
        labelSelector: `kubevirt.io/vmpool=${poolName}`,
    });
    return new Map(all.map((v) => [String(v.metadata.name), v]));
}

async function vmNames(s: TestStack, poolName: string): Promise<string[]> {
    const all = await s.kube.list("kubevirt.io/v1", "VirtualMachine", "default", {
        labelSelector: `kubevirt.io/vmpool=${poolName}`,
    });
    return all
        .filter((v) => !v.metadata.deletionTimestamp)
        .map((v) => String(v.metadata.name))
        .sort();
}

/** Waits (by watch, generous deadline) until every VMI of the pool runs with `sockets` sockets. */
function untilSockets(s: TestStack, poolName: string, n: number, sockets: number) {
    return awaitSelection(
        s.kube,
        {
            apiVersion: "kubevirt.io/v1",
            kind: "VirtualMachineInstance",
            namespace: "default",
            labelSelector: `kubevirt.io/vmpool=${poolName}`,
        },
        (objs) => {
            const done = objs.filter(
                (o) =>
                    (o.spec as Json)?.domain?.cpu?.sockets === sockets &&
                    (o.status as Json)?.currentCPUTopology?.sockets === sockets,
            );
            return { ok: objs.length === n && done.length === n, message: `${done.length}/${n}` };
        },
        { timeoutMs: 300_000, what: `${poolName} VMIs with ${sockets} sockets` },
    );
}

describe("VirtualMachinePool on KubeVirt's own pool controller", function () {
    this.timeout(1_200_000);
    let s: TestStack;
    const opp = { updateStrategy: { opportunistic: {} } };
    const desc = {
        scaleInStrategy: { proactive: { selectionPolicy: { sortPolicy: "DescendingOrder" } } },
    };

    before(async () => {
        s = await TestStack.create("e2e-pool");
    });
    after(async () => {
        if (s) await s.destroy();
    });

    it("the upstream example applies, its 3 replicas become Ready, and re-previews clean", async () => {
        const m = upstream();
        s.declare([{ type: "VirtualMachinePool", name: m.metadata.name, args: m }]);
        await s.up();
        const live = await s.kube.get({
            apiVersion: "pool.kubevirt.io/v1beta1",
            kind: "VirtualMachinePool",
            namespace: "default",
            name: m.metadata.name,
        });
        assert.equal((live?.status as Json)?.readyReplicas, 3, JSON.stringify(live?.status));
        assert.deepEqual(await vmNames(s, m.metadata.name), [
            "vm-pool-cirros-0",
            "vm-pool-cirros-1",
            "vm-pool-cirros-2",
        ]);
        await expectClean(s);
        s.declare([]);
        await s.up();
    });

    it("a template CPU change previews per replica and the cluster does what the plan said", async () => {
        s.declare([pool("pro", 2, 1), pool("opp", 2, 1, { ...opp, ...desc })]);
        await s.up();
        const before = await vmis(s, "pro");
        const beforeOpp = await vmis(s, "opp");
        s.declare([pool("pro", 2, 2), pool("opp", 2, 2, { ...opp, ...desc })]);
        const p = await s.previewJson();
        const pro = planOf(p, "pro");
        const oppPlan = planOf(p, "opp");
        assert.match(pro.summary, /2 replicas \(proactive update\): restart ×2/, pro.summary);
        assert.match(oppPlan.summary, /2 replicas \(opportunistic update\): liveMigrate ×2/);
        assert.deepEqual(
            pro.replicas.map((r: Json) => [r.name, r.impact]),
            [
                ["pro-0", "restart"],
                ["pro-1", "restart"],
            ],
        );
        await s.up();
        await untilSockets(s, "pro", 2, 2);
        await untilSockets(s, "opp", 2, 2);
        const after = await vmis(s, "pro");
        const afterOpp = await vmis(s, "opp");
        for (const n of ["pro-0", "pro-1"])
            assert.notEqual(
                after.get(n)?.metadata.uid,
                before.get(n)?.metadata.uid,
                `${n} restarted`,
            );
        for (const n of ["opp-0", "opp-1"])
            assert.equal(
                afterOpp.get(n)?.metadata.uid,
                beforeOpp.get(n)?.metadata.uid,
                `${n} kept its VMI`,
            );
        await expectClean(s);
    });

    it("scaling 2→3→1 creates the next ordinal and deletes the VMs the plan named", async () => {
        s.declare([pool("pro", 2, 2), pool("opp", 3, 2, { ...opp, ...desc })]);
        const up = planOf(await s.previewJson(), "opp");
        assert.match(up.summary, /replicas 2→3: creates opp-2/);
        await s.up();
        assert.deepEqual(await vmNames(s, "opp"), ["opp-0", "opp-1", "opp-2"]);
        s.declare([pool("pro", 1, 2), pool("opp", 1, 2, { ...opp, ...desc })]);
        const p = await s.previewJson();
        assert.match(
            planOf(p, "opp").summary,
            /replicas 3→1: deletes opp-2, opp-1 \(sortPolicy DescendingOrder\)/,
        );
        assert.match(
            planOf(p, "pro").summary,
            /replicas 2→1: deletes 1 of pro-0, pro-1, chosen at random/,
        );
        await s.up();
        assert.deepEqual(await vmNames(s, "opp"), ["opp-0"]);
        assert.equal((await vmNames(s, "pro")).length, 1);
        await expectClean(s);
    });
});
