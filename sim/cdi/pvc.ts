/**
 * PersistentVolumeClaims CDI creates for DataVolumes, and "storage provisioner" helpers: the
 * bare API server has no provisioner, so the sim binds claims itself (status.phase Bound).
 * Storage class "wffc" (or the knob annotation) behaves as WaitForFirstConsumer: bound only once a
 * VMI uses the claim. `spec.storage` gets the defaults a StorageProfile would supply
 * (ReadWriteOnce, Filesystem); filesystem overhead is not added.
 */
import type { KubeObject } from "../../provider/k8s/client";
import { statusUpdate, type Action } from "../actions";
import { Pvc, controllerRef } from "../kinds";
import { clone, type Json } from "../util/json";

export const wffcStorageClass = "wffc";
export const wffcAnnotation = "sim.pulumi-kubevirt.io/wffc";

export function claimSpecOf(dv: KubeObject): Json {
    const spec = (dv.spec ?? {}) as Json;
    if (spec.pvc) return clone(spec.pvc);
    const st = spec.storage ?? {};
    const out: Json = {
        accessModes: st.accessModes ?? ["ReadWriteOnce"],
        volumeMode: st.volumeMode ?? "Filesystem",
        resources: { requests: { storage: st.resources?.requests?.storage ?? "1Gi" } },
    };
    if (st.storageClassName) out.storageClassName = st.storageClassName;
    if (st.selector) out.selector = st.selector;
    return out;
}

export function isWffc(obj: KubeObject, claimSpec: Json): boolean {
    return (
        claimSpec?.storageClassName === wffcStorageClass ||
        obj.metadata.annotations?.[wffcAnnotation] === "true"
    );
}

export function buildPvc(dv: KubeObject): KubeObject {
    const spec = (dv.spec ?? {}) as Json;
    const src = Object.keys(spec.source ?? {})[0] ?? (spec.sourceRef ? "pvc" : "none");
    const url = spec.source?.[src]?.url;
    return {
        apiVersion: Pvc.apiVersion,
        kind: Pvc.kind,
        metadata: {
            name: dv.metadata.name,
            namespace: dv.metadata.namespace,
            labels: {
                app: "containerized-data-importer",
                "app.kubernetes.io/component": "storage",
                "app.kubernetes.io/managed-by": "cdi-controller",
            },
            annotations: {
                "cdi.kubevirt.io/storage.contentType": spec.contentType ?? "kubevirt",
                "cdi.kubevirt.io/createdForDataVolume": dv.metadata.uid ?? "",
                ...([
                    "http",
                    "s3",
                    "registry",
                    "gcs",
                    "imageio",
                    "vddk",
                    "blank",
                    "upload",
                ].includes(src)
                    ? { "cdi.kubevirt.io/storage.import.source": src }
                    : {}),
                ...(url ? { "cdi.kubevirt.io/storage.import.endpoint": url } : {}),
            },
            ownerReferences: [controllerRef(dv)],
        },
        spec: claimSpecOf(dv),
    };
}

/** The status patch that binds a claim. */
export function bindPvc(pvc: KubeObject, why: string): Action[] {
    const spec = (pvc.spec ?? {}) as Json;
    const status = {
        ...((pvc.status as Json) ?? {}),
        phase: "Bound",
        accessModes: spec.accessModes,
        capacity: { storage: spec.resources?.requests?.storage },
    };
    return statusUpdate(pvc, status, why, "status");
}

export function pvcPhase(pvc: KubeObject | undefined): string | undefined {
    return (pvc?.status as { phase?: string } | undefined)?.phase;
}
