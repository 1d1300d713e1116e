/**
 * When a KubeVirtConfiguration counts as applied: the CR holds every field we own with our value,
 * and, where an operator reports `status.observedGeneration` (virt-operator and HCO do), the
 * operator has seen our generation. Without that field nothing will ever report, so there is
 * nothing to wait for (the test bed runs no operator). Pure.
 */
import type { KubeObject } from "../../k8s/client";
import type { Verdict } from "../../await/awaiter";
import { deepEqual, isPlainObject } from "../../diff/paths";

/** Whether every leaf of `want` is in `have` with the same value (lists compared whole). */
export function holds(want: unknown, have: unknown): boolean {
    if (isPlainObject(want))
        return isPlainObject(have) && Object.entries(want).every(([k, v]) => holds(v, have[k]));
    return deepEqual(want, have);
}

/** The readiness condition for `owned` (the apply body). */
export function configurationApplied(owned: KubeObject) {
    return (live: KubeObject | undefined): Verdict => {
        if (!live) return { ok: false, failed: true, message: `${owned.kind} CR is gone` };
        if (!holds(owned.spec ?? {}, live.spec ?? {}))
            return { ok: false, message: `${owned.kind} CR does not hold the applied fields yet` };
        const observed = (live.status as { observedGeneration?: number } | undefined)
            ?.observedGeneration;
        const generation = live.metadata.generation;
        if (observed !== undefined && generation !== undefined && observed < generation)
            return {
                ok: false,
                message: `operator has observed generation ${observed} of ${generation}`,
            };
        return { ok: true, message: "applied" };
    };
}
