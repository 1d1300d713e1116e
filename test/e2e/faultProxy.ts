/**
 * A fault-injecting HTTPS proxy in front of the bed's API server, for the provider's retry tests:
 * it forwards every request (watch streams included) and, at a set rate, answers instead with
 * 429/500/503 (Retry-After on 429/503) or drops the connection. Injection is deterministic (every
 * k-th matching request), so a run is reproducible however slow the machine is.
 */
import * as fs from "fs";
import * as http from "http";
import * as https from "https";
import * as path from "path";
import type { AddressInfo } from "net";
import type { ClusterState } from "../../bed/processes";

export type Fault = 429 | 500 | 503 | 400 | 403 | 404 | 409 | 422 | "reset";

export interface FaultRule {
    /** Fraction of matching requests that get a fault (0..1). */
    rate: number;
    /** Faults to inject, in turn. */
    faults: Fault[];
    /** Which requests are eligible; default all. */
    match?: (method: string, url: string) => boolean;
}

export interface FaultProxy {
    /** A kubeconfig (the audited user's) that goes through the proxy. */
    kubeconfig: string;
    /** Injected faults and forwarded requests, by "METHOD url". */
    injected: string[];
    forwarded: string[];
    setRule(rule: FaultRule): void;
    close(): Promise<void>;
}

const reasons: Record<number, string> = {
    400: "BadRequest",
    403: "Forbidden",
    404: "NotFound",
    409: "Conflict",
    422: "Invalid",
    429: "TooManyRequests",
    500: "InternalError",
    503: "ServiceUnavailable",
};

export async function startFaultProxy(st: ClusterState, rule: FaultRule): Promise<FaultProxy> {
    const ca = fs.readFileSync(path.join(st.dir, "ca.crt"));
    const upstream = new URL(st.server);
    const agent = new https.Agent({ keepAlive: true, ca });
    let current = rule;
    let seen = 0;
    let turn = 0;
    const injected: string[] = [];
    const forwarded: string[] = [];
    const server = https.createServer({
        cert: fs.readFileSync(path.join(st.dir, "serving.crt")),
        key: fs.readFileSync(path.join(st.dir, "serving.key")),
    });
    server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
        const what = `${req.method} ${req.url}`;
        if (current.match?.(req.method ?? "", req.url ?? "") ?? true) {
            seen++;
            // Every k-th request: floor(seen × rate) steps up exactly `rate` of the time.
            if (Math.floor(seen * current.rate) > Math.floor((seen - 1) * current.rate)) {
                const fault = current.faults[turn++ % current.faults.length];
                injected.push(`${fault} ${what}`);
                return inject(fault, req, res);
            }
        }
        forwarded.push(what);
        const up = https.request(
            {
                host: upstream.hostname,
                port: upstream.port,
                method: req.method,
                path: req.url,
                agent,
                headers: { ...req.headers, host: upstream.host },
            },
            (ures) => {
                res.writeHead(ures.statusCode ?? 502, ures.headers);
                ures.pipe(res);
            },
        );
        up.on("error", () => res.destroy());
        res.on("close", () => up.destroy());
        req.pipe(up);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as AddressInfo).port;
    const cfg = JSON.parse(fs.readFileSync(st.auditedKubeconfig, "utf8"));
    cfg.clusters[0].cluster.server = `https://127.0.0.1:${port}`;
    const kubeconfig = path.join(st.dir, `kubeconfig-faults-${port}`);
    fs.writeFileSync(kubeconfig, JSON.stringify(cfg, null, 2));
    return {
        kubeconfig,
        injected,
        forwarded,
        setRule: (r) => {
            current = r;
            seen = 0;
        },
        close: () =>
            new Promise<void>((r) => {
                server.closeAllConnections();
                server.close(() => r());
                agent.destroy();
                fs.rmSync(kubeconfig, { force: true });
            }),
    };
}

function inject(fault: Fault, req: http.IncomingMessage, res: http.ServerResponse): void {
    req.resume();
    if (fault === "reset") {
        req.socket.destroy();
        return;
    }
    const headers: Record<string, string> = { "Content-Type": "application/json" };
    if (fault === 429 || fault === 503) headers["Retry-After"] = "1";
    res.writeHead(fault, headers);
    res.end(
        JSON.stringify({
            kind: "Status",
            apiVersion: "v1",
            status: "Failure",
            code: fault,
            reason: reasons[fault],
            message: `injected by the test's fault proxy (${fault})`,
        }),
    );
}
