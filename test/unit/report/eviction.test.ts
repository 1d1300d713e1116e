import assert from "node:assert/strict";
import { buildReport } from "../../../provider/report/preview";
import { readEviction } from "../../../provider/report/eviction";
import { renderMarkdown } from "../../../provider/report/render";
import { renderText } from "../../../provider/report/renderText";
import { step } from "./helpers";

const ev = (migratable: boolean | null, strategy = "LiveMigrate") => ({
    strategy,
    from: "vm",
    migratable,
    reasons: migratable === false ? ["DisksNotLiveMigratable: claim 'd' is ReadWriteOnce"] : [],
    onDrain: migratable === false ? "is blocked" : "live-migrates to another node",
    warning: migratable === false && strategy === "LiveMigrate" ? "vm: cannot migrate" : null,
});

describe("Report: node drains", () => {
    const reads = [
        {
            name: "An unchanged VM shows its stored outputs (known after its apply)",
            op: "same",
            state: { inputs: { eviction: ev(null) }, outputs: { eviction: ev(false) } },
            want: false,
        },
        {
            name: "A changed VM shows what check just computed",
            op: "update",
            state: { inputs: { eviction: ev(true) }, outputs: { eviction: ev(false) } },
            want: true,
        },
        {
            name: "A VM without the property has no drain line",
            op: "update",
            state: { inputs: {} },
            want: undefined,
        },
    ];
    for (const c of reads)
        it(c.name, () => assert.equal(readEviction(c.state, c.op)?.migratable, c.want));

    it("lists each VM that cannot migrate, the LiveMigrate warnings first, after a count", () => {
        const report = buildReport({
            steps: [
                step("same", "ok", { new: { eviction: ev(true) } }),
                step("same", "stops", { new: { eviction: ev(false, "None") } }),
                step("create", "stuck", { new: { eviction: ev(false) } }),
            ],
        });
        const md = renderMarkdown(report);
        const lines = md.split("\n").filter((l) => l.startsWith("- "));
        assert.match(md, /#### Node drains/);
        assert.equal(lines[0], "- 1 of 3 VMs can live-migrate.");
        assert.match(
            lines[1]!,
            /^- ⚠️ `default\/stuck` \(evictionStrategy LiveMigrate\) cannot live-migrate: DisksNotLiveMigratable/,
        );
        assert.match(lines[2]!, /^- `default\/stops` \(evictionStrategy None\)/);
        assert.match(renderText(report), /Node drains:\n {4}1 of 3 VMs can live-migrate\./);
    });

    it("says nothing when every VM can migrate", () => {
        const report = buildReport({
            steps: [step("same", "ok", { new: { eviction: ev(true) } })],
        });
        assert.doesNotMatch(renderMarkdown(report), /Node drains/);
    });
});
