/**
 * Declarative volume hotplug (DeclarativeHotplugVolumes, on by default in 1.9;
 * docs/semantics.md#volume-hotplug): hotpluggable PVC/DV volumes added to or removed from the VM are attached to or detached
 * from the running VMI, whatever the rollout strategy, without a migration. A changed hotplug
 * volume is unplugged and plugged again.
 *
 * x-refs: kubevirt pkg/storage/hotplug/hotplug.go (HandleDeclarativeVolumes).
 */
import { deepEqual } from "../util/json";
import {
    isHotplugVolume,
    type Disk,
    type VirtualMachineInstance,
    type VmiSpec,
    type Volume,
} from "./types";

/** Mutates the working VMI `w`; true when its volumes changed. */
export function syncHotplugVolumes(vm: VmiSpec, w: VirtualMachineInstance): boolean {
    const want = new Map((vm.volumes ?? []).filter(isHotplugVolume).map((v) => [v.name, v]));
    const vmDisks = new Map((vm.domain?.devices?.disks ?? []).map((d) => [d.name, d]));
    const vols = w.spec.volumes ?? [];
    const removed = new Set(
        vols
            .filter((v) => isHotplugVolume(v) && !deepEqual(want.get(v.name), v))
            .map((v) => v.name),
    );
    const added = [...want.values()].filter(
        (v) => removed.has(v.name) || !vols.some((x) => x.name === v.name),
    );
    if (!removed.size && !added.length) return false;
    const devices = ((w.spec.domain ??= {}).devices ??= {});
    const nextVols: Volume[] = [
        ...vols.filter((v) => !removed.has(v.name)),
        ...added.map((v) => ({ ...v })),
    ];
    const nextDisks: Disk[] = [
        ...(devices.disks ?? []).filter((d) => !removed.has(d.name)),
        ...added.flatMap((v) => (vmDisks.has(v.name) ? [{ ...vmDisks.get(v.name)! }] : [])),
    ];
    if (nextVols.length) w.spec.volumes = nextVols;
    else delete w.spec.volumes;
    if (nextDisks.length) devices.disks = nextDisks;
    else delete devices.disks;
    return true;
}
