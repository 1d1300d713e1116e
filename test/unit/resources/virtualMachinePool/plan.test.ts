import assert from "node:assert/strict";
import { defaultClusterFacts, type Impact, type VmRuntime } from "../../../../provider/diff/types";
import {
    planPool,
    type ReplicaState,
} from "../../../../provider/resources/virtualMachinePool/plan";

type Json = Record<string, any>;

/** The upstream cirros pool, with CPU sockets declared so hotplug can be planned. */
const pool = (): Json => ({
    metadata: { name: "p", namespace: "default" },
    spec: {
        replicas: 3,
        selector: { matchLabels: { app: "p" } },
        virtualMachineTemplate: {
            metadata: { labels: { app: "p" } },
            spec: {
                runStrategy: "Always",
                template: {
                    metadata: { labels: { app: "p" } },
                    spec: {
                        domain: {
                            cpu: { sockets: 1 },
                            memory: { guest: "128Mi" },
                            devices: {},
                        },
                    },
                },
            },
        },
    },
});

const running: VmRuntime = { running: true, maxSockets: 4, migratable: true };
const replicas = (n: number, runtime: VmRuntime = running): ReplicaState[] =>
    Array.from({ length: n }, (_, i) => ({ name: `p-${i}`, runtime }));
const tpl = (p: Json) => p.spec.virtualMachineTemplate;
const sockets = (n: number) => (p: Json) => (tpl(p).spec.template.spec.domain.cpu.sockets = n);

interface Case {
    name: string;
    change: (p: Json) => void;
    /** Applied to the old spec too (strategies that were already there). */
    both?: (p: Json) => void;
    replicas?: ReplicaState[];
    impact: Impact;
    /** Expected per-replica impacts, in order. */
    rows?: [string, Impact][];
    summary?: RegExp;
    why?: RegExp;
    note?: RegExp;
}

const cases: Case[] = [
    {
        name: "A template CPU change restarts every running replica under the default proactive strategy",
        change: sockets(2),
        impact: "restart",
        rows: [
            ["p-0", "restart"],
            ["p-1", "restart"],
            ["p-2", "restart"],
        ],
        summary: /p: 3 replicas \(proactive update\): restart ×3/,
        why: /cpu.sockets 1→2: the pool's proactive update deletes the outdated VMI .*\(the VM alone: liveMigrate\)/,
        note: /maxUnavailable \(100%\)/,
    },
    {
        name: "With opportunistic updates each replica follows the VM's own rollout (a CPU hotplug migrates)",
        both: (p) => (p.spec.updateStrategy = { opportunistic: {} }),
        change: sockets(2),
        impact: "liveMigrate",
        rows: [
            ["p-0", "liveMigrate"],
            ["p-1", "liveMigrate"],
            ["p-2", "liveMigrate"],
        ],
        summary: /liveMigrate ×3/,
    },
    {
        name: "With unmanaged updates existing replicas are untouched",
        both: (p) => (p.spec.updateStrategy = { unmanaged: {} }),
        change: sockets(2),
        impact: "none",
        rows: [
            ["p-0", "none"],
            ["p-1", "none"],
            ["p-2", "none"],
        ],
        why: /only VMs created later get the new template/,
    },
    {
        name: "A stopped replica only gets its VM spec rewritten; running ones restart",
        change: sockets(2),
        replicas: [
            { name: "p-0", runtime: running },
            { name: "p-1", runtime: { running: false } },
        ],
        impact: "restart",
        rows: [
            ["p-0", "restart"],
            ["p-1", "none"],
        ],
    },
    {
        name: "A VM-level label change is metadata per replica (the pool only relabels VMIs)",
        change: (p) => (tpl(p).metadata.labels.tier = "web"),
        impact: "metadata",
        rows: [
            ["p-0", "metadata"],
            ["p-1", "metadata"],
            ["p-2", "metadata"],
        ],
    },
    {
        name: "A dataVolumeTemplates change makes the pool delete and recreate each running VM",
        both: (p) =>
            (tpl(p).spec.dataVolumeTemplates = [
                {
                    metadata: { name: "root" },
                    spec: { storage: { resources: { requests: { storage: "1Gi" } } } },
                },
            ]),
        change: (p) =>
            (tpl(p).spec.dataVolumeTemplates[0].spec.storage.resources.requests.storage = "2Gi"),
        replicas: replicas(1),
        impact: "replace",
        rows: [["p-0", "replace"]],
        why: /deletes the VM and creates it again/,
    },
    {
        name: "Scaling out creates the next ordinals",
        change: (p) => (p.spec.replicas = 4),
        impact: "live",
        rows: [["p-3", "live"]],
        summary: /replicas 3→4: creates p-3/,
    },
    {
        name: "Scaling out fills a gap in the ordinals first",
        change: (p) => (p.spec.replicas = 4),
        replicas: [0, 2, 3].map((i) => ({ name: `p-${i}`, runtime: running })),
        impact: "live",
        rows: [["p-1", "live"]],
    },
    {
        name: "Scaling in by default deletes VMs at random, and says so",
        change: (p) => (p.spec.replicas = 1),
        impact: "replace",
        rows: [],
        why: /replicas 3→1: deletes 2 of p-0, p-1, p-2, chosen at random/,
    },
    {
        name: "Scaling in with DescendingOrder names the highest ordinals",
        both: (p) =>
            (p.spec.scaleInStrategy = {
                proactive: { selectionPolicy: { sortPolicy: "DescendingOrder" } },
            }),
        change: (p) => (p.spec.replicas = 1),
        impact: "replace",
        rows: [
            ["p-2", "replace"],
            ["p-1", "replace"],
        ],
        why: /deletes p-2, p-1 \(sortPolicy DescendingOrder\)/,
    },
    {
        name: "Scaling in with AscendingOrder deletes the lowest ordinals first",
        both: (p) =>
            (p.spec.scaleInStrategy = {
                proactive: { selectionPolicy: { sortPolicy: "AscendingOrder" } },
            }),
        change: (p) => (p.spec.replicas = 2),
        impact: "replace",
        rows: [["p-0", "replace"]],
    },
    {
        name: "Scaling in with an opportunistic scale-in deletes nothing",
        both: (p) => (p.spec.scaleInStrategy = { opportunistic: {} }),
        change: (p) => (p.spec.replicas = 1),
        impact: "metadata",
        rows: [],
        why: /the pool deletes no VM itself/,
    },
    {
        name: "A template change with a scale-in plans only the replicas that stay",
        both: (p) =>
            (p.spec.scaleInStrategy = {
                proactive: { selectionPolicy: { sortPolicy: "DescendingOrder" } },
            }),
        change: (p) => {
            p.spec.replicas = 2;
            sockets(2)(p);
        },
        impact: "replace",
        rows: [
            ["p-0", "restart"],
            ["p-1", "restart"],
            ["p-2", "replace"],
        ],
        summary: /2 replicas \(proactive update\): restart ×2; replicas 3→2: deletes p-2/,
    },
    {
        name: "A pool knob (maxUnavailable) is live for the pool and touches no replica",
        change: (p) => (p.spec.maxUnavailable = 1),
        impact: "live",
        rows: [],
    },
    { name: "No change plans nothing", change: () => undefined, impact: "none", rows: [] },
];

describe("VirtualMachinePool plan", () => {
    for (const c of cases) {
        it(c.name, () => {
            const olds = pool();
            c.both?.(olds);
            const news = structuredClone(olds);
            c.change(news);
            const plan = planPool(olds, news, c.replicas ?? replicas(3), defaultClusterFacts);
            assert.equal(plan.impact, c.impact, JSON.stringify(plan, null, 1));
            if (c.rows)
                assert.deepEqual(
                    plan.replicas.map((r) => [r.name, r.impact]),
                    c.rows,
                );
            if (c.summary) assert.match(plan.summary, c.summary);
            if (c.why)
                assert.match(
                    plan.reasons.map((r) => r.why).join("\n") +
                        plan.replicas.map((r) => r.why).join("\n"),
                    c.why,
                );
            if (c.note) assert.match(plan.notes.join("\n"), c.note);
        });
    }

    it("A value unknown at preview assumes replicas may restart", () => {
        const news = pool();
        news.spec.replicas = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
        assert.equal(planPool(pool(), news, replicas(3), defaultClusterFacts).impact, "restart");
    });
});
