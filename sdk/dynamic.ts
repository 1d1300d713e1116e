import * as pulumi from "@pulumi/pulumi";
import { shimSource } from "../provider/shim";

/**
 * A Pulumi dynamic resource whose `__provider` is the fixed shim text of its kind (see
 * provider/shim.ts): the same type token and provider plugin as `pulumi.dynamic.Resource`, without
 * serializing a closure per resource.
 */
export abstract class DynamicResource extends pulumi.CustomResource {
    protected constructor(
        kind: string,
        name: string,
        props: Record<string, unknown>,
        opts?: pulumi.CustomResourceOptions,
    ) {
        super(
            `pulumi-nodejs:dynamic/kubevirt:${kind}`,
            name,
            { ...props, __provider: shimSource(kind) },
            opts,
        );
    }
}
