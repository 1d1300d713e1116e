/**
 * CDI DataVolume (cdi.kubevirt.io/v1beta1): the policy table of policy.ts, readiness of
 * readiness.ts, and the pure parts of an apply that respects CDI's immutable spec (apply.ts does it).
 */
import type { KubeObject } from "../../k8s/client";
import type { Props } from "../../kindProvider";
import type { KindDef } from "../generic/kindDefinition";
import { dataVolumePolicy } from "./policy";
import { dataVolumeReady, type DataVolumeStatus } from "./readiness";

/** Per-DV opt-out of CDI's garbage collection of completed DataVolumes (docs/semantics.md#datavolume-garbage-collection). */
export const deleteAfterCompletion = "cdi.kubevirt.io/storage.deleteAfterCompletion";
/** Lets CDI take over an existing claim of the same name (docs/semantics.md#datavolume-spec-is-immutable), used to re-create a collected DV. */
export const allowClaimAdoption = "cdi.kubevirt.io/allowClaimAdoption";

/** Annotations CDI and KubeVirt write on DataVolumes (docs/semantics.md#datavolume-status, docs/semantics.md#other-writers), plus our own decoration. */
export const cdiAnnotations = [
    "cdi.kubevirt.io/storage.usePopulator",
    "cdi.kubevirt.io/cloneType",
    "cdi.kubevirt.io/storage.clone.token",
    "cdi.kubevirt.io/storage.extended.clone.token",
    "cdi.kubevirt.io/storage.prePopulated",
    allowClaimAdoption,
    deleteAfterCompletion,
];

/** How long a DV that was Failed before a metadata update gets to start a retry (see applyDataVolume). */
export const staleFailureGraceMs = 60_000;

/** docs/semantics.md#datavolume-garbage-collection: keep completed DVs, so state and cluster agree on every CDI version. */
export function keepAfterCompletion(obj: KubeObject): KubeObject {
    const annotations = { [deleteAfterCompletion]: "false", ...(obj.metadata.annotations ?? {}) };
    return { ...obj, metadata: { ...obj.metadata, annotations } };
}

/**
 * The spec to send on update: the live one, because CDI rejects any other (docs/semantics.md#datavolume-spec-is-immutable), except the
 * multi-stage checkpoints it accepts. Size growth goes to the PVC instead.
 */
export function specToApply(declaredSpec: Props, liveSpec: Props): Props {
    const spec: Props = { ...liveSpec };
    for (const k of ["checkpoints", "finalCheckpoint"]) {
        if (declaredSpec[k] === undefined) delete spec[k];
        else spec[k] = declaredSpec[k];
    }
    return spec;
}

/** Status summary exposed as the `status` output. */
export function dataVolumeOutputs(live: KubeObject | undefined): Props {
    const s = (live?.status ?? {}) as DataVolumeStatus;
    return {
        status: {
            phase: s.phase ?? "",
            progress: s.progress ?? "",
            claimName: s.claimName ?? live?.metadata.name ?? "",
            restartCount: s.restartCount ?? 0,
        },
    };
}

export const dataVolumeKind: KindDef = {
    kind: "DataVolume",
    apiVersion: "cdi.kubevirt.io/v1beta1",
    namespaced: true,
    bodyKeys: ["spec"],
    policy: dataVolumePolicy,
    ignoredAnnotations: cdiAnnotations,
    readiness: dataVolumeReady,
    // Imports of large images take long; the user can still set timeouts.create.
    timeoutSeconds: 1800,
    outputs: dataVolumeOutputs,
    decorate: keepAfterCompletion,
};
