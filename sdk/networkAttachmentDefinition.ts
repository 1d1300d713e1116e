import * as pulumi from "@pulumi/pulumi";
import { KubevirtResource, type CommonArgs } from "./resource";

export interface NetworkAttachmentDefinitionArgs extends CommonArgs {
    /** `config` is the CNI configuration as a JSON string. */
    spec: pulumi.Input<{ config?: pulumi.Input<string> }>;
}

/** A Multus NetworkAttachmentDefinition that VMs attach secondary networks to. */
export class NetworkAttachmentDefinition extends KubevirtResource {
    declare public readonly spec: pulumi.Output<{ config?: string }>;
    constructor(name: string, args: NetworkAttachmentDefinitionArgs, opts?: pulumi.CustomResourceOptions) {
        super("NetworkAttachmentDefinition", name, args, [], opts);
    }
}
