/**
 * The restart path's PodDisruptionBudget turns: the budgets selecting the VM's launcher pod (found
 * by the VMI uid virt-controller labels it with) each give a turn, or fail the restart by name.
 */
import assert from "node:assert/strict";
import {
    budgetTurns,
    DisruptionBudgetError,
} from "../../../../provider/resources/virtualMachine/budgetTurn";
import type { OpContext } from "../../../../provider/kindProvider";
import type { KubeObject } from "../../../../provider/k8s/client";

/** A running, Ready launcher pod of VMI `uid` (labels as virt-controller sets them). */
const launcher = (ns: string, uid: string, vm: string): KubeObject => ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
        name: `virt-launcher-${vm}-x`,
        namespace: ns,
        labels: { app: "web", "kubevirt.io/created-by": uid, "vm.kubevirt.io/name": vm },
    },
    status: { phase: "Running", conditions: [{ type: "Ready", status: "True" }] },
});

const budget = (ns: string, name: string, spec: object): KubeObject => ({
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: { name, namespace: ns },
    spec: { selector: { matchLabels: { app: "web" } }, ...spec },
});

function ctxWith(pdbs: KubeObject[], pods: KubeObject[]): OpContext {
    const client = {
        list: async (_: string, kind: string) => (kind === "Pod" ? pods : pdbs),
    };
    return { client, config: {}, say: () => undefined } as unknown as OpContext;
}

/** Each case has its own namespace: a budget's allowance is remembered per run (process). */
const cases: {
    name: string;
    budget?: object;
    uid: string;
    turns?: number;
    error?: RegExp;
}[] = [
    { name: "no budget: no turn", uid: "uid-0", turns: 0 },
    {
        name: "a budget allowing one gives one turn",
        budget: { minAvailable: 2 },
        uid: "uid-0",
        turns: 1,
    },
    {
        name: "a budget allowing none fails the restart, naming it and its count",
        budget: { minAvailable: 3 },
        uid: "uid-0",
        error: /PodDisruptionBudget ns-2\/web allows no disruption now \(3 of 3 selected pods healthy, 3 must stay\)/,
    },
    {
        name: "a budget selecting other pods gives no turn",
        budget: { minAvailable: 3, selector: { matchLabels: { app: "db" } } },
        uid: "uid-0",
        turns: 0,
    },
    {
        name: "a VMI with no launcher pod (yet) takes no turn",
        budget: { minAvailable: 3 },
        uid: "uid-gone",
        turns: 0,
    },
];

describe("PodDisruptionBudget turns before a restart", () => {
    cases.forEach((c, i) =>
        it(c.name, async () => {
            const ns = `ns-${i}`;
            const pods = [0, 1, 2].map((n) => launcher(ns, `uid-${n}`, `vm-${n}`));
            const pdbs = c.budget ? [budget(ns, "web", c.budget)] : [];
            const vm = { metadata: { name: "vm-0", namespace: ns } };
            const turns = budgetTurns(ctxWith(pdbs, pods), "VirtualMachine vm-0", vm, c.uid);
            if (c.error) {
                await assert.rejects(turns, (e: Error) => {
                    assert.ok(e instanceof DisruptionBudgetError);
                    assert.match(e.message, c.error!);
                    return true;
                });
                return;
            }
            const got = await turns;
            assert.equal(got.length, c.turns);
            for (const release of got) release();
        }),
    );
});
