import assert from "node:assert/strict";
import { buildReport } from "../../../provider/report/preview";
import { commentMarker, renderMarkdown } from "../../../provider/report/render";
import { renderText } from "../../../provider/report/renderText";
import { fixture, planned, step } from "./helpers";

const vmChanges = () => buildReport(fixture("vmChanges.preview.json"));

/** The index of the first line matching each pattern, to check order. */
function order(text: string, patterns: RegExp[]): number[] {
    const lines = text.split("\n");
    return patterns.map((p) => lines.findIndex((l) => p.test(l)));
}

describe("report: Markdown", () => {
    it("Starts with the marker a CI job finds its comment by", () => {
        assert.ok(renderMarkdown(vmChanges()).startsWith(`${commentMarker}\n`));
    });

    it("Gives the totals, risky ones in bold", () => {
        assert.match(
            renderMarkdown(vmChanges()),
            /\*\*1 restart\*\*, 1 live migration, 2 metadata only; 1 created, \*\*1 deleted\*\*/,
        );
    });

    it("Lists the riskiest first: restart, live migration, metadata; then deletes and creates", () => {
        const idx = order(renderMarkdown(vmChanges()), [
            /`default\/vm-b` \| \*\*restart\*\*/,
            /`default\/vm-a` \| \*\*live migration\*\*/,
            /`default\/vm-c` \| \*\*metadata only\*\*/,
            /Deleted \(1\)/,
            /vm-e/,
            /Created \(1\)/,
            /vm-f/,
        ]);
        assert.ok(
            idx.every((i) => i >= 0),
            `all present: ${idx}`,
        );
        assert.deepEqual(
            [...idx].sort((a, b) => a - b),
            idx,
        );
    });

    it("Says what up does about a restart under restartPolicy never", () => {
        assert.match(
            renderMarkdown(vmChanges()),
            /\*\*On up:\*\* restartPolicy never: `pulumi up` updates the VM object but does not restart it/,
        );
    });

    it("Says a restart happens during up under restartPolicy onChange", () => {
        const r = buildReport({
            steps: [
                step("update", "vm-a", {
                    planned: planned("restart", [{ path: "p", impact: "restart", why: "w" }]),
                    new: { restartPolicy: "onChange" },
                }),
            ],
        });
        assert.match(renderMarkdown(r), /restartPolicy onChange: `pulumi up` restarts the VM/);
    });

    it("Escapes pipes and newlines inside table cells", () => {
        const r = buildReport({
            steps: [
                step("update", "vm-a", {
                    planned: planned("live", [{ path: "a|b", impact: "live", why: "x|y\nz" }]),
                }),
            ],
        });
        const row = renderMarkdown(r)
            .split("\n")
            .find((l) => l.includes("vm-a"))!;
        assert.match(row, /x\\\|y<br>z/);
    });

    it("Says so when nothing changes, and lists the unchanged", () => {
        const md = renderMarkdown(buildReport({ steps: [step("same", "vm-a")] }));
        assert.match(md, /No changes to KubeVirt resources\./);
        assert.match(md, /<summary>Unchanged \(1\)<\/summary>/);
    });

    it("Shows preview errors first: the plan is incomplete", () => {
        const md = renderMarkdown(
            buildReport({
                steps: [],
                diagnostics: [{ severity: "error", message: "restartPolicy is 'fail'" }],
            }),
        );
        assert.match(md.split("\n")[3] ?? "", /The preview reported errors/);
    });

    it("Is deterministic", () =>
        assert.equal(renderMarkdown(vmChanges()), renderMarkdown(vmChanges())));
});

describe("report: terminal text", () => {
    it("Has the same order and an upper-case impact column", () => {
        const text = renderText(vmChanges());
        const idx = order(text, [
            /^RESTART +VirtualMachine default\/vm-b$/,
            /^LIVE MIGRATION +VirtualMachine default\/vm-a$/,
            /^METADATA ONLY +VirtualMachine default\/vm-c$/,
            /^DELETE +VirtualMachine default\/vm-e/,
            /^CREATE +VirtualMachine default\/vm-f$/,
        ]);
        assert.ok(
            idx.every((i) => i >= 0),
            `all present: ${idx}`,
        );
        assert.deepEqual(
            [...idx].sort((a, b) => a - b),
            idx,
        );
    });

    it("Names the fields and why under each resource", () => {
        assert.match(
            renderText(vmChanges()),
            /LIVE MIGRATION +VirtualMachine default\/vm-a\n {4}- cpu\.sockets 2→4 is hot-plugged/,
        );
    });

    it("Has no Markdown markup", () =>
        assert.doesNotMatch(renderText(vmChanges()), /\*\*|<br>|\| /));
});
