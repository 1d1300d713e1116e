import * as pulumi from "@pulumi/pulumi";
import { KubevirtResource, type CommonArgs } from "../resource";
import type { VirtualMachineSnapshotSpec } from "../types/virtualMachineSnapshot";
import type { VirtualMachineRestoreSpec } from "../types/virtualMachineRestore";
import type { VirtualMachineCloneSpec } from "../types/virtualMachineClone";
import type { DeepInput } from "./deepInput";

/** Inputs of a {@link VirtualMachineSnapshot}. */
export interface VirtualMachineSnapshotArgs extends CommonArgs {
    /** `source: {apiGroup: "kubevirt.io", kind: "VirtualMachine", name}`, `deletionPolicy`, `failureDeadline`. */
    spec: pulumi.Input<DeepInput<VirtualMachineSnapshotSpec>>;
}

/**
 * A snapshot of a VirtualMachine (snapshot.kubevirt.io/v1beta1). Create waits until it is ready to
 * use; phase Failed fails with its error. Any spec change REPLACES it: the old snapshot is deleted
 * (with its content unless `deletionPolicy: Retain`) and a new one is taken. Labels and
 * annotations update in place.
 */
export class VirtualMachineSnapshot extends KubevirtResource {
    declare public readonly spec: pulumi.Output<VirtualMachineSnapshotSpec>;
    /** Phase, readyToUse, the VirtualMachineSnapshotContent name and indications (Online, GuestAgent…). */
    declare public readonly status: pulumi.Output<{
        phase: string;
        readyToUse: boolean;
        contentName: string;
        indications: string[];
    }>;

    constructor(
        name: string,
        args: VirtualMachineSnapshotArgs,
        opts?: pulumi.CustomResourceOptions,
    ) {
        super("VirtualMachineSnapshot", name, args, ["status"], opts);
    }
}

/** Inputs of a {@link VirtualMachineRestore}. */
export interface VirtualMachineRestoreArgs extends CommonArgs {
    /** `target` (a VirtualMachine, possibly new), `virtualMachineSnapshotName`, and restore policies. */
    spec: pulumi.Input<DeepInput<VirtualMachineRestoreSpec>>;
}

/**
 * Restores a VirtualMachine from a snapshot. Create waits for `status.complete`; a Failure
 * condition fails it. The restore REWRITES the target VM's spec and disks: a Pulumi
 * VirtualMachine managing that target shows the restored spec as drift on its next refresh. Any
 * spec change REPLACES this object, which runs the restore again.
 */
export class VirtualMachineRestore extends KubevirtResource {
    declare public readonly spec: pulumi.Output<VirtualMachineRestoreSpec>;
    /** Whether the restore completed, and when. */
    declare public readonly status: pulumi.Output<{ complete: boolean; restoreTime: string }>;

    constructor(
        name: string,
        args: VirtualMachineRestoreArgs,
        opts?: pulumi.CustomResourceOptions,
    ) {
        super("VirtualMachineRestore", name, args, ["status"], opts);
    }
}

/** Inputs of a {@link VirtualMachineClone}. */
export interface VirtualMachineCloneArgs extends CommonArgs {
    /** `source` (a VirtualMachine or VirtualMachineSnapshot), `target`, filters, patches, MAC/serial overrides. */
    spec: pulumi.Input<DeepInput<VirtualMachineCloneSpec>>;
}

/**
 * Clones a VirtualMachine (clone.kubevirt.io/v1beta1), a one-shot job. Create waits for phase
 * Succeeded; Failed fails it. The target VM it creates is not managed by this resource (deleting
 * the clone leaves it). Any spec change REPLACES this object, which runs a new clone.
 */
export class VirtualMachineClone extends KubevirtResource {
    declare public readonly spec: pulumi.Output<VirtualMachineCloneSpec>;
    /** Phase and the name of the VM it created. */
    declare public readonly status: pulumi.Output<{ phase: string; targetName: string }>;

    constructor(name: string, args: VirtualMachineCloneArgs, opts?: pulumi.CustomResourceOptions) {
        super("VirtualMachineClone", name, args, ["status"], opts);
    }
}
