import * as pulumi from "@pulumi/pulumi";
import { KubevirtResource, type CommonArgs } from "../resource";
import type {
    VirtualMachineClusterInstancetypeSpec,
    VirtualMachineClusterPreferenceSpec,
    VirtualMachineInstancetypeSpec,
    VirtualMachinePreferenceSpec,
} from "../types";

/*
 * Instancetypes and preferences (instancetype.kubevirt.io/v1beta1). Editing one changes only the
 * object: every VM keeps the copy (ControllerRevision) captured when it started using it, and
 * picks up a change only when its reference changes. A VM's plan classifies a reference change by
 * its expanded effect (sockets/memory hot-plug; anything else restarts).
 */

/** Inputs of a {@link VirtualMachineInstancetype}. */
export interface VirtualMachineInstancetypeArgs extends CommonArgs {
    /** `cpu.guest` and `memory.guest` are required; see the upstream type for the rest. */
    spec: pulumi.Input<VirtualMachineInstancetypeSpec>;
}

/** A namespaced instancetype: the CPU and memory size VMs in its namespace can reference. */
export class VirtualMachineInstancetype extends KubevirtResource {
    declare public readonly spec: pulumi.Output<VirtualMachineInstancetypeSpec>;
    constructor(
        name: string,
        args: VirtualMachineInstancetypeArgs,
        opts?: pulumi.CustomResourceOptions,
    ) {
        super("VirtualMachineInstancetype", name, args, [], opts);
    }
}

/** Inputs of a {@link VirtualMachineClusterInstancetype}. */
export interface VirtualMachineClusterInstancetypeArgs extends CommonArgs {
    spec: pulumi.Input<VirtualMachineClusterInstancetypeSpec>;
}

/** A cluster-wide instancetype (a VM's `spec.instancetype` with an empty kind means this kind). */
export class VirtualMachineClusterInstancetype extends KubevirtResource {
    declare public readonly spec: pulumi.Output<VirtualMachineClusterInstancetypeSpec>;
    constructor(
        name: string,
        args: VirtualMachineClusterInstancetypeArgs,
        opts?: pulumi.CustomResourceOptions,
    ) {
        super("VirtualMachineClusterInstancetype", name, args, [], opts);
    }
}

/** Inputs of a {@link VirtualMachinePreference}. */
export interface VirtualMachinePreferenceArgs extends CommonArgs {
    spec: pulumi.Input<VirtualMachinePreferenceSpec>;
}

/** A namespaced preference: defaults (disk bus, machine type, CPU topology…) a VM may override. */
export class VirtualMachinePreference extends KubevirtResource {
    declare public readonly spec: pulumi.Output<VirtualMachinePreferenceSpec>;
    constructor(
        name: string,
        args: VirtualMachinePreferenceArgs,
        opts?: pulumi.CustomResourceOptions,
    ) {
        super("VirtualMachinePreference", name, args, [], opts);
    }
}

/** Inputs of a {@link VirtualMachineClusterPreference}. */
export interface VirtualMachineClusterPreferenceArgs extends CommonArgs {
    spec: pulumi.Input<VirtualMachineClusterPreferenceSpec>;
}

/** A cluster-wide preference. */
export class VirtualMachineClusterPreference extends KubevirtResource {
    declare public readonly spec: pulumi.Output<VirtualMachineClusterPreferenceSpec>;
    constructor(
        name: string,
        args: VirtualMachineClusterPreferenceArgs,
        opts?: pulumi.CustomResourceOptions,
    ) {
        super("VirtualMachineClusterPreference", name, args, [], opts);
    }
}
