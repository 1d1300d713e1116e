/**
 * PodDisruptionBudgets pace restarts through the pulumi CLI: three VMs restart to apply a cores
 * change (restartPolicy onChange) while a budget selects their launcher pods. With minAvailable 3
 * the budget allows no disruption: `up` fails naming it and no VM restarts. With minAvailable 2
 * it allows one: every VM restarts, never more than one not Ready at once (sampled while `up`
 * runs).
 */
import assert from "node:assert/strict";
import { TestStack, type ResourceDecl } from "./harness";
import type { KubeObject } from "../../provider/k8s/client";

const ns = "e2e-pdb";
const names = ["pdb-0", "pdb-1", "pdb-2"];

function vm(name: string, cores: number): ResourceDecl {
    return {
        type: "VirtualMachine",
        name,
        args: {
            metadata: { namespace: ns },
            restartPolicy: "onChange",
            spec: {
                runStrategy: "Always",
                template: {
                    metadata: { labels: { app: "pdb-web" } },
                    spec: {
                        domain: {
                            cpu: { cores },
                            memory: { guest: "128Mi" },
                            devices: { interfaces: [{ name: "default", masquerade: {} }] },
                        },
                        networks: [{ name: "default", pod: {} }],
                    },
                },
            },
        },
    };
}

const budget = (minAvailable: number) => ({
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: { name: "web", namespace: ns },
    spec: { minAvailable, selector: { matchLabels: { app: "pdb-web" } } },
});

async function vmiUids(s: TestStack): Promise<Map<string, string>> {
    const vmis = await s.kube.list("kubevirt.io/v1", "VirtualMachineInstance", ns);
    return new Map(vmis.map((v) => [v.metadata.name as string, v.metadata.uid as string]));
}

/** Samples the VMs until stopped; keeps the most seen not Ready at once. */
function sampleUnready(s: TestStack) {
    let max = 0;
    let running = true;
    const loop = (async () => {
        while (running) {
            const vms = await s.kube
                .list("kubevirt.io/v1", "VirtualMachine", ns)
                .catch(() => [] as KubeObject[]);
            const unready = vms.filter((v) => (v.status as any)?.ready !== true).length;
            max = Math.max(max, unready);
            await new Promise((r) => setTimeout(r, 200));
        }
    })();
    return {
        stop: async () => {
            running = false;
            await loop;
            return max;
        },
    };
}

describe("PodDisruptionBudgets pace restarts", function () {
    this.timeout(900_000);
    let s: TestStack;

    before(async () => {
        s = await TestStack.create("e2e-pdb");
        await s.kube.apply(
            { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } },
            { force: true },
        );
        s.declare(names.map((n) => vm(n, 1)));
        await s.up();
    });
    after(async () => {
        if (s) await s.destroy();
    });

    it("a budget that allows no disruption stops the restart, naming it, and no VM restarts", async () => {
        await s.kube.apply(budget(3), { force: true });
        const before = await vmiUids(s);
        s.declare(names.map((n) => vm(n, 2)));
        const r = await s.pulumi(["up", "--yes", "--skip-preview"]);
        assert.notEqual(r.code, 0, "up fails");
        assert.match(
            r.stdout + r.stderr,
            /PodDisruptionBudget e2e-pdb\/web allows no disruption now \(3 of 3 selected pods healthy, 3 must stay\)/,
        );
        assert.deepEqual(await vmiUids(s), before, "every VM keeps its instance");
    });

    it("a budget that allows one restarts the VMs one at a time", async () => {
        await s.kube.apply(budget(2), { force: true });
        const before = await vmiUids(s);
        const sampler = sampleUnready(s);
        const r = await s.pulumi(["up", "--yes", "--skip-preview"]);
        const max = await sampler.stop();
        assert.equal(r.code, 0, r.stdout + r.stderr);
        const after = await vmiUids(s);
        for (const n of names) assert.notEqual(after.get(n), before.get(n), `${n} restarted`);
        assert.ok(max <= 1, `at most one VM not Ready at once, saw ${max}`);
    });
});
