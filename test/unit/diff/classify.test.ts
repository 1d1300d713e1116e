import assert from "node:assert/strict";
import { classifyChanges, type PolicyRule } from "../../../provider/diff/classify";
import { diffValues } from "../../../provider/diff/paths";
import type { Impact } from "../../../provider/diff/types";

interface Ctx {
    big: number;
}

const policy: PolicyRule<Ctx>[] = [
    { pattern: "name", impact: "replace", why: "identity" },
    {
        pattern: "size",
        predicate: (c, ctx) =>
            (c.new as number) > ctx.big ? { impact: "restart", why: "too big" } : undefined,
    },
    { pattern: "size", impact: "live", why: "grows live" },
    { pattern: "labels.**", impact: "metadata", note: "labels only" },
    { pattern: "spec.**", impact: "restart", why: (c) => `${c.path} restarts` },
];

describe("classifyChanges", () => {
    const cases: {
        name: string;
        old: object;
        new: object;
        impact: Impact;
        whys: string[];
        notes?: string[];
    }[] = [
        {
            name: "No change gives impact none and no reasons",
            old: { a: 1 },
            new: { a: 1 },
            impact: "none",
            whys: [],
        },
        {
            name: "The first matching rule wins",
            old: { name: "a" },
            new: { name: "b" },
            impact: "replace",
            whys: ["identity"],
        },
        {
            name: "A predicate decides from the value",
            old: { size: 1 },
            new: { size: 20 },
            impact: "restart",
            whys: ["too big"],
        },
        {
            name: "A declining predicate falls through to the next rule",
            old: { size: 1 },
            new: { size: 2 },
            impact: "live",
            whys: ["grows live"],
        },
        {
            name: "A why function sees the change",
            old: { spec: { x: 1 } },
            new: { spec: { x: 2 } },
            impact: "restart",
            whys: ["spec.x restarts"],
        },
        {
            name: "The plan impact is the maximum and every path keeps its own reason",
            old: { size: 1, labels: { a: "1" }, spec: {} },
            new: { size: 2, labels: { a: "2" }, spec: { y: 1 } },
            impact: "restart",
            whys: ["grows live", "labels.a changed", "spec.y restarts"],
        },
        {
            name: "Notes are collected once",
            old: { labels: { a: "1", b: "1" } },
            new: { labels: { a: "2", b: "2" } },
            impact: "metadata",
            whys: ["labels.a changed", "labels.b changed"],
            notes: ["labels only"],
        },
        {
            name: "A path no rule covers is assumed to need replacement",
            old: { other: 1 },
            new: { other: 2 },
            impact: "replace",
            whys: ["no policy rule covers this path; assuming the worst"],
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            const plan = classifyChanges(diffValues(c.old, c.new), policy, { big: 10 });
            assert.equal(plan.impact, c.impact);
            assert.deepEqual(
                plan.reasons.map((r) => r.why),
                c.whys,
            );
            if (c.notes) assert.deepEqual(plan.notes, c.notes);
        });
    }

    it("Each reason carries a terse summary", () => {
        const plan = classifyChanges(diffValues({ size: 1 }, { size: 2 }), policy, { big: 10 });
        assert.equal(plan.reasons[0]?.summary, "size 1→2");
    });
});
