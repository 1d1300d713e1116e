/**
 * The node side the simulator plays beside real KubeVirt: scheduler, kubelet, virt-handler and
 * the handlers' migration handshake. Pure reconcilers: store in, writes (with identities) out.
 */
import assert from "node:assert/strict";
import type { KubeObject } from "../../../provider/k8s/client";
import type { Action } from "../../../sim/actions";
import { makeConfig } from "../../../sim/config";
import { reconcileHandler } from "../../../sim/node/handler";
import { reconcilePod } from "../../../sim/node/kubelet";
import { reconcileScheduling } from "../../../sim/node/scheduler";
import { unschedulableCondition } from "../../../sim/kubevirt/scheduling";
import { MemoryStore } from "../../../sim/store";

const ctx = {
    now: Date.parse("2026-12-02T00:00:00Z"),
    sinceStep: 1e9,
    config: makeConfig({ delays: { step: 0 } }),
};
const node = (name: string): KubeObject => ({
    apiVersion: "v1",
    kind: "Node",
    metadata: {
        name,
        labels: { "kubernetes.io/arch": "amd64", "kubevirt.io/schedulable": "true" },
    },
});
const pod = (
    name: string,
    extra: {
        nodeName?: string;
        labels?: Record<string, string>;
        phase?: string;
        deleting?: boolean;
    } = {},
): KubeObject => ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
        name,
        namespace: "ns",
        uid: `uid-${name}`,
        labels: {
            "kubevirt.io": "virt-launcher",
            "kubevirt.io/created-by": "vmi-uid",
            ...(extra.labels ?? {}),
        },
        ...(extra.deleting ? { deletionTimestamp: "2026-12-02T00:00:00Z" } : {}),
    },
    spec: {
        nodeName: extra.nodeName,
        nodeSelector: { "kubevirt.io/schedulable": "true" },
        containers: [{ name: "compute", image: "launcher" }],
    },
    status: { phase: extra.phase ?? "Pending" },
});
const vmi = (status: Record<string, unknown>, extra: Record<string, unknown> = {}): KubeObject => ({
    apiVersion: "kubevirt.io/v1",
    kind: "VirtualMachineInstance",
    metadata: { name: "vm", namespace: "ns", uid: "vmi-uid", resourceVersion: "1", ...extra },
    spec: {
        domain: {
            cpu: { sockets: 2, cores: 1, threads: 1 },
            memory: { guest: "1Gi" },
            devices: { interfaces: [{ name: "default", masquerade: {} }] },
        },
        networks: [{ name: "default", pod: {} }],
    },
    status,
});
/** What a write sets: a merge patch's body, or the whole object a replace writes. */
const patchOf = (a: Action | undefined): any =>
    a?.op === "patch" ? a.patch : a?.op === "replace" || a?.op === "create" ? a.obj : undefined;

describe("sim node side (real KubeVirt mode)", () => {
    const marked = (): KubeObject => ({
        ...pod("p"),
        status: {
            phase: "Pending",
            // As the scheduler writes it (no node: 0 of 0 fit).
            conditions: [
                {
                    ...unschedulableCondition(0),
                    lastProbeTime: null,
                    lastTransitionTime: "2026-12-02T00:00:00Z",
                },
            ],
        },
    });
    const schedulingCases: { name: string; objs: KubeObject[]; want: string }[] = [
        {
            name: "binds a pending launcher pod to a fitting node",
            objs: [node("node-a"), pod("p")],
            want: "bind node-a",
        },
        {
            name: "keeps a migration target off the node its VMI runs on",
            objs: [
                node("node-a"),
                node("node-b"),
                pod("src", { nodeName: "node-a", phase: "Running" }),
                pod("p", { labels: { "kubevirt.io/migrationJobUID": "m" } }),
            ],
            want: "bind node-b",
        },
        {
            name: "marks a pod no node fits Unschedulable, as kube-scheduler does",
            objs: [pod("p")],
            want: "status PodScheduled False Unschedulable",
        },
        { name: "marks it once", objs: [marked()], want: "nothing" },
        {
            name: "binds a marked pod once a node fits",
            objs: [node("node-a"), marked()],
            want: "bind node-a",
        },
    ];
    /** The scheduler's one action, in words. */
    const schedulingAction = (a: Action | undefined): string => {
        if (a?.op === "create") return `bind ${(a.obj.target as { name: string }).name}`;
        const c =
            a?.op === "patch" && a.subresource === "status" && patchOf(a).status.conditions[0];
        return c ? `status ${c.type} ${c.status} ${c.reason}` : a ? a.op : "nothing";
    };
    for (const c of schedulingCases) {
        it(`scheduler ${c.name}`, () => {
            const res = reconcileScheduling("ns/p", new MemoryStore(c.objs), ctx);
            assert.equal(res.actions.length <= 1, true);
            assert.equal(schedulingAction(res.actions[0]), c.want);
        });
    }

    const kubeletCases: { name: string; objs: KubeObject[]; want: string }[] = [
        {
            name: "starts a bound pod's containers",
            objs: [pod("p", { nodeName: "node-a" })],
            want: "patch:Running",
        },
        {
            name: "removes a pod being deleted for good",
            objs: [pod("p", { nodeName: "node-a", phase: "Running", deleting: true })],
            want: "delete",
        },
        {
            name: "ends the launcher of a finished VMI",
            objs: [pod("p", { nodeName: "node-a", phase: "Running" }), vmi({ phase: "Succeeded" })],
            want: "patch:Succeeded",
        },
        {
            name: "ends the source launcher after a migration",
            objs: [
                pod("p", { nodeName: "node-a", phase: "Running" }),
                vmi({
                    phase: "Running",
                    nodeName: "node-b",
                    migrationState: { completed: true, sourcePod: "p" },
                }),
            ],
            want: "patch:Succeeded",
        },
        {
            name: "leaves a running launcher alone",
            objs: [
                pod("p", { nodeName: "node-a", phase: "Running" }),
                vmi({ phase: "Running", nodeName: "node-a" }),
            ],
            want: "",
        },
    ];
    for (const c of kubeletCases) {
        it(`kubelet ${c.name}`, () => {
            const a = reconcilePod("ns/p", new MemoryStore(c.objs), ctx).actions[0];
            const got = !a ? "" : a.op === "delete" ? "delete" : `patch:${patchOf(a).status.phase}`;
            assert.equal(got, c.want);
        });
    }

    const handlerCases: { name: string; vmi: KubeObject; as: string; check: (p: any) => void }[] = [
        {
            name: "starts the domain of a scheduled VMI, as that node's handler",
            vmi: vmi({ phase: "Scheduled", nodeName: "node-a" }),
            as: "handler:node-a",
            check: (p) => {
                assert.equal(p.status.phase, "Running");
                assert.equal(p.status.selinuxContext, "none");
            },
        },
        {
            name: "shuts the guest down when the VMI is deleted",
            vmi: vmi(
                { phase: "Running", nodeName: "node-a" },
                { deletionTimestamp: "2026-12-02T00:00:00Z" },
            ),
            as: "handler:node-a",
            check: (p) => assert.equal(p.status.phase, "Succeeded"),
        },
        {
            name: "target reports its address once the migration is handed over",
            vmi: vmi({
                phase: "Running",
                nodeName: "node-a",
                migrationState: { sourceNode: "node-a", targetNode: "node-b" },
            }),
            as: "handler:node-b",
            check: (p) => assert.equal(p.status.migrationState.targetNodeDomainDetected, true),
        },
        {
            name: "source starts the migration once the target is ready",
            vmi: vmi({
                phase: "Running",
                nodeName: "node-a",
                migrationState: {
                    sourceNode: "node-a",
                    targetNode: "node-b",
                    targetNodeAddress: "x",
                },
            }),
            as: "handler:node-a",
            check: (p) => assert.ok(p.status.migrationState.startTimestamp),
        },
        {
            name: "target takes the VMI over in one write after completion",
            vmi: vmi({
                phase: "Running",
                nodeName: "node-a",
                conditions: [{ type: "HotVCPUChange", status: "True" }],
                migrationState: {
                    sourceNode: "node-a",
                    targetNode: "node-b",
                    targetNodeAddress: "x",
                    startTimestamp: "t",
                    targetNodeDomainReadyTimestamp: "t",
                    completed: true,
                },
            }),
            as: "handler:node-b",
            check: (p) => {
                assert.equal(p.status.nodeName, "node-b");
                assert.equal(p.metadata.labels["kubevirt.io/nodeName"], "node-b");
                assert.equal(p.status.currentCPUTopology.sockets, 2);
                assert.deepEqual(p.status.conditions, []);
            },
        },
        {
            name: "source refuses a migration on the knob, before it starts",
            vmi: vmi(
                {
                    phase: "Running",
                    nodeName: "node-a",
                    migrationState: { sourceNode: "node-a", targetNode: "node-b" },
                },
                { annotations: { "sim.pulumi-kubevirt.io/refuse-migration": "no room" } },
            ),
            as: "handler:node-a",
            check: (p) => {
                assert.equal(p.status.migrationState.failed, true);
                assert.equal(p.status.migrationState.failureReason, "no room");
            },
        },
    ];
    for (const c of handlerCases) {
        it(`virt-handler ${c.name}`, () => {
            const a = reconcileHandler("ns/vm", new MemoryStore([c.vmi]), ctx).actions[0];
            assert.equal(a?.as, c.as);
            c.check(patchOf(a));
        });
    }

    it("virt-handler leaves a VMI alone until virt-controller has placed it", () => {
        assert.deepEqual(
            reconcileHandler("ns/vm", new MemoryStore([vmi({ phase: "Scheduling" })]), ctx).actions,
            [],
        );
    });
});
