/**
 * Where a TemplatedVirtualMachine's template comes from, and server-side processing where the
 * cluster offers it.
 *
 * `template` is either a reference `{name, namespace?, kind?}` to a Template (default) or a
 * VirtualMachineTemplate in the cluster, or an inline manifest (the SDK passes a Template or
 * VirtualMachineTemplate resource of the same stack inline, so its preview uses the desired
 * template, not the one currently in the cluster).
 *
 * Server-side processing: OpenShift's `processedtemplates` endpoint is not used, since it is absent
 * where Template is only a CRD (the test bed): OpenShift Templates are always processed client
 * side with the same rules. For a VirtualMachineTemplate, virt-template's `process` subresource is
 * tried when the client can POST to it, with every parameter value passed explicitly (generated
 * values are pinned client side first, so the result stays deterministic); a 404 (virt-template's
 * API server not running) falls back to client-side processing.
 */
import type { KubeClient, ObjectRef } from "../../k8s/client";
import { isNotFound, KubevirtProviderError } from "../../errors";
import { TemplateError } from "../../templates/errors";
import type { TemplateSource } from "./render";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const apiVersions = {
    Template: "template.openshift.io/v1",
    VirtualMachineTemplate: "template.kubevirt.io/v1beta1",
} as const;

/** Is `template` an inline manifest (rather than a reference)? */
export function isInline(template: Obj): boolean {
    return (
        Array.isArray(template.objects) ||
        typeof template.spec === "object" ||
        typeof template.apiVersion === "string"
    );
}

function kindOf(template: Obj): "Template" | "VirtualMachineTemplate" {
    if (
        template.kind === "VirtualMachineTemplate" ||
        (!template.kind && typeof template.spec?.virtualMachine === "object")
    )
        return "VirtualMachineTemplate";
    return "Template";
}

const describe = (kind: string, ns: string | undefined, name: string | undefined) =>
    `${kind} ${ns ? `${ns}/` : ""}${name ?? "(inline)"}`;

/** The reference a `{name, namespace?, kind?}` input points at. */
export function templateRef(template: Obj, defaultNamespace: string): ObjectRef {
    const kind = template.kind === "VirtualMachineTemplate" ? "VirtualMachineTemplate" : "Template";
    if (template.kind !== undefined && template.kind !== "Template" && kind === "Template") {
        throw new KubevirtProviderError(
            `'template.kind' is '${String(template.kind)}'; allowed: Template, VirtualMachineTemplate`,
        );
    }
    if (typeof template.name !== "string" || template.name === "")
        throw new KubevirtProviderError(
            "'template.name' is required when 'template' references a template in the cluster",
        );
    return {
        apiVersion: apiVersions[kind],
        kind,
        name: template.name,
        namespace: template.namespace ?? defaultNamespace,
    };
}

/** The template to process: inline as given, or fetched from the cluster. */
export async function resolveSource(
    client: () => KubeClient,
    template: Obj,
    defaultNamespace: string,
): Promise<TemplateSource> {
    if (isInline(template)) {
        const kind = kindOf(template);
        return {
            kind,
            manifest: template,
            subject: describe(kind, template.metadata?.namespace, template.metadata?.name),
        };
    }
    const ref = templateRef(template, defaultNamespace);
    const subject = describe(ref.kind, ref.namespace, ref.name);
    const manifest = await client().get(ref);
    if (!manifest) {
        throw new TemplateError(subject, [
            "not found in the cluster; create it first, or pass the Template/VirtualMachineTemplate resource itself as 'template' so it is created before this VM",
        ]);
    }
    return { kind: ref.kind as TemplateSource["kind"], manifest, subject };
}

/**
 * Optional client capability: POST to a KubeVirt-style subresource API. KubeClient offers only
 * PUT (`putSubresourceApi`), which virt-template's `process` does not accept.
 */
interface CanPostSubresource {
    postSubresourceApi(
        group: string,
        version: string,
        ref: ObjectRef,
        plural: string,
        sub: string,
        body: unknown,
    ): Promise<unknown>;
}

const canPost = (c: KubeClient): c is KubeClient & CanPostSubresource =>
    typeof (c as Partial<CanPostSubresource>).postSubresourceApi === "function";

/**
 * virt-template's server-side processing of a stored VirtualMachineTemplate with every value
 * given; undefined when the server cannot do it (no capability, or 404: no virt-template API).
 */
export async function processRemotely(
    getClient: () => KubeClient,
    source: TemplateSource,
    values: Record<string, string>,
): Promise<Obj | undefined> {
    const meta = source.manifest.metadata ?? {};
    if (source.kind !== "VirtualMachineTemplate" || !meta.name || !meta.uid) return undefined;
    const client = getClient();
    if (!canPost(client)) return undefined;
    const ref: ObjectRef = {
        apiVersion: apiVersions.VirtualMachineTemplate,
        kind: "VirtualMachineTemplate",
        name: meta.name,
        namespace: meta.namespace,
    };
    try {
        const res = (await client.postSubresourceApi(
            "subresources.template.kubevirt.io",
            "v1beta1",
            ref,
            "virtualmachinetemplates",
            "process",
            { parameters: values },
        )) as Obj | undefined;
        return res?.virtualMachine && typeof res.virtualMachine === "object"
            ? (res.virtualMachine as Obj)
            : undefined;
    } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
    }
}
