/**
 * `npm run bench`: pulumi-kubevirt against @pulumi/kubernetes (`apiextensions.CustomResource`, its
 * Go provider built by bench/build-peer.sh) on the same bed cluster, alternating which goes first,
 * for each N: up, no-change preview, update of every VM, destroy. Prints the figures and writes
 * docs/performance.md. Settings (environment): BENCH_N (default "50,200"), BENCH_ROUNDS (default 2),
 * BENCH_PEER=0 (ours only), BENCH_DOC=0 (do not write the doc), BENCH_SKIP_AWAIT=1 (ours without
 * readiness waits, as the peer), BENCH_RUN_STRATEGY=Halted (VMs declared stopped).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { execFileSync } from "child_process";
import { repoRoot } from "../bed/processes";
import { startCluster } from "../bed/cluster";
import { newKubeClient } from "../provider/k8s/kubeClient";
import type { KubeClient } from "../provider/k8s/client";
import { BenchStack, type PhaseResult } from "./pulumiRun";
import {
    benchNamespace,
    benchNamespaceObject,
    benchRunStrategy,
    peerProgram,
    stackResources,
} from "./stack";
import {
    phases,
    table,
    targets,
    targetTable,
    type NResult,
    type Phase,
    type ToolRun,
} from "./report";

const ns = (process.env.BENCH_N ?? "50,200").split(",").map(Number);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const withPeer = process.env.BENCH_PEER !== "0";
const say = (m: string) =>
    process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${m}\n`);

function buildPeer(): { provider: string; node: string } {
    const out = execFileSync("bash", [path.join(repoRoot, "bench", "build-peer.sh")], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
    });
    const get = (k: string) =>
        /^(\S+) (.*)$/m.exec(out.split("\n").find((l) => l.startsWith(`${k} `)) ?? "")?.[2] ?? "";
    return { provider: get("provider"), node: get("node") };
}

function setups(auditedKubeconfig: string, peer?: { provider: string; node: string }) {
    const work = path.join(repoRoot, ".bed", "bench");
    // Both programs are plain JS: no TypeScript compiler loaded into either.
    const yaml = (name: string) =>
        `name: ${name}\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: index.js\n`;
    const ours = {
        name: "ours" as const,
        dir: path.join(work, "ours"),
        config: { "kubevirt:kubeconfig": auditedKubeconfig },
        files: {
            "Pulumi.yaml": yaml("bench-ours"),
            "index.js": `module.exports = require(${JSON.stringify(path.join(repoRoot, "dist", "test", "programs", "generic.js"))});\n`,
        },
    };
    const theirs = peer && {
        name: "peer" as const,
        dir: path.join(work, "peer"),
        extraPath: peer.provider,
        nodeModules: path.join(peer.node, "node_modules"),
        config: { "kubernetes:kubeconfig": auditedKubeconfig },
        files: {
            "Pulumi.yaml": yaml("bench-peer"),
            "index.js": peerProgram(path.join(repoRoot, "dist", "bench", "stack.js")),
        },
    };
    return { ours, peer: theirs };
}

/** Waits (as the admin, not the audited user) until the cluster has settled after a phase, so the next starts equal. */
async function settle(kube: KubeClient, n: number, present: boolean): Promise<void> {
    const deadline = Date.now() + 15 * 60_000;
    while (Date.now() < deadline) {
        const vms = await kube.list("kubevirt.io/v1", "VirtualMachine", benchNamespace);
        const vmis = await kube.list("kubevirt.io/v1", "VirtualMachineInstance", benchNamespace);
        const ready = vms.filter(
            (v) => (v.status as { ready?: boolean } | undefined)?.ready,
        ).length;
        const up = benchRunStrategy === "Halted" ? vms.length : ready;
        if (present ? up >= n : vms.length === 0 && vmis.length === 0) return;
        await new Promise((r) => setTimeout(r, 1000));
    }
    throw new Error(
        `the cluster did not settle (${present ? `${n} VMs ready` : "all gone"}) within 15 minutes`,
    );
}

async function cycle(stack: BenchStack, kube: KubeClient, n: number, into: ToolRun): Promise<void> {
    const record = (p: Phase, r: PhaseResult) => {
        into.phases[p].push(r);
        say(
            `${stack.tool.name} N=${n} ${p}: ${(r.wallMs / 1000).toFixed(1)} s, ${r.requests} requests, provider peak ${Math.round(r.usage.provider?.peakRssMb ?? 0)} MB`,
        );
    };
    stack.declare(stackResources(n, 0));
    const up = await stack.phase("up", ["up", "--yes", "--skip-preview"]);
    record("up", up);
    const settling = Date.now();
    await settle(kube, n, true);
    (into.readyMs ??= []).push(up.wallMs + Date.now() - settling);
    const bytes = await stack.stateBytes();
    const vm = bytes.VirtualMachine ?? bytes.CustomResource;
    const all = Object.entries(bytes)
        .filter(([t]) => !/Stack|provider/i.test(t))
        .map(([, b]) => b);
    into.stateVm = vm ? vm.bytes / vm.count : NaN;
    into.stateResource =
        all.reduce((a, b) => a + b.bytes, 0) /
        Math.max(
            1,
            all.reduce((a, b) => a + b.count, 0),
        );
    record("preview", await stack.phase("preview", ["preview"]));
    stack.declare(stackResources(n, 1));
    record("update", await stack.phase("update", ["up", "--yes", "--skip-preview"]));
    await settle(kube, n, true);
    record("destroy", await stack.phase("destroy", ["destroy", "--yes", "--skip-preview"]));
    await settle(kube, n, false);
}

const emptyRun = (): ToolRun => ({
    phases: Object.fromEntries(phases.map((p) => [p, []])) as unknown as ToolRun["phases"],
    readyMs: [],
    stateVm: NaN,
    stateResource: NaN,
});

async function main(): Promise<void> {
    if (process.env.BENCH_REPORT_ONLY === "1") return reportOnly();
    const peerBuild = withPeer ? buildPeer() : undefined;
    say("starting (or reusing) the bed cluster");
    const st = await startCluster({ sim: true });
    const kube = newKubeClient({ kubeconfig: st.kubeconfig });
    await kube.apply(benchNamespaceObject, { force: true });
    const s = setups(st.auditedKubeconfig, peerBuild);
    const stacks = [
        new BenchStack(s.ours, st.auditLog),
        ...(s.peer ? [new BenchStack(s.peer, st.auditLog)] : []),
    ];
    for (const b of stacks) await b.init();
    const results: NResult[] = [];
    for (const n of ns) {
        const runs: Record<string, ToolRun> = { ours: emptyRun(), peer: emptyRun() };
        for (let r = 0; r < rounds; r++) {
            const order = r % 2 === 0 ? stacks : [...stacks].reverse();
            for (const b of order) await cycle(b, kube, n, runs[b.tool.name]!);
        }
        const res: NResult = {
            n,
            ours: runs.ours!,
            peer: withPeer ? runs.peer : undefined,
            note: stackNote(),
            measured: { date: new Date().toISOString(), load: loadAverage() },
        };
        results.push(res);
        process.stdout.write(
            `\n## N = ${n} (${rounds} rounds)\n\n${table(res)}\n\n${targetTable(targets(res))}\n`,
        );
        fs.writeFileSync(
            path.join(repoRoot, ".bed", "bench", `results-${n}.json`),
            JSON.stringify(res, null, 1),
        );
    }
    if (process.env.BENCH_DOC !== "0") writeDoc(results, peerBuild);
}

const loadAverage = () =>
    os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(", ");

/** How this run's stack differs from the default one, for the page. */
const stackNote = () =>
    benchRunStrategy === "Always"
        ? undefined
        : `Every VM declared \`runStrategy: ${benchRunStrategy}\` (not running).`;

/** Rewrites docs/performance.md from the last run's saved results (.bed/bench/results-N.json). */
function reportOnly(): void {
    const dir = path.join(repoRoot, ".bed", "bench");
    const results = fs
        .readdirSync(dir)
        .filter((f) => /^results-\d+\.json$/.test(f))
        .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as NResult)
        .sort((a, b) => a.n - b.n);
    writeDoc(results, results.some((r) => r.peer) ? { provider: "peer" } : undefined);
}

/** The page's header: what was run, on which machine and versions, under what load. */
function docHeader(peer?: { provider: string }, reportOnly = false): string[] {
    const cpu =
        /model name\s*:\s*(.*)/.exec(fs.readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? "unknown";
    const pulumiCli = execFileSync(path.join(repoRoot, ".bed", "bin", "pulumi"), ["version"], {
        encoding: "utf8",
    }).trim();
    const sdkPackage = path.join(repoRoot, "node_modules", "@pulumi", "pulumi", "package.json");
    const sdk = (JSON.parse(fs.readFileSync(sdkPackage, "utf8")) as { version: string }).version;
    const load = loadAverage();
    return [
        "# Performance",
        "",
        "Generated by `npm run bench` (bench/run.ts); do not edit by hand. pulumi-kubevirt against",
        "@pulumi/kubernetes (`apiextensions.CustomResource`, Go provider built from the module proxy by",
        "bench/build-peer.sh) on the same bed cluster, alternating which tool goes first. Each phase of a",
        "round: `up` of N VirtualMachines + N blank DataVolumes, a no-change `preview`, an update of a",
        "label on every VM, `destroy`. Ours waits for readiness and deletion; the peer's CustomResource",
        "does not wait for readiness. API requests are the audited user's, from the API server's audit",
        "log; CPU and peak RSS are sampled from /proc per process kind.",
        "",
        "Reading `up`: the CLI runs at most `--parallel` steps at once (default 4 × cores, 8 here).",
        "Each of our VM creates holds its step until KubeVirt reports the VM Ready (on the bed, the",
        "simulated boot: ~0.5 s for one VM, ~1.5 s with eight starting on a saturated machine), so",
        "the sum of step times over 8 bounds our `up`; the peer's step ends with its apply, and its",
        "VMs boot after its `up` (the bench waits for them, untimed, before the next phase). A VM",
        "with `skipAwait: true` does what the peer does; a larger `--parallel` shortens both.",
        "",
        `- date: ${new Date().toISOString()}`,
        `- machine: ${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, shared with other work`,
        `- Node ${process.version}, pulumi CLI ${pulumiCli}, @pulumi/pulumi ${sdk}, peer @pulumi/kubernetes 4.25.0 (${peer ? path.basename(peer.provider) : "not run"})`,
        "- KubeVirt v1.9.0 virt-controller and virt-api on the bed",
        reportOnly
            ? "- rewritten from saved results (BENCH_REPORT_ONLY=1): each N says when it ran and under what load"
            : `- load average when written: ${load} (wall times stretch with it; CPU seconds, requests, memory and state do not)`,
        "",
    ];
}

function writeDoc(results: NResult[], peer?: { provider: string }): void {
    const lines = [
        ...docHeader(peer, process.env.BENCH_REPORT_ONLY === "1"),
        ...results.flatMap((r) => [
            `## N = ${r.n} (${r.ours.phases.up.length} rounds)`,
            "",
            ...(r.note ? [r.note, ""] : []),
            ...(r.measured
                ? [`Measured ${r.measured.date}; load average at its end ${r.measured.load}.`, ""]
                : []),
            table(r),
            "",
            ...(r.peer
                ? []
                : [
                      "The peer was not run for this N: the ratio targets are not measured here.",
                      "",
                  ]),
            "Targets (issue #13, meant at N = 200):",
            "",
            targetTable(targets(r)),
            "",
        ]),
    ];
    fs.writeFileSync(path.join(repoRoot, "docs", "performance.md"), lines.join("\n"));
    say("wrote docs/performance.md");
}

main().catch((err) => {
    process.stderr.write(`${(err as Error).stack ?? err}\n`);
    process.exit(1);
});
