/**
 * The DataVolume phase machine (docs/semantics.md#datavolume-status), pure: given the DV and what surrounds it
 * (its PVC, a consumer VMI, the clone source), the next status and what to do to the PVC.
 *
 *   import (http/s3/registry/gcs/imageio/vddk): Pending → [WaitForFirstConsumer] → ImportScheduled
 *       → ImportInProgress 0.00% … → Succeeded 100.0%   (fail knob: Failed half-way)
 *   clone (pvc/snapshot/sourceRef): Pending (until the source exists) → [WaitForFirstConsumer]
 *       → CloneScheduled → CloneInProgress … → Succeeded
 *   blank: Pending → ImportScheduled → Succeeded      upload: Pending → UploadScheduled → UploadReady
 *   PVC already there and claim adoption allowed: Succeeded at once.
 *
 * x-refs: CDI pkg/controller/datavolume/{import,clone,upload}-controller.go, conditions.go.
 */
import type { KubeObject } from "../../provider/k8s/client";
import { setConditions, type Condition, type ConditionInput } from "../util/conditions";

export type SourceKind = "import" | "clone" | "blank" | "upload";

export interface DvStatus {
    phase?: string;
    progress?: string;
    claimName?: string;
    restartCount?: number;
    conditions?: Condition[];
    [k: string]: unknown;
}

export interface DvEnv {
    pvc?: KubeObject;
    /** The PVC carries an ownerReference to this DV. */
    ownsPvc: boolean;
    adoptionAllowed: boolean;
    wffc: boolean;
    consumerExists: boolean;
    /** Clone sources: undefined when ready, else why not. */
    sourceProblem?: { reason: string; message: string };
    /** Fault knob: import/clone fails with this message. */
    failMessage?: string;
    steps: number;
    now: number;
}

export interface DvStep {
    status: DvStatus;
    pvc?: "create" | "bind" | "adopt";
    event?: { type: "Normal" | "Warning"; reason: string; message: string };
    /** The transition consumes one paced step. */
    paced: boolean;
}

export function sourceKind(
    spec: { source?: Record<string, unknown>; sourceRef?: unknown } | undefined,
): SourceKind {
    const src = spec?.source ?? {};
    if (spec?.sourceRef || src.pvc || src.snapshot) return "clone";
    if (src.blank) return "blank";
    if (src.upload) return "upload";
    return "import";
}

export function progressAt(i: number, steps: number): string {
    return i >= steps ? "100.0%" : `${((i * 100) / steps).toFixed(2)}%`;
}

export function progressIndex(progress: string | undefined, steps: number): number {
    const pct = Number.parseFloat(progress ?? "");
    return Number.isFinite(pct) ? Math.round((pct * steps) / 100) : 0;
}

export function nextDvState(dv: KubeObject, env: DvEnv): DvStep {
    const cur = (dv.status ?? {}) as DvStatus;
    const kind = sourceKind(dv.spec as never);
    const phase = cur.phase ?? "";
    const name = dv.metadata.name ?? "";
    const at = (p: string, extra: Partial<DvStatus> = {}, more: Partial<DvStep> = {}): DvStep => ({
        status: withConditions({ ...cur, claimName: name, ...extra, phase: p }, env, kind),
        paced: false,
        ...more,
    });
    if (phase === "" || phase === "Pending") return fromPending(name, kind, env, at);
    if (phase === "WaitForFirstConsumer")
        return env.consumerExists
            ? at(scheduledPhase(kind), {}, { pvc: "bind", paced: true })
            : at(phase);
    if (phase === "ImportScheduled" && kind === "blank")
        return at("Succeeded", { progress: "100.0%" }, { paced: true });
    if (phase === "ImportScheduled" || phase === "CloneScheduled")
        return at(inProgressPhase(kind), { progress: progressAt(0, env.steps) }, { paced: true });
    if (phase === "UploadScheduled") return at("UploadReady", {}, { paced: true });
    if (phase === "ImportInProgress" || phase === "CloneInProgress") return transfer(cur, env, at);
    if (phase === "Failed" && env.failMessage === undefined)
        return at(scheduledPhase(kind), { progress: "N/A" }, { paced: true });
    return at(phase);
}

/** A new or Pending DataVolume: adopt or refuse a PVC that is not its own, create its PVC, or bind it. */
function fromPending(
    name: string,
    kind: ReturnType<typeof sourceKind>,
    env: DvEnv,
    at: (p: string, extra?: Partial<DvStatus>, more?: Partial<DvStep>) => DvStep,
): DvStep {
    if (env.pvc && !env.ownsPvc) {
        if (env.adoptionAllowed) return at("Succeeded", { progress: "100.0%" }, { pvc: "adopt" });
        return at(
            "Pending",
            { progress: "N/A" },
            {
                event: {
                    type: "Warning",
                    reason: "ErrClaimNotValid",
                    message: `PVC ${name} already exists and is not owned by DataVolume ${name}`,
                },
            },
        );
    }
    if (!env.pvc) return at("Pending", { progress: "N/A" }, { pvc: "create" });
    if (env.sourceProblem) return at("Pending", { progress: "N/A" });
    if (env.wffc && !env.consumerExists) return at("WaitForFirstConsumer", { progress: "N/A" });
    return at(scheduledPhase(kind), {}, { pvc: "bind", paced: true });
}

function transfer(
    cur: DvStatus,
    env: DvEnv,
    at: (p: string, extra?: Partial<DvStatus>, more?: Partial<DvStep>) => DvStep,
): DvStep {
    const i = progressIndex(cur.progress, env.steps) + 1;
    if (env.failMessage !== undefined && i >= Math.ceil(env.steps / 2)) {
        const event = {
            type: "Warning" as const,
            reason: "ImportFailed",
            message: env.failMessage,
        };
        return at("Failed", { restartCount: (cur.restartCount ?? 0) + 1 }, { paced: true, event });
    }
    if (i >= env.steps)
        return at("Succeeded", { progress: progressAt(env.steps, env.steps) }, { paced: true });
    return at(cur.phase!, { progress: progressAt(i, env.steps) }, { paced: true });
}

const scheduledPhase = (k: SourceKind): string =>
    k === "clone" ? "CloneScheduled" : k === "upload" ? "UploadScheduled" : "ImportScheduled";
const inProgressPhase = (k: SourceKind): string =>
    k === "clone" ? "CloneInProgress" : "ImportInProgress";

/** Bound / Running / Ready as CDI's `conditions.go` derives them. */
function withConditions(s: DvStatus, env: DvEnv, kind: SourceKind): DvStatus {
    const name = s.claimName ?? "";
    const bound = boundAfter(s.phase ?? "", env);
    const boundCond: ConditionInput =
        bound === "missing"
            ? { type: "Bound", status: "False", reason: "NotFound", message: "No PVC found" }
            : bound === "Bound"
              ? { type: "Bound", status: "True", reason: "Bound", message: `PVC ${name} Bound` }
              : {
                    type: "Bound",
                    status: "False",
                    reason: "Pending",
                    message: `PVC ${name} Pending`,
                };
    const conds = setConditions(
        s.conditions,
        [boundCond, runningCondition(s, env, kind), readyCondition(s.phase ?? "")],
        env.now,
    );
    return {
        ...s,
        conditions: conds.map((c) => ({
            ...c,
            lastHeartbeatTime: c.lastHeartbeatTime ?? c.lastTransitionTime,
        })),
    };
}

function boundAfter(phase: string, env: DvEnv): "missing" | "Pending" | "Bound" {
    if (!env.pvc) return phase === "Pending" || phase === "" ? "missing" : "Bound";
    const pvcPhase = (env.pvc.status as { phase?: string } | undefined)?.phase;
    if (pvcPhase === "Bound" || !["", "Pending", "WaitForFirstConsumer"].includes(phase))
        return "Bound";
    return "Pending";
}

function runningCondition(s: DvStatus, env: DvEnv, kind: SourceKind): ConditionInput {
    const phase = s.phase ?? "";
    if (phase.endsWith("InProgress") || phase === "UploadReady")
        return { type: "Running", status: "True", reason: "Pod is running" };
    if (phase === "Succeeded")
        return {
            type: "Running",
            status: "False",
            reason: "Completed",
            message: kind === "clone" ? "Clone Complete" : "Import Complete",
        };
    if (phase === "Failed")
        return {
            type: "Running",
            status: "False",
            reason: "ImportFailed",
            message: env.failMessage ?? "",
        };
    if (env.sourceProblem) return { type: "Running", status: "False", ...env.sourceProblem };
    return { type: "Running", status: "False" };
}

function readyCondition(phase: string): ConditionInput {
    if (phase === "Succeeded" || phase === "UploadReady") return { type: "Ready", status: "True" };
    if (phase.endsWith("InProgress"))
        return { type: "Ready", status: "False", reason: "TransferRunning" };
    return { type: "Ready", status: "False" };
}
