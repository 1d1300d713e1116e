/**
 * KubeVirt VirtualMachineTemplate (template.kubevirt.io/v1beta1, virt-template; docs/semantics.md#virtualmachinetemplate).
 * Like an OpenShift Template it is a recipe: `process`/`create` copy the VM out of it, so a
 * change affects only VMs made later. The CRD exists where KubeVirt's Template feature gate is
 * on (beta and default in 1.9); elsewhere apply fails with a clear "not served" error.
 *
 * Readiness is not awaited: virt-template's controller sets `Ready`, but a template is usable for
 * processing as soon as it is stored, and clusters without the controller would otherwise hang.
 */
import type { KindDef } from "../generic/kindDefinition";
import { identityRules } from "../generic/identityRules";
import type { KubeObject } from "../../k8s/client";
import { checkParameters } from "../template/rules";

const laterOnly = "affects VMs processed later; existing VMs are not changed";

export const virtualMachineTemplateKind: KindDef = {
    kind: "VirtualMachineTemplate",
    apiVersion: "template.kubevirt.io/v1beta1",
    namespaced: true,
    bodyKeys: ["spec"],
    policy: [
        ...identityRules("template"),
        { pattern: "spec.**", impact: "live", why: laterOnly },
        { pattern: "**", impact: "live", why: laterOnly },
    ],
    rules: (obj: KubeObject) =>
        checkParameters(
            (obj.spec as { parameters?: unknown } | undefined)?.parameters,
            "spec.parameters",
        ),
};
