import assert from "node:assert/strict";
import { disruptionOf, rolloutNote } from "../../../../provider/resources/virtualMachine/rollout";
import { rolloutProblems } from "../../../../provider/rollout/types";
import type { PlannedImpact } from "../../../../provider/resources/virtualMachine/plan";

const plan = (impact: PlannedImpact["impact"]): PlannedImpact => ({
    impact,
    summary: "",
    reasons: [],
    notes: [],
});

describe("VirtualMachine rollout: which step disrupts the VM", () => {
    const cases: {
        name: string;
        impact: PlannedImpact["impact"];
        policy?: string;
        dflt?: string;
        running: boolean;
        want: string | undefined;
    }[] = [
        {
            name: "a live migration migrates",
            impact: "liveMigrate",
            running: true,
            want: "migrate",
        },
        {
            name: "a restart under onChange restarts",
            impact: "restart",
            policy: "onChange",
            running: true,
            want: "restart",
        },
        {
            name: "the stack default onChange counts too",
            impact: "restart",
            dflt: "onChange",
            running: true,
            want: "restart",
        },
        {
            name: "a restart left pending (never) disrupts nothing",
            impact: "restart",
            policy: "never",
            running: true,
            want: undefined,
        },
        { name: "a live change disrupts nothing", impact: "live", running: true, want: undefined },
        {
            name: "a stopped VM has nothing to disrupt",
            impact: "liveMigrate",
            running: false,
            want: undefined,
        },
    ];
    for (const c of cases)
        it(c.name, () =>
            assert.equal(
                disruptionOf(plan(c.impact), { restartPolicy: c.policy }, c.running, c.dflt),
                c.want,
            ),
        );

    it("the preview note names the group and its budget", () => {
        assert.equal(
            rolloutNote({ group: "web", maxUnavailable: 3 }, "restart"),
            "rollout group 'web': at most 3 restarting at a time",
        );
        assert.match(
            rolloutNote({ group: "web" }, "migrate") ?? "",
            /KubeVirt's cluster limit paces migrations/,
        );
        assert.equal(rolloutNote(undefined, "restart"), undefined);
    });
});

describe("rollout input validation", () => {
    const cases: { name: string; value: unknown; want: string[] }[] = [
        { name: "absent is fine", value: undefined, want: [] },
        {
            name: "a group with budgets is fine",
            value: { group: "web", maxUnavailable: 3, maxMigrating: 2 },
            want: [],
        },
        { name: "a string is not a rollout", value: "web", want: [""] },
        { name: "group is required", value: { maxUnavailable: 2 }, want: ["group"] },
        { name: "an upper-case group is refused", value: { group: "Web" }, want: ["group"] },
        {
            name: "zero restarts at a time would stall",
            value: { group: "g", maxUnavailable: 0 },
            want: ["maxUnavailable"],
        },
        {
            name: "fractions are refused",
            value: { group: "g", maxMigrating: 1.5 },
            want: ["maxMigrating"],
        },
        {
            name: "unknown fields are named",
            value: { group: "g", maxSurge: 1 },
            want: ["maxSurge"],
        },
    ];
    for (const c of cases)
        it(c.name, () =>
            assert.deepEqual(
                rolloutProblems(c.value).map(([f]) => f),
                c.want,
            ),
        );
});
