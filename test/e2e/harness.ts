/**
 * End-to-end harness: the real `pulumi` CLI (local file backend, passphrase secrets) running
 * programs against the local kube-apiserver + simulator. A test writes `program.json` (which
 * resources with which args) into a work dir and runs preview/up/refresh/destroy there; the
 * program in test/programs/generic.ts turns it into SDK resources.
 */
import * as fs from "fs";
import * as path from "path";
import { execFile } from "child_process";
import { repoRoot } from "../../bed/processes";
import { startCluster, type ClusterStateLike } from "./cluster";
import { newKubeClient } from "../../provider/k8s/kubeClient";
import type { KubeClient } from "../../provider/k8s/client";

const bedDir = path.join(repoRoot, ".bed");

export interface ResourceDecl {
    type: string;
    name: string;
    args: unknown;
    opts?: Record<string, unknown>;
}

export interface RunResult {
    code: number;
    stdout: string;
    stderr: string;
}

/** Environment for the pulumi CLI: bed binaries on PATH, local state, no network look-ups. */
export function pulumiEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return {
        ...process.env,
        PATH: `${path.join(bedDir, "bin")}:${process.env.PATH}`,
        PULUMI_HOME: path.join(bedDir, "pulumi-home"),
        PULUMI_BACKEND_URL: `file://${path.join(bedDir, "state")}`,
        PULUMI_CONFIG_PASSPHRASE: "bed-passphrase",
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_SKIP_CONFIRMATIONS: "true",
        // Run this checkout's provider, also from a worktree whose node_modules is another's.
        NODE_OPTIONS:
            `${process.env.NODE_OPTIONS ?? ""} --require ${path.join(repoRoot, "dist", "test", "e2e", "resolveSelf.js")}`.trim(),
        ...extra,
    };
}

export class TestStack {
    readonly dir: string;
    private constructor(
        readonly project: string,
        readonly kube: KubeClient,
        readonly kubeconfig: string,
    ) {
        this.dir = path.join(bedDir, "work", project);
    }

    /** A fresh project + stack "dev" wired to the local cluster. */
    static async create(project: string, config: Record<string, string> = {}): Promise<TestStack> {
        const st: ClusterStateLike = await startCluster();
        const s = new TestStack(
            project,
            newKubeClient({ kubeconfig: st.kubeconfig }),
            st.kubeconfig,
        );
        fs.rmSync(s.dir, { recursive: true, force: true });
        fs.mkdirSync(s.dir, { recursive: true });
        fs.mkdirSync(path.join(bedDir, "state"), { recursive: true });
        const main = path.join(repoRoot, "dist", "test", "programs", "generic.js");
        fs.writeFileSync(
            path.join(s.dir, "Pulumi.yaml"),
            `name: ${project}\nruntime: nodejs\nmain: index.js\n`,
        );
        fs.writeFileSync(
            path.join(s.dir, "index.js"),
            `module.exports = require(${JSON.stringify(main)});\n`,
        );
        // A run killed part-way leaves the stack locked; the bed's state is the tests' own, so clear it.
        fs.rmSync(path.join(bedDir, "state", ".pulumi", "locks", "organization", project), {
            recursive: true,
            force: true,
        });
        await s.pulumi(["stack", "rm", "dev", "--yes", "--force"]).catch(() => undefined);
        await s.must(["stack", "init", "dev"]);
        await s.must(["config", "set", "kubevirt:kubeconfig", st.kubeconfig]);
        for (const [k, v] of Object.entries(config)) await s.must(["config", "set", k, v]);
        return s;
    }

    /** Declare the program's resources for the next command. */
    declare(resources: ResourceDecl[]): void {
        fs.writeFileSync(
            path.join(this.dir, "program.json"),
            JSON.stringify({ resources }, null, 2),
        );
    }

    pulumi(args: string[]): Promise<RunResult> {
        const started = Date.now();
        return new Promise<RunResult>((resolve) => {
            execFile(
                "pulumi",
                [...args, "--non-interactive"].filter(
                    (a) =>
                        !(args[0] === "stack" && args[1] !== "output" && a === "--non-interactive"),
                ),
                { cwd: this.dir, env: pulumiEnv(), maxBuffer: 64 << 20 },
                (err, stdout, stderr) =>
                    resolve({
                        code: err ? Number((err as { code?: number }).code ?? 1) : 0,
                        stdout,
                        stderr,
                    }),
            );
        }).then((r) => {
            if (process.env.PULUMI_KUBEVIRT_TIMINGS)
                process.stderr.write(
                    `      [${this.project}] pulumi ${args[0]} ${args[1] ?? ""}: ${Date.now() - started} ms\n`,
                );
            return r;
        });
    }

    async must(args: string[]): Promise<RunResult> {
        const r = await this.pulumi(args);
        if (r.code !== 0)
            throw new Error(
                `pulumi ${args.join(" ")} failed (${r.code}):\n${r.stdout}\n${r.stderr}`,
            );
        return r;
    }

    up(): Promise<RunResult> {
        return this.must(["up", "--yes", "--skip-preview"]);
    }

    /** `pulumi preview --json`, parsed. */
    async previewJson(): Promise<PreviewJson> {
        const r = await this.must(["preview", "--json"]);
        return JSON.parse(r.stdout) as PreviewJson;
    }

    /** The text of `pulumi preview --diff`, as a reviewer reads it. */
    async previewText(): Promise<string> {
        const r = await this.must(["preview", "--diff"]);
        return r.stdout + r.stderr;
    }

    async outputs(): Promise<Record<string, any>> {
        const r = await this.must(["stack", "output", "--json", "--show-secrets"]);
        return JSON.parse(r.stdout);
    }

    async destroy(): Promise<void> {
        await this.must(["destroy", "--yes", "--skip-preview"]);
        await this.pulumi(["stack", "rm", "dev", "--yes", "--force"]);
    }
}

export interface PreviewStep {
    op: string;
    urn: string;
    diffReasons?: string[];
    replaceReasons?: string[];
    newState?: { inputs?: Record<string, any>; outputs?: Record<string, any> };
    oldState?: { inputs?: Record<string, any>; outputs?: Record<string, any> };
}

export interface PreviewJson {
    steps: PreviewStep[];
    changeSummary: Record<string, number>;
    diagnostics?: { message: string; severity: string; urn?: string }[];
}

/** Operations other than "same" in a preview: what a second preview must not have. */
export function changesIn(p: PreviewJson): Record<string, number> {
    return Object.fromEntries(
        Object.entries(p.changeSummary ?? {}).filter(([op, n]) => op !== "same" && n > 0),
    );
}

export function stepFor(p: PreviewJson, name: string): PreviewStep | undefined {
    return p.steps.find((s) => s.urn.endsWith(`::${name}`));
}
