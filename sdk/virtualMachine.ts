import * as pulumi from "@pulumi/pulumi";
import { DynamicResource } from "./dynamic";
import type {
    PlannedImpactOutput,
    ObjectMetaArgs,
    VmStatusOutput,
    VmiOutput,
    LastUpdateOutput,
    EvictionOutput,
} from "./common";
import { announceEviction, announcePlan } from "./common";
import {
    declaredClusterConfiguration,
    withClusterConfigurationDependency,
    withReferencedDependencies,
} from "./declared";
import type { DeepInput } from "./storage/deepInput";
import type { VirtualMachineSpec } from "./types/virtualMachine";

/** Inputs of a {@link VirtualMachine}. */
export interface VirtualMachineArgs {
    /** Name defaults to the Pulumi resource name; namespace to `kubevirt:namespace` or "default". */
    metadata?: pulumi.Input<ObjectMetaArgs>;
    /** The full upstream kubevirt.io/v1 VirtualMachine spec (typed and validated from the upstream schema). */
    spec: pulumi.Input<DeepInput<VirtualMachineSpec>>;
    /**
     * Cloud-init user data and network data. Kept secret: stored in a Secret the VM references via
     * cloudInitNoCloud.secretRef, and encrypted in Pulumi state.
     */
    cloudInit?: pulumi.Input<{
        userData?: pulumi.Input<string>;
        networkData?: pulumi.Input<string>;
    }>;
    /**
     * What to do when an update needs a restart to take effect:
     * - "never" (default): apply it, leave the VM running the old spec, warn, and report `restartRequired`.
     * - "onChange": restart the VM to apply it.
     * - "fail": fail the preview, so restarts never happen by surprise.
     */
    restartPolicy?: pulumi.Input<"never" | "onChange" | "fail">;
    /** Also wait for the guest agent to connect and/or the guest to report an IP address. */
    wait?: pulumi.Input<{ guestAgent?: boolean; ipAddress?: boolean }>;
    /** Seconds to wait for create / update / delete (default 600 / 600 / 300). */
    timeouts?: pulumi.Input<{ create?: number; update?: number; delete?: number }>;
    /** Take over an existing VM of the same name that this provider did not create. */
    adopt?: pulumi.Input<boolean>;
    /**
     * Create returns once the API server accepted the VM, without waiting for it to reach its run
     * strategy's state (KubeVirt starts it in the background). Updates still wait: carrying out
     * and checking their plan needs the VM's state.
     */
    skipAwait?: pulumi.Input<boolean>;
    /**
     * Fleet pacing: VMs naming the same `group` share budgets within one `up`. At most
     * `maxUnavailable` (default 1) restart at once (each holds its turn until Ready again) and at
     * most `maxMigrating` live-migrate at once (default: KubeVirt's own cluster limit). The first
     * failure stops the group: VMs still waiting are left untouched, and the next `up` continues.
     * Preview notes the group on each VM; `pulumi-kubevirt report` states the waves. Restarts, in a
     * group or not, also hold a turn in each PodDisruptionBudget that selects the VM's launcher pod.
     */
    rollout?: pulumi.Input<{ group: string; maxUnavailable?: number; maxMigrating?: number }>;
}

/**
 * A KubeVirt VirtualMachine whose plans tell the truth: `plannedImpact` says, per field, whether
 * an update is applied live, live-migrates the VM, needs a restart, or replaces it.
 */
export class VirtualMachine extends DynamicResource {
    /** What this update will do to the running VM (computed in preview). */
    declare public readonly plannedImpact: pulumi.Output<PlannedImpactOutput>;
    declare public readonly metadata: pulumi.Output<ObjectMetaArgs>;
    declare public readonly spec: pulumi.Output<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- Kubernetes JSON users index freely
    declare public readonly uid: pulumi.Output<string>;
    /** printableStatus, ready and conditions of the VM. */
    declare public readonly status: pulumi.Output<VmStatusOutput>;
    /** True when KubeVirt holds a change back until the VM restarts. */
    declare public readonly restartRequired: pulumi.Output<boolean>;
    /** The running instance: uid, phase, node, IP addresses; null when stopped. */
    declare public readonly vmi: pulumi.Output<VmiOutput | null>;
    /** What the last update did, and whether the cluster agreed with the plan; null until the first update. */
    declare public readonly lastUpdate: pulumi.Output<LastUpdateOutput | null>;
    /** Effective evictionStrategy, whether the VM can live-migrate (and why not), and what a node drain does to it. */
    declare public readonly eviction: pulumi.Output<EvictionOutput | null>;

    constructor(name: string, args: VirtualMachineArgs, opts?: pulumi.CustomResourceOptions) {
        const metadata = pulumi
            .output(args.metadata ?? {})
            .apply((m) => ({ ...m, name: m.name ?? name }));
        const props = {
            ...args,
            metadata,
            // Absent, not undefined, when not given: each property costs the program four promises.
            ...(args.cloudInit ? { cloudInit: pulumi.secret(args.cloudInit) } : {}),
            plannedImpact: undefined,
            uid: undefined,
            status: undefined,
            restartRequired: undefined,
            vmi: undefined,
            lastUpdate: undefined,
            eviction: undefined,
            // Plans follow what a KubeVirtConfiguration of this program declares (applied first).
            clusterConfiguration: declaredClusterConfiguration(),
        };
        // A referenced instancetype, preference or NAD this program declares is created (and checked) first.
        const withDeps = withClusterConfigurationDependency(
            withReferencedDependencies(args.spec, opts),
        );
        super("VirtualMachine", name, props, {
            ...withDeps,
            additionalSecretOutputs: ["cloudInit", ...(opts?.additionalSecretOutputs ?? [])],
        });
        announcePlan(this, this.plannedImpact);
        announceEviction(this, this.eviction);
    }
}
