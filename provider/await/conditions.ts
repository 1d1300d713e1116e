/** Conditions every kind waits on, pure. */
import type { KubeObject } from "../k8s/client";
import type { Verdict } from "./awaiter";

/** Condition: the object is gone (a terminating object still counts as present). */
export function untilGone(what: string): (obj: KubeObject | undefined) => Verdict {
    return (obj) => {
        if (!obj) return { ok: true, message: `${what} deleted` };
        return {
            ok: false,
            message: `${what} still present${obj.metadata.deletionTimestamp ? " (terminating)" : ""}`,
        };
    };
}
