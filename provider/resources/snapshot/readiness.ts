/**
 * Readiness of the job-like snapshot kinds, as pure conditions (docs/semantics.md#snapshots-restores-and-clones).
 *
 * VirtualMachineSnapshot: ok when `status.readyToUse` is true. Phase Succeeded alone is not
 *   enough: KubeVirt sets it once every VolumeSnapshot has a creationTime, while readyToUse
 *   follows the slowest VolumeSnapshot, and a restore of a snapshot not ready yet fails to start.
 *   Failed is terminal with `status.error` or the Failure condition (e.g. failureDeadline passed).
 * VirtualMachineRestore: ok when `status.complete` is true; Failure=True is terminal.
 * VirtualMachineClone: ok at phase Succeeded; Failed is terminal.
 * Progress shows the phase plus the Progressing condition, which says what the controller waits
 * for (e.g. "Source not locked", the target VM still running), plus `status.error` (a
 * VolumeSnapshot error) or, when Progressing is False, the Ready reason: a clone that cannot start
 * ("Pending") says why only there.
 *
 * x-refs: kubevirt pkg/storage/snapshot/{snapshot,restore}.go, pkg/virt-controller/watch/clone.
 */
import type { Condition } from "../../await/awaiter";
import type { KubeObject } from "../../k8s/client";

interface Cond {
    type?: string;
    status?: string;
    reason?: string;
    message?: string;
}

interface JobStatus {
    phase?: string;
    readyToUse?: boolean;
    complete?: boolean;
    error?: { message?: string };
    conditions?: Cond[];
    indications?: string[];
    targetName?: string;
    virtualMachineSnapshotContentName?: string;
    snapshotVolumes?: { includedVolumes?: string[]; excludedVolumes?: string[] };
    restoreTime?: string;
}

const statusOf = (obj: KubeObject): JobStatus => (obj.status ?? {}) as JobStatus;
const cond = (s: JobStatus, type: string): Cond | undefined =>
    (s.conditions ?? []).find((c) => c.type === type);
const explain = (c: Cond | undefined): string =>
    [c?.reason, c?.message].filter((x) => x).join(": ");

/** "InProgress (Source not locked)" from phase, the Progressing condition and what else explains a stall. */
export function jobProgress(s: JobStatus): string {
    const base = s.phase || "Pending";
    const progressing = cond(s, "Progressing");
    const ready = explain(cond(s, "Ready"));
    const extra = s.error?.message
        ? `error: ${s.error.message}`
        : !progressing || progressing.status === "False"
          ? ready
          : "";
    const parts = [explain(progressing), extra].filter(
        (x, i, all) => x && x !== base && all.indexOf(x) === i,
    );
    return parts.length ? `${base} (${parts.join("; ")})` : base;
}

/** Why a job failed: its error, else the Failure or Ready condition. */
export function jobFailure(s: JobStatus): string {
    return (
        s.error?.message ||
        explain(cond(s, "Failure")) ||
        explain(cond(s, "Ready")) ||
        "no reason reported"
    );
}

/** VirtualMachineSnapshot readiness. */
export const snapshotReady: Condition = (obj) => {
    if (!obj) return { ok: false, message: "VirtualMachineSnapshot does not exist yet" };
    const s = statusOf(obj);
    if (s.readyToUse === true) {
        // KubeVirt skips a volume without a VolumeSnapshotClass and still reports readyToUse
        // (indication PartialSnapshot), so name what is missing from the snapshot.
        const excluded = s.snapshotVolumes?.excludedVolumes ?? [];
        const notes = [
            s.indications?.join(", "),
            excluded.length ? `not included: ${excluded.join(", ")}` : "",
        ].filter((x) => x);
        return { ok: true, message: `ready to use${notes.length ? ` (${notes.join("; ")})` : ""}` };
    }
    if (s.phase === "Failed")
        return { ok: false, failed: true, message: `phase Failed: ${jobFailure(s)}` };
    if (s.phase === "Succeeded")
        return {
            ok: false,
            message: `Succeeded, waiting for its volume snapshots to be ready to use${s.error?.message ? ` (error: ${s.error.message})` : ""}`,
        };
    return { ok: false, message: jobProgress(s) };
};

/** VirtualMachineRestore readiness. */
export const restoreReady: Condition = (obj) => {
    if (!obj) return { ok: false, message: "VirtualMachineRestore does not exist yet" };
    const s = statusOf(obj);
    if (s.complete === true)
        return {
            ok: true,
            message: `restore complete${s.restoreTime ? ` at ${s.restoreTime}` : ""}`,
        };
    if (cond(s, "Failure")?.status === "True")
        return { ok: false, failed: true, message: `restore failed: ${jobFailure(s)}` };
    return {
        ok: false,
        message: s.conditions?.length
            ? jobProgress({ ...s, phase: "restoring" })
            : "waiting for the restore controller",
    };
};

/** VirtualMachineClone readiness. */
export const cloneReady: Condition = (obj) => {
    if (!obj) return { ok: false, message: "VirtualMachineClone does not exist yet" };
    const s = statusOf(obj);
    if (s.phase === "Succeeded")
        return { ok: true, message: `cloned into VirtualMachine ${s.targetName ?? "(unnamed)"}` };
    if (s.phase === "Failed")
        return { ok: false, failed: true, message: `phase Failed: ${jobFailure(s)}` };
    return { ok: false, message: jobProgress(s) };
};
