/**
 * One tool's stack for the benchmark: a project directory, its stack on the bed's local backend,
 * and a timed, sampled, audited pulumi command.
 */
import * as fs from "fs";
import * as path from "path";
import { spawn } from "child_process";
import { pulumiEnv, type ResourceDecl } from "../test/e2e/harness";
import { auditMark, readAudit } from "../bed/audit";
import { sampleTree, type ProcKind, type ProcUsage } from "./procs";

export interface PhaseResult {
    wallMs: number;
    usage: Partial<Record<ProcKind, ProcUsage>>;
    requests: number;
    /** Requests by verb and resource, for finding where they go. */
    byKind: Record<string, number>;
}

/**
 * BENCH_EVENT_LOG=1: each phase prints the engine's events as JSON (kept in `<phase>.log` in the
 * tool's directory); their timestamps show when each step started and ended.
 */
const eventLog = (): string[] => (process.env.BENCH_EVENT_LOG === "1" ? ["--json"] : []);

export interface ToolSetup {
    name: "ours" | "peer";
    dir: string;
    /** Prepended to PATH (the peer's provider binary). */
    extraPath?: string;
    config: Record<string, string>;
    /** Files of the project (index.js and the like). */
    files: Record<string, string>;
    /** node_modules symlink target, when the program needs its own. */
    nodeModules?: string;
}

export class BenchStack {
    constructor(
        readonly tool: ToolSetup,
        readonly auditLog: string,
    ) {}

    private env(): NodeJS.ProcessEnv {
        const env = pulumiEnv();
        if (this.tool.extraPath) env.PATH = `${this.tool.extraPath}:${env.PATH}`;
        return env;
    }

    run(args: string[], logName = args[0]!): Promise<{ code: number; out: string }> {
        return new Promise((resolve) => {
            const child = spawn("pulumi", [...args, "--non-interactive"], {
                cwd: this.tool.dir,
                env: this.env(),
            });
            let out = "";
            child.stdout.on("data", (d) => (out += d));
            child.stderr.on("data", (d) => (out += d));
            child.on("close", (code) => {
                fs.writeFileSync(path.join(this.tool.dir, `${logName}.log`), out);
                resolve({ code: code ?? 1, out });
            });
        });
    }

    async must(args: string[]): Promise<string> {
        const r = await this.run(args);
        if (r.code !== 0)
            throw new Error(
                `${this.tool.name}: pulumi ${args.join(" ")} failed (${r.code}):\n${r.out.slice(-4000)}`,
            );
        return r.out;
    }

    async init(): Promise<void> {
        const d = this.tool.dir;
        fs.rmSync(d, { recursive: true, force: true });
        fs.mkdirSync(d, { recursive: true });
        fs.mkdirSync(new URL(String(pulumiEnv().PULUMI_BACKEND_URL)).pathname, { recursive: true });
        for (const [f, text] of Object.entries(this.tool.files))
            fs.writeFileSync(path.join(d, f), text);
        if (this.tool.nodeModules)
            fs.symlinkSync(this.tool.nodeModules, path.join(d, "node_modules"));
        await this.run(["stack", "rm", "bench", "--yes", "--force"]);
        await this.must(["stack", "init", "bench"]);
        for (const [k, v] of Object.entries(this.tool.config))
            await this.must(["config", "set", k, v]);
    }

    declare(resources: ResourceDecl[]): void {
        fs.writeFileSync(
            path.join(this.tool.dir, "program.json"),
            JSON.stringify({ resources, exportOutputs: false }),
        );
    }

    /** Runs one phase, measuring wall time, CPU and peak RSS per process kind, and API requests. */
    async phase(name: string, args: string[]): Promise<PhaseResult> {
        const mark = auditMark(this.auditLog);
        const started = Date.now();
        const child = spawn("pulumi", [...args, "--non-interactive", ...eventLog()], {
            cwd: this.tool.dir,
            env: this.env(),
        });
        const sampler = sampleTree(child.pid!);
        let out = "";
        child.stdout.on("data", (d) => (out += d));
        child.stderr.on("data", (d) => (out += d));
        const code = await new Promise<number>((r) => child.on("close", (c) => r(c ?? 1)));
        const wallMs = Date.now() - started;
        const usage = sampler.stop();
        fs.writeFileSync(path.join(this.tool.dir, `${name}.log`), out);
        if (code !== 0)
            throw new Error(
                `${this.tool.name}: ${name} (pulumi ${args.join(" ")}) failed (${code}):\n${out.slice(-4000)}`,
            );
        const events = readAudit(this.auditLog, mark);
        const byKind: Record<string, number> = {};
        for (const e of events)
            byKind[`${e.verb} ${e.resource}`] = (byKind[`${e.verb} ${e.resource}`] ?? 0) + 1;
        return { wallMs, usage, requests: events.length, byKind };
    }

    /** State bytes per resource type (the stack export, each resource's JSON). */
    async stateBytes(): Promise<Record<string, { count: number; bytes: number }>> {
        const out = await this.must(["stack", "export"]);
        const dep = JSON.parse(out.slice(out.indexOf("{"))) as {
            deployment: { resources?: { type: string }[] };
        };
        const by: Record<string, { count: number; bytes: number }> = {};
        for (const r of dep.deployment.resources ?? []) {
            const t = r.type.split(":").pop()!;
            const b = (by[t] ??= { count: 0, bytes: 0 });
            b.count++;
            b.bytes += JSON.stringify(r).length;
        }
        return by;
    }
}
