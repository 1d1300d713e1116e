import assert from "node:assert/strict";
import {
    enactmentConditions,
    maxUnavailableNodes,
    policyConditions,
    type EnactmentState,
    type EnactmentView,
} from "../../../sim/nmstate/conditions";
import { applyInterfaces } from "../../../sim/nmstate/nodeState";
import { planStep, type EnactmentSnapshot } from "../../../sim/nmstate/policyPlan";

const en = (state: EnactmentState, gen = 2, message = ""): EnactmentView => ({
    policyGeneration: gen,
    conditions: enactmentConditions(state, message).map((c) => ({
        type: c.type,
        status: c.status,
        ...(c.message ? { message: c.message } : {}),
    })),
});
const summary = (agg: ReturnType<typeof policyConditions>): string =>
    agg.conditions
        .filter((c) => c.status !== "False")
        .map((c) => `${c.type}=${c.status}${c.reason ? `/${c.reason}` : ""}`)
        .join(" ") + ` | ${agg.message}`;

describe("NNCP condition aggregation (setPolicyStatus)", () => {
    const cases: { name: string; nodes: number; enactments: EnactmentView[]; want: string }[] = [
        {
            name: "no matching node → Ignored",
            nodes: 0,
            enactments: [],
            want: "Ignored=True/NoMatchingNode | Policy does not match any node",
        },
        {
            name: "all nodes Available → Available",
            nodes: 3,
            enactments: [en("Available"), en("Available"), en("Available")],
            want: "Available=True/SuccessfullyConfigured | 3/3 nodes successfully configured",
        },
        {
            name: "one node progressing → Progressing with Available/Degraded Unknown",
            nodes: 3,
            enactments: [en("Available"), en("Progressing"), en("Pending")],
            want: "Degraded=Unknown/ConfigurationProgressing Available=Unknown/ConfigurationProgressing Progressing=True/ConfigurationProgressing | Policy is progressing 1/3 nodes finished",
        },
        {
            name: "one failing node → Degraded naming the count",
            nodes: 3,
            enactments: [en("Available"), en("Failing", 2, "boom"), en("Available")],
            want: "Degraded=True/FailedToConfigure | 1/3 nodes failed to configure",
        },
        {
            name: "aborted enactments are reported with the failures",
            nodes: 3,
            enactments: [en("Failing", 2, "boom"), en("Aborted"), en("Aborted")],
            want: "Degraded=True/FailedToConfigure | 1/3 nodes failed to configure, 2 nodes aborted configuration",
        },
        {
            name: "enactments of an older generation do not count",
            nodes: 2,
            enactments: [en("Available", 1), en("Available", 1)],
            want: "Degraded=Unknown/ConfigurationProgressing Available=Unknown/ConfigurationProgressing Progressing=True/ConfigurationProgressing | Policy is progressing 0/2 nodes finished",
        },
    ];
    for (const c of cases)
        it(c.name, () => assert.equal(summary(policyConditions(c.nodes, c.enactments, 2)), c.want));
});

describe("NNCP rollout plan", () => {
    const nodes = ["node-a", "node-b", "node-c"];
    const snap = (s: EnactmentState, gen: number, msg = ""): EnactmentSnapshot => en(s, gen, msg);

    /** Steps the plan to completion, returning one line per step. */
    function rollout(
        failures: Map<string, string>,
        batch: number,
        start = new Map<string, EnactmentSnapshot>(),
    ): string[] {
        const state = new Map(start);
        const out: string[] = [];
        for (let i = 0; i < 10; i++) {
            const plan = planStep({ nodes, enactments: state, generation: 2, failures, batch });
            if (plan.done) break;
            out.push([...plan.changes].map(([n, p]) => `${n}:${p.state}`).join(" "));
            for (const [n, p] of plan.changes) state.set(n, snap(p.state, 2, p.message));
        }
        return out;
    }

    it("rolls out in batches of maxUnavailable", () => {
        assert.deepEqual(rollout(new Map(), 2), [
            "node-a:Progressing node-b:Progressing node-c:Pending",
            "node-a:Available node-b:Available",
            "node-c:Progressing",
            "node-c:Available",
        ]);
    });
    it("a degraded node ends Failing, the others Available", () => {
        assert.deepEqual(rollout(new Map([["node-b", "boom"]]), 3), [
            "node-a:Progressing node-b:Progressing node-c:Progressing",
            "node-a:Available node-b:Failing node-c:Available",
        ]);
    });
    it("removing the knob re-runs only the failed node", () => {
        const start = new Map([
            ["node-a", snap("Available", 2)],
            ["node-b", snap("Failing", 2, "boom")],
            ["node-c", snap("Available", 2)],
        ]);
        assert.deepEqual(rollout(new Map(), 2, start), ["node-b:Progressing", "node-b:Available"]);
    });
    it("a new generation is flagged so it starts without waiting", () => {
        const start = new Map(nodes.map((n) => [n, snap("Available", 1)]));
        assert.equal(
            planStep({ nodes, enactments: start, generation: 2, failures: new Map(), batch: 1 })
                .newGeneration,
            true,
        );
    });
    const scale: [unknown, number, number][] = [
        [undefined, 3, 2],
        ["50%", 4, 2],
        ["10%", 3, 1],
        [1, 3, 1],
        ["100%", 3, 3],
    ];
    for (const [v, n, want] of scale)
        it(`maxUnavailable ${JSON.stringify(v)} of ${n} nodes is ${want}`, () =>
            assert.equal(maxUnavailableNodes(v, n), want));
});

describe("NodeNetworkState interfaces", () => {
    const eth = [
        { name: "eth0", type: "ethernet", state: "up" },
        { name: "eth1", type: "ethernet", state: "up" },
    ];
    it("adds a bridge and updates a port", () => {
        const got = applyInterfaces(eth, [
            {
                name: "br1",
                type: "linux-bridge",
                state: "up",
                bridge: { port: [{ name: "eth1" }] },
            },
            { name: "eth1", mtu: 9000 },
        ]);
        assert.deepEqual(
            got.map((i) => i.name),
            ["eth0", "eth1", "br1"],
        );
        assert.equal(got[1]!.mtu, 9000);
    });
    it("removes an interface marked absent", () => {
        assert.deepEqual(
            applyInterfaces(eth, [{ name: "eth1", state: "absent" }]).map((i) => i.name),
            ["eth0"],
        );
    });
});
