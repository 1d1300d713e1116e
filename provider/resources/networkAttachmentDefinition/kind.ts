/**
 * Multus NetworkAttachmentDefinition (k8s.cni.cncf.io/v1). The CNI config is read when a pod (or
 * a VM's launcher pod) attaches, so a config change reaches running VMs only when they restart or
 * migrate; new attachments get it at once.
 */
import type { KindDef } from "../generic/kindDef";

export const networkAttachmentDefinitionKind: KindDef = {
    kind: "NetworkAttachmentDefinition",
    apiVersion: "k8s.cni.cncf.io/v1",
    namespaced: true,
    bodyKeys: ["spec"],
    policy: [
        { pattern: "metadata.name", impact: "replace", why: "the name identifies the object" },
        { pattern: "metadata.namespace", impact: "replace", why: "the namespace identifies the object" },
        { pattern: "metadata.**", impact: "metadata", why: (c) => `${c.path} changed` },
        {
            pattern: "spec.**", impact: "live", why: "CNI config updated for new attachments",
            note: "VMs already attached keep the old network config until they restart or migrate",
        },
    ],
};
