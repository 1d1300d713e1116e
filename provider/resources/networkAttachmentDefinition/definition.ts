/**
 * Multus NetworkAttachmentDefinition (k8s.cni.cncf.io/v1). The CNI config is read when a pod (or
 * a VM's launcher pod) attaches, so a config change reaches running VMs only when they restart or
 * migrate; new attachments get it at once.
 */
import type { KindDef } from "../generic/kindDefinition";
import type { Verdict } from "../../diff/classify";
import type { PathChange } from "../../diff/paths";
import { checkNadConfig, describeConfigChange } from "./config";

/** The device-plugin resource an SR-IOV (or other device) network draws from. */
export const resourceNameAnnotation = "k8s.v1.cni.cncf.io/resourceName";

const attachedNote =
    "VMs already attached keep the old network config until they restart or migrate";

/** A config change, named by the CNI keys it touches; whitespace-only edits change nothing. */
function configChange(change: PathChange): Verdict {
    const d = describeConfigChange(change.old, change.new);
    if (d.sameJson) return { impact: "metadata", why: d.text };
    return { impact: "live", why: `${d.text} (used by new attachments)`, note: attachedNote };
}

/** The KindDef of NetworkAttachmentDefinition (registered in provider/index.ts). */
export const networkAttachmentDefinitionKind: KindDef = {
    kind: "NetworkAttachmentDefinition",
    apiVersion: "k8s.cni.cncf.io/v1",
    namespaced: true,
    bodyKeys: ["spec"],
    policy: [
        { pattern: "metadata.name", impact: "replace", why: "the name identifies the object" },
        {
            pattern: "metadata.namespace",
            impact: "replace",
            why: "the namespace identifies the object",
        },
        {
            pattern: `metadata.annotations["${resourceNameAnnotation}"]`,
            impact: "live",
            why: "device resource changed: new attachments draw VFs from the new pool",
            note: attachedNote,
        },
        { pattern: "metadata.**", impact: "metadata", why: (c) => `${c.path} changed` },
        {
            pattern: "spec.config",
            predicate: (c) => (c.kind === "changed" ? configChange(c) : undefined),
        },
        {
            pattern: "spec.**",
            impact: "live",
            why: "CNI config updated for new attachments",
            note: attachedNote,
        },
    ],
    rules: checkNadConfig,
};
