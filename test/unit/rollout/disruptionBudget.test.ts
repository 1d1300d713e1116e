import assert from "node:assert/strict";
import { budgetStanding, selectorMatches } from "../../../provider/rollout/disruptionBudget";
import type { KubeObject } from "../../../provider/k8s/client";

const labels = { app: "web", tier: "front", "vm.kubevirt.io/name": "web-1" };

describe("PodDisruptionBudget selectors", () => {
    const cases = [
        {
            name: "matchLabels that all match select the pod",
            sel: { matchLabels: { app: "web" } },
            want: true,
        },
        { name: "one differing label does not", sel: { matchLabels: { app: "db" } }, want: false },
        { name: "an empty selector selects every pod", sel: {}, want: true },
        {
            name: "In needs the label with one of the values",
            sel: { matchExpressions: [{ key: "tier", operator: "In", values: ["front", "x"] }] },
            want: true,
        },
        {
            name: "NotIn passes a pod without the label",
            sel: { matchExpressions: [{ key: "zone", operator: "NotIn", values: ["a"] }] },
            want: true,
        },
        {
            name: "Exists and DoesNotExist test presence",
            sel: {
                matchExpressions: [
                    { key: "app", operator: "Exists" },
                    { key: "tier", operator: "DoesNotExist" },
                ],
            },
            want: false,
        },
        {
            name: "an unknown operator selects nothing",
            sel: { matchExpressions: [{ key: "app", operator: "Gt", values: ["1"] }] },
            want: false,
        },
    ];
    for (const c of cases) it(c.name, () => assert.equal(selectorMatches(c.sel, labels), c.want));
});

const pod = (name: string, healthy: boolean, app = "web"): KubeObject => ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, labels: { app } },
    status: {
        phase: healthy ? "Running" : "Pending",
        conditions: [{ type: "Ready", status: healthy ? "True" : "False" }],
    },
});
const pdb = (spec: Record<string, unknown>): KubeObject => ({
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: { name: "b" },
    spec: { selector: { matchLabels: { app: "web" } }, ...spec },
});
const four = [
    pod("a", true),
    pod("b", true),
    pod("c", true),
    pod("d", false),
    pod("x", true, "db"),
];

describe("PodDisruptionBudget standing (what the disruption controller would allow)", () => {
    const cases = [
        { name: "minAvailable 2 of 3 healthy allows 1", spec: { minAvailable: 2 }, want: 1 },
        { name: "minAvailable 3 of 3 healthy allows none", spec: { minAvailable: 3 }, want: 0 },
        {
            name: "minAvailable 50% of 4 pods keeps 2, allows 1",
            spec: { minAvailable: "50%" },
            want: 1,
        },
        {
            name: "maxUnavailable 2 of 4 (1 already down) allows 1",
            spec: { maxUnavailable: 2 },
            want: 1,
        },
        {
            name: "maxUnavailable 25% of 4 rounds up to 1, already used",
            spec: { maxUnavailable: "25%" },
            want: 0,
        },
        { name: "pods of other apps do not count", spec: { minAvailable: 1 }, want: 2 },
    ];
    for (const c of cases)
        it(c.name, () => assert.equal(budgetStanding(pdb(c.spec), four).allowed, c.want));

    it("a terminating pod is not healthy", () => {
        const going = {
            ...pod("a", true),
            metadata: { name: "a", labels: { app: "web" }, deletionTimestamp: "now" },
        };
        assert.deepEqual(budgetStanding(pdb({ minAvailable: 1 }), [going, pod("b", true)]), {
            healthy: 1,
            expected: 2,
            desired: 1,
            allowed: 0,
        });
    });
});
