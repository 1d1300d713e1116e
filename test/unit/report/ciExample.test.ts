/**
 * The CI example must stay in step with the command it calls: valid YAML, the comment marker the
 * renderer writes, gate values the CLI accepts, and the permission to comment.
 */
import assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { commentMarker } from "../../../provider/report/render";
import { isFailOn } from "../../../provider/report/gate";
import { repoRoot } from "./helpers";

const file = path.join(repoRoot, "examples", "ci", "pulumi-kubevirt-report.yml");
const text = fs.readFileSync(file, "utf8");
const wf = parse(text) as {
    on: unknown;
    permissions: Record<string, string>;
    jobs: Record<
        string,
        { env: Record<string, string>; steps: { run?: string; with?: { script?: string } }[] }
    >;
};

describe("examples/ci workflow", () => {
    const job = Object.values(wf.jobs)[0]!;

    it("Runs on pull requests and may write PR comments", () => {
        assert.ok(wf.on && typeof wf.on === "object" && "pull_request" in wf.on);
        assert.equal(wf.permissions["pull-requests"], "write");
    });

    it("Feeds pulumi preview --json into pulumi-kubevirt report", () => {
        const runs = job.steps.map((s) => s.run ?? "").join("\n");
        assert.match(runs, /pulumi preview .*--json .*> preview\.json/);
        assert.match(
            runs,
            /pulumi-kubevirt report --input preview\.json --format markdown --fail-on "\$FAIL_ON"/,
        );
    });

    it("Uses a gate value the CLI accepts", () =>
        assert.ok(isFailOn(job.env.FAIL_ON ?? ""), job.env.FAIL_ON));

    it("Finds its earlier comment by the marker the report starts with", () => {
        const script = job.steps.map((s) => s.with?.script ?? "").join("\n");
        assert.ok(script.includes(commentMarker));
        assert.ok(
            text.includes(`'${commentMarker}'`),
            "the unreadable-input fallback comment carries the marker too",
        );
    });
});
