/**
 * Sync of a VM with a live VMI (docs/semantics.md#how-changes-reach-a-running-vm): compute RestartRequired against the start
 * revision, then NIC and volume hotplug (always), the generation annotation bump, and — only under
 * LiveUpdate and without RestartRequired — CPU, memory, scheduling and volume-migration changes.
 * Returns the VMI patch, an optional VM spec patch (cleared unplugged interfaces), and what the
 * VM status should say.
 */
import type { Action } from "../actions";
import { guardedPatch } from "../actions";
import { isLiveUpdate } from "../config";
import type { Ctx } from "../controller";
import { ControllerRevision, Dv, Pvc } from "../kinds";
import type { Store } from "../store";
import { isConditionTrue } from "../util/conditions";
import { clone, semanticEqual } from "../util/json";
import { mergeDiff } from "../util/mergeDiff";
import { syncHotplugVolumes } from "./hotplugVolumes";
import { propagateLiveUpdates, type LiveOutcome } from "./liveUpdate";
import { syncInterfaces } from "./netSync";
import { isRestartRequired, nonLiveMessage } from "./restartRequired";
import { ann, type VirtualMachine, type VirtualMachineInstance, type VmSpec } from "./types";
import { revisionPrefix } from "./vmiBuild";

export interface RunningSync {
    /** The VMI as it will be after `vmiActions`. */
    vmi: VirtualMachineInstance;
    vmiActions: Action[];
    vmPatch?: Action;
    /** RestartRequired message, null to clear, undefined when unknown (no start revision). */
    restartRequired: string | null | undefined;
    failure?: { reason: string; message: string };
    requeueAfter?: number;
}

export function syncRunningVmi(
    vm: VirtualMachine,
    vmi: VirtualMachineInstance,
    store: Store,
    ctx: Ctx,
): RunningSync {
    const cfg = ctx.config;
    const live = isLiveUpdate(cfg);
    const migratable = isConditionTrue(vmi.status?.conditions, "LiveMigratable");
    const lastSeen = lastSeenSpec(vm, vmi, store);
    const nonLive = lastSeen
        ? isRestartRequired({
              lastSeen,
              current: vm.spec,
              vmiSpec: vmi.spec,
              liveUpdate: live,
              nadRefLive: cfg.liveUpdateNADRef && migratable,
          })
        : false;
    const vmW = clone(vm);
    const w = clone(vmi);
    syncInterfaces(vmW, w, {
        now: ctx.now,
        liveUpdate: live,
        nadRefLive: cfg.liveUpdateNADRef && migratable && !nonLive,
    });
    syncHotplugVolumes(vmW.spec.template?.spec ?? {}, w);
    bumpGenerationAnnotation(vm, w, lastSeen);
    let outcome: LiveOutcome = {};
    if (live && !nonLive) {
        const ns = vm.metadata.namespace;
        const claimExists = (n: string): boolean =>
            !!store.get(Pvc, `${ns}/${n}`) || !!store.get(Dv, `${ns}/${n}`);
        outcome = propagateLiveUpdates(vmW, w, { now: ctx.now, migratable, claimExists });
    }
    const restartRequired = nonLive
        ? nonLiveMessage
        : (outcome.restartMessage ?? (lastSeen ? null : undefined));
    return syncResult(vm, vmW, vmi, w, restartRequired, outcome);
}

/** The patches that bring the VMI (and, for unplugged interfaces, the VM spec) to the synced copies. */
function syncResult(
    vm: VirtualMachine,
    vmW: VirtualMachine,
    vmi: VirtualMachineInstance,
    w: VirtualMachineInstance,
    restartRequired: string | null | undefined,
    outcome: LiveOutcome,
): RunningSync {
    const specDiff = mergeDiff(vm.spec, vmW.spec);
    const vmiDiff = mergeDiff(pick(vmi), pick(w));
    return {
        vmi: w,
        vmiActions:
            vmiDiff === undefined
                ? []
                : [
                      guardedPatch(
                          vmi,
                          vmiDiff as Record<string, unknown>,
                          describeVmiChange(vmi, w),
                      ),
                  ],
        ...(specDiff !== undefined
            ? {
                  vmPatch: guardedPatch(
                      vm,
                      { spec: specDiff },
                      "clear unplugged (state: absent) interfaces from the VM spec",
                  ),
              }
            : {}),
        restartRequired,
        ...(outcome.error ? { failure: outcome.error, requeueAfter: 1000 } : {}),
    };
}

/** The VM spec stored when the VMI started (`getLastVMRevisionSpec`). */
export function lastSeenSpec(
    vm: VirtualMachine,
    vmi: VirtualMachineInstance,
    store: Store,
): VmSpec | undefined {
    const ns = vm.metadata.namespace;
    const named = vmi.status?.virtualMachineRevisionName;
    let rev = named ? store.get(ControllerRevision, `${ns}/${named}`) : undefined;
    if (!rev) {
        const prefix = revisionPrefix(vm.metadata.uid ?? "");
        const candidates = store
            .list(ControllerRevision, ns)
            .filter((r) => r.metadata.name?.startsWith(prefix));
        rev = candidates.sort((a, b) => Number(b.revision ?? 0) - Number(a.revision ?? 0))[0];
    }
    return (rev?.data as { spec?: VmSpec } | undefined)?.spec;
}

/** `conditionallyBumpGenerationAnnotationOnVmi`: bump when only non-template fields changed. */
function bumpGenerationAnnotation(
    vm: VirtualMachine,
    w: VirtualMachineInstance,
    lastSeen: VmSpec | undefined,
): void {
    const gen = String(vm.metadata.generation ?? 1);
    if (!lastSeen || w.metadata.annotations?.[ann.vmGeneration] === gen) return;
    if (semanticEqual(lastSeen.template, vm.spec.template))
        w.metadata.annotations = { ...(w.metadata.annotations ?? {}), [ann.vmGeneration]: gen };
}

const pick = (o: VirtualMachineInstance): unknown => ({
    metadata: { annotations: o.metadata.annotations },
    spec: o.spec,
    status: o.status,
});

function describeVmiChange(before: VirtualMachineInstance, after: VirtualMachineInstance): string {
    const parts: string[] = [];
    const b = before.spec;
    const a = after.spec;
    if (b.domain?.cpu?.sockets !== a.domain?.cpu?.sockets)
        parts.push(`cpu sockets ${b.domain?.cpu?.sockets} → ${a.domain?.cpu?.sockets}`);
    if (b.domain?.memory?.guest !== a.domain?.memory?.guest)
        parts.push(`memory guest ${b.domain?.memory?.guest} → ${a.domain?.memory?.guest}`);
    if (
        mergeDiff(b.nodeSelector, a.nodeSelector) !== undefined ||
        mergeDiff(b.affinity, a.affinity) !== undefined
    )
        parts.push("node placement");
    if (mergeDiff(b.tolerations, a.tolerations) !== undefined) parts.push("tolerations");
    if (mergeDiff(b.volumes, a.volumes) !== undefined) parts.push("volumes");
    if (
        mergeDiff(b.domain?.devices?.interfaces, a.domain?.devices?.interfaces) !== undefined ||
        mergeDiff(b.networks, a.networks) !== undefined
    )
        parts.push("interfaces");
    if (mergeDiff(before.metadata.annotations, after.metadata.annotations) !== undefined)
        parts.push("vm-generation annotation");
    if (mergeDiff(before.status?.conditions, after.status?.conditions) !== undefined)
        parts.push("conditions");
    return `live update: ${parts.join(", ") || "status"}`;
}
