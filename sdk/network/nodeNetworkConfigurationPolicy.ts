import * as pulumi from "@pulumi/pulumi";
import { KubevirtResource, type CommonArgs } from "../resource";
import type { DesiredState } from "./nmstate";

/** The policy's spec (nmstate.io/v1). */
export interface NodeNetworkConfigurationPolicySpecArgs {
    /**
     * The nmstate state to apply on every matching node: build it with `desiredState(...)` and the
     * interface builders, or give raw nmstate YAML as an object.
     */
    desiredState: pulumi.Input<DesiredState | Record<string, unknown>>;
    /** Node labels that must all match (equality); empty or omitted means every node. */
    nodeSelector?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /** How many nodes nmstate configures at once: a count or a percentage (default "50%"). */
    maxUnavailable?: pulumi.Input<number | string>;
    /** Named nmpolicy capture expressions used in desiredState. Cannot change: a change replaces the policy. */
    capture?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** Inputs of a {@link NodeNetworkConfigurationPolicy}. */
export interface NodeNetworkConfigurationPolicyArgs extends CommonArgs {
    spec: pulumi.Input<NodeNetworkConfigurationPolicySpecArgs>;
    /**
     * What deleting (or replacing) the policy removes from the nodes. nmstate itself leaves the
     * configuration in place, so the provider first applies the interfaces with `state: absent`
     * and waits for that to succeed.
     * - `true` (default): the interfaces the policy creates (bonds, bridges, VLANs, OVS objects).
     * - `false`: nothing (the nodes keep their configuration).
     * - a list of interface names: exactly those (e.g. also reset an ethernet's settings).
     */
    removeOnDelete?: pulumi.Input<boolean | pulumi.Input<string>[]>;
}

/** The policy's state as nmstate reports it. */
export interface NodeNetworkConfigurationPolicyStatus {
    state: "Available" | "Degraded" | "Progressing" | "Ignored" | "Unknown";
    message: string;
    conditions: { type: string; status: string; reason: string; message: string }[];
}

/**
 * An nmstate NodeNetworkConfigurationPolicy (cluster-scoped): host networking (bonds, bridges,
 * VLANs, OVS, routes, DNS) configured on the matching nodes. `up` waits until every node is
 * configured and fails with each failing node's reason (nmstate rolls those nodes back); updates
 * wait for a running rollout to finish; delete removes the interfaces per `removeOnDelete`.
 */
export class NodeNetworkConfigurationPolicy extends KubevirtResource {
    declare public readonly spec: pulumi.Output<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- Kubernetes JSON users index freely
    declare public readonly removeOnDelete: pulumi.Output<boolean | string[] | undefined>;
    /** Available / Degraded / Progressing / Ignored, with nmstate's message and conditions. */
    declare public readonly status: pulumi.Output<NodeNetworkConfigurationPolicyStatus>;
    /** What delete will remove: interface names, the nodeSelector, and the sentence shown in preview. */
    declare public readonly removalPlan: pulumi.Output<{
        interfaces: string[];
        nodeSelector: Record<string, string>;
        note: string;
    }>;

    constructor(
        name: string,
        args: NodeNetworkConfigurationPolicyArgs,
        opts?: pulumi.CustomResourceOptions,
    ) {
        super("NodeNetworkConfigurationPolicy", name, args, ["status", "removalPlan"], opts);
    }
}
