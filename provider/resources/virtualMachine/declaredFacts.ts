/**
 * Cluster facts a stack declares for itself. The VM classifier reads KubeVirt's configuration from
 * the cluster, but a KubeVirtConfiguration in the same stack changes it in the same run, before
 * the VM is updated (the SDK makes every VM depend on it). So a VM plan follows the declared
 * values and says so; the SDK hands them to each VM as the `clusterConfiguration` input
 * (docs/semantics.md#cluster-configuration). Pure.
 */
import { containsUnknown } from "../../kindProvider";
import type { ClusterFacts } from "../../diff/types";
import { factsFromKubeVirt } from "./runtime";

/** One declared configuration as the SDK passes it to VMs. */
export interface DeclaredConfiguration {
    /** The Pulumi name of the KubeVirtConfiguration resource. */
    resource: string;
    target?: "kubevirt" | "hyperconverged";
    vmRolloutStrategy?: string;
    workloadUpdateStrategy?: { workloadUpdateMethods?: string[] };
    featureGates?: string[];
}

/** HCO names gates in camelCase; the one the classifier reads is KubeVirt's in PascalCase. */
const kubevirtGate = (target: string | undefined, g: string) =>
    target === "hyperconverged" ? g.charAt(0).toUpperCase() + g.slice(1) : g;

/** The facts one declaration implies, as factsFromKubeVirt reads them from a CR holding it. */
function factsOf(d: DeclaredConfiguration): Partial<ClusterFacts> {
    return factsFromKubeVirt({
        apiVersion: "kubevirt.io/v1",
        kind: "KubeVirt",
        metadata: {},
        spec: {
            configuration: {
                vmRolloutStrategy: d.vmRolloutStrategy,
                developerConfiguration: {
                    featureGates: (d.featureGates ?? []).map((g) => kubevirtGate(d.target, g)),
                },
            },
            workloadUpdateStrategy: d.workloadUpdateStrategy,
        },
    });
}

/** How each fact reads in a note. */
const described: Record<keyof ClusterFacts, (f: ClusterFacts) => string> = {
    rolloutStrategy: (f) => `vmRolloutStrategy ${f.rolloutStrategy}`,
    liveMigrateUpdates: (f) =>
        `workloadUpdateMethods ${f.liveMigrateUpdates ? "with" : "without"} LiveMigrate`,
    declarativeHotplug: (f) =>
        `${f.declarativeHotplug ? "DeclarativeHotplugVolumes" : "HotplugVolumes"} feature gate`,
    kubevirtMinor: (f) => `KubeVirt 1.${f.kubevirtMinor}`,
};

/**
 * The facts to plan under: the cluster's (`live`) overridden by what the stack declares (later
 * declarations win, as their applies do), and one note per fact the declaration changes.
 */
export function followDeclared(
    live: ClusterFacts,
    declared: unknown,
): { facts: ClusterFacts; notes: string[] } {
    if (declared === undefined || declared === null) return { facts: live, notes: [] };
    if (containsUnknown(declared) || !Array.isArray(declared))
        return {
            facts: live,
            notes: [
                "this stack's KubeVirtConfiguration is known only after apply; planned under the cluster's current configuration",
            ],
        };
    const facts = { ...live };
    const by: Partial<Record<keyof ClusterFacts, string>> = {};
    for (const d of declared as DeclaredConfiguration[]) {
        const f = factsOf(d);
        for (const k of Object.keys(f) as (keyof ClusterFacts)[]) by[k] = d.resource;
        Object.assign(facts, f);
    }
    const notes = (Object.keys(by) as (keyof ClusterFacts)[])
        .filter((k) => facts[k] !== live[k])
        .map(
            (k) =>
                `planned under ${described[k](facts)} declared by KubeVirtConfiguration '${by[k]}' in this stack (the cluster has ${described[k](live)} until it is applied)`,
        );
    return { facts, notes };
}
