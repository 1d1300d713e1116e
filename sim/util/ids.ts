/** Deterministic identifiers: name-based UUIDs and short hashes for MACs, IPs and event names. */
import { createHash } from "crypto";

/** RFC 4122 version-5 (SHA-1, name-based) UUID. */
export function uuidV5(namespace: string, name: string): string {
    const ns = Buffer.from(namespace.replace(/-/g, ""), "hex");
    const h = createHash("sha1").update(ns).update(name).digest();
    h[6] = (h[6]! & 0x0f) | 0x50;
    h[8] = (h[8]! & 0x3f) | 0x80;
    const x = h.subarray(0, 16).toString("hex");
    return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** KubeVirt's namespace for legacy firmware UUIDs (`CalculateLegacyUUID`, SHA-1 of the VM name). */
const firmwareUuidNamespace = "6a1a24a1-4061-4607-8bf4-a3963d0c5895";

export function legacyFirmwareUuid(vmName: string): string {
    return uuidV5(firmwareUuidNamespace, vmName);
}

/** A stable 32-bit hash (FNV-1a). */
export function hash32(s: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) {
        h ^= s.charCodeAt(i);
        h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h;
}

/** A locally administered MAC derived from a seed. */
export function macFor(seed: string): string {
    const h = createHash("sha1").update(seed).digest();
    return ["02", ...[0, 1, 2, 3, 4].map((i) => h[i]!.toString(16).padStart(2, "0"))].join(":");
}
