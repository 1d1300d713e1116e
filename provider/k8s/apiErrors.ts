/** Turns API server error responses (a Kubernetes `Status`) into typed errors. */
import { CrdMissingError, KubeApiError, type StatusCause } from "../errors";

interface Status {
    message?: string;
    reason?: string;
    code?: number;
    details?: { causes?: StatusCause[] };
}

/**
 * A KubeApiError for an HTTP error response. `what` says which operation on which object failed
 * ("apply VirtualMachine ns/name"); field causes from 422 Invalid are listed one per line so the
 * user sees every bad field, not just the first.
 */
export function decodeStatusError(code: number, body: string, what: string): KubeApiError {
    let st: Status;
    try {
        st = JSON.parse(body) as Status;
    } catch {
        st = { message: body.slice(0, 500) };
    }
    const causes = st.details?.causes ?? [];
    const lines = causes.map((c) => `  - ${c.field ? `${c.field}: ` : ""}${c.message ?? c.reason ?? ""}`);
    const msg = `${what} failed (${code} ${st.reason ?? ""}): ${st.message ?? "no message"}` + (lines.length ? `\n${lines.join("\n")}` : "");
    return new KubeApiError(msg, code, st.reason ?? "", causes);
}

export function crdMissing(apiVersion: string, kind: string): CrdMissingError {
    return new CrdMissingError(apiVersion, kind);
}
