import * as pulumi from "@pulumi/pulumi";
import { deployingKey, shimSource } from "../provider/shim";

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
        // @pulumi/pulumi formats a stack trace (through source-map-support) for each of the four
        // promises it makes per property while registering a resource: a third of a no-change
        // preview's program CPU at 400 resources. Those traces only decorate its promise-leak
        // report, which still names the property and resource; capture none while registering.
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 0;
        try {
            super(
                `pulumi-nodejs:dynamic/kubevirt:${kind}`,
                name,
                {
                    ...props,
                    __provider: shimSource(kind),
                    // Tells check() this is a deployment, whose preview already asked the cluster's
                    // admission (see provider/shim.ts); absent in preview, which costs nothing there.
                    ...(pulumi.runtime.isDryRun() ? {} : { [deployingKey]: true }),
                },
                opts,
            );
        } finally {
            Error.stackTraceLimit = limit;
        }
    }
}
