/**
 * The last update's plan mismatch, read from the state the preview carries (the VM's
 * `lastUpdate.mismatch` output, diff/types.ts `PlanMismatch`), so the report shows the same typed
 * record the outputs hold: evidence that the classifier was wrong for this VM last time. Pure.
 */
import { isPlainObject, type JsonObject } from "../diff/paths";
import type { MismatchKind, PlanMismatch } from "../diff/types";
import { isImpact } from "./model";

/** What the cluster did instead, as reviewers read it. */
export const observedLabel: Record<MismatchKind, string> = {
    noRestartRequired: "no RestartRequired",
    restartRequired: "RestartRequired",
    vmiReplaced: "VMI replaced",
    notMigrated: "VMI not migrated",
};

function isMismatchKind(s: unknown): s is MismatchKind {
    return typeof s === "string" && Object.hasOwn(observedLabel, s);
}

/** `outputs.lastUpdate.mismatch` when it is a well-formed mismatch; undefined otherwise (null = as planned). */
export function readMismatch(outputs: JsonObject | undefined): PlanMismatch | undefined {
    const last = outputs?.lastUpdate;
    const m = isPlainObject(last) ? last.mismatch : undefined;
    if (!isPlainObject(m) || !isImpact(m.planned) || !isMismatchKind(m.observed)) return undefined;
    return {
        planned: m.planned,
        observed: m.observed,
        message: typeof m.message === "string" ? m.message : "",
    };
}
