/**
 * The simulated virt-controller VM loop: controller writes, DataVolume templates, run strategy,
 * RestartRequired, live propagation into the running VMI, deletion with the controller finalizer,
 * and VM status. Pure: reads the store, returns actions.
 *
 * x-refs: kubevirt pkg/virt-controller/watch/vm/vm.go (execute, sync, updateStatus).
 */
import type { Action, Result } from "../actions";
import { deleteAction, guardedPatch, noop, statusUpdate } from "../actions";
import { isLiveUpdate } from "../config";
import type { ControllerDef, Ctx } from "../controller";
import { ControllerRevision, Dv, Pvc, Vm, Vmi, keyOf } from "../kinds";
import type { Store } from "../store";
import { dataVolumeActions } from "./dataVolumeTemplates";
import { syncRunningVmi } from "./runningSync";
import { decideRun, type RunDecision } from "./runStrategy";
import {
    ann,
    isFinal,
    runStrategyOf,
    vmFinalizer,
    type VirtualMachine,
    type VirtualMachineInstance,
} from "./types";
import { buildRevision, buildVmi, revisionName, revisionPrefix } from "./vmiBuild";
import { controllerWrites } from "./vmMutations";
import { buildVmStatus } from "./vmStatus";
import { byName, hasFinalizer, removeFinalizer, vmsReferencingClaim, ownerKeys } from "./lookups";

export const vmController: ControllerDef = {
    name: "virt-controller/vm",
    primary: Vm,
    watches: [
        { gvk: Vmi, map: (o) => [keyOf(o)] },
        { gvk: Dv, map: (o, s) => vmsReferencingClaim(o, s) },
        { gvk: Pvc, map: (o, s) => vmsReferencingClaim(o, s) },
        { gvk: ControllerRevision, map: (o) => ownerKeys(o, "VirtualMachine") },
    ],
    reconcile: reconcileVm,
};

export function reconcileVm(key: string, store: Store, ctx: Ctx): Result {
    const vm = store.get<VirtualMachine>(Vm, key);
    if (!vm) return noop();
    const vmi = store.get<VirtualMachineInstance>(Vmi, key);
    if (vm.metadata.deletionTimestamp) return finalizeVm(vm, vmi, ctx);
    const writes = controllerWrites(vm);
    if (writes)
        return {
            actions: [
                guardedPatch(
                    vm,
                    writes,
                    "controller finalizer, observed-API annotations, webhook defaults (machine type, architecture, firmware)",
                ),
            ],
        };
    return syncVm(vm, vmi, store, ctx);
}

function syncVm(
    vm: VirtualMachine,
    vmi: VirtualMachineInstance | undefined,
    store: Store,
    ctx: Ctx,
): Result {
    const { actions, decision } = runStrategyActions(vm, vmi, store, ctx);
    if (decision.setRunStrategyAlways) {
        const spec = vm.spec.running !== undefined ? { running: true } : { runStrategy: "Always" };
        return { actions: [guardedPatch(vm, { spec }, decision.why)] };
    }
    let running: ReturnType<typeof syncRunningVmi> | undefined;
    if (vmi && decision.action !== "stop" && !vmi.metadata.deletionTimestamp && !isFinal(vmi)) {
        running = syncRunningVmi(vm, vmi, store, ctx);
        if (running.vmPatch) return { actions: [...actions, running.vmPatch] };
        actions.push(...running.vmiActions);
    }
    const ns = vm.metadata.namespace;
    const status = buildVmStatus({
        vm,
        vmi: running?.vmi ?? vmi,
        dataVolumes: byName(store.list(Dv, ns)),
        pvcs: byName(store.list(Pvc, ns)),
        startExpected: decision.action === "start",
        stopExpected: decision.action === "stop",
        restartRequired: running?.restartRequired,
        ...(running?.failure ? { failure: running.failure } : {}),
        ...(decision.addStartRequest ? { addStartRequest: true } : {}),
        now: ctx.now,
    });
    actions.push(...statusUpdate(vm, status, `status: ${status.printableStatus}`, "status"));
    if (vmi && isFinal(vmi) && hasFinalizer(vmi, vmFinalizer))
        actions.push(removeFinalizer(vmi, vmFinalizer, "VMI is final"));
    return { actions, ...(running?.requeueAfter ? { requeueAfter: running.requeueAfter } : {}) };
}

/**
 * DataVolumes first (unless `kubevirt.io/immediate-data-volume-creation: "false"` defers them to
 * the start), then the run-strategy decision, which waits for the DataVolumes unless Halted.
 */
function runStrategyActions(
    vm: VirtualMachine,
    vmi: VirtualMachineInstance | undefined,
    store: Store,
    ctx: Ctx,
): { actions: Action[]; decision: RunDecision } {
    const immediate = vm.metadata.annotations?.[ann.immediateDvCreation] !== "false";
    let dvs = immediate ? dataVolumeActions(vm, store) : { actions: [], ready: true };
    const actions: Action[] = [...dvs.actions];
    const decision: RunDecision =
        dvs.ready || runStrategyOf(vm) === "Halted"
            ? decideRun(vm, vmi)
            : { action: "none", why: "" };
    if (decision.action === "start") {
        if (!immediate) {
            dvs = dataVolumeActions(vm, store);
            actions.push(...dvs.actions);
        }
        if (dvs.ready) actions.push(...startActions(vm, store, ctx));
    }
    if (decision.action === "stop" && vmi) actions.push(deleteAction(vmi, `stop: ${decision.why}`));
    return { actions, decision };
}

/** Replace older start revisions, store the current spec, create the VMI. */
function startActions(vm: VirtualMachine, store: Store, ctx: Ctx): Action[] {
    const actions: Action[] = [];
    const prefix = revisionPrefix(vm.metadata.uid ?? "");
    const revisions = store
        .list(ControllerRevision, vm.metadata.namespace)
        .filter((r) => r.metadata.name?.startsWith(prefix));
    for (const r of revisions)
        if (r.metadata.name !== revisionName(vm))
            actions.push(deleteAction(r, "older VM start revision"));
    if (!revisions.some((r) => r.metadata.name === revisionName(vm))) {
        actions.push({
            op: "create",
            obj: buildRevision(vm),
            why: "store the VM spec the VMI starts from",
        });
    }
    const why = `start (runStrategy ${runStrategyOf(vm)}, generation ${vm.metadata.generation})`;
    actions.push({ op: "create", obj: buildVmi(vm, isLiveUpdate(ctx.config)), why });
    return actions;
}

function finalizeVm(vm: VirtualMachine, vmi: VirtualMachineInstance | undefined, ctx: Ctx): Result {
    const orphan = (vm.metadata.finalizers ?? []).includes("orphan");
    if (!vmi || orphan) {
        return hasFinalizer(vm, vmFinalizer)
            ? { actions: [removeFinalizer(vm, vmFinalizer, "VMI is gone")] }
            : noop();
    }
    const actions: Action[] = [];
    if (!vmi.metadata.deletionTimestamp) actions.push(deleteAction(vmi, "VM is being deleted"));
    if (isFinal(vmi) && hasFinalizer(vmi, vmFinalizer))
        actions.push(removeFinalizer(vmi, vmFinalizer, "VMI is final"));
    const status = buildVmStatus({
        vm,
        vmi,
        dataVolumes: new Map(),
        pvcs: new Map(),
        startExpected: false,
        stopExpected: true,
        restartRequired: null,
        now: ctx.now,
    });
    actions.push(...statusUpdate(vm, status, `status: ${status.printableStatus}`, "status"));
    return { actions };
}
