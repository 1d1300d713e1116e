/**
 * Reads what the classifier needs to know from the cluster: KubeVirt's configuration (rollout
 * strategy, version, workload update methods, feature gates) and the running VMI.
 */
import type { KubeClient, KubeObject } from "../../k8s/client";
import { defaultClusterFacts, type ClusterFacts, type VmRuntime } from "../../diff/types";
import type { ProviderConfig } from "../../config";
import type { Props } from "../../kindProvider";
import { condition } from "./readiness";
import { vmiRef, vmRef } from "./desired";
import { cachedGet } from "../../await/sharedWatch";
import { migrationFactsFromKubeVirt, type ClusterMigrationFacts } from "./migratability";

/**
 * KubeVirt's CR, read once per client (so once per provider process, which lives for one pulumi
 * command): every VM of a stack would otherwise list the same CR, and it does not change under a
 * running command in a way a plan could act on.
 */
const crs = new WeakMap<KubeClient, Promise<KubeObject | undefined>>();

function kubevirtCr(client: KubeClient): Promise<KubeObject | undefined> {
    let cr = crs.get(client);
    if (!cr) {
        cr = client.list("kubevirt.io/v1", "KubeVirt").then(
            ([kv]) => kv,
            // No permission to read the KubeVirt CR is normal for namespace admins: use defaults.
            () => undefined,
        );
        crs.set(client, cr);
    }
    return cr;
}

/** Facts from the KubeVirt CR, with stack config overrides winning; defaults when unreadable. */
export async function clusterFacts(
    client: KubeClient,
    config: ProviderConfig,
): Promise<ClusterFacts> {
    const kv = await kubevirtCr(client);
    return { ...defaultClusterFacts, ...(kv ? factsFromKubeVirt(kv) : {}), ...config.facts };
}

/** The eviction and migration settings of the KubeVirt CR (same single read as clusterFacts). */
export async function clusterMigrationFacts(client: KubeClient): Promise<ClusterMigrationFacts> {
    return migrationFactsFromKubeVirt(await kubevirtCr(client));
}

/** Pure: the facts a KubeVirt CR implies (docs/semantics.md#rollout-strategy, docs/semantics.md#volume-hotplug). */
export function factsFromKubeVirt(kv: KubeObject): Partial<ClusterFacts> {
    const spec = (kv.spec ?? {}) as Props;
    const status = (kv.status ?? {}) as Props;
    const out: Partial<ClusterFacts> = {};
    const minor = /^v?1\.(\d+)/.exec(String(status.observedKubeVirtVersion ?? ""))?.[1];
    if (minor) out.kubevirtMinor = Number(minor);
    const rollout = spec.configuration?.vmRolloutStrategy;
    if (rollout === "LiveUpdate" || rollout === "Stage") out.rolloutStrategy = rollout;
    else if (out.kubevirtMinor !== undefined)
        out.rolloutStrategy = out.kubevirtMinor >= 6 ? "LiveUpdate" : "Stage";
    const methods: string[] | undefined = spec.workloadUpdateStrategy?.workloadUpdateMethods;
    if (methods) out.liveMigrateUpdates = methods.includes("LiveMigrate");
    const gates: string[] = spec.configuration?.developerConfiguration?.featureGates ?? [];
    if (gates.includes("HotplugVolumes")) out.declarativeHotplug = false;
    else if (gates.includes("DeclarativeHotplugVolumes")) out.declarativeHotplug = true;
    return out;
}

export interface Observed {
    vm?: KubeObject;
    vmi?: KubeObject;
}

/** The VM and VMI as the shared watch caches have them: one list+watch per namespace, not two GETs per VM. */
export async function observe(client: KubeClient, inputs: Props): Promise<Observed> {
    const [vm, vmi] = await Promise.all([
        cachedGet(client, vmRef(inputs)),
        cachedGet(client, vmiRef(inputs)),
    ]);
    return { vm, vmi };
}

/** Pure: the runtime facts of a VM from its observed VM and VMI. */
export function runtimeOf(o: Observed): VmRuntime {
    const phase = (o.vmi?.status as Props | undefined)?.phase;
    const running =
        !!o.vmi && phase !== "Succeeded" && phase !== "Failed" && !o.vmi.metadata.deletionTimestamp;
    if (!running) return { running: false };
    const spec = (o.vmi?.spec ?? {}) as Props;
    const migratable = condition(o.vmi, "LiveMigratable");
    return {
        running,
        maxSockets: spec.domain?.cpu?.maxSockets,
        maxGuest: spec.domain?.memory?.maxGuest,
        migratable: migratable ? migratable.status === "True" : undefined,
        architecture: spec.architecture,
        restartRequired: condition(o.vm, "RestartRequired")?.status === "True",
        ...(!(o.vmi?.status as Props | undefined)?.nodeName &&
        ["Pending", "Scheduling", undefined].includes(phase)
            ? { unscheduled: true }
            : {}),
    };
}
