/** Resources and checks shared by the fault tests (faults*.test.ts). */
import assert from "node:assert/strict";
import { execFileSync, spawn, type ChildProcess } from "child_process";
import { changesIn, pulumiEnv, type ResourceDecl, type RunResult, type TestStack } from "./harness";
import type { KubeObject } from "../../provider/k8s/client";

export const ns = "default";

/** A small running VM (masquerade, so it can live-migrate), optionally with cloud-init (a Secret). */
export interface VmOpts {
    sockets?: number;
    cloudInit?: boolean;
    annotations?: Record<string, string>;
    timeouts?: Record<string, number>;
    runStrategy?: string;
    /** Boot from this DataVolume. */
    dataVolume?: string;
}

export function vm(name: string, opts: VmOpts = {}): ResourceDecl {
    const disk = opts.dataVolume ? { disks: [{ name: "root", disk: { bus: "virtio" } }] } : {};
    const volumes = opts.dataVolume
        ? { volumes: [{ name: "root", dataVolume: { name: opts.dataVolume } }] }
        : {};
    return {
        type: "VirtualMachine",
        name,
        args: {
            metadata: { namespace: ns },
            spec: {
                runStrategy: opts.runStrategy ?? "Always",
                template: {
                    ...(opts.annotations ? { metadata: { annotations: opts.annotations } } : {}),
                    spec: {
                        domain: {
                            cpu: { sockets: opts.sockets ?? 1 },
                            memory: { guest: "128Mi" },
                            devices: { ...disk, interfaces: [{ name: "default", masquerade: {} }] },
                        },
                        networks: [{ name: "default", pod: {} }],
                        ...volumes,
                    },
                },
            },
            ...(opts.cloudInit
                ? { cloudInit: { userData: `#cloud-config\nhostname: ${name}\n` } }
                : {}),
            ...(opts.timeouts ? { timeouts: opts.timeouts } : {}),
        },
    };
}

/** A blank DataVolume, or a clone of claim `cloneOf` (which waits for as long as that claim is missing). */
export function dv(
    name: string,
    opts: { cloneOf?: string; timeouts?: Record<string, number> } = {},
): ResourceDecl {
    const source = opts.cloneOf ? { pvc: { namespace: ns, name: opts.cloneOf } } : { blank: {} };
    return {
        type: "DataVolume",
        name,
        args: {
            metadata: { namespace: ns },
            spec: { source, storage: { resources: { requests: { storage: "1Gi" } } } },
            ...(opts.timeouts ? { timeouts: opts.timeouts } : {}),
        },
    };
}

export function nncp(name: string): ResourceDecl {
    return {
        type: "NodeNetworkConfigurationPolicy",
        name,
        args: {
            spec: {
                desiredState: {
                    interfaces: [
                        {
                            name: `br-${name}`.slice(0, 15),
                            type: "linux-bridge",
                            state: "up",
                            ipv4: { enabled: false },
                            bridge: { port: [] },
                        },
                    ],
                },
            },
        },
    };
}

export async function expectNoChanges(s: TestStack): Promise<void> {
    const p = await s.previewJson();
    assert.deepEqual(
        changesIn(p),
        {},
        `preview must show no changes: ${JSON.stringify(p.changeSummary)}`,
    );
}

/** Objects of a kind in the test namespace whose name starts with `prefix`. */
export async function named(
    s: TestStack,
    apiVersion: string,
    kind: string,
    prefix: string,
): Promise<KubeObject[]> {
    return (
        await s.kube.list(
            apiVersion,
            kind,
            kind === "NodeNetworkConfigurationPolicy" ? undefined : ns,
        )
    ).filter((o) => (o.metadata.name ?? "").startsWith(prefix));
}

/** Resource names (the URN's last part) in the stack's state, with pending operations. */
export async function stackState(s: TestStack): Promise<{ names: string[]; pending: unknown[] }> {
    const r = await s.must(["stack", "export"]);
    const dep = JSON.parse(r.stdout).deployment ?? {};
    const names = (dep.resources ?? [])
        .filter((x: any) => x.custom && !String(x.type).startsWith("pulumi:providers"))
        .map((x: any) => String(x.urn).split("::").pop());
    return { names, pending: dep.pending_operations ?? [] };
}

/**
 * Nothing duplicated or orphaned: each of `vms` exists once with its VMI, its cloud-init Secret
 * when it has one, and no other VM/Secret/DataVolume with the prefix is left; the stack's state
 * lists exactly the declared resources.
 */
export async function expectConverged(
    s: TestStack,
    prefix: string,
    decls: ResourceDecl[],
): Promise<void> {
    const want = (t: string) =>
        decls
            .filter((d) => d.type === t)
            .map((d) => d.name)
            .sort();
    const have = async (v: string, k: string) =>
        (await named(s, v, k, prefix)).map((o) => o.metadata.name as string).sort();
    assert.deepEqual(
        await have("kubevirt.io/v1", "VirtualMachine"),
        want("VirtualMachine"),
        "VirtualMachines",
    );
    assert.deepEqual(
        await have("cdi.kubevirt.io/v1beta1", "DataVolume"),
        want("DataVolume"),
        "DataVolumes (none orphaned)",
    );
    const withCloudInit = decls
        .filter((d) => d.type === "VirtualMachine" && (d.args as any).cloudInit)
        .map((d) => d.name);
    const secrets = (await have("v1", "Secret")).filter((n) => !n.includes("-token"));
    for (const n of withCloudInit)
        assert.ok(
            secrets.some((x) => x.startsWith(n)),
            `cloud-init Secret of ${n}`,
        );
    assert.equal(
        secrets.length,
        withCloudInit.length,
        `cloud-init Secrets (none orphaned): ${secrets.join(", ")}`,
    );
    const st = await stackState(s);
    assert.deepEqual(st.pending, [], "no pending operations");
    assert.deepEqual(
        st.names.filter((n) => n.startsWith(prefix)).sort(),
        decls
            .map((d) => d.name)
            .filter((n) => n.startsWith(prefix))
            .sort(),
        "state lists the declared resources",
    );
}

/** A `pulumi` command running in the background, so a test can interrupt it. */
export interface Running {
    child: ChildProcess;
    output(): string;
    exited: Promise<RunResult>;
}

export function startPulumi(s: TestStack, args: string[]): Running {
    const child = spawn("pulumi", [...args, "--non-interactive"], { cwd: s.dir, env: pulumiEnv() });
    let out = "";
    let err = "";
    child.stdout?.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr?.on("data", (c: Buffer) => (err += c.toString()));
    const exited = new Promise<RunResult>((resolve) =>
        child.on("exit", (code, sig) =>
            resolve({ code: code ?? (sig ? 128 : 1), stdout: out, stderr: err }),
        ),
    );
    return { child, output: () => out + err, exited };
}

/** Poll `probe` until it holds (a condition, never a duration), failing after `ms` with `what`. */
export async function until(
    what: string,
    probe: () => Promise<boolean> | boolean,
    ms = 300_000,
): Promise<void> {
    const deadline = Date.now() + ms;
    while (!(await probe())) {
        if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 500));
    }
}

/** The pids of the dynamic-provider processes the CLI `pid` started (its direct children). */
export function providerPids(pid: number): number[] {
    const out = execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(pid)], {
        encoding: "utf8",
    });
    return out
        .split("\n")
        .filter((l) => l.includes("dynamic-provider"))
        .map((l) => Number(l.trim().split(/\s+/)[0]));
}
