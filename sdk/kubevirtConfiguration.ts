import * as pulumi from "@pulumi/pulumi";
import { DynamicResource } from "./dynamic";
import { announcePlan, type PlannedImpactOutput } from "./common";
import { noteClusterConfiguration } from "./declared";
import type { DeepInput } from "./storage/deepInput";
import type { KubeVirtMigrations, KubeVirtWorkloadUpdateStrategy } from "./types/kubeVirt";

/** Inputs of a {@link KubeVirtConfiguration}. Only the settings given are applied and owned. */
export interface KubeVirtConfigurationArgs {
    /**
     * The operator CR to patch: "kubevirt" (the KubeVirt CR) or "hyperconverged" (OpenShift
     * Virtualization's HyperConverged CR, whose operator rewrites the KubeVirt CR from it).
     * Default: the HyperConverged CR when the cluster has one, else the KubeVirt CR.
     */
    target?: pulumi.Input<"kubevirt" | "hyperconverged">;
    /** Namespace and/or name of the CR; default: the only one of its kind in the cluster. */
    cr?: pulumi.Input<{ namespace?: string; name?: string }>;
    /**
     * Live-migration settings: parallel limits, bandwidth, completion timeout, dedicated network.
     * KubeVirt: `spec.configuration.migrations`; HyperConverged: `spec.liveMigrationConfig` (its
     * subset of these fields, bandwidth as a string).
     */
    migrations?: pulumi.Input<DeepInput<KubeVirtMigrations>>;
    /**
     * How KubeVirt rolls VM template changes out to running VMs: "LiveUpdate" or "Stage"
     * (`spec.configuration.vmRolloutStrategy`; KubeVirt target only: HCO sets it itself). VMs
     * of the same stack plan their updates under this value.
     */
    vmRolloutStrategy?: pulumi.Input<"LiveUpdate" | "Stage">;
    /** How running VMs move to new virt-launcher versions after an upgrade (`spec.workloadUpdateStrategy`). */
    workloadUpdateStrategy?: pulumi.Input<DeepInput<KubeVirtWorkloadUpdateStrategy>>;
    /**
     * Feature gates this stack enables, added to those the cluster has. KubeVirt: names in
     * `developerConfiguration.featureGates`; gates other writers set are kept, and only the
     * gates this resource added are removed when it no longer declares them. HyperConverged:
     * names of `spec.featureGates`, set to true.
     */
    featureGates?: pulumi.Input<pulumi.Input<string>[]>;
    /** The server-side-apply field manager; default `pulumi-kubevirt-config.<resource name>`. */
    fieldManager?: pulumi.Input<string>;
    /** Seconds to wait for create / update. */
    timeouts?: pulumi.Input<{ create?: number; update?: number }>;
}

/**
 * Cluster-level KubeVirt settings as a server-side-apply patch of only the fields this stack
 * declares: the operator's CR is never created, replaced or deleted, and deleting this resource
 * releases its fields (they fall back to other writers' values or KubeVirt's defaults).
 * VirtualMachines of the same program plan their updates under the declared values.
 */
export class KubeVirtConfiguration extends DynamicResource {
    /** What this update changes at cluster level (computed in preview). */
    declare public readonly plannedImpact: pulumi.Output<PlannedImpactOutput>;
    /** The CR the settings were applied to. */
    declare public readonly resolved: pulumi.Output<{
        target: string;
        namespace: string;
        name: string;
    }>;
    /** KubeVirt feature gates this resource added (and removes when it lets go). */
    declare public readonly addedFeatureGates: pulumi.Output<string[]>;

    constructor(
        name: string,
        args: KubeVirtConfigurationArgs,
        opts?: pulumi.CustomResourceOptions,
    ) {
        super(
            "KubeVirtConfiguration",
            name,
            {
                ...args,
                fieldManager: args.fieldManager ?? `pulumi-kubevirt-config.${name}`,
                resource: name,
                plannedImpact: undefined,
                resolved: undefined,
                addedFeatureGates: undefined,
            },
            opts,
        );
        noteClusterConfiguration(this, {
            resource: name,
            target: args.target,
            vmRolloutStrategy: args.vmRolloutStrategy,
            workloadUpdateStrategy: args.workloadUpdateStrategy,
            featureGates: args.featureGates,
        });
        announcePlan(this, this.plannedImpact);
    }
}
