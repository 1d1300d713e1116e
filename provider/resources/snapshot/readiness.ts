/**
 * Readiness of the job-like snapshot kinds, as pure conditions (semantics §7).
 *
 * VirtualMachineSnapshot: ok when `status.readyToUse` is true (or phase Succeeded); Failed is
 *   terminal with `status.error` or the Failure condition (e.g. failureDeadline passed).
 * VirtualMachineRestore: ok when `status.complete` is true; Failure=True is terminal.
 * VirtualMachineClone: ok at phase Succeeded; Failed is terminal.
 * Progress shows the phase plus the Progressing condition, which says what the controller waits
 * for (e.g. "Source VM not ready", the target VM still running).
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
    restoreTime?: string;
}

const statusOf = (obj: KubeObject): JobStatus => (obj.status ?? {}) as JobStatus;
const cond = (s: JobStatus, type: string): Cond | undefined => (s.conditions ?? []).find((c) => c.type === type);
const explain = (c: Cond | undefined): string => [c?.reason, c?.message].filter((x) => x).join(": ");

/** "InProgress (Progressing: Source not locked)" from phase and the Progressing condition. */
export function jobProgress(s: JobStatus): string {
    const why = explain(cond(s, "Progressing")) || explain(cond(s, "Ready"));
    const base = s.phase || "Pending";
    return why ? `${base} (${why})` : base;
}

/** Why a job failed: its error, else the Failure or Ready condition. */
export function jobFailure(s: JobStatus): string {
    return s.error?.message || explain(cond(s, "Failure")) || explain(cond(s, "Ready")) || "no reason reported";
}

/** VirtualMachineSnapshot readiness. */
export const snapshotReady: Condition = (obj) => {
    if (!obj) return { ok: false, message: "VirtualMachineSnapshot does not exist yet" };
    const s = statusOf(obj);
    if (s.readyToUse === true || s.phase === "Succeeded") {
        const ind = s.indications?.length ? ` (${s.indications.join(", ")})` : "";
        return { ok: true, message: `ready to use${ind}` };
    }
    if (s.phase === "Failed") return { ok: false, failed: true, message: `phase Failed: ${jobFailure(s)}` };
    return { ok: false, message: jobProgress(s) };
};

/** VirtualMachineRestore readiness. */
export const restoreReady: Condition = (obj) => {
    if (!obj) return { ok: false, message: "VirtualMachineRestore does not exist yet" };
    const s = statusOf(obj);
    if (s.complete === true) return { ok: true, message: `restore complete${s.restoreTime ? ` at ${s.restoreTime}` : ""}` };
    if (cond(s, "Failure")?.status === "True") return { ok: false, failed: true, message: `restore failed: ${jobFailure(s)}` };
    return { ok: false, message: s.conditions?.length ? jobProgress({ ...s, phase: "restoring" }) : "waiting for the restore controller" };
};

/** VirtualMachineClone readiness. */
export const cloneReady: Condition = (obj) => {
    if (!obj) return { ok: false, message: "VirtualMachineClone does not exist yet" };
    const s = statusOf(obj);
    if (s.phase === "Succeeded") return { ok: true, message: `cloned into VirtualMachine ${s.targetName ?? "(unnamed)"}` };
    if (s.phase === "Failed") return { ok: false, failed: true, message: `phase Failed: ${jobFailure(s)}` };
    return { ok: false, message: jobProgress(s) };
};
