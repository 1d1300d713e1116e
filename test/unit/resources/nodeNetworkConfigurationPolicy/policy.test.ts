import assert from "node:assert/strict";
import { planGeneric } from "../../../../provider/resources/generic/objects";
import { nncpKind } from "../../../../provider/resources/nodeNetworkConfigurationPolicy/definition";
import type { Impact } from "../../../../provider/diff/types";

type P = Record<string, any>;
const N: Impact = "none",
    MD: Impact = "metadata",
    L: Impact = "live",
    X: Impact = "replace";

/** Known-good policy: bond0 over eth1/eth2, a bridge on it, on the workers. */
function base(): P {
    return {
        metadata: {
            name: "host-net",
            annotations: { "nmstate.io/webhook-mutating-timestamp": "1" },
        },
        spec: {
            nodeSelector: { "node-role.kubernetes.io/worker": "" },
            desiredState: {
                interfaces: [
                    {
                        name: "bond0",
                        type: "bond",
                        state: "up",
                        "link-aggregation": { mode: "active-backup", port: ["eth1", "eth2"] },
                    },
                    {
                        name: "br1",
                        type: "linux-bridge",
                        state: "up",
                        bridge: { port: [{ name: "bond0" }] },
                    },
                ],
            },
        },
    };
}

interface Case {
    name: string;
    modify: (p: P) => void;
    impact: Impact;
    why?: RegExp;
    note?: RegExp;
}

const cases: Case[] = [
    { name: "No change plans nothing", modify: () => undefined, impact: N },
    {
        name: "The nmstate webhook timestamp is ignored",
        modify: (p) => (p.metadata.annotations["nmstate.io/webhook-mutating-timestamp"] = "2"),
        impact: N,
    },
    {
        name: "A label is metadata only",
        modify: (p) => (p.metadata.labels = { team: "net" }),
        impact: MD,
    },
    { name: "Renaming replaces", modify: (p) => (p.metadata.name = "other"), impact: X },
    {
        name: "Changing a bond option reconfigures the nodes live",
        modify: (p) => (p.spec.desiredState.interfaces[0]["link-aggregation"].mode = "802.3ad"),
        impact: L,
        why: /nmstate reconfigures the matching nodes/,
    },
    {
        name: "Adding an interface reconfigures the nodes live",
        modify: (p) =>
            p.spec.desiredState.interfaces.push({
                name: "bond0.100",
                type: "vlan",
                vlan: { "base-iface": "bond0", id: 100 },
            }),
        impact: L,
    },
    {
        name: "Dropping an interface says it stays on the nodes",
        modify: (p) => p.spec.desiredState.interfaces.pop(),
        impact: L,
        why: /'br1' no longer declared: .* leaves it configured/,
        note: /state: absent/,
    },
    {
        name: "Marking an interface absent says it is removed from the nodes",
        modify: (p) => (p.spec.desiredState.interfaces[1].state = "absent"),
        impact: L,
        why: /'br1' will be removed from the matching nodes/,
    },
    {
        name: "Changing the nodeSelector warns that unmatched nodes keep their config",
        modify: (p) => (p.spec.nodeSelector = { "kubernetes.io/hostname": "node-a" }),
        impact: L,
        note: /stop matching .* keep the configuration/,
    },
    {
        name: "Changing maxUnavailable is live",
        modify: (p) => (p.spec.maxUnavailable = 1),
        impact: L,
        why: /how many nodes/,
    },
    {
        name: "Adding a capture replaces (nmstate forbids capture changes)",
        modify: (p) => (p.spec.capture = { gw: 'routes.running.destination=="0.0.0.0/0"' }),
        impact: X,
        why: /spec.capture/,
    },
];

describe("NodeNetworkConfigurationPolicy field policy", () => {
    for (const c of cases) {
        it(c.name, () => {
            const olds = base();
            const news = base();
            c.modify(news);
            const plan = planGeneric(nncpKind, olds, news);
            assert.equal(plan.impact, c.impact, JSON.stringify(plan.reasons));
            if (c.why)
                assert.ok(
                    plan.reasons.some((r) => c.why!.test(r.why)),
                    JSON.stringify(plan.reasons),
                );
            if (c.note)
                assert.ok(
                    plan.notes.some((n) => c.note!.test(n)),
                    JSON.stringify(plan.notes),
                );
        });
    }
});
