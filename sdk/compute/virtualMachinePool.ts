import * as pulumi from "@pulumi/pulumi";
import { KubevirtResource, type CommonArgs } from "../resource";
import type { PlannedImpactOutput } from "../common";
import type { VirtualMachinePoolSpec } from "../types/virtualMachinePool";
import type { DeepInput } from "../storage/deepInput";

/** Inputs of a {@link VirtualMachinePool}. */
export interface VirtualMachinePoolArgs extends CommonArgs {
    /**
     * `replicas` VMs built from `virtualMachineTemplate`; `selector` must match the template's
     * labels. `updateStrategy` decides what a template change does to running replicas
     * (default proactive: restart each outdated one; `opportunistic: {}`: each VM's own rollout);
     * `scaleInStrategy.proactive.selectionPolicy.sortPolicy` decides which VMs a scale-in deletes
     * (default Random); `maxUnavailable` bounds the restarts.
     */
    spec: pulumi.Input<DeepInput<VirtualMachinePoolSpec>>;
}

/** The pool's status as last observed. */
export interface VirtualMachinePoolStatusOutput {
    /** VMs the pool owns. */
    replicas: number;
    /** Of those, VMs with condition Ready. */
    readyReplicas: number;
}

/** A pool plan: the usual planned impact plus what happens to each replica. */
export interface PoolPlannedImpactOutput extends PlannedImpactOutput {
    /** One row per replica the update touches, creates or deletes, e.g. `{name: "web-0", impact: "restart", why}`. */
    replicas: { name: string; impact: string; why: string }[];
}

/**
 * A KubeVirt VirtualMachinePool: VMs `<name>-0…<name>-N-1` made and kept by virt-controller from
 * one VM template.
 *
 * What a change does: a template change is planned per replica with the VM classifier, then
 * by the pool's update strategy (the default restarts every running replica whose VMI template
 * changed, up to `maxUnavailable` at a time); scaling out creates the lowest free ordinals and
 * scaling in deletes VMs by `scaleInStrategy` (random unless a sortPolicy is set).
 * Create/update wait until every replica is Ready and, after a template change, carries the new
 * revision.
 */
export class VirtualMachinePool extends KubevirtResource {
    declare public readonly spec: pulumi.Output<VirtualMachinePoolSpec>;
    declare public readonly plannedImpact: pulumi.Output<PoolPlannedImpactOutput>;
    /** Replica counts. */
    declare public readonly status: pulumi.Output<VirtualMachinePoolStatusOutput>;

    constructor(name: string, args: VirtualMachinePoolArgs, opts?: pulumi.CustomResourceOptions) {
        super("VirtualMachinePool", name, args, ["status"], opts);
    }
}
