/**
 * The local cluster: etcd + kube-apiserver on loopback with free ports, certificates and tokens
 * generated per start, the upstream CRDs installed, and the simulated controller.
 *
 *   node dist/bed/cluster.js start [--no-sim] [--kubevirt=real|sim|auto]   # prints the kubeconfig path
 *   node dist/bed/cluster.js stop
 *   node dist/bed/cluster.js status
 *
 * State lives in .bed/cluster/ (kubeconfig, pids, logs) so later commands and tests find it.
 */
import * as fs from "fs";
import * as path from "path";
import * as crypto from "crypto";
import { spawn } from "child_process";
import { installCrds } from "./crds";
import { installKubeVirtCr } from "./kubevirtCr";
import { AUDITED_USER, auditArgs, writeAuditPolicy } from "./audit";
import { realKubevirtMissing, startRealKubevirt } from "./kubevirt";
import { ensureNodes } from "../sim/core/nodes";
import { defaultConfig } from "../sim/config";
import { newKubeClient } from "../provider/k8s/kubeClient";
import {
    alive,
    BedError,
    freePort,
    kubeconfig,
    launch,
    repoRoot,
    tail,
    waitReady,
    writeCerts,
    type ClusterState,
} from "./processes";

const stateDir = process.env.PULUMI_KUBEVIRT_BED_DIR ?? path.join(repoRoot, ".bed", "cluster");
const stateFile = path.join(stateDir, "state.json");
/** Where the running cluster is described (pids, ports, kubeconfigs). */
export const stateFilePath = stateFile;

/** The running cluster's state, or undefined when none is running. */
export function readState(): ClusterState | undefined {
    if (!fs.existsSync(stateFile)) return undefined;
    const st = JSON.parse(fs.readFileSync(stateFile, "utf8")) as ClusterState;
    return Object.values(st.pids).every(alive) ? st : undefined;
}

export interface StartOptions {
    /** Start the simulator (default true); false leaves a bare API server with the CRDs. */
    sim?: boolean;
    /**
     * "real": KubeVirt's own virt-controller and virt-api (fails when they are not built);
     * "sim": the simulator plays KubeVirt; "auto" (default): real when built, else sim with a note.
     * $PULUMI_KUBEVIRT_KUBEVIRT overrides the default.
     */
    kubevirt?: "real" | "sim" | "auto";
}

/** Start (or reuse) the local cluster. */
export async function startCluster(opts: StartOptions = {}): Promise<ClusterState> {
    const running = readState();
    if (running) return running;
    await stopCluster();
    const mode = kubevirtMode(
        opts.kubevirt ??
            (process.env.PULUMI_KUBEVIRT_KUBEVIRT as StartOptions["kubevirt"]) ??
            "auto",
    );
    for (let attempt = 1; ; attempt++) {
        try {
            return await startOnce(opts.sim ?? true, mode);
        } catch (err) {
            keepLogs();
            await stopCluster();
            // A port picked as free can be taken before the server binds it; one retry covers that race.
            if (attempt >= 2 || !/address already in use/i.test(String(err))) throw err;
        }
    }
}

/** Resolves "auto" to what can run here, saying why when real KubeVirt cannot. */
function kubevirtMode(wanted: string): "real" | "sim" {
    if (wanted !== "real" && wanted !== "sim" && wanted !== "auto")
        throw new BedError(`--kubevirt must be real, sim or auto (got '${wanted}')`);
    if (wanted === "sim") return "sim";
    const missing = realKubevirtMissing();
    if (!missing) return "real";
    if (wanted === "real") throw new BedError(missing);
    process.stderr.write(`bed: ${missing}; the simulator plays KubeVirt instead\n`);
    return "sim";
}

async function startOnce(sim: boolean, mode: "real" | "sim"): Promise<ClusterState> {
    fs.mkdirSync(stateDir, { recursive: true });
    writeCerts(stateDir);
    const tokens = writeTokens();
    writeAuditPolicy(stateDir);
    const st = await startApiserver(sim ? mode : "none", tokens.admin);
    const ca = path.join(stateDir, "ca.crt");
    fs.writeFileSync(st.kubeconfig, kubeconfig(st.server, ca, "admin", tokens.admin));
    fs.writeFileSync(
        st.restrictedKubeconfig,
        kubeconfig(st.server, ca, "restricted", tokens.restricted),
    );
    fs.writeFileSync(st.auditedKubeconfig, kubeconfig(st.server, ca, AUDITED_USER, tokens.audited));
    const client = newKubeClient({ kubeconfig: st.kubeconfig });
    await installCrds(client);
    await installKubeVirtCr(client);
    if (sim && mode === "real") {
        // Nodes first: virt-handler's tokens are bound to them.
        await ensureNodes(client, defaultConfig.nodes, () => undefined);
        await startRealKubevirt(client, st, defaultConfig.nodes, () =>
            fs.writeFileSync(stateFile, JSON.stringify(st, null, 2)),
        );
        st.pids.sim = startSim(st.kubeconfig, [
            "--kubevirt",
            "real",
            "--handler-kubeconfigs",
            stateDir,
        ]);
    } else if (sim) {
        st.pids.sim = startSim(st.kubeconfig, []);
    }
    fs.writeFileSync(stateFile, JSON.stringify(st, null, 2));
    return st;
}

/** The bed's three users' tokens (admin, restricted, audited), in the API server's token file. */
function writeTokens(): { admin: string; restricted: string; audited: string } {
    const [admin, restricted, audited] = [0, 1, 2].map(() =>
        crypto.randomBytes(16).toString("hex"),
    );
    fs.writeFileSync(
        path.join(stateDir, "tokens.csv"),
        `${admin},admin,admin-uid,"system:masters"\n${restricted},restricted,restricted-uid\n${audited},${AUDITED_USER},audited-uid,"system:masters"\n`,
    );
    return { admin, restricted, audited };
}

/** etcd and kube-apiserver on free ports, recorded in the state file before the wait so a failed start still stops them. */
async function startApiserver(
    kubevirt: ClusterState["kubevirt"],
    admin: string,
): Promise<ClusterState> {
    const [etcdPort, peerPort, apiPort] = [await freePort(), await freePort(), await freePort()];
    const pids: Record<string, number> = {};
    pids.etcd = launch("etcd", etcdArgs(etcdPort, peerPort), stateDir);
    pids["kube-apiserver"] = launch("kube-apiserver", apiserverArgs(etcdPort, apiPort), stateDir);
    const server = `https://127.0.0.1:${apiPort}`;
    const st: ClusterState = {
        dir: stateDir,
        server,
        pids,
        kubevirt,
        kubeconfig: path.join(stateDir, "kubeconfig"),
        restrictedKubeconfig: path.join(stateDir, "kubeconfig-restricted"),
        auditedKubeconfig: path.join(stateDir, "kubeconfig-audited"),
        auditLog: path.join(stateDir, "audit.log"),
    };
    fs.writeFileSync(stateFile, JSON.stringify(st, null, 2));
    try {
        await waitReady(server, path.join(stateDir, "ca.crt"), admin, stateDir, pids);
    } catch (err) {
        const logs = ["etcd", "kube-apiserver"]
            .map((n) => tail(path.join(stateDir, `${n}.log`), 50))
            .join("\n");
        if (/address already in use/.test(logs))
            throw new BedError(
                `address already in use (a port picked as free was taken): ${(err as Error).message}`,
            );
        throw err;
    }
    return st;
}

function etcdArgs(port: number, peer: number): string[] {
    return [
        "--name",
        "default",
        "--data-dir",
        path.join(stateDir, "etcd"),
        "--listen-client-urls",
        `http://127.0.0.1:${port}`,
        "--advertise-client-urls",
        `http://127.0.0.1:${port}`,
        "--listen-peer-urls",
        `http://127.0.0.1:${peer}`,
        "--initial-advertise-peer-urls",
        `http://127.0.0.1:${peer}`,
        "--initial-cluster",
        `default=http://127.0.0.1:${peer}`,
        "--unsafe-no-fsync",
        "--log-level",
        "warn",
    ];
}

function apiserverArgs(etcdPort: number, port: number): string[] {
    const f = (n: string) => path.join(stateDir, n);
    return [
        `--etcd-servers=http://127.0.0.1:${etcdPort}`,
        "--bind-address=127.0.0.1",
        "--advertise-address=127.0.0.1",
        `--secure-port=${port}`,
        `--tls-cert-file=${f("serving.crt")}`,
        `--tls-private-key-file=${f("serving.key")}`,
        `--client-ca-file=${f("ca.crt")}`,
        `--token-auth-file=${f("tokens.csv")}`,
        "--service-cluster-ip-range=10.0.0.0/24",
        `--service-account-issuer=https://127.0.0.1:${port}`,
        `--service-account-key-file=${f("sa.pub")}`,
        `--service-account-signing-key-file=${f("sa.key")}`,
        "--authorization-mode=RBAC",
        "--allow-privileged=true",
        "--enable-priority-and-fairness=false",
        "--disable-admission-plugins=StorageObjectInUseProtection",
        `--cert-dir=${f("certs")}`,
        // Aggregation (virt-api's subresources.kubevirt.io): the API server forwards callers'
        // identities with this client certificate, and publishes the CA in
        // kube-system/extension-apiserver-authentication, where virt-api reads it.
        `--requestheader-client-ca-file=${f("ca.crt")}`,
        "--requestheader-allowed-names=front-proxy-client",
        "--requestheader-username-headers=X-Remote-User",
        "--requestheader-group-headers=X-Remote-Group",
        "--requestheader-extra-headers-prefix=X-Remote-Extra-",
        `--proxy-client-cert-file=${f("front-proxy.crt")}`,
        `--proxy-client-key-file=${f("front-proxy.key")}`,
        ...auditArgs(stateDir),
    ];
}

function startSim(kubeconfigPath: string, extra: string[]): number {
    const main = path.join(repoRoot, "dist", "sim", "main.js");
    if (!fs.existsSync(main))
        throw new BedError(`the simulator is not built (${main}): run 'npm run build'`);
    const log = fs.openSync(path.join(stateDir, "sim.log"), "a");
    const child = spawn(process.execPath, [main, "--kubeconfig", kubeconfigPath, ...extra], {
        detached: true,
        stdio: ["ignore", log, log],
    });
    child.unref();
    return child.pid as number;
}

/** A failed start's logs survive the clean-up, in .bed/cluster-failed/, for the error message to point at. */
function keepLogs(): void {
    const dest = `${stateDir}-failed`;
    fs.rmSync(dest, { recursive: true, force: true });
    fs.mkdirSync(dest, { recursive: true });
    for (const f of fs.existsSync(stateDir) ? fs.readdirSync(stateDir) : []) {
        if (f.endsWith(".log")) fs.copyFileSync(path.join(stateDir, f), path.join(dest, f));
    }
}

/** Stop whatever the state file says is running and forget it. */
export async function stopCluster(): Promise<void> {
    if (!fs.existsSync(stateFile)) return;
    const st = JSON.parse(fs.readFileSync(stateFile, "utf8")) as ClusterState;
    const pids = Object.values(st.pids).filter(alive);
    for (const pid of pids) process.kill(pid, "SIGTERM");
    const deadline = Date.now() + 5000;
    while (pids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    for (const pid of pids.filter(alive)) process.kill(pid, "SIGKILL");
    fs.rmSync(stateDir, { recursive: true, force: true });
}

async function main(argv: string[]): Promise<void> {
    const cmd = argv[0] ?? "status";
    if (cmd === "start") {
        const kv = argv
            .find((a) => a.startsWith("--kubevirt="))
            ?.slice("--kubevirt=".length) as StartOptions["kubevirt"];
        const st = await startCluster({ sim: !argv.includes("--no-sim"), kubevirt: kv });
        console.log(st.kubeconfig);
    } else if (cmd === "stop") {
        await stopCluster();
    } else if (cmd === "status") {
        const st = readState();
        console.log(
            st
                ? `running: ${st.server} (KubeVirt: ${st.kubevirt}; kubeconfig ${st.kubeconfig})`
                : "not running",
        );
    } else {
        throw new BedError(`unknown command '${cmd}': use start, stop or status`);
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).catch((err: Error) => {
        console.error(
            err.name === "BedError" || err.name === "ConfigError" ? `bed: ${err.message}` : err,
        );
        process.exit(1);
    });
}
