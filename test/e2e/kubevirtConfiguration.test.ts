/**
 * KubeVirtConfiguration through the pulumi CLI on the bed: it patches only the declared fields of
 * the bed's KubeVirt CR under its own field manager (another writer's fields and feature gates
 * survive its apply and its delete), re-previews clean, and a rollout strategy switch declared in
 * the same `up` as a VM change is what the VM's plan follows, in either declaration order. The
 * real virt-controller is the judge: it flags RestartRequired under Stage and not under LiveUpdate.
 */
import assert from "node:assert/strict";
import { changesIn, stepFor, TestStack, type ResourceDecl } from "./harness";
import type { KubeObject } from "../../provider/k8s/client";

const kvRef = {
    apiVersion: "kubevirt.io/v1",
    kind: "KubeVirt",
    name: "kubevirt",
    namespace: "kubevirt",
};
const otherWriter = "e2e-other-writer";

/** An apply body for the bed's KubeVirt CR. */
const kvBody = (spec?: Json): KubeObject => ({
    apiVersion: kvRef.apiVersion,
    kind: kvRef.kind,
    metadata: { name: kvRef.name, namespace: kvRef.namespace },
    ...(spec ? { spec } : {}),
});

type Json = Record<string, any>;

function config(args: Json, name = "kvconf"): ResourceDecl {
    return { type: "KubeVirtConfiguration", name, args };
}

function vm(tolerations: Json[]): ResourceDecl {
    return {
        type: "VirtualMachine",
        name: "kvconf-vm",
        args: {
            metadata: { namespace: "default" },
            restartPolicy: "never",
            spec: {
                runStrategy: "Always",
                template: {
                    spec: {
                        domain: {
                            memory: { guest: "128Mi" },
                            devices: { interfaces: [{ name: "default", masquerade: {} }] },
                        },
                        networks: [{ name: "default", pod: {} }],
                        tolerations,
                    },
                },
            },
        },
    };
}

const toleration = (key: string) => ({ key, operator: "Exists", effect: "NoSchedule" });

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 120_000) {
    const deadline = Date.now() + ms;
    for (;;) {
        const v = await probe();
        if (v !== undefined) return v;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 250));
    }
}

const restartRequired = (o: KubeObject | undefined) =>
    ((o?.status as Json | undefined)?.conditions ?? []).some(
        (c: Json) => c.type === "RestartRequired" && c.status === "True",
    );

describe("KubeVirtConfiguration: cluster settings as a patch of the fields the stack owns", function () {
    this.timeout(900_000);
    let s: TestStack;
    let original: Json;
    const cr = async () => (await s.kube.get(kvRef)) as KubeObject & { spec: Json };

    before(async () => {
        s = await TestStack.create("e2e-kvconfig");
        original = structuredClone((await cr()).spec);
        // Another writer owns a setting beside ours.
        await s.kube.apply(kvBody({ configuration: { migrations: { progressTimeout: 321 } } }), {
            force: true,
            fieldManager: otherWriter,
        });
    });

    after(async () => {
        await s?.destroy().catch(() => undefined);
        if (!original) return;
        // The suite shares this cluster: put the bed's configuration back exactly.
        await s.kube.apply(kvBody(), { fieldManager: otherWriter });
        const live = await cr();
        await s.kube.replace({ ...live, spec: original });
    });

    it("applies only the declared fields, re-previews clean, and its delete leaves others' fields and gates", async () => {
        s.declare([
            config({
                migrations: {
                    parallelMigrationsPerCluster: 7,
                    bandwidthPerMigration: "64Mi",
                    completionTimeoutPerGiB: 100,
                },
                featureGates: ["DownwardMetrics"],
            }),
        ]);
        await s.up();
        let spec = (await cr()).spec;
        assert.equal(spec.configuration.migrations.parallelMigrationsPerCluster, 7);
        assert.equal(spec.configuration.migrations.bandwidthPerMigration, "64Mi");
        assert.equal(
            spec.configuration.migrations.progressTimeout,
            321,
            "another writer's field survives our apply",
        );
        assert.deepEqual(spec.configuration.developerConfiguration.featureGates, [
            ...original.configuration.developerConfiguration.featureGates,
            "DownwardMetrics",
        ]);
        assert.equal(
            spec.configuration.vmRolloutStrategy,
            original.configuration.vmRolloutStrategy,
        );
        const managers = ((await cr()).metadata.managedFields as Json[]).map((m) => m.manager);
        assert.ok(managers.includes("pulumi-kubevirt-config.kvconf"), managers.join(", "));

        assert.deepEqual(changesIn(await s.previewJson()), {}, "re-preview is clean");

        s.declare([]);
        await s.up();
        spec = (await cr()).spec;
        assert.equal(
            spec.configuration.migrations.parallelMigrationsPerCluster,
            undefined,
            "released",
        );
        assert.equal(spec.configuration.migrations.bandwidthPerMigration, undefined, "released");
        assert.equal(
            spec.configuration.migrations.progressTimeout,
            321,
            "another writer's field survives our delete",
        );
        assert.deepEqual(
            spec.configuration.developerConfiguration.featureGates,
            original.configuration.developerConfiguration.featureGates,
            "the gates others set survive; ours is gone",
        );
        assert.equal(
            spec.configuration.vmRolloutStrategy,
            original.configuration.vmRolloutStrategy,
        );
    });

    it("a VM change planned in the same run as a rollout switch follows the declared strategy, declared before or after the VM", async () => {
        // Start under Stage, declared by the stack.
        s.declare([config({ vmRolloutStrategy: "Stage" }), vm([])]);
        await s.up();
        assert.equal((await cr()).spec.configuration.vmRolloutStrategy, "Stage");

        // Order A: the configuration before the VM; Stage → LiveUpdate with a tolerations change.
        s.declare([config({ vmRolloutStrategy: "LiveUpdate" }), vm([toleration("e2e-a")])]);
        let preview = await s.previewJson();
        let planned = stepFor(preview, "kvconf-vm")?.newState?.inputs?.plannedImpact;
        assert.equal(planned?.impact, "live", JSON.stringify(planned));
        assert.match(
            planned.notes.join("\n"),
            /vmRolloutStrategy LiveUpdate declared by KubeVirtConfiguration 'kvconf'.*the cluster has vmRolloutStrategy Stage/,
        );
        const cfgPlan = stepFor(preview, "kvconf")?.newState?.inputs?.plannedImpact;
        assert.match(JSON.stringify(cfgPlan), /vmRolloutStrategy Stage→LiveUpdate/);
        await s.up();
        let live = await s.kube.get({
            apiVersion: "kubevirt.io/v1",
            kind: "VirtualMachine",
            name: "kvconf-vm",
            namespace: "default",
        });
        assert.equal(restartRequired(live), false, "KubeVirt applied it live");
        const vmiTolerations = await until("the toleration on the VMI", async () => {
            const vmi = await s.kube.get({
                apiVersion: "kubevirt.io/v1",
                kind: "VirtualMachineInstance",
                name: "kvconf-vm",
                namespace: "default",
            });
            const t = ((vmi?.spec as Json | undefined)?.tolerations ?? []) as Json[];
            return t.some((x) => x.key === "e2e-a") ? t : undefined;
        });
        assert.ok(vmiTolerations.length > 0);

        // Order B: the VM before the configuration; LiveUpdate → Stage with another change.
        s.declare([vm([toleration("e2e-b")]), config({ vmRolloutStrategy: "Stage" })]);
        preview = await s.previewJson();
        planned = stepFor(preview, "kvconf-vm")?.newState?.inputs?.plannedImpact;
        assert.equal(planned?.impact, "restart", JSON.stringify(planned));
        assert.match(
            planned.notes.join("\n"),
            /vmRolloutStrategy Stage declared by KubeVirtConfiguration 'kvconf'.*the cluster has vmRolloutStrategy LiveUpdate/,
        );
        await s.up();
        live = await until("RestartRequired from virt-controller", async () => {
            const o = await s.kube.get({
                apiVersion: "kubevirt.io/v1",
                kind: "VirtualMachine",
                name: "kvconf-vm",
                namespace: "default",
            });
            return restartRequired(o) ? o : undefined;
        });
        assert.ok(restartRequired(live), "KubeVirt held the change for a restart");
        const out = await s.outputs();
        assert.equal(out.resources["kvconf-vm"].lastUpdate.outcome, "as planned");
    });

    it("with a HyperConverged CR, the same inputs go to HCO's fields and the KubeVirt CR is left to HCO", async () => {
        const hco = { apiVersion: "hco.kubevirt.io/v1beta1", kind: "HyperConverged" };
        const hcoRef = { ...hco, name: "kubevirt-hyperconverged", namespace: kvRef.namespace };
        // No HCO operator on the bed: the CR alone, as an installer would create it.
        await s.kube.apply(
            { ...hco, metadata: { name: hcoRef.name, namespace: hcoRef.namespace }, spec: {} },
            { force: true, fieldManager: "e2e-hco-installer" },
        );
        try {
            // A new resource: the CR is chosen (auto-detected) when a configuration is created.
            s.declare([
                config(
                    {
                        migrations: { parallelMigrationsPerCluster: 9 },
                        featureGates: ["downwardMetrics"],
                    },
                    "kvconf-hco",
                ),
            ]);
            await s.up();
            let spec = (await s.kube.get(hcoRef))?.spec as Json;
            assert.equal(spec.liveMigrationConfig.parallelMigrationsPerCluster, 9);
            assert.equal(
                spec.liveMigrationConfig.completionTimeoutPerGiB,
                150,
                "HCO's defaults stay",
            );
            assert.equal(spec.featureGates.downwardMetrics, true);
            assert.equal(
                (await cr()).spec.configuration.migrations?.parallelMigrationsPerCluster,
                undefined,
                "the KubeVirt CR is HCO's to write",
            );
            assert.deepEqual(changesIn(await s.previewJson()), {}, "re-preview is clean");
            s.declare([]);
            await s.up();
            spec = (await s.kube.get(hcoRef))?.spec as Json;
            // Released fields fall back to the CRD's defaults, not to "unset".
            assert.equal(spec.liveMigrationConfig.parallelMigrationsPerCluster, 5);
            assert.equal(spec.featureGates.downwardMetrics, false);
        } finally {
            await s.kube.delete(hcoRef).catch(() => undefined);
        }
    });
});
