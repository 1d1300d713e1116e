/**
 * Predicates for `volumes` and `domain.devices.disks` (docs/semantics.md#live-updatable-fields volume rows, docs/semantics.md#volume-hotplug, docs/semantics.md#vm-classification-summary item 6).
 */
import { getAt, isPlainObject } from "../../diff/paths";
import {
    claimOf,
    elementName,
    isHotplugVolume,
    label,
    named,
    verdict,
    type VmContext,
    type VmPredicate,
} from "./vmContext";
import type { Verdict } from "../../diff/classify";

const disks = ["domain", "devices", "disks"];

/** docs/semantics.md#volume-hotplug: the declarative gate hot-plugs spec edits; the legacy gate ignores them. */
function hotplugVerdict(ctx: VmContext, what: string, verb: string): Verdict {
    if (ctx.cluster.declarativeHotplug)
        return verdict("live", `${what}: ${verb} declaratively, no restart`);
    return verdict(
        "restart",
        `${what}: with the legacy HotplugVolumes gate spec edits are not hot-plugged (use virtctl addvolume/removevolume); applies on restart`,
    );
}

/** A volume added or removed: live only for hotpluggable PVC/DataVolume volumes. */
export const volumeEntry: VmPredicate = (change, ctx) => {
    const name = elementName(change);
    const vol = change.kind === "added" ? change.new : change.old;
    const what = `volume '${name}' ${change.kind}`;
    if (!isHotplugVolume(vol))
        return verdict("restart", `${what} (not a hotpluggable PVC/DataVolume): needs restart`);
    return hotplugVerdict(ctx, what, change.kind === "added" ? "hot-plugged" : "hot-unplugged");
};

/** A disk added or removed: follows its volume, except CD-ROM removal (docs/semantics.md#live-updatable-fields, v1.8 / 1.7.z). */
export const diskEntry: VmPredicate = (change, ctx) => {
    const name = elementName(change);
    const added = change.kind === "added";
    const disk = added ? change.new : change.old;
    const vol = named(added ? ctx.newVm : ctx.oldVm, name, "volumes");
    if (!added && isPlainObject(disk) && disk.cdrom !== undefined) {
        return verdict(
            "restart",
            `CD-ROM disk '${name}' removed: removing a CD-ROM disk needs a restart (eject by changing its volume instead)`,
        );
    }
    if (!isHotplugVolume(vol)) {
        return verdict(
            "restart",
            `domain.devices.disks changed (disk '${name}' ${change.kind} without hotpluggable volume): needs restart`,
        );
    }
    return hotplugVerdict(
        ctx,
        `disk '${name}' ${change.kind} with hotpluggable volume`,
        added ? "hot-plugged" : "hot-unplugged",
    );
};

/** docs/semantics.md#volume-hotplug: changing an existing hotplug volume is an unplug + replug (also ejects/injects CD-ROMs). */
export const hotplugVolumeChange: VmPredicate = (change, ctx) => {
    const name = elementName(change);
    const before = named(ctx.oldVm, name, "volumes");
    const after = named(ctx.newVm, name, "volumes");
    if (!isHotplugVolume(before) || !isHotplugVolume(after)) return undefined;
    return hotplugVerdict(
        ctx,
        `hotpluggable volume '${name}' changed (${label(change)})`,
        "unplugged and re-plugged",
    );
};

/** docs/semantics.md#live-updatable-fields: volume types that cannot be storage-migrated (shareable, lun, virtiofs, hotplug). */
function unmigratableReason(ctx: VmContext, name: string): string | undefined {
    const disk = named(ctx.newVm, name, ...disks);
    if (disk?.shareable === true) return "shareable disk";
    if (disk?.lun !== undefined) return "lun disk";
    if (named(ctx.newVm, name, "domain", "devices", "filesystems") !== undefined)
        return "virtiofs filesystem";
    if (isHotplugVolume(named(ctx.newVm, name, "volumes"))) return "hotplugged volume";
    return undefined;
}

/**
 * docs/semantics.md#live-updatable-fields: swapping the claim behind a volume with `updateVolumesStrategy: Migration` is a storage
 * live migration; declines for other volume changes.
 */
export const volumeMigration: VmPredicate = (change, ctx) => {
    if (getAt(ctx.newVm, ["spec", "updateVolumesStrategy"]) !== "Migration") return undefined;
    const name = elementName(change);
    const from = claimOf(named(ctx.oldVm, name, "volumes"));
    const to = claimOf(named(ctx.newVm, name, "volumes"));
    if (from === undefined || to === undefined || from === to) return undefined;
    const what = `volume '${name}' ${from}→${to}`;
    const bad = unmigratableReason(ctx, name);
    if (bad !== undefined)
        return verdict("restart", `${what}: a ${bad} cannot be storage-migrated; needs restart`);
    return verdict(
        "liveMigrate",
        `${what} is copied by a storage live migration (updateVolumesStrategy: Migration)`,
    );
};

/** Any other change to an existing volume is restart-only (docs/semantics.md#live-updatable-fields). */
export const volumeChangeRestart = (change: Parameters<VmPredicate>[0]): string =>
    `volume '${elementName(change)}' changed (${label(change)}): not live-updatable; needs restart`;
