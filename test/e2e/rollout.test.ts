/**
 * Rollout groups through the pulumi CLI: a restart of 20 VMs with maxUnavailable 3 goes in waves
 * (never more than 3 VMs not Ready at once, sampled from the cluster while `up` runs), the report
 * states the waves, and a failure stops the group at its wave: later VMs are left untouched and
 * the rerun continues from there.
 */
import assert from "node:assert/strict";
import { TestStack, type ResourceDecl } from "./harness";
import { buildReport, parsePreview } from "../../provider/report";
import { renderText } from "../../provider/report/renderText";
import type { KubeObject } from "../../provider/k8s/client";

const N = 20;
const names = Array.from({ length: N }, (_, i) => `wave-${i}`);

function vm(
    name: string,
    devices: Record<string, unknown>,
    extra: Record<string, unknown> = {},
): ResourceDecl {
    return {
        type: "VirtualMachine",
        name,
        args: {
            metadata: { namespace: "default" },
            restartPolicy: "onChange",
            rollout: { group: "web", maxUnavailable: 3 },
            spec: {
                runStrategy: "Always",
                template: {
                    metadata: { labels: { rollout: "web" } },
                    spec: {
                        domain: {
                            memory: { guest: "256Mi" },
                            devices: {
                                interfaces: [{ name: "default", masquerade: {} }],
                                ...devices,
                            },
                        },
                        networks: [{ name: "default", pod: {} }],
                    },
                },
            },
            ...extra,
        },
    };
}

/** Samples the group's VMs until stopped; keeps the most seen not Ready at once. */
function sampleUnready(s: TestStack) {
    let max = 0;
    let samples = 0;
    let running = true;
    const loop = (async () => {
        while (running) {
            const vms = await s.kube
                .list("kubevirt.io/v1", "VirtualMachine", "default")
                .catch(() => [] as KubeObject[]);
            const unready = vms.filter(
                (v) =>
                    names.includes(v.metadata.name as string) && (v.status as any)?.ready !== true,
            ).length;
            max = Math.max(max, unready);
            samples++;
            await new Promise((r) => setTimeout(r, 200));
        }
    })();
    return {
        stop: async () => {
            running = false;
            await loop;
            return { max, samples };
        },
    };
}

/** VM name → restart wave, from the provider's progress lines in the CLI output. */
function wavesIn(output: string): Map<string, number> {
    const out = new Map<string, number>();
    for (const m of output.matchAll(
        /VirtualMachine default\/(wave-\d+): rollout group 'web': restart wave (\d+)/g,
    ))
        out.set(m[1]!, Number(m[2]));
    return out;
}

const vmiUids = async (s: TestStack) => {
    const vmis = await s.kube.list("kubevirt.io/v1", "VirtualMachineInstance", "default");
    return new Map(vmis.map((v) => [v.metadata.name as string, v.metadata.uid as string]));
};

describe("Rollout waves through the pulumi CLI", function () {
    this.timeout(1_800_000);
    let s: TestStack;
    before(async () => {
        s = await TestStack.create("e2e-rollout");
        s.declare(names.map((n) => vm(n, {})));
        await s.up();
    });
    after(async () => {
        if (s) await s.destroy();
    });

    it("restarts 20 VMs in waves of 3, never more than 3 not Ready, and the report states the waves", async () => {
        s.declare(names.map((n) => vm(n, { rng: {} })));
        const report = renderText(
            buildReport(parsePreview(JSON.stringify(await s.previewJson()), "preview")),
        );
        assert.match(report, /rollout group 'web': 20 VMs restart in 7 waves of 3/);
        const before = await vmiUids(s);
        const sampler = sampleUnready(s);
        const r = await s.up();
        const seen = await sampler.stop();
        assert.ok(
            seen.max <= 3,
            `at most 3 VMs of the group not Ready at once; saw ${seen.max} in ${seen.samples} samples`,
        );
        const waves = wavesIn(r.stdout + r.stderr);
        assert.equal(waves.size, N, `every VM took a turn: ${[...waves].join(" ")}`);
        for (let w = 1; w <= 7; w++)
            assert.ok(
                [...waves.values()].filter((x) => x === w).length <= 3,
                `wave ${w} has at most 3 VMs`,
            );
        const after = await vmiUids(s);
        for (const n of names) assert.notEqual(after.get(n), before.get(n), `${n} restarted`);
    });

    it("a failure stops the group at its wave; later VMs are untouched and the rerun continues", async () => {
        // Every VM now waits for a guest agent that never connects (the simulated guests have
        // none), so the first wave fails after its restarts. Pulumi sends the updates in no fixed
        // order, so only "the first wave fails" is deterministic; the rule is the same for any wave.
        s.declare(
            names.map((n) => vm(n, {}, { wait: { guestAgent: true }, timeouts: { update: 30 } })),
        );
        const before = await vmiUids(s);
        const r = await s.pulumi(["up", "--yes", "--skip-preview"]);
        const out = r.stdout + r.stderr;
        assert.notEqual(r.code, 0);
        const waves = wavesIn(out);
        assert.ok(
            waves.size >= 1 && waves.size <= 3 && [...waves.values()].every((w) => w === 1),
            `only wave 1 started: ${[...waves].join(" ")}`,
        );
        const after = await vmiUids(s);
        const untouched = names.filter((n) => !waves.has(n));
        for (const n of untouched) {
            assert.equal(after.get(n), before.get(n), `${n} is untouched`);
            const live = await s.kube.get({
                apiVersion: "kubevirt.io/v1",
                kind: "VirtualMachine",
                name: n,
                namespace: "default",
            });
            assert.ok(
                (live?.spec as any).template.spec.domain.devices.rng,
                `${n}'s spec was not changed`,
            );
        }
        // VMs that had asked for a turn fail with this; those the engine had not started yet
        // (it starts nothing new after an error) are simply not updated.
        assert.match(
            out,
            /not updated: rollout group 'web' stopped after VirtualMachine default\/wave-\d+ failed \(timed out .*waiting for the guest/,
        );
        console.log(
            `      wave 1 (${[...waves.keys()].join(", ")}) failed; ${untouched.length} VMs left untouched`,
        );

        s.declare(names.map((n) => vm(n, {})));
        const rerun = await s.up();
        assert.equal(
            wavesIn(rerun.stdout + rerun.stderr).size,
            untouched.length,
            "the rerun restarts the VMs the failed run left",
        );
        const done = await vmiUids(s);
        for (const n of names)
            assert.notEqual(
                done.get(n),
                before.get(n),
                `${n} restarted by the failed run or the rerun`,
            );
        const vms = await s.kube.list("kubevirt.io/v1", "VirtualMachine", "default");
        for (const v of vms.filter((x) => names.includes(x.metadata.name as string))) {
            assert.equal((v.status as any)?.ready, true, `${v.metadata.name} Ready`);
            assert.equal(
                (v.spec as any).template.spec.domain.devices.rng,
                undefined,
                `${v.metadata.name} has the declared spec`,
            );
        }
    });
});
