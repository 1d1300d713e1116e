/**
 * The disruption report against the real CLI and the local cluster: three running VMs get a
 * PR-like change (a: more CPU sockets, b: more cores, c: a label); the report from
 * `pulumi preview --json` must name each VM with what `up` then really does to it, riskiest first,
 * and gate CI with exit code 3 on restarts. Then `up`, and the cluster is checked against the
 * report: same VMI on a new node (live migration), RestartRequired (restart held back under
 * restartPolicy never), same VMI (metadata). A second preview must be clean.
 */
import assert from "node:assert/strict";
import * as path from "path";
import { spawnSync } from "child_process";
import { changesIn, TestStack, type PreviewJson, type ResourceDecl } from "./harness";
import { repoRoot } from "../../bed/processes";
import { buildReport, parsePreview } from "../../provider/report";
import type { Impact } from "../../provider/diff/types";

const spec = (sockets: number, cores: number) => ({
    runStrategy: "Always",
    template: {
        metadata: { labels: { app: "e2e-report" } },
        spec: {
            domain: {
                cpu: { sockets, cores },
                memory: { guest: "2Gi" },
                devices: {
                    disks: [{ name: "root", disk: { bus: "virtio" } }],
                    interfaces: [{ name: "default", masquerade: {} }],
                },
            },
            networks: [{ name: "default", pod: {} }],
            volumes: [
                { name: "root", containerDisk: { image: "quay.io/containerdisks/fedora:41" } },
            ],
        },
    },
});

const vm = (name: string, s: object, labels?: Record<string, string>): ResourceDecl => ({
    type: "VirtualMachine",
    name,
    args: {
        metadata: { namespace: "default", ...(labels ? { labels } : {}) },
        spec: s,
        restartPolicy: "never",
    },
});

interface Observed {
    vmUid?: string;
    vmiUid?: string;
    node?: string;
    restartRequired: boolean;
}

async function observe(s: TestStack, name: string): Promise<Observed> {
    const ref = { apiVersion: "kubevirt.io/v1", namespace: "default", name };
    const vmObj = await s.kube.get({ ...ref, kind: "VirtualMachine" });
    const vmi = await s.kube.get({ ...ref, kind: "VirtualMachineInstance" });
    const conds = ((vmObj?.status as any)?.conditions ?? []) as { type: string; status: string }[];
    return {
        vmUid: vmObj?.metadata.uid,
        vmiUid: vmi?.metadata.uid,
        node: (vmi?.status as any)?.nodeName,
        restartRequired: conds.some((c) => c.type === "RestartRequired" && c.status === "True"),
    };
}

type Disruption = "replace" | "restart" | "liveMigrate" | "in place";

/** What the cluster shows `up` did (vmLifecycle's identity rules). */
function observedDisruption(before: Observed, after: Observed): Disruption {
    if (after.vmUid !== before.vmUid) return "replace";
    if (after.vmiUid !== before.vmiUid || after.restartRequired) return "restart";
    if (after.node !== before.node) return "liveMigrate";
    return "in place"; // same VM, same VMI, same node: none, metadata and live look alike from outside
}

/** The report's impact at the resolution the cluster can confirm. */
function predictedDisruption(impact: Impact): Disruption {
    return impact === "replace" || impact === "restart" || impact === "liveMigrate"
        ? impact
        : "in place";
}

function runReport(previewText: string, args: string[]) {
    const main = path.join(repoRoot, "dist", "cli", "main.js");
    return spawnSync(process.execPath, [main, "report", ...args], {
        input: previewText,
        encoding: "utf8",
    });
}

describe("Disruption report through the pulumi CLI", function () {
    this.timeout(600_000);
    let s: TestStack;
    let previewText = "";
    const names = ["vm-a", "vm-b", "vm-c"];
    const initial: Record<string, Observed> = {};

    before(async () => {
        s = await TestStack.create("e2e-report");
        s.declare(names.map((n) => vm(n, spec(2, 1))));
        await s.up();
        for (const n of names) initial[n] = await observe(s, n);
        assert.ok(
            names.every((n) => initial[n]!.vmiUid),
            "all three VMs run",
        );
        // The PR: a raises sockets within maxSockets, b changes cores, c only gets a label.
        s.declare([
            vm("vm-a", spec(4, 1)),
            vm("vm-b", spec(2, 2)),
            vm("vm-c", spec(2, 1), { team: "blue" }),
        ]);
        previewText = (await s.must(["preview", "--json"])).stdout;
    });
    after(async () => {
        if (s) await s.destroy();
    });

    it("the Markdown report names each VM with its impact, riskiest first, and the totals", () => {
        const r = runReport(previewText, ["--format", "markdown"]);
        assert.equal(r.status, 0, r.stderr);
        const rows = r.stdout
            .split("\n")
            .filter((l) => l.startsWith("| ") && l.includes("VirtualMachine"));
        assert.deepEqual(
            rows.map((l) => /`default\/(vm-.)` \| \*\*([^*]+)\*\*/.exec(l)?.slice(1)),
            [
                ["vm-b", "restart"],
                ["vm-a", "live migration"],
                ["vm-c", "metadata only"],
            ],
        );
        assert.match(rows[0]!, /cpu\.cores 1→2/);
        assert.match(rows[1]!, /cpu\.sockets 2→4/);
        assert.match(rows[2]!, /metadata\.labels\.team/);
        assert.match(r.stdout, /\*\*1 restart\*\*, 1 live migration, 1 metadata only/);
    });

    it("--fail-on restart exits 3 naming vm-b; --fail-on replace passes", () => {
        const gate = runReport(previewText, ["--format", "text", "--fail-on", "restart"]);
        assert.equal(gate.status, 3);
        assert.match(gate.stderr, /VirtualMachine default\/vm-b: restart/);
        assert.doesNotMatch(gate.stderr, /vm-a|vm-c/);
        assert.equal(runReport(previewText, ["--fail-on", "replace"]).status, 0);
    });

    it("up does to each VM what the report said", async () => {
        const changes = buildReport(parsePreview(previewText, "preview")).changes;
        const predicted = Object.fromEntries(
            changes.map((c) => [c.name, predictedDisruption(c.impact)]),
        );
        await s.up();
        const after: Record<string, Observed> = {};
        for (const n of names) after[n] = await observe(s, n);
        assert.equal(after["vm-a"]!.vmiUid, initial["vm-a"]!.vmiUid, "vm-a kept its VMI");
        assert.notEqual(
            after["vm-a"]!.node,
            initial["vm-a"]!.node,
            "vm-a moved node (live migration)",
        );
        assert.ok(
            after["vm-b"]!.restartRequired,
            "vm-b has RestartRequired (restartPolicy never holds the restart)",
        );
        assert.equal(after["vm-b"]!.vmiUid, initial["vm-b"]!.vmiUid, "vm-b was not restarted");
        assert.equal(after["vm-c"]!.vmiUid, initial["vm-c"]!.vmiUid, "vm-c kept its VMI");
        const observed = Object.fromEntries(
            names.map((n) => [n, observedDisruption(initial[n]!, after[n]!)]),
        );
        assert.deepEqual(predicted, observed);
        assert.deepEqual(predicted, {
            "vm-a": "liveMigrate",
            "vm-b": "restart",
            "vm-c": "in place",
        });
    });

    it("a second preview shows no changes and an empty report", async () => {
        // --show-sames: unchanged resources are steps too, with their state (so their lastUpdate).
        const text = (await s.must(["preview", "--json", "--show-sames"])).stdout;
        assert.deepEqual(changesIn(JSON.parse(text) as PreviewJson), {});
        const r = runReport(text, ["--format", "text", "--fail-on", "any"]);
        assert.equal(r.status, 0, r.stderr);
        assert.match(r.stdout, /No changes to KubeVirt resources\./);
        // The report reads the last update's typed mismatch from the state the preview carries:
        // the record is there (vm-a's migration went as planned), so no VM is flagged.
        const doc = parsePreview(text, "preview");
        const a = doc.steps.find((st) => st.urn.endsWith("::vm-a"));
        const last = a?.oldState?.outputs?.lastUpdate as Record<string, unknown> | undefined;
        assert.equal(last?.impact, "liveMigrate");
        assert.equal(last?.mismatch, null);
        assert.deepEqual(
            buildReport(doc).changes.filter((c) => c.mismatch),
            [],
        );
        assert.doesNotMatch(r.stdout, /did not go as planned/);
    });
});
