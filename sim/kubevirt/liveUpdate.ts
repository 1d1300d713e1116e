/**
 * Live propagation under the LiveUpdate rollout strategy (docs/semantics.md#how-changes-reach-a-running-vm, docs/semantics.md#live-updatable-fields): CPU sockets,
 * guest memory, nodeSelector/affinity, tolerations and PVC swaps (updateVolumesStrategy Migration)
 * are written into the running VMI. Each handler mutates a working copy of the VMI; a handler may
 * instead demand a restart (message) or fail with a retryable error, like KubeVirt's.
 *
 * x-refs: kubevirt pkg/virt-controller/watch/vm/vm.go (handleCPUChangeRequest,
 * handleAffinityChangeRequest, handleTolerationsChangeRequest, handleMemoryHotplugRequest,
 * handleVolumeUpdateRequest).
 */
import { findCondition, isConditionTrue, removeCondition, setCondition } from "../util/conditions";
import { deepEqual, ensurePath, setOrDelete, type Json } from "../util/json";
import { parseQuantity } from "../util/quantity";
import { validateLiveUpdateMemory } from "./memoryHotplug";
import {
    claimNameOf,
    isHotplugVolume,
    isMigrating,
    type VirtualMachine,
    type VirtualMachineInstance,
} from "./types";

export interface LiveEnv {
    now: number;
    migratable: boolean;
    /** Whether a PVC (or DataVolume) with this name exists in the VM's namespace. */
    claimExists: (name: string) => boolean;
}

export interface LiveOutcome {
    /** Set when a handler decided the change needs a restart (last one wins, as in KubeVirt). */
    restartMessage?: string;
    /** A retryable error (another hotplug in progress, migration running). */
    error?: { reason: string; message: string };
}

type Handler = (
    vm: VirtualMachine,
    w: VirtualMachineInstance,
    env: LiveEnv,
) => LiveOutcome | undefined;

/** Runs the handlers in KubeVirt's order; stops at the first error. */
export function propagateLiveUpdates(
    vm: VirtualMachine,
    w: VirtualMachineInstance,
    env: LiveEnv,
): LiveOutcome {
    const out: LiveOutcome = {};
    for (const h of [
        handleCpu,
        handleAffinity,
        handleTolerations,
        handleMemory,
        handleVolumeUpdate,
    ] as Handler[]) {
        const r = h(vm, w, env);
        if (r?.error) return { ...out, error: r.error };
        if (r?.restartMessage) out.restartMessage = r.restartMessage;
    }
    return out;
}

const restart = (restartMessage: string): LiveOutcome => ({ restartMessage });
const fail = (reason: string, message: string): LiveOutcome => ({ error: { reason, message } });

function handleCpu(
    vm: VirtualMachine,
    w: VirtualMachineInstance,
    env: LiveEnv,
): LiveOutcome | undefined {
    const want = vm.spec.template?.spec?.domain?.cpu;
    const cpu = w.spec.domain?.cpu;
    if (!want || !cpu || (want.sockets ?? 0) === (cpu.sockets ?? 0)) return undefined;
    const conds = w.status?.conditions;
    if (isConditionTrue(conds, "HotVCPUChange"))
        return fail("HotPlugCPUError", "another CPU hotplug is in progress");
    if (isMigrating(w))
        return fail("HotPlugCPUError", "CPU hotplug is not allowed while VMI is migrating");
    const sockets = want.sockets ?? 0;
    if (sockets > (cpu.maxSockets ?? 0))
        return restart(
            "CPU sockets updated in template spec to a value higher than what's available",
        );
    if (sockets < (cpu.sockets ?? 0))
        return restart("Reduction of CPU socket count requires a restart");
    if (vm.spec.template?.spec?.architecture === "arm64")
        return restart("ARM doesn't support CPU hotplug");
    cpu.sockets = sockets;
    setVmiCondition(w, { type: "HotVCPUChange", status: "True" }, env.now);
    return undefined;
}

function handleAffinity(vm: VirtualMachine, w: VirtualMachineInstance): LiveOutcome | undefined {
    const t = vm.spec.template?.spec ?? {};
    const changed =
        !deepEqual(t.nodeSelector, w.spec.nodeSelector) || !deepEqual(t.affinity, w.spec.affinity);
    if (!changed) return undefined;
    if (isMigrating(w))
        return fail(
            "AffinityChangeError",
            "Node affinity should not be changed during VMI migration",
        );
    setOrDelete(w.spec, "nodeSelector", t.nodeSelector);
    setOrDelete(w.spec, "affinity", t.affinity);
    return undefined;
}

function handleTolerations(vm: VirtualMachine, w: VirtualMachineInstance): LiveOutcome | undefined {
    const want = vm.spec.template?.spec?.tolerations;
    if (deepEqual(want, w.spec.tolerations)) return undefined;
    if (isMigrating(w))
        return fail(
            "TolerationsChangeError",
            "tolerations should not be changed during VMI migration",
        );
    setOrDelete(w.spec, "tolerations", want);
    return undefined;
}

function handleMemory(
    vm: VirtualMachine,
    w: VirtualMachineInstance,
    env: LiveEnv,
): LiveOutcome | undefined {
    const want = vm.spec.template?.spec?.domain?.memory?.guest;
    const mem = w.spec.domain?.memory;
    const status = w.status?.memory;
    if (!want || !mem?.guest || !status?.guestCurrent) return undefined;
    const conds = w.status?.conditions;
    const prefix = "memory updated in template spec";
    if (findCondition(conds, "HotMemoryChange")?.status === "False") {
        return restart(
            `${prefix}. Memory-hotplug failed and is not available for this VM configuration`,
        );
    }
    if (parseQuantity(want) === parseQuantity(mem.guest)) return undefined;
    if (!env.migratable)
        return restart(`${prefix}. Memory-hotplug is only available for migratable VMs`);
    if (!mem.maxGuest)
        return restart(`${prefix}. Memory-hotplug is not available for this VM configuration`);
    if (isConditionTrue(conds, "HotMemoryChange"))
        return fail("HotPlugMemoryError", "another memory hotplug is in progress");
    if (isMigrating(w))
        return fail("HotPlugMemoryError", "memory hotplug is not allowed while VMI is migrating");
    const invalid = validateLiveUpdateMemory(vm.spec.template?.spec ?? {}, mem.maxGuest);
    if (invalid) return restart(`memory hotplug not supported, ${invalid}`);
    if ((parseQuantity(want) ?? 0) < (parseQuantity(status.guestAtBoot) ?? 0))
        return restart(`${prefix} to a value lower than what the VM started with`);
    if ((parseQuantity(want) ?? 0) > (parseQuantity(mem.maxGuest) ?? 0))
        return restart(`${prefix} to a value higher than what's available`);
    mem.guest = want;
    setVmiCondition(w, { type: "HotMemoryChange", status: "True" }, env.now);
    return undefined;
}

/** PVC/DV swaps with `updateVolumesStrategy: Migration` start a storage migration (docs/semantics.md#live-updatable-fields). */
function handleVolumeUpdate(
    vm: VirtualMachine,
    w: VirtualMachineInstance,
    env: LiveEnv,
): LiveOutcome | undefined {
    if (vm.spec.updateVolumesStrategy !== "Migration") return undefined;
    const current = new Map((w.spec.volumes ?? []).map((v) => [v.name, v]));
    const swaps = (vm.spec.template?.spec?.volumes ?? []).filter((v) => {
        const old = current.get(v.name);
        return (
            !isHotplugVolume(v) &&
            old &&
            claimNameOf(v) &&
            claimNameOf(old) &&
            claimNameOf(v) !== claimNameOf(old)
        );
    });
    if (!swaps.length) return undefined;
    const missing = swaps.map((v) => claimNameOf(v)!).filter((n) => !env.claimExists(n));
    if (missing.length) {
        const message = `One of the destination volumes doesn't exist: persistentvolumeclaim "${missing[0]}" not found`;
        setVmiCondition(w, { type: "VolumesChange", status: "False", message }, env.now);
        return undefined;
    }
    const status: Json = ensurePath(w, "status");
    status.migratedVolumes = swaps.map((v) => ({
        volumeName: v.name,
        sourcePVCInfo: { claimName: claimNameOf(current.get(v.name)!) },
        destinationPVCInfo: { claimName: claimNameOf(v) },
    }));
    w.spec.volumes = (w.spec.volumes ?? []).map((v) => swaps.find((s) => s.name === v.name) ?? v);
    setVmiCondition(w, { type: "VolumesChange", status: "True" }, env.now);
    return undefined;
}

export function setVmiCondition(
    w: VirtualMachineInstance,
    c: { type: string; status: string; reason?: string; message?: string },
    now: number,
): void {
    const status: Json = ensurePath(w, "status");
    status.conditions = setCondition(status.conditions, c, now);
}

export function removeVmiCondition(w: VirtualMachineInstance, type: string): void {
    if (w.status?.conditions) w.status.conditions = removeCondition(w.status.conditions, type);
}
