/**
 * What rollout waves cost (issue #14): the same restart-needing change to N VMs (default 20),
 * applied once in a rollout group with maxUnavailable 3 and once all at once, alternating, on the
 * bed. Prints `up` wall time and the most VMs seen not Ready at once (sampled every 200 ms).
 * A script that prints figures, not a test: `npm run bench:waves` (BENCH_WAVES_N, BENCH_ROUNDS).
 */
import { TestStack, type ResourceDecl } from "../test/e2e/harness";

const n = Number(process.env.BENCH_WAVES_N ?? 20);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const names = Array.from({ length: n }, (_, i) => `cost-${i}`);
type Mode = "waves of 3" | "all at once";

function vm(name: string, mode: Mode, withRng: boolean): ResourceDecl {
    const interfaces = [{ name: "default", masquerade: {} }];
    return {
        type: "VirtualMachine",
        name,
        args: {
            metadata: { namespace: "default" },
            restartPolicy: "onChange",
            ...(mode === "waves of 3" ? { rollout: { group: "cost", maxUnavailable: 3 } } : {}),
            spec: {
                runStrategy: "Always",
                template: {
                    spec: {
                        domain: {
                            memory: { guest: "256Mi" },
                            devices: { interfaces, ...(withRng ? { rng: {} } : {}) },
                        },
                        networks: [{ name: "default", pod: {} }],
                    },
                },
            },
        },
    };
}

/** Most VMs of the stack seen not Ready at once while `run` goes. */
async function maxUnready(s: TestStack, run: Promise<unknown>): Promise<number> {
    let max = 0;
    let done = false;
    void run.finally(() => (done = true));
    while (!done) {
        const vms = await s.kube.list("kubevirt.io/v1", "VirtualMachine", "default");
        const mine = vms.filter((v) => names.includes(v.metadata.name as string));
        max = Math.max(max, mine.filter((v) => (v.status as any)?.ready !== true).length); // eslint-disable-line @typescript-eslint/no-explicit-any
        await new Promise((r) => setTimeout(r, 200));
    }
    return max;
}

const say = (m: string) =>
    process.stderr.write(`[waves ${new Date().toISOString().slice(11, 19)}] ${m}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
    const s = await TestStack.create("bench-waves");
    let rng = false;
    s.declare(names.map((x) => vm(x, "all at once", rng)));
    await s.up();
    const seen: Record<Mode, { wall: number[]; unready: number[] }> = {
        "waves of 3": { wall: [], unready: [] },
        "all at once": { wall: [], unready: [] },
    };
    for (let r = 0; r < rounds; r++)
        for (const mode of Object.keys(seen) as Mode[]) {
            rng = !rng;
            s.declare(names.map((x) => vm(x, mode, rng)));
            const started = Date.now();
            const run = s.up();
            const unready = await maxUnready(s, run);
            await run;
            seen[mode].wall.push((Date.now() - started) / 1000);
            seen[mode].unready.push(unready);
            say(`${mode}: ${seen[mode].wall.at(-1)!.toFixed(1)} s, at most ${unready} not Ready`);
        }
    await s.destroy();
    const rows = (Object.keys(seen) as Mode[]).map(
        (m) =>
            `| ${m} | ${median(seen[m].wall).toFixed(1)} | ${Math.min(...seen[m].wall).toFixed(1)} | ${Math.max(...seen[m].unready)} |`,
    );
    process.stdout.write(
        [
            `\n## Restart of ${n} VMs (${rounds} rounds)\n`,
            "| rollout | up wall median (s) | min (s) | most not Ready at once |",
            "|---|---:|---:|---:|",
            ...rows,
            "",
        ].join("\n"),
    );
}

main().catch((err) => {
    process.stderr.write(`${(err as Error).stack ?? err}\n`);
    process.exit(1);
});
