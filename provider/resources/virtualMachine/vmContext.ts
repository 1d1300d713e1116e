/**
 * The context VM predicates read, plus small lookups shared by them. Pure.
 */
import type { Predicate, Verdict } from "../../diff/classify";
import {
    describeChange,
    getAt,
    isPlainObject,
    type JsonObject,
    type PathChange,
    type Segment,
} from "../../diff/paths";
import type { ClusterFacts, Impact, VmRuntime } from "../../diff/types";

/** Everything a VM predicate may consult besides the change itself. */
export interface VmContext {
    oldVm: JsonObject;
    newVm: JsonObject;
    runtime: VmRuntime;
    cluster: ClusterFacts;
    /** A VMI runs now and keeps running through this update (not being stopped by it). */
    running: boolean;
    /** LiveUpdate rollout is in force (docs/semantics.md#rollout-strategy: strategy LiveUpdate on KubeVirt ≥ 1.2). */
    liveUpdate: boolean;
    /** The caller passed expanded (instancetype-applied) template specs. */
    expanded: boolean;
}

/** A VM policy predicate. */
export type VmPredicate = Predicate<VmContext>;

/** Shortens a VM path for users: `spec.template.spec.domain.cpu.sockets` → `cpu.sockets`. */
export function shortPath(path: string): string {
    return path
        .replace(/^spec\.template\.spec\.domain\.(cpu|memory)\./, "$1.")
        .replace(/^spec\.template\.spec\./, "")
        .replace(/^spec\.(?!template\.spec)/, "");
}

/** Terse label of a change, e.g. `cpu.sockets 2→4`. */
export function label(change: PathChange): string {
    return describeChange(change, shortPath);
}

/** Verdict shorthand. */
export function verdict(impact: Impact, why: string, note?: string): Verdict {
    return note === undefined ? { impact, why } : { impact, why, note };
}

/** Restart verdict shorthand; `why` should end with "needs restart" or say why. */
export function needsRestart(why: string): Verdict {
    return { impact: "restart", why };
}

/** `spec.template.spec` of a VM, or an empty object. */
export function templateSpec(vm: JsonObject): JsonObject {
    const t = getAt(vm, ["spec", "template", "spec"]);
    return isPlainObject(t) ? t : {};
}

/** A value under `spec.template.spec`. */
export function tget(vm: JsonObject, ...path: Segment[]): unknown {
    return getAt(templateSpec(vm), path);
}

/** The name of the first keyed element on the change's path (the disk, volume, interface…). */
export function elementName(change: PathChange): string {
    const seg = change.segments.find((s): s is { name: string } => typeof s !== "string");
    return seg?.name ?? "";
}

/** A named element of a list under `spec.template.spec`, e.g. `("volumes")`, `("domain","devices","disks")`. */
export function named(vm: JsonObject, name: string, ...list: string[]): JsonObject | undefined {
    const v = getAt(templateSpec(vm), [...list, { name }]);
    return isPlainObject(v) ? v : undefined;
}

/** A finite number or undefined. */
export function num(v: unknown): number | undefined {
    return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

/** VMI architecture; docs/semantics.md#vm-classification-summary rule: undefined counts as amd64. */
export function architecture(ctx: VmContext): string {
    const a = ctx.runtime.architecture ?? tget(ctx.newVm, "architecture");
    return typeof a === "string" && a !== "" ? a : "amd64";
}

/** True for a PVC or DataVolume volume marked `hotpluggable: true` (docs/semantics.md#volume-hotplug IsHotplugVolume). */
export function isHotplugVolume(vol: unknown): boolean {
    if (!isPlainObject(vol)) return false;
    const src = vol.persistentVolumeClaim ?? vol.dataVolume;
    return isPlainObject(src) && src.hotpluggable === true;
}

/** `pvc:<claim>` / `dv:<name>` for claim-backed volumes, undefined for other volume types. */
export function claimOf(vol: unknown): string | undefined {
    if (!isPlainObject(vol)) return undefined;
    const pvc = vol.persistentVolumeClaim;
    if (isPlainObject(pvc) && typeof pvc.claimName === "string") return `pvc:${pvc.claimName}`;
    const dv = vol.dataVolume;
    if (isPlainObject(dv) && typeof dv.name === "string") return `dv:${dv.name}`;
    return undefined;
}

/**
 * docs/semantics.md#how-changes-reach-a-running-vm: CPU, memory, placement, tolerations and volume-migration updates only propagate while the
 * VM has no RestartRequired. When the VM already carries it, a live verdict becomes restart.
 */
export function gated(p: VmPredicate): VmPredicate {
    return (change, ctx) => {
        const v = p(change, ctx);
        if (
            !v ||
            !ctx.runtime.restartRequired ||
            (v.impact !== "live" && v.impact !== "liveMigrate")
        )
            return v;
        return verdict(
            "restart",
            `${v.why}; but the VM already has RestartRequired, so KubeVirt holds this live update until a restart`,
        );
    };
}
