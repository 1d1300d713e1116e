import assert from "node:assert/strict";
import { evaluateGate, type FailOn } from "../../../provider/report/gate";
import { buildReport } from "../../../provider/report/preview";
import { fixture, planned, step } from "./helpers";

describe("report: --fail-on gates", () => {
    const vmChanges = buildReport(fixture("vmChanges.preview.json"));
    const onlyLive = buildReport({
        steps: [step("update", "vm-a", { planned: planned("live") }), step("create", "vm-new")],
    });
    const withErrors = buildReport({
        steps: [],
        diagnostics: [{ severity: "error", message: "check failed" }],
    });

    const cases: {
        name: string;
        report: typeof vmChanges;
        failOn: FailOn[];
        tripped: boolean;
        reasons?: RegExp[];
    }[] = [
        { name: "No gate never trips", report: vmChanges, failOn: [], tripped: false },
        {
            name: "restart trips on a restart and on a delete",
            report: vmChanges,
            failOn: ["restart"],
            tripped: true,
            reasons: [
                /VirtualMachine default\/vm-b: restart/,
                /VirtualMachine default\/vm-e: deleted/,
            ],
        },
        {
            name: "liveMigrate trips on a live migration too",
            report: vmChanges,
            failOn: ["liveMigrate"],
            tripped: true,
            reasons: [/vm-b/, /vm-a: liveMigrate/, /vm-e/],
        },
        {
            name: "replace trips on a delete even without replacements",
            report: vmChanges,
            failOn: ["replace"],
            tripped: true,
            reasons: [/vm-e: deleted/],
        },
        {
            name: "restart passes live changes and creates",
            report: onlyLive,
            failOn: ["restart"],
            tripped: false,
        },
        {
            name: "any trips on a live change",
            report: onlyLive,
            failOn: ["any"],
            tripped: true,
            reasons: [/vm-a: live/],
        },
        {
            name: "Several gates act as the lowest",
            report: onlyLive,
            failOn: ["replace", "live"],
            tripped: true,
        },
        {
            name: "Preview errors trip any gate: the plan is incomplete",
            report: withErrors,
            failOn: ["replace"],
            tripped: true,
            reasons: [/preview error .*check failed/],
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            const g = evaluateGate(c.report, c.failOn);
            assert.equal(g.tripped, c.tripped);
            for (const [i, re] of (c.reasons ?? []).entries()) assert.match(g.reasons[i] ?? "", re);
            if (c.reasons) assert.equal(g.reasons.length, c.reasons.length);
        });
    }
});
