/**
 * DataVolume source URLs and access modes, checked as cdi-apiserver checks them on create
 * (datavolume-validate.go: the HTTP URL must parse, a registry URL needs the docker:// or
 * oci-archive:// scheme) plus the access modes a claim can have. An HTTP URL CDI cannot parse is
 * otherwise found only by the importer pod, and the DataVolume retries until `up` times out.
 */
import { CheckFailure, fail, isUnknown } from "../types";
import { asRecord } from "./dataVolume";

/** Per source type: where its URL is and which schemes the importer supports. */
export const SOURCE_URLS: Record<
    string,
    { field: string; schemes: readonly string[]; example: string }
> = {
    http: { field: "url", schemes: ["http:", "https:"], example: "https://example.com/disk.qcow2" },
    registry: {
        field: "url",
        schemes: ["docker:", "oci-archive:"],
        example: "docker://quay.io/containerdisks/fedora:41",
    },
    s3: {
        field: "url",
        schemes: ["http:", "https:", "s3:"],
        example: "https://s3.example.com/bucket/disk.img",
    },
    gcs: { field: "url", schemes: ["gs:", "http:", "https:"], example: "gs://bucket/disk.img" },
    imageio: {
        field: "url",
        schemes: ["http:", "https:"],
        example: "https://engine.example.com/ovirt-engine/api",
    },
};

/** `PersistentVolumeAccessMode` values. */
export const ACCESS_MODES = [
    "ReadWriteOnce",
    "ReadOnlyMany",
    "ReadWriteMany",
    "ReadWriteOncePod",
] as const;

function urlProblem(url: string, schemes: readonly string[]): string | undefined {
    const allowed = `allowed: ${schemes.map((s) => `${s}//`).join(", ")}`;
    let parsed: URL;
    try {
        parsed = new URL(url);
    } catch {
        return `is not an absolute URL (${allowed})`;
    }
    return schemes.includes(parsed.protocol)
        ? undefined
        : `has scheme '${parsed.protocol}//'; ${allowed}`;
}

function sourceUrlFailures(source: Record<string, unknown>, p: string): CheckFailure[] {
    return Object.entries(SOURCE_URLS).flatMap(([type, rule]) => {
        const url = asRecord(source[type])?.[rule.field];
        if (typeof url !== "string" || isUnknown(url)) return [];
        const problem = urlProblem(url, rule.schemes);
        const at = `${p}.source.${type}.${rule.field}`;
        return problem
            ? [
                  fail(
                      at,
                      `'${at}' ${JSON.stringify(url)} ${problem} (a URL such as ${JSON.stringify(rule.example)})`,
                  ),
              ]
            : [];
    });
}

function accessModeFailures(spec: Record<string, unknown>, p: string): CheckFailure[] {
    return ["storage", "pvc"].flatMap((api) => {
        const modes = asRecord(spec[api])?.accessModes;
        if (!Array.isArray(modes)) return [];
        return modes.flatMap((m, i) => {
            if (
                typeof m !== "string" ||
                isUnknown(m) ||
                (ACCESS_MODES as readonly string[]).includes(m)
            )
                return [];
            const at = `${p}.${api}.accessModes[${i}]`;
            return [
                fail(
                    at,
                    `'${at}' has invalid value ${JSON.stringify(m)}; allowed values: ${ACCESS_MODES.join(", ")}`,
                ),
            ];
        });
    });
}

/** Source URL and access mode rules of one DataVolume spec at property path `p`. */
export function checkDataVolumeSource(spec: Record<string, unknown>, p: string): CheckFailure[] {
    const source = asRecord(spec.source);
    return [...(source ? sourceUrlFailures(source, p) : []), ...accessModeFailures(spec, p)];
}
