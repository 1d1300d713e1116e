/**
 * `syncRunStrategy` (docs/semantics.md#run-strategy): whether to start or stop the VMI for a run strategy,
 * honouring `status.stateChangeRequests` (first entry only, as KubeVirt does).
 *
 * x-refs: kubevirt pkg/virt-controller/watch/vm/vm.go (syncRunStrategy, isSetToStart,
 * isTrimFirstChangeRequestNeeded).
 */
import {
    isFinal,
    runStrategyOf,
    type StateChangeRequest,
    type VirtualMachine,
    type VirtualMachineInstance,
} from "./types";

export interface RunDecision {
    action: "start" | "stop" | "none";
    /** RerunOnFailure after a Failed VMI: stop it and queue a Start request. */
    addStartRequest?: boolean;
    /** Halted with a (paused) start request: the controller flips runStrategy to Always. */
    setRunStrategyAlways?: boolean;
    why: string;
}

const first = (vm: VirtualMachine): StateChangeRequest | undefined =>
    vm.status?.stateChangeRequests?.[0];
export const hasStartRequest = (vm: VirtualMachine): boolean => first(vm)?.action === "Start";
export function hasStopRequestFor(vm: VirtualMachine, vmi: VirtualMachineInstance): boolean {
    const r = first(vm);
    return r?.action === "Stop" && !!r.uid && r.uid === vmi.metadata.uid;
}

const none = (why: string): RunDecision => ({ action: "none", why });

export function decideRun(
    vm: VirtualMachine,
    vmi: VirtualMachineInstance | undefined,
): RunDecision {
    const rs = runStrategyOf(vm);
    switch (rs) {
        case "Always":
            return decideAlways(vm, vmi);
        case "RerunOnFailure":
            return decideRerunOnFailure(vm, vmi, rs);
        case "Manual":
            if (vmi)
                return hasStopRequestFor(vm, vmi) && !vmi.metadata.deletionTimestamp
                    ? stop("stop request (runStrategy Manual)")
                    : none("");
            return hasStartRequest(vm)
                ? { action: "start", why: "start request (runStrategy Manual)" }
                : none("");
        case "Halted":
            if (!vmi)
                return hasStartRequest(vm)
                    ? {
                          action: "none",
                          setRunStrategyAlways: true,
                          why: "start request on a Halted VM",
                      }
                    : none("");
            return vmi.metadata.deletionTimestamp ? none("") : stop("runStrategy Halted");
        case "Once":
            return vmi ? none("") : { action: "start", why: "runStrategy Once" };
        default:
            return none(`unknown runStrategy ${rs}`);
    }
}

function stop(why: string): RunDecision {
    return { action: "stop", why };
}

function decideAlways(vm: VirtualMachine, vmi: VirtualMachineInstance | undefined): RunDecision {
    if (!vmi) return { action: "start", why: "runStrategy Always" };
    if (vmi.metadata.deletionTimestamp) return none("");
    if (hasStopRequestFor(vm, vmi)) return stop("restart request (runStrategy Always)");
    if (isFinal(vmi)) return stop(`VMI is ${vmi.status?.phase}; runStrategy Always restarts it`);
    return none("");
}

function decideRerunOnFailure(
    vm: VirtualMachine,
    vmi: VirtualMachineInstance | undefined,
    rs: string,
): RunDecision {
    if (vmi) {
        if (vmi.metadata.deletionTimestamp) return none("");
        const failed = vmi.status?.phase === "Failed";
        if (hasStopRequestFor(vm, vmi) || failed || vmi.status?.phase === "Succeeded") {
            return {
                action: "stop",
                addStartRequest: failed,
                why: `VMI ${vmi.status?.phase ?? "stop request"} (runStrategy RerunOnFailure)`,
            };
        }
        return none("");
    }
    // "when coming here from a different RunStrategy we have to start the VM"
    if (!hasStartRequest(vm) && vm.status?.runStrategy === rs) return none("");
    return { action: "start", why: "runStrategy RerunOnFailure" };
}

/** `isSetToStart`: whether the VM is meant to be running (for printableStatus). */
export function isSetToStart(vm: VirtualMachine, vmi: VirtualMachineInstance | undefined): boolean {
    switch (runStrategyOf(vm)) {
        case "Always":
            return true;
        case "Manual":
            return vmi ? !hasStopRequestFor(vm, vmi) : hasStartRequest(vm);
        case "RerunOnFailure":
            return vmi ? vmi.status?.phase !== "Succeeded" : true;
        case "Once":
            return !vmi;
        default:
            return false;
    }
}

/** `isTrimFirstChangeRequestNeeded`: drop the first request once it has been acted upon. */
export function trimStateChangeRequests(
    requests: StateChangeRequest[] | undefined,
    vmi: VirtualMachineInstance | undefined,
): StateChangeRequest[] | undefined {
    const r = requests?.[0];
    if (!r) return requests;
    const done =
        r.action === "Stop"
            ? !vmi || !r.uid || r.uid !== vmi.metadata.uid
            : r.action === "Start" && !!vmi && !vmi.metadata.deletionTimestamp && !isFinal(vmi);
    return done ? requests!.slice(1) : requests;
}
