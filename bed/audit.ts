/**
 * The API server's audit log, narrowed to one user.
 *
 * Tests that promise "no write reaches the API server" and the benchmark that counts requests
 * per phase need the server's own record, not the client's: a retry, a watch re-list or a
 * dry run would be invisible to a counter inside the provider. Only the audited user's requests
 * are logged (at Metadata level, one line per request), so controllers and the simulator do not
 * fill the log.
 */
import * as fs from "fs";
import * as path from "path";

export const AUDITED_USER = "audited";

export function writeAuditPolicy(dir: string): void {
    const policy = {
        apiVersion: "audit.k8s.io/v1",
        kind: "Policy",
        // One event per request, written when the response is complete (watches: when they end).
        omitStages: ["RequestReceived", "ResponseStarted", "Panic"],
        rules: [{ level: "Metadata", users: [AUDITED_USER] }, { level: "None" }],
    };
    fs.writeFileSync(path.join(dir, "audit-policy.json"), JSON.stringify(policy));
}

export function auditArgs(dir: string): string[] {
    return [
        `--audit-policy-file=${path.join(dir, "audit-policy.json")}`,
        `--audit-log-path=${path.join(dir, "audit.log")}`,
        "--audit-log-format=json",
        "--audit-log-mode=blocking",
        "--audit-log-maxsize=500",
    ];
}

export interface AuditEvent {
    verb: string;
    requestURI: string;
    /** Resource, with its subresource after a slash ("virtualmachines/status"). */
    resource: string;
    namespace?: string;
    name?: string;
    code?: number;
    dryRun: boolean;
    userAgent?: string;
}

const WRITE_VERBS = new Set(["create", "update", "patch", "delete", "deletecollection"]);

/** True for a request that could change the cluster (a dry run changes nothing). */
export function isWrite(e: AuditEvent): boolean {
    return WRITE_VERBS.has(e.verb) && !e.dryRun;
}

/** Where the log ends now: pass it to readAudit to see only what happens afterwards. */
export function auditMark(logFile: string): number {
    return fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
}

/** The audited user's requests logged since `mark` (a byte offset from auditMark). */
export function readAudit(logFile: string, mark = 0): AuditEvent[] {
    if (!fs.existsSync(logFile)) return [];
    const fd = fs.openSync(logFile, "r");
    try {
        const size = fs.fstatSync(fd).size;
        const buf = Buffer.alloc(Math.max(0, size - mark));
        fs.readSync(fd, buf, 0, buf.length, mark);
        return buf
            .toString("utf8")
            .split("\n")
            .filter((l) => l.trim())
            .map(parseEvent);
    } finally {
        fs.closeSync(fd);
    }
}

function parseEvent(line: string): AuditEvent {
    const raw = JSON.parse(line) as {
        verb: string;
        requestURI: string;
        userAgent?: string;
        objectRef?: { resource?: string; subresource?: string; namespace?: string; name?: string };
        responseStatus?: { code?: number };
    };
    const ref = raw.objectRef ?? {};
    const resource = ref.subresource ? `${ref.resource}/${ref.subresource}` : (ref.resource ?? "");
    return {
        verb: raw.verb,
        requestURI: raw.requestURI,
        resource,
        namespace: ref.namespace,
        name: ref.name,
        code: raw.responseStatus?.code,
        dryRun: /[?&]dryRun=/.test(raw.requestURI),
        userAgent: raw.userAgent,
    };
}
