/**
 * The benchmark's (and the load test's) stack: N VirtualMachines and N blank DataVolumes in one
 * namespace. `rev` is the update-all knob: it changes one label on every VM, a change both tools
 * apply in place (ours plans it as "metadata": no VMI is disturbed).
 *
 * Ours declares it through the generic e2e program (test/programs/generic.ts reads program.json);
 * the peer declares the same objects as `apiextensions.CustomResource`s (peerProgram below).
 */
import type { ResourceDecl } from "../test/e2e/harness";

/** Its own namespace, so other stacks on the same cluster do not count as its VMs. */
export const benchNamespace = "bench";

/** The namespace object (created by the admin before the stack is deployed). */
export const benchNamespaceObject = {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name: benchNamespace },
};

/**
 * BENCH_RUN_STRATEGY=Halted declares the VMs stopped: the bed's three simulated nodes (64 GiB each)
 * run about 150 of the stack's 1 GiB VMs, so N = 1,000 can only be measured with VMs that do not run.
 */
export const benchRunStrategy = process.env.BENCH_RUN_STRATEGY ?? "Always";

export function vmSpec(): Record<string, unknown> {
    return {
        runStrategy: benchRunStrategy,
        template: {
            metadata: { labels: { app: "bench" } },
            spec: {
                domain: {
                    cpu: { sockets: 1, cores: 1 },
                    memory: { guest: "1Gi" },
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
    };
}

export function dvSpec(): Record<string, unknown> {
    return { source: { blank: {} }, storage: { resources: { requests: { storage: "1Gi" } } } };
}

/**
 * BENCH_SKIP_AWAIT=1: our resources do not wait for readiness (`skipAwait`), as the peer's
 * CustomResources never do; the default run waits, as users get by default.
 */
export const benchSkipAwait = process.env.BENCH_SKIP_AWAIT === "1";
const skipAwait = benchSkipAwait ? { skipAwait: true } : {};

/**
 * BENCH_PARALLEL=P: both tools' `up`, update and `destroy` run with `--parallel P` (the CLI's
 * default is 4 × cores). Our creates hold their step until Ready, so the step limit bounds our `up`
 * more than the peer's; this shows by how much.
 */
export const benchParallel = process.env.BENCH_PARALLEL
    ? Number(process.env.BENCH_PARALLEL)
    : undefined;

/** The CLI flags of a phase that changes the cluster. */
export const parallelArgs = (): string[] =>
    benchParallel ? ["--parallel", String(benchParallel)] : [];

/** The settings that differ from the default ones: a tag for file names and words for the page. */
function settings(): { tag: string; words: string }[] {
    const all = [
        benchRunStrategy !== "Always" && {
            tag: benchRunStrategy,
            words: `every VM declared \`runStrategy: ${benchRunStrategy}\` (not running)`,
        },
        benchSkipAwait && {
            tag: "skipAwait",
            words: "ours with `skipAwait: true` (no readiness waits, as the peer)",
        },
        !!benchParallel && {
            tag: `p${benchParallel}`,
            words: `both tools with \`--parallel ${benchParallel}\``,
        },
    ];
    return all.filter((x): x is { tag: string; words: string } => !!x);
}

/** A short tag for this run's settings when they are not the default ("skipAwait-p32"). */
export const benchVariant = (): string =>
    settings()
        .map((x) => x.tag)
        .join("-");

/** How this run's settings differ from the default ones, in words for the page. */
export function variantNote(): string | undefined {
    const words = settings().map((x) => x.words);
    return words.length ? `Settings: ${words.join("; ")}.` : undefined;
}

/** The stack in the generic program's format: VMs vm-0..vm-(n-1), DataVolumes dv-0..dv-(n-1). */
export function stackResources(n: number, rev: number): ResourceDecl[] {
    const out: ResourceDecl[] = [];
    for (let i = 0; i < n; i++) {
        out.push({
            type: "DataVolume",
            name: `dv-${i}`,
            args: { metadata: { namespace: benchNamespace }, spec: dvSpec(), ...skipAwait },
        });
        out.push({
            type: "VirtualMachine",
            name: `vm-${i}`,
            args: {
                metadata: { namespace: benchNamespace, labels: { "bench-rev": String(rev) } },
                spec: vmSpec(),
                ...skipAwait,
            },
        });
    }
    return out;
}

/** The manifest the peer creates for one declaration (same objects, same names). */
export function peerManifest(d: ResourceDecl): Record<string, unknown> {
    const args = d.args as { metadata: Record<string, unknown>; spec: unknown };
    const [apiVersion, kind] =
        d.type === "VirtualMachine"
            ? ["kubevirt.io/v1", "VirtualMachine"]
            : ["cdi.kubevirt.io/v1beta1", "DataVolume"];
    return { apiVersion, kind, metadata: { ...args.metadata, name: d.name }, spec: args.spec };
}

/**
 * The peer's program (plain JS, run with @pulumi/kubernetes from the bench-only install): the same
 * program.json, each object as a CustomResource on the default kubernetes provider.
 */
export function peerProgram(stackModule: string): string {
    return [
        `const k8s = require("@pulumi/kubernetes");`,
        `const { peerManifest } = require(${JSON.stringify(stackModule)});`,
        `const { resources } = JSON.parse(require("fs").readFileSync("program.json", "utf8"));`,
        `for (const d of resources) new k8s.apiextensions.CustomResource(d.name, peerManifest(d));`,
        "",
    ].join("\n");
}
