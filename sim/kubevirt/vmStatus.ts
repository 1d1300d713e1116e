/**
 * The VM status virt-controller writes (docs/semantics.md#vm-status): printableStatus (first match in
 * KubeVirt's precedence order), created/ready, Ready and the VMI's conditions copied over,
 * RestartRequired, Failure, observed/desired generation, runStrategy, trimmed state-change requests.
 *
 * x-refs: kubevirt pkg/virt-controller/watch/vm/vm.go (updateStatus, setPrintableStatus,
 * syncConditions, syncReadyConditionFromVMI, processFailureCondition, syncGenerationInfo).
 */
import type { KubeObject } from "../../provider/k8s/client";
import { findCondition, removeCondition, setCondition, type Condition } from "../util/conditions";
import { isSetToStart, trimStateChangeRequests } from "./runStrategy";
import {
    ann,
    claimNameOf,
    isFinal,
    isMigrating,
    runStrategyOf,
    type VirtualMachine,
    type VirtualMachineInstance,
    type VmStatus,
} from "./types";

export interface VmStatusInput {
    vm: VirtualMachine;
    vmi: VirtualMachineInstance | undefined;
    /** DataVolumes and PVCs of the VM's namespace, by name. */
    dataVolumes: Map<string, KubeObject>;
    pvcs: Map<string, KubeObject>;
    /** A VMI start was decided (or is waiting on volumes) in this sync. */
    startExpected: boolean;
    /** A VMI stop was requested in this sync. */
    stopExpected: boolean;
    /** RestartRequired message, `null` to clear, undefined to leave as is. */
    restartRequired: string | null | undefined;
    failure?: { reason: string; message: string };
    addStartRequest?: boolean;
    now: number;
}

const syncIgnored = new Set(["Ready", "Failure", "RestartRequired"]);

export function buildVmStatus(input: VmStatusInput): VmStatus {
    const { vm, vmi } = input;
    const status: VmStatus = { ...(vm.status ?? {}) };
    status.created = !!vmi;
    status.ready = !!vmi && findCondition(vmi.status?.conditions, "Ready")?.status === "True";
    if (vmi) {
        const gen = Number(vmi.metadata.annotations?.[ann.vmGeneration]);
        if (Number.isFinite(gen)) status.observedGeneration = gen;
        status.desiredGeneration = vm.metadata.generation;
    }
    if (status.runStrategy || status.created) status.runStrategy = runStrategyOf(vm);
    const requests = trimStateChangeRequests(status.stateChangeRequests, vmi);
    status.stateChangeRequests = input.addStartRequest
        ? [...(requests ?? []), { action: "Start" }]
        : requests;
    if (!status.stateChangeRequests?.length) delete status.stateChangeRequests;
    status.conditions = buildConditions(input, status.conditions);
    status.printableStatus = printableStatus(input);
    return status;
}

function buildConditions(input: VmStatusInput, existing: Condition[] | undefined): Condition[] {
    const { vmi, now } = input;
    let conds = readyFromVmi(existing, vmi, now);
    conds = input.failure
        ? setCondition(conds, { type: "Failure", status: "True", ...input.failure }, now)
        : removeCondition(conds, "Failure");
    if (!vmi || vmi.metadata.deletionTimestamp || isFinal(vmi) || input.restartRequired === null) {
        conds = removeCondition(conds, "RestartRequired");
    } else if (input.restartRequired) {
        conds = setCondition(
            conds,
            { type: "RestartRequired", status: "True", message: input.restartRequired },
            now,
        );
    }
    if (!vmi) return conds;
    const fromVmi = (vmi.status?.conditions ?? []).filter((c) => !syncIgnored.has(c.type));
    conds = conds.filter((c) => syncIgnored.has(c.type) || fromVmi.some((v) => v.type === c.type));
    for (const c of fromVmi) conds = upsert(conds, c);
    return conds;
}

function readyFromVmi(
    conds: Condition[] | undefined,
    vmi: VirtualMachineInstance | undefined,
    now: number,
): Condition[] {
    const ready = findCondition(vmi?.status?.conditions, "Ready");
    if (ready) return upsert(conds ?? [], ready);
    const c = vmi
        ? {
              type: "Ready",
              status: "False",
              reason: "VMIConditionMissing",
              message: "VMI is missing the Ready condition",
          }
        : { type: "Ready", status: "False", reason: "VMINotExists", message: "VMI does not exist" };
    return setCondition(conds, c, now, { lastProbeTime: null });
}

function upsert(conds: Condition[], c: Condition): Condition[] {
    const copy = { ...c };
    return conds.some((x) => x.type === c.type)
        ? conds.map((x) => (x.type === c.type ? copy : x))
        : [...conds, copy];
}

/** `setPrintableStatus`: the first status whose predicate holds. */
export function printableStatus(input: VmStatusInput): string {
    const { vm, vmi } = input;
    const vmiPhase = vmi?.status?.phase ?? "";
    const vmiCond = (type: string, status: string, reason?: string): boolean => {
        const c = findCondition(vmi?.status?.conditions, type);
        return !!c && c.status === status && (reason === undefined || c.reason === reason);
    };
    const paused = vmiCond("Paused", "True");
    const table: [string, () => boolean][] = [
        ["Terminating", () => !!vm.metadata.deletionTimestamp],
        [
            "Stopping",
            () =>
                !!vmi && !isFinal(vmi) && (!!vmi.metadata.deletionTimestamp || input.stopExpected),
        ],
        ["Migrating", () => isMigrating(vmi)],
        ["Paused", () => vmiPhase === "Running" && paused],
        ["Running", () => vmiPhase === "Running" && !paused],
        ["ErrorPvcNotFound", () => vmiCond("Synchronized", "False", "FailedPvcNotFound")],
        ["DataVolumeError", () => volumeDvs(input).some(dvHasError)],
        ["ErrorUnschedulable", () => vmiCond("PodScheduled", "False", "Unschedulable")],
        ["Provisioning", () => volumeDvs(input).some(dvProvisioning)],
        ["WaitingForVolumeBinding", () => isSetToStart(vm, vmi) && hasUnboundPvc(input)],
        [
            "Starting",
            () =>
                vmi
                    ? ["", "Pending", "Scheduling", "Scheduled"].includes(vmiPhase)
                    : input.startExpected,
        ],
        ["Stopped", () => (vmi ? isFinal(vmi) : !input.startExpected)],
    ];
    return table.find(([, pred]) => pred())?.[0] ?? "Unknown";
}

/** DataVolumes behind the template's dataVolume volumes; templates not yet created count as phase "". */
function volumeDvs(input: VmStatusInput): KubeObject[] {
    const templates = new Set(
        (input.vm.spec.dataVolumeTemplates ?? []).map((t) => t.metadata.name),
    );
    return (input.vm.spec.template?.spec?.volumes ?? []).flatMap((v) => {
        if (!v.dataVolume) return [];
        const dv = input.dataVolumes.get(v.dataVolume.name);
        if (dv) return [dv];
        return templates.has(v.dataVolume.name)
            ? [{ apiVersion: "", kind: "", metadata: {}, status: { phase: "" } }]
            : [];
    });
}

const dvPhase = (dv: KubeObject): string =>
    (dv.status as { phase?: string } | undefined)?.phase ?? "";

export function dvProvisioning(dv: KubeObject): boolean {
    return !["Succeeded", "WaitForFirstConsumer", "PendingPopulation", "Failed"].includes(
        dvPhase(dv),
    );
}

export function dvHasError(dv: KubeObject): boolean {
    if (dvPhase(dv) === "Failed") return true;
    const running = findCondition(
        (dv.status as { conditions?: Condition[] } | undefined)?.conditions,
        "Running",
    );
    return (
        running?.status === "False" && ["Error", "ImagePullFailed"].includes(running.reason ?? "")
    );
}

function hasUnboundPvc(input: VmStatusInput): boolean {
    return (input.vm.spec.template?.spec?.volumes ?? []).some((v) => {
        const name = claimNameOf(v);
        const pvc = name ? input.pvcs.get(name) : undefined;
        return (pvc?.status as { phase?: string } | undefined)?.phase === "Pending";
    });
}
