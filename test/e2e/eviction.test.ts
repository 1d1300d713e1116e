/**
 * Eviction and migratability through the pulumi CLI: VMs declaring evictionStrategy LiveMigrate,
 * one on a ReadWriteOnce DataVolume (cannot migrate: preview and up warn, naming the VM and the
 * claim; the report lists it), one on a ReadWriteMany DataVolume (migrates: silent), and one with
 * a bridge on the pod network under the cluster's default strategy (None: cannot migrate, no
 * warning). Then the predicted migratability is compared with the LiveMigratable condition the
 * bed's virt-handler (the simulator) writes on each running VMI.
 */
import assert from "node:assert/strict";
import { TestStack, type PreviewJson, type ResourceDecl } from "./harness";
import { buildReport, parsePreview } from "../../provider/report";
import { renderMarkdown } from "../../provider/report/render";
import type { KubeObject } from "../../provider/k8s/client";

const ns = "e2e-evict";

function dv(name: string, mode: string): ResourceDecl {
    return {
        type: "DataVolume",
        name,
        args: {
            metadata: { namespace: ns },
            spec: {
                source: { blank: {} },
                storage: { accessModes: [mode], resources: { requests: { storage: "1Gi" } } },
            },
        },
    };
}

function vm(
    name: string,
    opts: { claim?: string; strategy?: string; binding?: "masquerade" | "bridge" },
): ResourceDecl {
    const disks = opts.claim ? [{ name: "data", disk: { bus: "virtio" } }] : [];
    const volumes = opts.claim ? [{ name: "data", dataVolume: { name: opts.claim } }] : [];
    return {
        type: "VirtualMachine",
        name,
        args: {
            metadata: { namespace: ns },
            spec: {
                runStrategy: "Always",
                template: {
                    spec: {
                        ...(opts.strategy ? { evictionStrategy: opts.strategy } : {}),
                        domain: {
                            memory: { guest: "128Mi" },
                            devices: {
                                disks: [{ name: "root", disk: { bus: "virtio" } }, ...disks],
                                interfaces: [
                                    { name: "default", [opts.binding ?? "masquerade"]: {} },
                                ],
                            },
                        },
                        networks: [{ name: "default", pod: {} }],
                        volumes: [
                            {
                                name: "root",
                                containerDisk: { image: "quay.io/containerdisks/fedora:41" },
                            },
                            ...volumes,
                        ],
                    },
                },
            },
        },
    };
}

const stack: ResourceDecl[] = [
    dv("ev-rwo", "ReadWriteOnce"),
    dv("ev-rwx", "ReadWriteMany"),
    vm("ev-stuck", { claim: "ev-rwo", strategy: "LiveMigrate" }),
    vm("ev-ok", { claim: "ev-rwx", strategy: "LiveMigrate" }),
    vm("ev-bridge", { binding: "bridge" }),
];

// The CLI's JSON keeps the console form of a diagnostic: "warning: <message>\n".
const warningsOf = (p: PreviewJson, name: string) =>
    (p.diagnostics ?? [])
        .filter((d) => d.severity === "warning" && d.urn?.endsWith(`::${name}`))
        .map((d) => d.message.replace(/^warning: /, "").trimEnd());

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
    const deadline = Date.now() + 300_000;
    for (;;) {
        const v = await probe();
        if (v !== undefined) return v;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 1000));
    }
}

describe("Eviction strategy and migratability in plans", function () {
    this.timeout(900_000);
    let s: TestStack;
    let first: PreviewJson;

    before(async () => {
        s = await TestStack.create("e2e-eviction");
        await s.kube.apply(
            { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } },
            { force: true },
        );
        // The DataVolumes first: a VM checked before the DataVolume it uses (the engine does not
        // order checks by reference) would see its claim's access mode as unknown (null).
        s.declare(stack.filter((r) => r.type === "DataVolume"));
        await s.up();
        s.declare(stack);
        first = await s.previewJson();
    });
    after(async () => {
        if (s) await s.destroy();
    });

    it("preview warns for the LiveMigrate VM on a ReadWriteOnce claim, naming it and the reason", () => {
        const w = warningsOf(first, "ev-stuck");
        assert.equal(w.length, 1, JSON.stringify(first.diagnostics));
        assert.match(w[0]!, /^ev-stuck: evictionStrategy LiveMigrate \(declared on the VM\)/);
        assert.match(w[0]!, /DisksNotLiveMigratable: claim 'ev-rwo' is ReadWriteOnce/);
        assert.match(w[0]!, /node drain is blocked/);
    });

    it("preview is silent about the migratable VM and the one under the None default", () => {
        assert.deepEqual(warningsOf(first, "ev-ok"), []);
        assert.deepEqual(warningsOf(first, "ev-bridge"), []);
    });

    it("the report from the preview lists the VMs that cannot migrate, the warning first", () => {
        const md = renderMarkdown(buildReport(parsePreview(JSON.stringify(first), "preview")));
        const lines = md.split("\n").filter((l) => l.startsWith("- "));
        const i = lines.indexOf("- 1 of 3 VMs can live-migrate.");
        assert.ok(i >= 0, md);
        assert.match(lines[i + 1]!, /^- ⚠️ `e2e-evict\/ev-stuck` \(evictionStrategy LiveMigrate\)/);
        assert.match(
            lines[i + 2]!,
            /^- `e2e-evict\/ev-bridge` \(evictionStrategy None\).*InterfaceNotLiveMigratable/,
        );
    });

    it("up warns too, and the outputs show each VM's strategy and migratability", async () => {
        const r = await s.up();
        assert.match(r.stdout + r.stderr, /ev-stuck: evictionStrategy LiveMigrate/);
        const out = (await s.outputs()).resources;
        const e = (n: string) => out[n].eviction;
        assert.deepEqual(
            ["ev-stuck", "ev-ok", "ev-bridge"].map((n) => [n, e(n).strategy, e(n).migratable]),
            [
                ["ev-stuck", "LiveMigrate", false],
                ["ev-ok", "LiveMigrate", true],
                ["ev-bridge", "None", false],
            ],
        );
        assert.equal(e("ev-stuck").from, "vm");
        assert.equal(e("ev-bridge").from, "cluster");
    });

    it("virt-handler's LiveMigratable condition on each running VMI agrees with the prediction", async () => {
        const out = (await s.outputs()).resources;
        for (const name of ["ev-stuck", "ev-ok", "ev-bridge"]) {
            const ref = {
                apiVersion: "kubevirt.io/v1",
                kind: "VirtualMachineInstance",
                namespace: ns,
                name,
            };
            const cond = await until(`LiveMigratable on ${name}`, async () => {
                const vmi: KubeObject | undefined = await s.kube.get(ref);
                const conds = ((vmi?.status as any)?.conditions ?? []) as any[];
                return conds.find((c) => c.type === "LiveMigratable");
            });
            const predicted = out[name].eviction;
            assert.equal(cond.status === "True", predicted.migratable, `${name}: ${cond.message}`);
            if (!predicted.migratable)
                assert.equal(cond.reason, predicted.reasons[0].split(":")[0], name);
        }
    });

    it("a no-change preview keeps warning and shows no changes", async () => {
        const p = await s.previewJson();
        assert.deepEqual(
            Object.entries(p.changeSummary).filter(([op, n]) => op !== "same" && n > 0),
            [],
        );
        assert.equal(warningsOf(p, "ev-stuck").length, 1);
        assert.deepEqual(warningsOf(p, "ev-ok"), []);
    });
});
