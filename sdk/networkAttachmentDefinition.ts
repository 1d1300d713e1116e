import * as pulumi from "@pulumi/pulumi";
import { KubevirtResource, type CommonArgs } from "./resource";
import { resourceNameAnnotation } from "../provider/resources/networkAttachmentDefinition/definition";

export { resourceNameAnnotation };

export interface NetworkAttachmentDefinitionArgs extends CommonArgs {
    /**
     * `config` is the CNI configuration as a JSON string: build it with `bridgeConfig`,
     * `cnvBridgeConfig`, `sriovConfig`, `ovnK8sSecondary`, `macvlanConfig`, or write it by hand.
     * It is checked at preview (valid JSON, `cniVersion`, `type` or `plugins`). Omit it to make
     * Multus read a node-local config file of the same name.
     */
    spec: pulumi.Input<{ config?: pulumi.Input<string> }>;
    /**
     * Device-plugin resource the attachment needs, e.g. "openshift.io/mlxnics" for SR-IOV; set as
     * the annotation k8s.v1.cni.cncf.io/resourceName so pods (VM launchers) request it.
     */
    resourceName?: pulumi.Input<string>;
}

/**
 * A Multus NetworkAttachmentDefinition that VMs attach secondary networks to. Namespaced: a VM
 * references it as "name" (its own namespace) or "namespace/name"; NADs in "default" can be
 * referenced from every namespace even under Multus namespace isolation.
 */
export class NetworkAttachmentDefinition extends KubevirtResource {
    declare public readonly spec: pulumi.Output<{ config?: string }>;
    constructor(
        name: string,
        args: NetworkAttachmentDefinitionArgs,
        opts?: pulumi.CustomResourceOptions,
    ) {
        const { resourceName, ...rest } = args;
        const metadata =
            resourceName === undefined
                ? args.metadata
                : pulumi.all([args.metadata ?? {}, resourceName]).apply(([m, r]) => ({
                      ...m,
                      annotations: { ...(m.annotations ?? {}), [resourceNameAnnotation]: r },
                  }));
        super("NetworkAttachmentDefinition", name, { ...rest, metadata }, [], opts);
    }
}
