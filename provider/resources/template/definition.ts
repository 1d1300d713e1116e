/**
 * OpenShift Template (template.openshift.io/v1), managed as a resource. A Template is a recipe:
 * processing it (`oc process`, or a TemplatedVirtualMachine) copies its objects out, so changing
 * it never touches VMs made from it earlier (docs/semantics.md#openshift-templates). TemplatedVirtualMachines of this
 * stack that use it re-render and show their own plans.
 *
 * Like the real type, a Template has no `spec`: objects, parameters, labels and message sit at
 * the top level.
 */
import type { KindDef } from "../generic/kindDefinition";
import { identityRules } from "../generic/identityRules";
import type { KubeObject } from "../../k8s/client";
import { checkParameters } from "./rules";

const laterOnly = "affects VMs processed later; existing VMs are not changed";

export const templateKind: KindDef = {
    kind: "Template",
    apiVersion: "template.openshift.io/v1",
    namespaced: true,
    bodyKeys: ["objects", "parameters", "labels", "message"],
    policy: [
        ...identityRules("template"),
        { pattern: "objects.**", impact: "live", why: laterOnly },
        { pattern: "parameters.**", impact: "live", why: laterOnly },
        { pattern: "labels.**", impact: "live", why: laterOnly },
        { pattern: "message", impact: "live", why: laterOnly },
        { pattern: "**", impact: "live", why: laterOnly },
    ],
    rules: (obj: KubeObject) => checkParameters(obj.parameters, "parameters"),
};
