/**
 * Sizes that must be greater than zero. The schema's quantity pattern accepts "-10Gi" and "0";
 * the API server or the controllers refuse them only later (CDI's webhook for a DataVolume; a
 * VM's launcher for guest memory), and a DataVolume the webhook lets through with such a size
 * never becomes ready, so `up` waits out its timeout. A table per kind; `[*]` is every entry.
 */
import { CheckFailure, fail } from "../types";
import { quantityNanos } from "../../diff/quantity";

const DV_SIZES = ["storage.resources.requests.storage", "pvc.resources.requests.storage"];
const VM_MEMORY = ["memory.guest", "resources.requests.memory", "resources.limits.memory"];

/** Paths of sizes that must be positive, per kind. */
export const POSITIVE_QUANTITIES: Record<string, readonly string[]> = {
    VirtualMachine: [
        ...VM_MEMORY.map((p) => `spec.template.spec.domain.${p}`),
        ...DV_SIZES.map((p) => `spec.dataVolumeTemplates[*].spec.${p}`),
    ],
    DataVolume: DV_SIZES.map((p) => `spec.${p}`),
    VirtualMachineInstancetype: ["spec.memory.guest"],
    VirtualMachineClusterInstancetype: ["spec.memory.guest"],
};

/** Every concrete path and value matching `pattern` in `obj`. */
export function valuesAt(obj: unknown, pattern: string): { path: string; value: unknown }[] {
    let found: { path: string; value: unknown }[] = [{ path: "", value: obj }];
    for (const part of pattern.split(".")) {
        const [, key = "", each] = /^([^[]*)(\[\*\])?$/.exec(part) ?? [];
        found = found.flatMap(({ path, value }) => {
            const child =
                typeof value === "object" && value !== null
                    ? (value as Record<string, unknown>)[key]
                    : undefined;
            const p = path ? `${path}.${key}` : key;
            if (!each) return child === undefined ? [] : [{ path: p, value: child }];
            return Array.isArray(child)
                ? child.map((v, i) => ({ path: `${p}[${i}]`, value: v }))
                : [];
        });
    }
    return found;
}

/** Failures for sizes of `kind` that are zero or negative (invalid syntax is the schema's). */
export function checkPositiveQuantities(kind: string, obj: unknown): CheckFailure[] {
    return (POSITIVE_QUANTITIES[kind] ?? []).flatMap((pattern) =>
        valuesAt(obj, pattern).flatMap(({ path, value }) => {
            const nanos = quantityNanos(value);
            if (nanos === undefined || nanos > 0n) return [];
            return [
                fail(
                    path,
                    `'${path}' is ${JSON.stringify(value)}; a size must be greater than zero`,
                ),
            ];
        }),
    );
}
