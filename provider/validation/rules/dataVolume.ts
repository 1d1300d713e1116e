/**
 * Cross-field rules for CDI DataVolume specs that a JSON Schema cannot express. They mirror the
 * admission checks of cdi-apiserver (`pkg/apiserver/webhooks/datavolume-validate.go`) and of
 * KubeVirt for `dataVolumeTemplates` (`validateDataVolume` in vms-admitter.go), so a preview
 * fails instead of the apply.
 */
import { CheckFailure, fail, isUnknown } from "../types";
import { checkDataVolumeSource } from "./dataVolumeSource";

type Json = Record<string, unknown>;

/** Source types of `spec.source` (cdi v1beta1 DataVolumeSource). Used only to list options. */
const SOURCE_TYPES = [
    "blank",
    "gcs",
    "http",
    "imageio",
    "pvc",
    "registry",
    "s3",
    "snapshot",
    "upload",
    "vddk",
];

/** @internal Narrowing helper shared by the rules. */
export function asRecord(value: unknown): Json | undefined {
    return typeof value === "object" && value !== null && !Array.isArray(value)
        ? (value as Json)
        : undefined;
}

/** @internal Set means present and not null; the apiserver drops nulls before webhooks run. */
export function isSet(value: unknown): boolean {
    return value !== undefined && value !== null;
}

/** Exactly one of `pvc` / `storage`. */
function pvcOrStorage(spec: Json, p: string): CheckFailure[] {
    // An unknown value may still resolve to undefined, so presence cannot be judged yet.
    if (isUnknown(spec.pvc) || isUnknown(spec.storage)) return [];
    if (isSet(spec.pvc) && isSet(spec.storage)) {
        const reason = `'${p}.pvc' and '${p}.storage' are mutually exclusive; set only one ('storage' is recommended)`;
        return [fail(`${p}.pvc`, reason)];
    }
    if (!isSet(spec.pvc) && !isSet(spec.storage)) {
        return [fail(`${p}.storage`, `one of '${p}.storage' or '${p}.pvc' must be set`)];
    }
    return [];
}

/** A PVC `dataSourceRef`/`dataSource` means an external populator fills the volume. */
function externallyPopulated(spec: Json): boolean {
    const target = asRecord(spec.pvc) ?? asRecord(spec.storage);
    return !!target && (isSet(target.dataSourceRef) || isSet(target.dataSource));
}

/** Exactly one of `source` / `sourceRef`, unless externally populated (then neither). */
function sourceOrSourceRef(spec: Json, p: string): CheckFailure[] {
    if ([spec.source, spec.sourceRef, spec.pvc, spec.storage].some(isUnknown)) return [];
    const hasSource = isSet(spec.source);
    const hasRef = isSet(spec.sourceRef);
    const external = externallyPopulated(spec);
    if (external && (hasSource || hasRef)) {
        const which = `${p}.${hasSource ? "source" : "sourceRef"}`;
        const reason = `'${which}' cannot be combined with external population (a 'dataSourceRef' in '${p}.pvc' or '${p}.storage')`;
        return [fail(which, reason)];
    }
    if (hasSource && hasRef) {
        return [
            fail(
                `${p}.sourceRef`,
                `'${p}.source' and '${p}.sourceRef' are mutually exclusive; set only one`,
            ),
        ];
    }
    if (!hasSource && !hasRef && !external) {
        return [fail(`${p}.source`, `one of '${p}.source' or '${p}.sourceRef' must be set`)];
    }
    return [];
}

/** `spec.source` must name exactly one source type; `upload: {}` and `blank: {}` count. */
function oneSourceType(spec: Json, p: string): CheckFailure[] {
    const source = asRecord(spec.source);
    if (!source || Object.values(source).some(isUnknown)) return [];
    const set = Object.keys(source).filter((k) => isSet(source[k]));
    if (set.length === 0) {
        return [
            fail(
                `${p}.source`,
                `'${p}.source' must set exactly one source type (${SOURCE_TYPES.join(", ")}); none is set`,
            ),
        ];
    }
    if (set.length > 1) {
        return [
            fail(
                `${p}.source`,
                `'${p}.source' sets ${set.length} source types (${set.join(", ")}); exactly one is allowed`,
            ),
        ];
    }
    return [];
}

/**
 * Rules for one DataVolume spec found at property path `p` (`spec` for a DataVolume,
 * `spec.dataVolumeTemplates[i].spec` inside a VirtualMachine). Skipped when the spec is unknown.
 */
export function checkDataVolumeSpec(specValue: unknown, p: string): CheckFailure[] {
    const spec = asRecord(specValue);
    if (!spec) return [];
    return [
        ...pvcOrStorage(spec, p),
        ...sourceOrSourceRef(spec, p),
        ...oneSourceType(spec, p),
        ...checkDataVolumeSource(spec, p),
    ];
}

/** All cross-field rules of a DataVolume manifest. */
export function checkDataVolume(dv: unknown): CheckFailure[] {
    return checkDataVolumeSpec(asRecord(dv)?.spec, "spec");
}
