/** FakeKube's kinds table and the helpers it shares with the sim tests (merge patch, polling). */
import * as K from "../../../sim/kinds";

export const defaultKinds: [K.Gvk, boolean][] = [
    [K.Node, true],
    [K.Pvc, true],
    [K.Event, false],
    [K.ControllerRevision, false],
    [K.Vm, true],
    [K.Vmi, false],
    [K.Vmim, true],
    [K.Dv, true],
    [K.DataSource, false],
    [K.Nncp, true],
    [K.Nnce, true],
    [K.Nns, true],
];

export const id = (apiVersion: string, kind: string): string => `${apiVersion}/${kind}`;
export const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

export function applyMergePatch(target: unknown, patch: unknown): unknown {
    if (typeof patch !== "object" || patch === null || Array.isArray(patch)) return clone(patch);
    const out: Record<string, unknown> =
        typeof target === "object" && target !== null && !Array.isArray(target)
            ? { ...(target as Record<string, unknown>) }
            : {};
    for (const [k, v] of Object.entries(patch)) {
        if (v === null) delete out[k];
        else out[k] = applyMergePatch(out[k], v);
    }
    return out;
}

/** Polls `fn` until it returns a truthy value (returned) or `timeoutMs` passes (throws with `what`). */
export async function waitFor<T>(
    what: string,
    fn: () => T | undefined | false,
    timeoutMs = 5000,
): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const v = fn();
        if (v) return v;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 10));
    }
}
