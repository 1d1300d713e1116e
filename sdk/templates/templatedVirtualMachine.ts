import * as pulumi from "@pulumi/pulumi";
import { DynamicResource } from "../dynamic";
import {
    announcePlan,
    type ObjectMetaArgs,
    type PlannedImpactOutput,
    type VmStatusOutput,
    type VmiOutput,
    type LastUpdateOutput,
} from "../common";
import { Template, VirtualMachineTemplate } from "./template";

/** A template stored in the cluster, e.g. a common template: `{ name: "fedora-server-small", namespace: "openshift" }`. */
export interface TemplateRef {
    name: string;
    /** Defaults to the VM's namespace, else `kubevirt:namespace`. */
    namespace?: string;
    /** Default "Template" (template.openshift.io); or "VirtualMachineTemplate" (template.kubevirt.io). */
    kind?: "Template" | "VirtualMachineTemplate";
}

/** Inputs of a {@link TemplatedVirtualMachine}. */
export interface TemplatedVirtualMachineArgs {
    /**
     * The template: a {@link Template} or {@link VirtualMachineTemplate} resource of this stack
     * (used as declared, so previews show its pending changes), a {@link TemplateRef} to one in the
     * cluster, or an inline Template / VirtualMachineTemplate manifest.
     */
    template:
        | Template
        | VirtualMachineTemplate
        | pulumi.Input<TemplateRef>
        | pulumi.Input<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- Kubernetes JSON users index freely
    /** Parameter values (`oc process -p`). Unknown names are an error; generated ones are kept in state. */
    parameters?: pulumi.Input<Record<string, pulumi.Input<string | number | boolean>>>;
    /** Overrides of the rendered VM's name, namespace, labels and annotations. */
    metadata?: pulumi.Input<ObjectMetaArgs>;
    /** Cloud-init for the VM; replaces the template's inline cloud-init. Kept secret (see VirtualMachine). */
    cloudInit?: pulumi.Input<{
        userData?: pulumi.Input<string>;
        networkData?: pulumi.Input<string>;
    }>;
    /** As for VirtualMachine: "never" (default), "onChange" or "fail". */
    restartPolicy?: pulumi.Input<"never" | "onChange" | "fail">;
    /** Seconds to wait for create / update / delete. */
    timeouts?: pulumi.Input<{ create?: number; update?: number; delete?: number }>;
    /** Take over an existing VM of the same name that this provider did not create. */
    adopt?: pulumi.Input<boolean>;
}

const defined = (o: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));

/** A stack's own template resource becomes an inline manifest built from its declared outputs. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kubernetes JSON users index freely
type Manifest = Record<string, any>;

function templateInput(t: TemplatedVirtualMachineArgs["template"]): pulumi.Input<Manifest> {
    if (t instanceof Template) {
        return pulumi
            .all([t.metadata, t.objects, t.parameters, t.labels, t.message])
            .apply(([m, objects, parameters, labels, message]) =>
                defined({
                    apiVersion: "template.openshift.io/v1",
                    kind: "Template",
                    metadata: defined({ name: m.name, namespace: m.namespace }),
                    objects,
                    parameters,
                    labels,
                    message,
                }),
            );
    }
    if (t instanceof VirtualMachineTemplate) {
        return pulumi.all([t.metadata, t.spec]).apply(([m, spec]) => ({
            apiVersion: "template.kubevirt.io/v1beta1",
            kind: "VirtualMachineTemplate",
            metadata: defined({ name: m.name, namespace: m.namespace }),
            spec,
        }));
    }
    return t as pulumi.Input<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- Kubernetes JSON users index freely
}

/**
 * A VirtualMachine made from a template with parameters, then managed like a
 * {@link VirtualMachine}: its `plannedImpact` says whether a change to the template or to a
 * parameter applies live, live-migrates, restarts or replaces the VM. Values the template
 * generates (NAME, CLOUD_USER_PASSWORD) are generated once and kept, secret, in state.
 */
export class TemplatedVirtualMachine extends DynamicResource {
    declare public readonly plannedImpact: pulumi.Output<PlannedImpactOutput>;
    /** The rendered VM's metadata (name from the template unless overridden). */
    declare public readonly metadata: pulumi.Output<ObjectMetaArgs>;
    /** The rendered VM spec (inline cloud-init replaced by a reference to its Secret). */
    declare public readonly spec: pulumi.Output<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- Kubernetes JSON users index freely
    declare public readonly uid: pulumi.Output<string>;
    declare public readonly status: pulumi.Output<VmStatusOutput>;
    declare public readonly restartRequired: pulumi.Output<boolean>;
    declare public readonly vmi: pulumi.Output<VmiOutput | null>;
    declare public readonly lastUpdate: pulumi.Output<LastUpdateOutput | null>;
    /** Values generated for `generate: expression` parameters (secret). */
    declare public readonly generatedParameters: pulumi.Output<Record<string, string>>;
    /** The template's message with parameters substituted (secret: it may quote generated values). */
    declare public readonly message: pulumi.Output<string>;

    constructor(
        name: string,
        args: TemplatedVirtualMachineArgs,
        opts?: pulumi.CustomResourceOptions,
    ) {
        const props = {
            ...args,
            template: templateInput(args.template),
            // Seeded as secrets: check() fills them, and the engine keeps a key secret when its input was.
            cloudInit: pulumi.secret(args.cloudInit ?? {}),
            generatedParameters: pulumi.secret({}),
            message: pulumi.secret(""),
            metadata: args.metadata ?? {},
            spec: undefined,
            plannedImpact: undefined,
            uid: undefined,
            status: undefined,
            restartRequired: undefined,
            vmi: undefined,
            lastUpdate: undefined,
        };
        const secrets = [
            "cloudInit",
            "generatedParameters",
            "message",
            ...(opts?.additionalSecretOutputs ?? []),
        ];
        super("TemplatedVirtualMachine", name, props, {
            ...opts,
            additionalSecretOutputs: secrets,
        });
        announcePlan(this, this.plannedImpact);
    }
}
