/**
 * `npm run bench`: pulumi-kubevirt against @pulumi/kubernetes (`apiextensions.CustomResource`, its
 * Go provider built by bench/build-peer.sh) on the same bed cluster, alternating which goes first,
 * for each N: up, no-change preview, update of every VM, destroy. Prints the figures and writes
 * docs/performance.md. Settings (environment): BENCH_N (default "50,200"), BENCH_ROUNDS (default 2),
 * BENCH_PEER=0 (ours only), BENCH_DOC=0 (do not write the doc), BENCH_SKIP_AWAIT=1 (ours without
 * readiness waits, as the peer), BENCH_PARALLEL=P (`--parallel P` for both tools),
 * BENCH_RUN_STRATEGY=Halted (VMs declared stopped). Each N and settings saves its results apart,
 * and BENCH_REPORT_ONLY=1 rewrites the page from all of them (bench/doc.ts).
 */
import * as fs from "fs";
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
    benchVariant,
    parallelArgs,
    peerProgram,
    stackResources,
    variantNote,
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
import { loadAverage, reportOnly, resultsFile, writeDoc } from "./doc";

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
    const up = await stack.phase("up", ["up", "--yes", "--skip-preview", ...parallelArgs()]);
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
    record(
        "update",
        await stack.phase("update", ["up", "--yes", "--skip-preview", ...parallelArgs()]),
    );
    await settle(kube, n, true);
    record(
        "destroy",
        await stack.phase("destroy", ["destroy", "--yes", "--skip-preview", ...parallelArgs()]),
    );
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
            variant: benchVariant() || undefined,
            note: variantNote(),
            measured: { date: new Date().toISOString(), load: loadAverage() },
        };
        results.push(res);
        process.stdout.write(
            `\n## N = ${n} (${rounds} rounds)\n\n${table(res)}\n\n${targetTable(targets(res))}\n`,
        );
        fs.writeFileSync(
            path.join(repoRoot, ".bed", "bench", resultsFile(res)),
            JSON.stringify(res, null, 1),
        );
    }
    if (process.env.BENCH_DOC !== "0") writeDoc(results, peerBuild);
}

main().catch((err) => {
    process.stderr.write(`${(err as Error).stack ?? err}\n`);
    process.exit(1);
});
