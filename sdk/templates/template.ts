import * as pulumi from "@pulumi/pulumi";
import { KubevirtResource, type CommonArgs } from "../resource";
import type { TemplateParameter, VirtualMachineTemplateSpec } from "../types";

/** Inputs of a {@link Template}. */
export interface TemplateArgs extends CommonArgs {
    /** The objects the template makes (usually one VirtualMachine), with `${PARAM}` references. */
    objects: pulumi.Input<pulumi.Input<Record<string, any>>[]>; // eslint-disable-line @typescript-eslint/no-explicit-any -- Kubernetes JSON users index freely
    /** Parameters: `value`, `required`, or `generate: "expression"` with `from` (e.g. "[a-z0-9]{8}"). */
    parameters?: pulumi.Input<pulumi.Input<TemplateParameter>[]>;
    /** Labels added to every object's metadata.labels when the template is processed. */
    labels?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /** Instructions shown when the template is processed; parameters are substituted in it. */
    message?: pulumi.Input<string>;
}

/**
 * An OpenShift Template (template.openshift.io/v1). Changing it affects VMs processed from it
 * later, never VMs made from it earlier. Pass it as `template` of a TemplatedVirtualMachine to
 * make a VM from it.
 */
export class Template extends KubevirtResource {
    declare public readonly objects: pulumi.Output<Record<string, any>[]>; // eslint-disable-line @typescript-eslint/no-explicit-any -- Kubernetes JSON users index freely
    declare public readonly parameters: pulumi.Output<TemplateParameter[] | undefined>;
    declare public readonly labels: pulumi.Output<Record<string, string> | undefined>;
    declare public readonly message: pulumi.Output<string | undefined>;
    constructor(name: string, args: TemplateArgs, opts?: pulumi.CustomResourceOptions) {
        super("Template", name, args, ["objects", "parameters", "labels", "message"], opts);
    }
}

/** Inputs of a {@link VirtualMachineTemplate}. */
export interface VirtualMachineTemplateArgs extends CommonArgs {
    /** `virtualMachine` (a VM manifest with `${PARAM}` references), `parameters`, `message`. */
    spec: pulumi.Input<VirtualMachineTemplateSpec>;
}

/**
 * A KubeVirt VirtualMachineTemplate (template.kubevirt.io/v1beta1, virt-template; KubeVirt's
 * Template feature gate). Like an OpenShift Template, changes affect only VMs made later.
 */
export class VirtualMachineTemplate extends KubevirtResource {
    declare public readonly spec: pulumi.Output<VirtualMachineTemplateSpec>;
    constructor(
        name: string,
        args: VirtualMachineTemplateArgs,
        opts?: pulumi.CustomResourceOptions,
    ) {
        super("VirtualMachineTemplate", name, args, [], opts);
    }
}
