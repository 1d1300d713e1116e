/**
 * When a DataVolume is usable, as pure conditions over observed objects (docs/semantics.md#datavolume-status, docs/semantics.md#datavolume-garbage-collection).
 *
 * Success:
 *   1. phase Succeeded;
 *   2. phase WaitForFirstConsumer or PendingPopulation: KubeVirt starts VMs on such DVs (vm.go
 *      handleDataVolumes) and the DV only proceeds once a VM consumes it, so waiting for Succeeded
 *      would deadlock a stack that creates the VM after the DV;
 *   3. phase UploadReady, for upload sources: the user uploads next (virtctl image-upload).
 * Failure: phase Failed, with the Running (else Ready) condition's reason and message, which is
 * where CDI puts the importer's error.
 * Progress: "ImportInProgress 45.67%", plus the Running condition's reason while Pending (e.g. a
 * clone waiting for its DataSource) and the restart count when the importer pod restarts.
 *
 * x-refs: CDI doc/datavolumes.md, pkg/controller/datavolume/controller-base.go, conditions.go.
 */
import type { Condition, Verdict } from "../../await/awaiter";
import type { KubeObject } from "../../k8s/client";
import type { Props } from "../../kindProvider";
import { compareQuantities } from "../../diff/quantity";

/** One entry of `status.conditions`. */
interface Cond {
    type?: string;
    status?: string;
    reason?: string;
    message?: string;
}

/** The DataVolume status fields the provider reads. */
export interface DataVolumeStatus {
    phase?: string;
    progress?: string;
    claimName?: string;
    restartCount?: number;
    conditions?: Cond[];
}

/** Phases in which a VM can already use the DataVolume. */
export const consumablePhases = ["Succeeded", "WaitForFirstConsumer", "PendingPopulation"] as const;

const statusOf = (obj: KubeObject | undefined): DataVolumeStatus =>
    (obj?.status ?? {}) as DataVolumeStatus;

function condition(status: DataVolumeStatus, type: string): Cond | undefined {
    return (status.conditions ?? []).find((c) => c.type === type);
}

/** "Reason: message" of a condition, or "" when it says nothing. */
export function explain(c: Cond | undefined): string {
    if (!c) return "";
    return [c.reason, c.message].filter((x) => x && String(x).trim() !== "").join(": ");
}

/** Why a DataVolume failed: the Running condition carries the importer's error, Ready the rest. */
export function failureReason(status: DataVolumeStatus): string {
    return (
        explain(condition(status, "Running")) ||
        explain(condition(status, "Ready")) ||
        "no reason reported"
    );
}

/** The progress line for a DataVolume that is not done yet. */
export function progressMessage(status: DataVolumeStatus): string {
    const phase = status.phase || "Pending";
    const parts = [phase];
    if (status.progress && status.progress !== "N/A") parts.push(status.progress);
    const running = condition(status, "Running");
    let line = parts.join(" ");
    if (running?.status !== "True" && explain(running)) line += ` (${explain(running)})`;
    if (status.restartCount) line += `; importer restarted ${status.restartCount}×`;
    return line;
}

/** The readiness condition of a DataVolume declared with `inputs`. */
export function dataVolumeReady(inputs: Props): Condition {
    const upload = !!inputs.spec?.source?.upload;
    return (obj) => {
        if (!obj) return { ok: false, message: "DataVolume does not exist yet" };
        const s = statusOf(obj);
        if ((consumablePhases as readonly string[]).includes(s.phase ?? "")) return consumable(s);
        if (upload && s.phase === "UploadReady")
            return {
                ok: true,
                message: "UploadReady: waiting for an upload (virtctl image-upload)",
            };
        if (s.phase === "Failed")
            return { ok: false, failed: true, message: `phase Failed: ${failureReason(s)}` };
        return { ok: false, message: progressMessage(s) };
    };
}

function consumable(s: DataVolumeStatus): Verdict {
    if (s.phase === "Succeeded")
        return {
            ok: true,
            message: `Succeeded${s.progress && s.progress !== "N/A" ? ` ${s.progress}` : ""}`,
        };
    return { ok: true, message: `${s.phase}: usable; CDI populates it once a VM consumes it` };
}

/**
 * After a metadata update of a DataVolume that was already Failed: the old Failed phase is stale
 * until CDI reacts, so only leaving Failed (a retry) ends this wait successfully.
 */
export const leftFailed: Condition = (obj) => {
    const s = statusOf(obj);
    if (obj && s.phase === "Failed")
        return { ok: false, message: `still Failed: ${failureReason(s)}` };
    return { ok: true, message: obj ? `phase ${s.phase || "Pending"}` : "DataVolume gone" };
};

/** PVC fields read while expanding. */
interface PvcView {
    spec?: { resources?: { requests?: { storage?: string } } };
    status?: { phase?: string; capacity?: { storage?: string }; conditions?: Cond[] };
}

/**
 * The PVC reached `size`: capacity ≥ size, or the volume grew and only the file system resize is
 * left (FileSystemResizePending), which the kubelet finishes when a pod next mounts the claim.
 */
export function claimExpanded(size: string): Condition {
    return (obj) => {
        if (!obj)
            return { ok: false, failed: true, message: "the PVC disappeared while expanding" };
        const pvc = obj as unknown as PvcView;
        const capacity = pvc.status?.capacity?.storage;
        if (capacity !== undefined && (compareQuantities(capacity, size) ?? -1) >= 0)
            return { ok: true, message: `PVC expanded to ${capacity}` };
        const conds = pvc.status?.conditions ?? [];
        if (conds.some((c) => c.type === "FileSystemResizePending" && c.status === "True")) {
            return {
                ok: true,
                message: `PVC volume expanded to ${size}; the file system grows when a pod next mounts it`,
            };
        }
        const resizing = conds.find((c) => c.type === "Resizing" && c.status === "True");
        const what = resizing
            ? `resizing (${explain(resizing) || "in progress"})`
            : "waiting for the storage provisioner";
        return {
            ok: false,
            message: `PVC ${what}: capacity ${capacity ?? "unknown"}, requested ${size}`,
        };
    };
}
