/**
 * RestartRequired, exactly as virt-controller computes it (`syncRestartRequired`,
 * docs/semantics.md#how-changes-reach-a-running-vm, docs/semantics.md#live-updatable-fields, docs/semantics.md#nic-hotplug): copy every live-updatable field from the current VM spec into the spec the
 * VMI was started from, then compare `spec.template.spec`; any remaining difference means the
 * change cannot reach the running VMI.
 *
 * x-refs: kubevirt pkg/virt-controller/watch/vm/vm.go (syncRestartRequired, validLiveUpdateVolumes,
 * validLiveUpdateDisks), pkg/network/vmliveupdate/restart.go (IsRestartRequired).
 */
import { clone, deepEqual, ensurePath, semanticEqual, setOrDelete, type Json } from "../util/json";
import {
    isHotplugVolume,
    type Disk,
    type Iface,
    type Network,
    type VmSpec,
    type VmiSpec,
    type Volume,
} from "./types";

export const nonLiveMessage = "a non-live-updatable field was changed in the template spec";

export interface RestartInput {
    /** The VM spec stored when the running VMI was started (ControllerRevision). */
    lastSeen: VmSpec;
    /** The VM spec now. */
    current: VmSpec;
    /** The running VMI's spec (for the network comparison and the firmware UUID). */
    vmiSpec: VmiSpec;
    liveUpdate: boolean;
    /** LiveUpdateNADRef enabled and the VMI migratable: multus.networkName may change live. */
    nadRefLive: boolean;
}

/** True when a non-live-updatable field differs between the started spec and the current one. */
export function isRestartRequired(input: RestartInput): boolean {
    const last: Json = clone(input.lastSeen.template?.spec ?? {});
    const cur: Json = input.current.template?.spec ?? {};
    if (validLiveUpdateVolumes(last, cur, input.current.updateVolumesStrategy))
        setOrDelete(last, "volumes", cur.volumes);
    if (validLiveUpdateDisks(last, cur))
        setOrDelete(ensurePath(last, "domain", "devices"), "disks", cur.domain?.devices?.disks);
    if (input.liveUpdate) copyLiveFields(last, cur);
    if (!networkRestartRequired(cur, input.vmiSpec, input.nadRefLive)) {
        setOrDelete(
            ensurePath(last, "domain", "devices"),
            "interfaces",
            cur.domain?.devices?.interfaces,
        );
        setOrDelete(last, "networks", cur.networks);
    }
    const vmiUuid = input.vmiSpec.domain?.firmware?.uuid;
    if (vmiUuid && cur.domain?.firmware && vmiUuid === cur.domain.firmware.uuid)
        ensurePath(last, "domain", "firmware").uuid = vmiUuid;
    return !semanticEqual(last, cur);
}

/** CPU sockets, guest memory, nodeSelector, affinity and tolerations (LiveUpdate only). */
function copyLiveFields(last: Json, cur: Json): void {
    if (last.domain?.cpu && cur.domain?.cpu)
        setOrDelete(last.domain.cpu, "sockets", cur.domain.cpu.sockets);
    if (cur.domain?.memory?.guest !== undefined)
        ensurePath(last, "domain", "memory").guest = cur.domain.memory.guest;
    for (const k of ["nodeSelector", "affinity", "tolerations"]) setOrDelete(last, k, cur[k]);
}

const byName = <T extends { name: string }>(xs: T[] | undefined): Map<string, T> =>
    new Map((xs ?? []).map((x) => [x.name, x]));

/** Only hotplug volumes (and PVC/DV swaps under updateVolumesStrategy Migration) changed. */
export function validLiveUpdateVolumes(
    last: VmiSpec,
    cur: VmiSpec,
    updateVolumesStrategy: string | undefined,
): boolean {
    const old = byName(last.volumes);
    for (const v of cur.volumes ?? []) {
        const o = old.get(v.name);
        if (isHotplugVolume(v)) old.delete(v.name);
        else if (!o) return false;
        else if ((v.persistentVolumeClaim || v.dataVolume) && updateVolumesStrategy === "Migration")
            old.delete(v.name);
        else if (!semanticEqual(o, v)) return false;
        else old.delete(v.name);
    }
    return [...old.values()].every((v: Volume) => isHotplugVolume(v));
}

/** Only disks of hotplug volumes changed, and no CD-ROM disk was removed. */
export function validLiveUpdateDisks(last: VmiSpec, cur: VmiSpec): boolean {
    const oldDisks = byName<Disk>(last.domain?.devices?.disks);
    const oldVols = byName(last.volumes);
    const vols = byName(cur.volumes);
    const newDisks = byName<Disk>(cur.domain?.devices?.disks);
    for (const d of cur.domain?.devices?.disks ?? []) {
        const o = oldDisks.get(d.name);
        if (isHotplugVolume(vols.get(d.name))) oldDisks.delete(d.name);
        else if (!o || !semanticEqual(o, d)) return false;
        else oldDisks.delete(d.name);
    }
    for (const o of oldDisks.values()) {
        const v = oldVols.get(o.name);
        if (v && !isHotplugVolume(v)) return false;
        if (o.cdrom && !newDisks.has(o.name)) return false;
    }
    return true;
}

/**
 * `netvmliveupdate.IsRestartRequired`: comparing the VM's desired interfaces/networks with the
 * VMI's, an existing one was removed (not via state: absent), changed beyond `state`, a pod
 * network was added, or a network changed (only multus.networkName may, when nadRefLive).
 */
export function networkRestartRequired(vm: VmiSpec, vmi: VmiSpec, nadRefLive: boolean): boolean {
    const desiredIfaces = byName<Iface>(vm.domain?.devices?.interfaces);
    for (const cur of vmi.domain?.devices?.interfaces ?? []) {
        const want = desiredIfaces.get(cur.name);
        if (!want || !deepEqual({ ...want, state: undefined }, { ...cur, state: undefined }))
            return true;
    }
    const hasPod = (ns: Network[] | undefined): boolean => (ns ?? []).some((n) => n.pod);
    if (hasPod(vm.networks) && !hasPod(vmi.networks)) return true;
    const desiredNets = byName<Network>(vm.networks);
    for (const cur of vmi.networks ?? []) {
        const want = desiredNets.get(cur.name);
        if (!want) return true;
        const norm = (n: Network): Network =>
            nadRefLive && n.multus ? { ...n, multus: { ...n.multus, networkName: "" } } : n;
        if (!deepEqual(norm(want), norm(cur))) return true;
    }
    return false;
}
