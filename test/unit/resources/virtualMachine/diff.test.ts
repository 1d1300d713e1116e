/**
 * The VM's diff takes "replace" from the classifier, like every other kind: a replace row in the
 * VM policy table (added here for the test) makes both the planned impact and the engine's diff
 * say replace, so preview cannot show "replace" while Pulumi updates in place.
 */
import assert from "node:assert/strict";
import type { PolicyRule } from "../../../../provider/diff/classify";
import { defaultClusterFacts } from "../../../../provider/diff/types";
import { planFor } from "../../../../provider/resources/virtualMachine/plan";
import { vmObjectRules } from "../../../../provider/resources/virtualMachine/policy";
import { virtualMachineProvider } from "../../../../provider/resources/virtualMachine/provider";
import type { VmContext } from "../../../../provider/resources/virtualMachine/vmContext";

const vm = (labels: Record<string, string> = {}, name = "vm-1"): any => ({
    metadata: { name, namespace: "ns" },
    spec: {
        runStrategy: "Always",
        template: { metadata: { labels }, spec: { domain: { devices: {} } } },
    },
});
const running = { running: true, maxSockets: 8, maxGuest: "8Gi", migratable: true };
const replaceRule: PolicyRule<VmContext> = {
    pattern: "spec.template.metadata.labels.tier",
    impact: "replace",
    why: "tier is a test replace rule",
};

/** Diff of olds → news with `news` checked as check would: plannedImpact from the pure plan. */
async function diffOf(olds: any, news: any) {
    const checked = { ...news, plannedImpact: planFor(olds, news, running, defaultClusterFacts) };
    return {
        planned: checked.plannedImpact,
        diff: await virtualMachineProvider.diff("ns/vm-1", olds, checked),
    };
}

describe("VM diff: replace comes from the classifier", () => {
    const rules = vmObjectRules as PolicyRule<VmContext>[];
    before(() => rules.unshift(replaceRule));
    after(() => assert.equal(rules.shift(), replaceRule));

    const cases = [
        {
            name: "A change the table marks replace is replaced",
            news: vm({ tier: "gold" }),
            replaces: ["spec"],
            impact: "replace",
        },
        {
            name: "A rename is replaced, deleting first only when the name stays",
            news: vm({}, "vm-2"),
            replaces: ["metadata"],
            impact: "replace",
        },
        {
            name: "Another label change updates in place",
            news: vm({ app: "x" }),
            replaces: [],
            impact: "metadata",
        },
    ];
    for (const c of cases) {
        it(c.name, async () => {
            const { planned, diff } = await diffOf(vm(), c.news);
            assert.equal(planned.impact, c.impact, JSON.stringify(planned));
            assert.deepEqual(diff.replaces, c.replaces);
            assert.equal(diff.changes, true);
        });
    }

    it("Identical inputs are no change", async () => {
        const { diff } = await diffOf(vm(), vm());
        assert.deepEqual(
            { changes: diff.changes, replaces: diff.replaces },
            { changes: false, replaces: [] },
        );
    });
});
