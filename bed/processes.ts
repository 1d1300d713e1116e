/** Process, port, certificate and kubeconfig helpers for the local cluster (see cluster.ts). */
import * as fs from "fs";
import * as path from "path";
import * as net from "net";
import * as crypto from "crypto";
import { spawn, execFileSync } from "child_process";

export const repoRoot = path.resolve(__dirname, "..", "..");
const binDir = path.join(repoRoot, ".bed", "bin");

export interface ClusterState {
    dir: string;
    kubeconfig: string;
    /** Kubeconfig of a user with no RBAC grants (for permission tests). */
    restrictedKubeconfig: string;
    /**
     * Kubeconfig of a cluster-admin whose every request the API server's audit log records
     * (see audit.ts): tests and the benchmark count their own requests and writes with it.
     */
    auditedKubeconfig: string;
    auditLog: string;
    server: string;
    pids: Record<string, number>;
    /** Who plays KubeVirt: its own controllers ("real"), the simulator ("sim"), or nobody (--no-sim). */
    kubevirt: "real" | "sim" | "none";
}

export class BedError extends Error {
    override name = "BedError";
}

export function binaryPath(name: string): string {
    return path.join(binDir, name);
}

export function requireBinary(name: string): string {
    const p = binaryPath(name);
    if (!fs.existsSync(p))
        throw new BedError(
            `${name} is not built: run 'bash bed/build.sh' (or 'npm test', which does it)`,
        );
    return p;
}

/** A free loopback port: bind to 0 and let the kernel choose. */
export function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const srv = net.createServer();
        srv.on("error", reject);
        srv.listen(0, "127.0.0.1", () => {
            const port = (srv.address() as net.AddressInfo).port;
            srv.close(() => resolve(port));
        });
    });
}

/**
 * The bed's certificates, all signed by one throwaway CA: the API server's serving certificate,
 * the aggregation layer's client certificate (front proxy), virt-api's serving certificate, and
 * the service-account signing key pair.
 */
export function writeCerts(dir: string): void {
    const ssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
    // prettier-ignore
    ssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30", "-subj", "/CN=bed-ca",
        "-keyout", "ca.key", "-out", "ca.crt");
    fs.writeFileSync(path.join(dir, "san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
    signedCert(ssl, "kube-apiserver", "serving", "san.ext");
    // virt-api trusts the API server's forwarded identity through the front-proxy certificate.
    signedCert(ssl, "front-proxy-client", "front-proxy");
    // The aggregator checks virt-api's certificate against its Service name, not the ExternalName.
    fs.writeFileSync(
        path.join(dir, "virt-api.ext"),
        "subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:virt-api.kubevirt.svc\n",
    );
    signedCert(ssl, "virt-api", "virt-api", "virt-api.ext");
    const { privateKey, publicKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
    fs.writeFileSync(path.join(dir, "sa.key"), privateKey.export({ type: "pkcs8", format: "pem" }));
    fs.writeFileSync(path.join(dir, "sa.pub"), publicKey.export({ type: "spki", format: "pem" }));
}

function signedCert(ssl: (...a: string[]) => Buffer, cn: string, file: string, ext?: string): void {
    // prettier-ignore
    ssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", `/CN=${cn}`,
        "-keyout", `${file}.key`, "-out", `${file}.csr`);
    const extArgs = ext ? ["-extfile", ext] : [];
    // prettier-ignore
    ssl("x509", "-req", "-in", `${file}.csr`, "-CA", "ca.crt", "-CAkey", "ca.key",
        "-CAcreateserial", "-days", "30", ...extArgs, "-out", `${file}.crt`);
}

export function kubeconfig(server: string, caFile: string, user: string, token: string): string {
    const ca = fs.readFileSync(caFile).toString("base64");
    return JSON.stringify(
        {
            apiVersion: "v1",
            kind: "Config",
            "current-context": "bed",
            clusters: [{ name: "bed", cluster: { server, "certificate-authority-data": ca } }],
            users: [{ name: user, user: { token } }],
            contexts: [{ name: "bed", context: { cluster: "bed", user, namespace: "default" } }],
        },
        null,
        2,
    );
}

export function launch(name: string, args: string[], dir: string): number {
    const log = fs.openSync(path.join(dir, `${name}.log`), "a");
    const child = spawn(requireBinary(name), args, { detached: true, stdio: ["ignore", log, log] });
    child.unref();
    if (!child.pid)
        throw new BedError(`could not start ${name}; see ${path.join(dir, `${name}.log`)}`);
    return child.pid;
}

export async function waitReady(
    server: string,
    caFile: string,
    token: string,
    dir: string,
    pids: Record<string, number>,
): Promise<void> {
    const deadline = Date.now() + 60_000;
    const ca = fs.readFileSync(caFile);
    while (Date.now() < deadline) {
        for (const [name, pid] of Object.entries(pids)) {
            if (!alive(pid))
                throw new BedError(
                    `${name} exited during start-up; last log lines:\n${tail(path.join(dir, `${name}.log`))}`,
                );
        }
        if (await readyz(server, ca, token)) return;
        await new Promise((r) => setTimeout(r, 250));
    }
    throw new BedError(
        `kube-apiserver not ready after 60s; see ${path.join(dir, "kube-apiserver.log")}`,
    );
}

/** Fails, naming the process and its log tail, when one of `pids` has exited. */
export function assertAlive(pids: Record<string, number>, dir: string): void {
    for (const [name, pid] of Object.entries(pids)) {
        if (!alive(pid))
            throw new BedError(
                `${name} exited during start-up; last log lines:\n${tail(path.join(dir, `${name}.log`))}`,
            );
    }
}

/** Polls `url` until it answers 200 (60 s), failing early if one of `pids` dies. */
export async function waitHttpsOk(
    url: string,
    caFile: string | undefined,
    what: string,
    dir: string,
    pids: Record<string, number>,
): Promise<void> {
    const deadline = Date.now() + 60_000;
    const ca = caFile ? fs.readFileSync(caFile) : undefined;
    while (Date.now() < deadline) {
        assertAlive(pids, dir);
        if (await httpsOk(url, ca)) return;
        await new Promise((r) => setTimeout(r, 250));
    }
    throw new BedError(
        `${what} not ready after 60s (${url}); last log lines:\n${tail(path.join(dir, `${what}.log`))}`,
    );
}

function readyz(server: string, ca: Buffer, token: string): Promise<boolean> {
    return httpsOk(`${server}/readyz`, ca, token);
}

/** True when `url` answers 200; without a CA the certificate is not checked (a self-signed health port). */
async function httpsOk(url: string, ca: Buffer | undefined, token?: string): Promise<boolean> {
    const https = await import("https");
    return new Promise((resolve) => {
        const headers = token ? { Authorization: `Bearer ${token}` } : undefined;
        const req = https.get(url, { ca, rejectUnauthorized: !!ca, headers }, (res) => {
            res.resume();
            resolve(res.statusCode === 200);
        });
        req.on("error", () => resolve(false));
        req.setTimeout(2000, () => req.destroy());
    });
}

export function alive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch {
        return false;
    }
}

export function tail(file: string, n = 15): string {
    try {
        return fs.readFileSync(file, "utf8").trim().split("\n").slice(-n).join("\n");
    } catch {
        return "(no log)";
    }
}
