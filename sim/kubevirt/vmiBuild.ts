/**
 * Building a VMI from its VM the way virt-controller's `startVMI` does: template metadata and spec
 * copied, controller ownerReference, finalizers, the `kubevirt.io/vm-generation` annotation, the
 * start ControllerRevision, and the defaults that land on the VMI only (docs/semantics.md#server-side-writes: default
 * interface/network, CPU topology, maxSockets/maxGuest under LiveUpdate, machine type).
 *
 * x-refs: kubevirt pkg/virt-controller/watch/vm/vm.go (startVMI, SetupVMIFromVM, createVMRevision),
 * pkg/defaults/defaults.go (SetDefaultVirtualMachineInstance).
 */
import type { KubeObject } from "../../provider/k8s/client";
import { ControllerRevision, Vmi, controllerRef } from "../kinds";
import { clone, type Json } from "../util/json";
import { formatBytes, parseQuantity } from "../util/quantity";
import { legacyFirmwareUuid } from "../util/ids";
import { validateLiveUpdateMemory } from "./memoryHotplug";
import {
    ann,
    vmFinalizer,
    vmiForegroundFinalizer,
    type VirtualMachine,
    type VirtualMachineInstance,
    type VmiSpec,
} from "./types";

export const revisionPrefix = (vmUid: string): string => `revision-start-vm-${vmUid}`;
export const revisionName = (vm: VirtualMachine): string =>
    `${revisionPrefix(vm.metadata.uid ?? "")}-${vm.metadata.generation ?? 1}`;

/** The ControllerRevision holding the VM spec a VMI starts from (data = `{spec}`, revision = generation). */
export function buildRevision(vm: VirtualMachine): KubeObject {
    return {
        apiVersion: ControllerRevision.apiVersion,
        kind: ControllerRevision.kind,
        metadata: {
            name: revisionName(vm),
            namespace: vm.metadata.namespace,
            ownerReferences: [controllerRef(vm)],
        },
        data: { spec: clone(vm.spec) },
        revision: vm.metadata.generation ?? 1,
    };
}

export function buildVmi(vm: VirtualMachine, liveUpdate: boolean): VirtualMachineInstance {
    const tmpl = vm.spec.template ?? {};
    const annotations = {
        ...(tmpl.metadata?.annotations ?? {}),
        [ann.vmGeneration]: String(vm.metadata.generation ?? 1),
    };
    const spec = vmiDefaults(clone(tmpl.spec ?? {}), vm.metadata.name ?? "", liveUpdate);
    return {
        apiVersion: Vmi.apiVersion,
        kind: Vmi.kind,
        metadata: {
            name: vm.metadata.name,
            namespace: vm.metadata.namespace,
            ...(tmpl.metadata?.labels ? { labels: { ...tmpl.metadata.labels } } : {}),
            annotations,
            ownerReferences: [controllerRef(vm)],
            finalizers: [vmiForegroundFinalizer, vmFinalizer],
        },
        spec,
        status: { phase: "Pending", virtualMachineRevisionName: revisionName(vm) },
    };
}

/** Defaults applied to the VMI spec only (no VM drift). */
export function vmiDefaults(spec: VmiSpec, vmiName: string, liveUpdate: boolean): VmiSpec {
    const s: Json = spec;
    s.domain ??= {};
    s.architecture ??= "amd64";
    s.domain.machine = { ...(s.domain.machine ?? {}), type: s.domain.machine?.type || "q35" };
    s.domain.firmware = {
        ...(s.domain.firmware ?? {}),
        uuid: s.domain.firmware?.uuid || legacyFirmwareUuid(vmiName),
    };
    defaultGuestMemory(s);
    defaultCpuTopology(s);
    s.domain.cpu.model ??= "host-model";
    defaultNetwork(s);
    if (liveUpdate && s.architecture !== "arm64") {
        defaultMaxSockets(s.domain.cpu);
        defaultMaxGuest(s);
    }
    return s;
}

/** `SetDefaultGuestCPUTopology`: only when cores, sockets and threads are all unset. */
function defaultCpuTopology(s: Json): void {
    const cpu = (s.domain.cpu ??= {});
    if (cpu.cores || cpu.sockets || cpu.threads) return;
    const res = s.domain.resources ?? {};
    const fromResources = parseQuantity(res.limits?.cpu ?? res.requests?.cpu);
    cpu.sockets = fromResources !== undefined ? Math.max(1, Math.ceil(fromResources)) : 1;
    cpu.cores = 1;
    cpu.threads = 1;
}

/** `setupCPUHotplug`: maxSockets = sockets × 4, capped at 512 vCPUs. */
function defaultMaxSockets(cpu: Json): void {
    if (cpu.maxSockets) return;
    const sockets = cpu.sockets ?? 0;
    let max = sockets * 4;
    const perSocket = (cpu.cores ?? 0) * (cpu.threads ?? 0);
    if (perSocket > 0 && max * perSocket > 512)
        max = Math.max(Math.floor(512 / perSocket), sockets);
    cpu.maxSockets = max;
}

/** `setGuestMemory`: guest from requests/limits when not set explicitly. */
function defaultGuestMemory(s: Json): void {
    if (s.domain.memory?.guest) return;
    const res = s.domain.resources ?? {};
    const from = res.requests?.memory ?? res.limits?.memory;
    if (from) s.domain.memory = { ...(s.domain.memory ?? {}), guest: from };
}

/** `setupMemoryHotplug`: maxGuest = guest × 4 when memory hotplug is possible. */
function defaultMaxGuest(s: Json): void {
    const guest = parseQuantity(s.domain.memory?.guest);
    if (s.domain.memory?.maxGuest || guest === undefined) return;
    const maxGuest = formatBytes(guest * 4);
    if (validateLiveUpdateMemory(s, maxGuest) === undefined) s.domain.memory.maxGuest = maxGuest;
}

/** `SetDefaultNetworkInterface`: a pod interface with the cluster default binding (bridge) when none is declared. */
function defaultNetwork(s: Json): void {
    const devices = (s.domain.devices ??= {});
    if (devices.autoattachPodInterface === false) return;
    if ((devices.interfaces ?? []).length || (s.networks ?? []).length) return;
    // KubeVirt's default binding (network.defaultNetworkInterface) is bridge; the bed's CR keeps it.
    devices.interfaces = [{ name: "default", bridge: {} }];
    s.networks = [{ name: "default", pod: {} }];
}
