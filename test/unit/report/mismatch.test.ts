import assert from "node:assert/strict";
import { buildReport, renderMarkdown, renderText } from "../../../provider/report";
import { readMismatch } from "../../../provider/report/mismatch";
import { planned, step } from "./helpers";

const restartMismatch = {
    planned: "restart",
    observed: "noRestartRequired",
    message: "planned a restart, but KubeVirt did not report RestartRequired",
};

describe("report: the last update's plan mismatch", () => {
    const reads: { name: string; outputs: Record<string, unknown> | undefined; want: unknown }[] = [
        { name: "no outputs", outputs: undefined, want: undefined },
        { name: "no update yet", outputs: { lastUpdate: null }, want: undefined },
        {
            name: "as planned",
            outputs: { lastUpdate: { impact: "live", mismatch: null } },
            want: undefined,
        },
        {
            name: "a mismatch",
            outputs: { lastUpdate: { impact: "restart", mismatch: restartMismatch } },
            want: restartMismatch,
        },
        {
            name: "an unknown observation",
            outputs: { lastUpdate: { mismatch: { ...restartMismatch, observed: "moon" } } },
            want: undefined,
        },
        {
            name: "an unknown planned impact",
            outputs: { lastUpdate: { mismatch: { ...restartMismatch, planned: "reboot" } } },
            want: undefined,
        },
        {
            name: "no message",
            outputs: {
                lastUpdate: { mismatch: { planned: "liveMigrate", observed: "notMigrated" } },
            },
            want: { planned: "liveMigrate", observed: "notMigrated", message: "" },
        },
    ];
    for (const c of reads)
        it(`Reads ${c.name} from the old state's outputs`, () =>
            assert.deepEqual(readMismatch(c.outputs), c.want));

    const renders: { name: string; op: string; want: RegExp[] }[] = [
        {
            name: "a changed VM",
            op: "update",
            want: [
                /#### Last update did not go as planned \(1\)/,
                /- ⚠️ VirtualMachine `default\/vm-b`: planned \*\*restart\*\*, observed \*\*no RestartRequired\*\*: planned a restart, but KubeVirt/,
            ],
        },
        {
            name: "an unchanged VM",
            op: "same",
            want: [/observed \*\*no RestartRequired\*\*/],
        },
    ];
    for (const c of renders)
        it(`Markdown shows planned vs observed for ${c.name}`, () => {
            const doc = {
                steps: [
                    step(c.op, "vm-b", {
                        planned: planned("metadata"),
                        oldOutputs: { lastUpdate: { mismatch: restartMismatch } },
                    }),
                    step(c.op, "vm-a", { planned: planned("metadata") }),
                ],
            };
            const r = buildReport(doc);
            assert.deepEqual(
                r.changes.map((x) => [x.name, x.mismatch?.observed]),
                [
                    ["vm-a", undefined],
                    ["vm-b", "noRestartRequired"],
                ],
            );
            const md = renderMarkdown(r);
            for (const w of c.want) assert.match(md, w);
            assert.doesNotMatch(md, /vm-a`: planned/);
        });

    it("The terminal report has one line per mismatched VM", () => {
        const r = buildReport({
            steps: [
                step("update", "vm-b", {
                    planned: planned("metadata"),
                    oldOutputs: { lastUpdate: { mismatch: restartMismatch } },
                }),
            ],
        });
        const lines = renderText(r).split("\n");
        const i = lines.indexOf("Last update did not go as planned:");
        assert.ok(i > 0);
        assert.match(
            lines[i + 1] ?? "",
            /^ {4}VirtualMachine default\/vm-b: planned restart, observed no RestartRequired: /,
        );
    });

    it("Says nothing about mismatches when every update went as planned", () => {
        const r = buildReport({ steps: [step("update", "vm-a", { planned: planned("live") })] });
        assert.doesNotMatch(renderMarkdown(r), /did not go as planned/);
        assert.doesNotMatch(renderText(r), /did not go as planned/);
    });
});
