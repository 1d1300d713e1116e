import * as pulumi from "@pulumi/pulumi";
import { DynamicResource } from "./dynamic";
import { announcePlan, type ObjectMetaArgs, type PlannedImpactOutput } from "./common";
import { noteDeclared } from "./declared";

/** Options every generic kind accepts besides its object. */
export interface CommonArgs {
    /** Name defaults to the Pulumi resource name; namespace to `kubevirt:namespace` or "default". */
    metadata?: pulumi.Input<ObjectMetaArgs>;
    /** Seconds to wait for create / update / delete. */
    timeouts?: pulumi.Input<{ create?: number; update?: number; delete?: number }>;
    /** Take over an existing object of the same name that this provider did not create. */
    adopt?: pulumi.Input<boolean>;
    /** Do not wait for readiness after create/update. */
    skipAwait?: pulumi.Input<boolean>;
}

/**
 * Base class of the SDK's kinds: fills the default name, registers the fixed provider shim for the
 * kind, and shows the planned impact in preview.
 */
export abstract class KubevirtResource extends DynamicResource {
    /** What this update will do (computed in preview). */
    declare public readonly plannedImpact: pulumi.Output<PlannedImpactOutput>;
    declare public readonly metadata: pulumi.Output<ObjectMetaArgs>;
    declare public readonly uid: pulumi.Output<string>;

    protected constructor(
        kind: string,
        name: string,
        args: CommonArgs,
        outputs: string[],
        opts?: pulumi.CustomResourceOptions,
    ) {
        const metadata = pulumi
            .output(args.metadata ?? {})
            .apply((m) => ({ ...m, name: m.name ?? name }));
        const props: Record<string, unknown> = {
            ...(args as Record<string, unknown>),
            metadata,
            plannedImpact: undefined,
            uid: undefined,
        };
        for (const o of outputs) props[o] ??= undefined;
        super(kind, name, props, opts);
        noteDeclared(kind, args.metadata, name, this);
        announcePlan(this, this.plannedImpact);
    }
}
