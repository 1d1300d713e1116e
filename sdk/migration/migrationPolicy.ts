import * as pulumi from "@pulumi/pulumi";
import { KubevirtResource, type CommonArgs } from "../resource";
import type { MigrationPolicySpec } from "../types/migrationPolicy";
import type { DeepInput } from "../storage/deepInput";

/** Inputs of a {@link MigrationPolicy}. */
export interface MigrationPolicyArgs extends CommonArgs {
    /**
     * `selectors` (namespace labels and/or VMI labels) pick the VMIs it tunes; the rest
     * (`bandwidthPerMigration`, `completionTimeoutPerGiB`, `allowPostCopy`, `allowAutoConverge`,
     * `allowWorkloadDisruption`…) override the cluster's migration configuration for them.
     */
    spec: pulumi.Input<DeepInput<MigrationPolicySpec>>;
}

/**
 * A KubeVirt MigrationPolicy (cluster-scoped): migration settings for the VMs its selectors match.
 *
 * What a change does: KubeVirt resolves the policy when a migration starts, so a change applies
 * to migrations started after the change; running VMs and migrations already under way are not
 * touched. A new name replaces it. Ready once applied (it has no status).
 */
export class MigrationPolicy extends KubevirtResource {
    declare public readonly spec: pulumi.Output<MigrationPolicySpec>;

    constructor(name: string, args: MigrationPolicyArgs, opts?: pulumi.CustomResourceOptions) {
        super("MigrationPolicy", name, args, [], opts);
    }
}
