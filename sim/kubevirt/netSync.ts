/**
 * NIC hotplug/unplug and live NAD changes (docs/semantics.md#nic-hotplug), run on every sync whatever the
 * rollout strategy: bridge/SR-IOV interfaces added to the VM are appended to the VMI, link-state
 * and `state: absent` changes are copied, and interfaces whose unplug finished (gone from VMI
 * status) are cleared from both VM and VMI specs — a controller write into the VM (drift).
 * Without a dynamic-networks controller a plugged NIC needs a migration to be realised, so under
 * LiveUpdate it gets MigrationRequired and the workload updater migrates it; an unplug does not.
 *
 * x-refs: kubevirt pkg/network/controllers/vm.go (Sync, applyDynamicIfaceRequestOnVMI,
 * ClearDetachedInterfaces), docs/network/hotplug/interfaces.md, nad_reference.md.
 */
import { setVmiCondition } from "./liveUpdate";
import type { Iface, Network, VirtualMachine, VirtualMachineInstance, VmiSpec } from "./types";

export interface NetEnv {
    now: number;
    liveUpdate: boolean;
    /** LiveUpdateNADRef on, VMI migratable and no RestartRequired: multus.networkName changes apply live. */
    nadRefLive: boolean;
}

/** Mutates `vm` (its template spec) and `w` (the working VMI). */
export function syncInterfaces(vm: VirtualMachine, w: VirtualMachineInstance, env: NetEnv): void {
    const attached = new Set((w.status?.interfaces ?? []).map((i) => i.name));
    const vmSpec = vm.spec.template?.spec;
    if (vmSpec?.domain?.devices?.interfaces) clearDetached(vmSpec, attached);
    clearDetached(w.spec, attached);
    const changed =
        applyIfaceRequests(vmSpec ?? {}, w.spec) ||
        (env.nadRefLive && applyNadChanges(vmSpec ?? {}, w.spec));
    if (changed && env.liveUpdate) {
        setVmiCondition(
            w,
            { type: "MigrationRequired", status: "True", reason: "AutoMigrationDueToLiveUpdate" },
            env.now,
        );
    }
}

/** Drops `state: absent` interfaces the VMI no longer reports, and networks left without an interface. */
function clearDetached(spec: VmiSpec, attached: Set<string | undefined>): void {
    const devices = spec.domain?.devices;
    if (!devices?.interfaces) return;
    const kept = devices.interfaces.filter((i) => i.state !== "absent" || attached.has(i.name));
    if (kept.length === devices.interfaces.length) return;
    devices.interfaces = kept;
    const names = new Set(kept.map((i) => i.name));
    spec.networks = (spec.networks ?? []).filter((n) => names.has(n.name));
}

/** Appends hotplugged bridge/SR-IOV interfaces and copies state changes; true when anything changed. */
function applyIfaceRequests(vm: VmiSpec, vmi: VmiSpec): boolean {
    const devices = ((vmi.domain ??= {}).devices ??= {});
    const current = new Map((devices.interfaces ?? []).map((i) => [i.name, i]));
    const vmNets = new Map((vm.networks ?? []).map((n) => [n.name, n]));
    let changed = false;
    for (const want of vm.domain?.devices?.interfaces ?? []) {
        const have = current.get(want.name);
        if (!have && want.state !== "absent" && (want.bridge || want.sriov)) {
            devices.interfaces = [...(devices.interfaces ?? []), { ...want } as Iface];
            const net = vmNets.get(want.name);
            if (net) vmi.networks = [...(vmi.networks ?? []), { ...net } as Network];
            changed = true;
        } else if (have && want.state !== have.state && have.state !== "absent") {
            // An unplug is done in place by virt-handler (the interface is reported from the
            // domain), so unlike a plug it needs no migration (KubeVirt's network evaluator).
            if (want.state === undefined) delete have.state;
            else have.state = want.state;
        }
    }
    return changed;
}

/** Live NAD reference change (LiveUpdateNADRef, GA 1.9): copy multus.networkName of existing networks. */
function applyNadChanges(vm: VmiSpec, vmi: VmiSpec): boolean {
    const vmNets = new Map((vm.networks ?? []).map((n) => [n.name, n]));
    let changed = false;
    for (const net of vmi.networks ?? []) {
        const want = vmNets.get(net.name)?.multus?.networkName;
        if (net.multus && want && want !== net.multus.networkName) {
            net.multus = { ...net.multus, networkName: want };
            changed = true;
        }
    }
    return changed;
}
