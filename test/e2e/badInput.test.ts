/**
 * The bad-input corpus (test/e2e/badInput/cases.ts) through the real pulumi CLI: every case must
 * fail `pulumi preview` with a diagnostic on its own resource that names the field, and
 * `pulumi up` must fail too without one write reaching the API server. Writes are counted from
 * the API server's audit log: the stack's kubeconfig is the bed's audited user, so every request
 * of the provider (and nothing else) is logged.
 *
 * The engine stops at the first resource whose check fails (step_generator bails on an invalid
 * resource), so one stack cannot judge the corpus: each case is its own one-resource program,
 * run by `pulumi up --yes`, whose preview phase must fail; a few stacks of the same backend take
 * cases from a shared queue.
 */
import assert from "node:assert/strict";
import { startCluster } from "./cluster";
import { TestStack } from "./harness";
import { auditMark, isWrite, readAudit } from "../../bed/audit";
import { cases, type BadInputCase } from "./badInput/cases";

/**
 * Why the output of a run does not reject `c` as required, or undefined when it does: an error
 * line of the engine about this resource (`…kubevirt:<Kind> resource '<name>': property <field>
 * … has a problem: <reason>`) that names the field and says what is wrong.
 */
function judge(c: BadInputCase, output: string): string | undefined {
    const mine = output
        .split("\n")
        .filter((l) => /error:/.test(l) && l.includes(`kubevirt:${c.type} resource '${c.name}'`));
    if (mine.length === 0)
        return `no error on ${c.type} '${c.name}' in:\n${output.trim().slice(-1500)}`;
    if (!mine.some((l) => c.field.test(l) && c.message.test(l)))
        return `field ${c.field} and message ${c.message} not both in: ${mine.join("\n").trim()}`;
    return undefined;
}

/** Stacks working through the queue at once: the CLI, not the cluster, is the slow part. */
const WORKERS = 4;

/**
 * Runs `c` alone in `s` with `pulumi up --yes`: its preview must fail naming the resource and
 * the field, and so the up fails before any step. Returns what is wrong with the outcome.
 */
async function runCase(s: TestStack, c: BadInputCase): Promise<string[]> {
    s.declare([{ type: c.type, name: c.name, args: c.args }]);
    const r = await s.pulumi(["up", "--yes"]);
    const why = r.code === 0 ? "up succeeded" : judge(c, r.stdout + r.stderr);
    return why ? [`${c.name}: ${why}`] : [];
}

describe("bad-input corpus: rejected in preview, nothing written", function () {
    this.timeout(3_600_000);
    const stacks: TestStack[] = [];
    let auditLog: string;

    before(async () => {
        const st = await startCluster();
        auditLog = st.auditLog;
        for (let i = 0; i < WORKERS; i++) {
            const s = await TestStack.create(`e2e-bad-input-${i}`);
            await s.must(["config", "set", "kubevirt:kubeconfig", st.auditedKubeconfig]);
            stacks.push(s);
        }
    });
    after(async () => {
        for (const s of stacks) await s.pulumi(["stack", "rm", "dev", "--yes", "--force"]);
    });

    it("the corpus has at least 40 cases with unique names", () => {
        assert.ok(cases.length >= 40, `${cases.length} cases`);
        assert.equal(new Set(cases.map((c) => c.name)).size, cases.length);
    });

    it("preview rejects every case naming the resource and the field; up fails, with 0 writes", async () => {
        const mark = auditMark(auditLog);
        // BAD_INPUT_CASES=a,b runs only those (while working on a rule); the count line needs them all.
        const only = process.env.BAD_INPUT_CASES?.split(",");
        const judged = cases.filter((c) => !only || only.includes(c.name));
        const queue = [...judged];
        const problems: string[] = [];
        await Promise.all(
            stacks.map(async (s) => {
                for (let c = queue.shift(); c; c = queue.shift()) {
                    const found = await runCase(s, c);
                    process.stderr.write(
                        `      ${found.length ? `not rejected as required: ${found.join("\n")}` : `rejected: ${c.name}`}\n`,
                    );
                    problems.push(...found);
                }
            }),
        );
        const writes = readAudit(auditLog, mark).filter(isWrite);
        assert.deepEqual(problems, [], "cases not rejected as required");
        assert.deepEqual(
            writes.map((w) => `${w.verb} ${w.resource} ${w.namespace ?? ""}/${w.name ?? ""}`),
            [],
            "writes during preview and up",
        );
        console.log(
            `${judged.length} rejected in preview with the field named, ${writes.length} writes`,
        );
    });
});
