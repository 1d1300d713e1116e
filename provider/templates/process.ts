/**
 * Processing of a whole template into objects, client side (docs/semantics.md#openshift-templates, docs/semantics.md#virtualmachinetemplate).
 *
 * OpenShift's server endpoint (`processedtemplates`) is not available everywhere (not on a bare
 * kube-apiserver, not through CRD stand-ins), and virt-template's `process` subresource exists
 * only where its API server runs, so the provider processes templates itself with the same
 * rules. Steps, in upstream order: resolve parameters (docs/semantics.md#openshift-templates), substitute the message and the
 * template labels, then per object: strip a hardcoded namespace (docs/semantics.md#openshift-templates), substitute (docs/semantics.md#openshift-templates–4),
 * merge the template labels into `metadata.labels` only (docs/semantics.md#openshift-templates), groupify legacy GVKs (docs/semantics.md#openshift-templates).
 */
import { resolveParameters, type ResolveOptions, type TemplateParameter } from "./parameters";
import {
    hasParameterReference,
    referencedParameters,
    substituteString,
    substituteValue,
} from "./substitute";
import { TemplateError } from "./errors";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A template.openshift.io/v1 Template (only the parts processing reads). */
export interface OpenShiftTemplate {
    metadata?: { name?: string; namespace?: string };
    objects: readonly Obj[];
    parameters?: readonly TemplateParameter[];
    labels?: Readonly<Record<string, string>>;
    message?: string;
}

/** A template.kubevirt.io VirtualMachineTemplate (only the parts processing reads). */
export interface VirtualMachineTemplateManifest {
    metadata?: { name?: string; namespace?: string };
    spec: { virtualMachine: Obj; parameters?: readonly TemplateParameter[]; message?: string };
}

/** What processing yields: objects plus the parameter values used (to pin generated ones). */
export interface ProcessedTemplate {
    objects: Obj[];
    message: string;
    values: Record<string, string>;
    generated: Record<string, string>;
}

/** Processing options: see ResolveOptions (supplied values come as the second argument). */
export type ProcessOptions = Omit<ResolveOptions, "supplied" | "dialect">;

/** `apiVersion: v1` kinds that OpenShift moved into API groups (docs/semantics.md#openshift-templates). */
const legacyGroups: Record<string, string> = {
    DeploymentConfig: "apps.openshift.io/v1",
    BuildConfig: "build.openshift.io/v1",
    Build: "build.openshift.io/v1",
    ImageStream: "image.openshift.io/v1",
    ImageStreamTag: "image.openshift.io/v1",
    ImageStreamImport: "image.openshift.io/v1",
    Route: "route.openshift.io/v1",
    Template: "template.openshift.io/v1",
    Project: "project.openshift.io/v1",
};

const subjectOf = (kind: string, t: { metadata?: { name?: string; namespace?: string } }) =>
    `${kind} ${t.metadata?.namespace ? `${t.metadata.namespace}/` : ""}${t.metadata?.name ?? "(unnamed)"}`;

/** docs/semantics.md#openshift-templates: drop a hardcoded namespace; keep one that contains a `${PARAM}` reference. */
export function stripNamespace(obj: Obj): Obj {
    const meta = obj.metadata;
    if (!meta || typeof meta !== "object" || !("namespace" in meta)) return obj;
    const ns = meta.namespace;
    if (typeof ns === "string" && hasParameterReference(ns)) return obj;
    const { namespace: _dropped, ...rest } = meta;
    return { ...obj, metadata: rest };
}

/** docs/semantics.md#openshift-templates: template labels win over the object's own; nested templates are left alone. */
function addLabels(obj: Obj, labels: Record<string, string>): Obj {
    if (Object.keys(labels).length === 0) return obj;
    const meta = obj.metadata && typeof obj.metadata === "object" ? obj.metadata : {};
    return { ...obj, metadata: { ...meta, labels: { ...(meta.labels ?? {}), ...labels } } };
}

function groupify(obj: Obj): Obj {
    const group = obj.apiVersion === "v1" ? legacyGroups[obj.kind] : undefined;
    return group ? { ...obj, apiVersion: group } : obj;
}

function substituteLabels(
    labels: Readonly<Record<string, string>>,
    values: Record<string, string>,
): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(labels))
        out[substituteString(k, values).value] = substituteString(v, values).value;
    return out;
}

/**
 * Process an OpenShift Template with the supplied parameter values, like `oc process --local`.
 * Throws TemplateError (naming the template) for unknown supplied parameters, missing required
 * ones, and bad generator expressions.
 */
export function processTemplate(
    template: OpenShiftTemplate,
    supplied: Readonly<Record<string, string>> = {},
    options: ProcessOptions = {},
): ProcessedTemplate {
    const subject = subjectOf("Template", template);
    if (!Array.isArray(template.objects))
        throw new TemplateError(subject, ["'objects' must be a list"]);
    const { values, generated } = resolveParameters(subject, template.parameters ?? [], {
        ...options,
        supplied,
        dialect: "openshift",
    });
    const labels = substituteLabels(template.labels ?? {}, values);
    const objects = template.objects.map((o) =>
        groupify(addLabels(substituteValue(stripNamespace(o), values) as Obj, labels)),
    );
    return {
        objects,
        message: substituteString(template.message ?? "", values).value,
        values,
        generated,
    };
}

/**
 * Process a VirtualMachineTemplate like virt-template's `process` subresource (docs/semantics.md#virtualmachinetemplate): stricter
 * than OpenShift, a reference to an undefined parameter is an error, and the result is always a
 * kubevirt.io/v1 VirtualMachine.
 */
export function processVirtualMachineTemplate(
    template: VirtualMachineTemplateManifest,
    supplied: Readonly<Record<string, string>> = {},
    options: ProcessOptions = {},
): ProcessedTemplate {
    const subject = subjectOf("VirtualMachineTemplate", template);
    const vm = template.spec?.virtualMachine;
    if (!vm || typeof vm !== "object" || Object.keys(vm).length === 0)
        throw new TemplateError(subject, ["spec.virtualMachine is required and cannot be empty"]);
    const params = template.spec.parameters ?? [];
    const defined = new Set(params.map((p) => p.name));
    const undefinedRefs = [...referencedParameters([vm, template.spec.message ?? ""])].filter(
        (n) => !defined.has(n),
    );
    if (undefinedRefs.length)
        throw new TemplateError(
            subject,
            undefinedRefs.map((n) => `spec.virtualMachine references undefined parameter ${n}`),
        );
    const { values, generated } = resolveParameters(subject, params, {
        ...options,
        supplied,
        dialect: "virt-template",
    });
    const object = {
        ...(substituteValue(stripNamespace(vm), values) as Obj),
        apiVersion: "kubevirt.io/v1",
        kind: "VirtualMachine",
    };
    return {
        objects: [object],
        message: substituteString(template.spec.message ?? "", values).value,
        values,
        generated,
    };
}
