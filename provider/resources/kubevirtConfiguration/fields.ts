/**
 * Where each setting of a KubeVirtConfiguration lives in the operator CR it patches, and the
 * patch itself: only the fields the stack declares, so server-side apply gives this resource's
 * field manager exactly those fields and leaves everything else to the operator and other writers
 * (docs/semantics.md#cluster-configuration). Pure.
 */
import type { KubeObject } from "../../k8s/client";
import { isPlainObject } from "../../diff/paths";
import type { Props } from "../../kindProvider";

export type TargetName = "kubevirt" | "hyperconverged";

/** The settings users declare, by input name (the SDK's KubeVirtConfigurationArgs). */
export const settingKeys = [
    "migrations",
    "vmRolloutStrategy",
    "workloadUpdateStrategy",
    "featureGates",
] as const;
export type SettingKey = (typeof settingKeys)[number];

/** One operator CR kind and the path of each setting in it; a missing path: not settable there. */
export interface TargetKind {
    apiVersion: string;
    kind: string;
    paths: Partial<Record<SettingKey, string[]>>;
}

/**
 * KubeVirt keeps everything under spec.configuration except the workload update strategy; HCO
 * renames migrations to liveMigrationConfig, keys feature gates by its own (camelCase) names as
 * booleans, and has no rollout strategy at all: it decides the KubeVirt CR's itself.
 */
export const targetKinds: Record<TargetName, TargetKind> = {
    kubevirt: {
        apiVersion: "kubevirt.io/v1",
        kind: "KubeVirt",
        paths: {
            migrations: ["spec", "configuration", "migrations"],
            vmRolloutStrategy: ["spec", "configuration", "vmRolloutStrategy"],
            workloadUpdateStrategy: ["spec", "workloadUpdateStrategy"],
            featureGates: ["spec", "configuration", "developerConfiguration", "featureGates"],
        },
    },
    hyperconverged: {
        apiVersion: "hco.kubevirt.io/v1beta1",
        kind: "HyperConverged",
        paths: {
            migrations: ["spec", "liveMigrationConfig"],
            workloadUpdateStrategy: ["spec", "workloadUpdateStrategy"],
            featureGates: ["spec", "featureGates"],
        },
    },
};

/** Namespace and name of the operator CR a configuration patches. */
export interface CrName {
    namespace: string;
    name: string;
}

/** The value at `path` of `obj`, or undefined. */
export function valueAt(obj: unknown, path: readonly string[]): unknown {
    let v: unknown = obj;
    for (const k of path) v = isPlainObject(v) ? v[k] : undefined;
    return v;
}

function setAt(obj: Props, path: readonly string[], value: unknown): void {
    let o = obj;
    for (const k of path.slice(0, -1)) o = o[k] ??= {};
    o[path[path.length - 1]!] = value;
}

/** KubeVirt's feature gate list: atomic, so one owner for the whole list (see gates.ts). */
export function liveGates(target: TargetName, live: KubeObject | undefined): string[] {
    const v = valueAt(live, targetKinds[target].paths.featureGates!);
    if (target === "hyperconverged")
        return isPlainObject(v) ? Object.keys(v).filter((k) => v[k] === true) : [];
    return Array.isArray(v) ? v.filter((g): g is string => typeof g === "string") : [];
}

/**
 * The apply body: the declared settings at their target paths. `gateList` is KubeVirt's whole
 * feature gate list as it must be after the apply (the list is atomic); HCO gates are map keys,
 * so there only the declared ones are sent.
 */
export function ownedObject(
    target: TargetName,
    cr: CrName,
    inputs: Props,
    gateList?: string[],
): KubeObject {
    const t = targetKinds[target];
    const obj: KubeObject = {
        apiVersion: t.apiVersion,
        kind: t.kind,
        metadata: { name: cr.name, namespace: cr.namespace },
    };
    for (const key of settingKeys) {
        const path = t.paths[key];
        const value = inputs[key];
        if (!path || value === undefined || value === null) continue;
        if (key !== "featureGates") setAt(obj, path, value);
        else if (target === "hyperconverged")
            setAt(obj, path, Object.fromEntries((value as string[]).map((g) => [g, true])));
        else if (gateList) setAt(obj, path, gateList);
    }
    return obj;
}

/** The input name a failure at a target path belongs to ("spec.liveMigrationConfig.x" → "migrations.x"). */
export function inputPathOf(target: TargetName, property: string): string {
    for (const key of settingKeys) {
        const path = targetKinds[target].paths[key]?.join(".");
        if (path && (property === path || property.startsWith(`${path}.`)))
            return key + property.slice(path.length);
        if (path && property.startsWith(`${path}[`)) return key + property.slice(path.length);
    }
    return property;
}

/** The declared settings as found in the live object (refresh): declared shape, live values. */
export function settingsIn(target: TargetName, live: KubeObject, declared: Props): Props {
    const out: Props = {};
    for (const key of settingKeys) {
        const path = targetKinds[target].paths[key];
        if (!path || declared[key] === undefined) continue;
        if (key === "featureGates") {
            const have = new Set(liveGates(target, live));
            out[key] = (declared[key] as string[]).filter((g) => have.has(g));
        } else {
            const v = valueAt(live, path);
            if (v !== undefined) out[key] = v;
        }
    }
    return out;
}
