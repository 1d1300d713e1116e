/**
 * CDI DataSource (cdi.kubevirt.io/v1beta1): a named pointer to a boot source (a PVC, a
 * VolumeSnapshot or another DataSource) that VMs clone through `sourceRef` (docs/semantics.md#datasource-and-storageprofile).
 * Repointing it is a live update: only DataVolumes created afterwards clone the new source, while
 * existing ones keep the data they already copied (docs/semantics.md#datasource-and-storageprofile, "not re-cloned later").
 */
import type { KubeObject } from "../../k8s/client";
import type { Props } from "../../kindProvider";
import type { KindDef } from "../generic/kindDefinition";
import { dataSourceReady, describeSource } from "./readiness";

/** Status summary exposed as the `status` output. */
export function dataSourceOutputs(live: KubeObject | undefined): Props {
    const status = (live?.status ?? {}) as {
        conditions?: { type?: string; status?: string }[];
        source?: Record<string, { namespace?: string; name?: string }>;
    };
    const ready = (status.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
    return { status: { ready, source: describeSource(status.source) } };
}

export const dataSourceKind: KindDef = {
    kind: "DataSource",
    apiVersion: "cdi.kubevirt.io/v1beta1",
    namespaced: true,
    bodyKeys: ["spec"],
    policy: [
        {
            pattern: "metadata.name",
            impact: "replace",
            why: "the name identifies the DataSource; VMs refer to it by name",
        },
        {
            pattern: "metadata.namespace",
            impact: "replace",
            why: "the namespace identifies the DataSource; VMs refer to it by namespace",
        },
        { pattern: "metadata.**", impact: "metadata", why: (c) => `${c.path} changed` },
        {
            pattern: "spec.**",
            impact: "live",
            why: (c) => `${c.path} changed: the DataSource points to a new source`,
            note: "VMs created later clone the new source; existing DVs keep their data",
        },
        { pattern: "**", impact: "live", why: (c) => `${c.path} changed` },
    ],
    readiness: () => dataSourceReady,
    outputs: dataSourceOutputs,
};
