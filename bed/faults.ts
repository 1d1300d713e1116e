/**
 * Faults on the running bed, for tests: stop one of its processes and start it again with the
 * same command line, environment and working directory (read back from /proc, so nothing has to
 * remember how it was launched), on the same ports. The state file gets the new pid.
 *
 *   node dist/bed/faults.js restart kube-apiserver [--down-ms=N]
 *
 * kube-apiserver comes back on its port with its flags (etcd keeps the data), and its clients
 * (virt-controller, virt-api, the simulator) re-list and re-watch on their own. virt-api stopped
 * makes KubeVirt's webhooks fail (connection refused) until it is started again.
 */
import * as fs from "fs";
import * as path from "path";
import { spawn } from "child_process";
import { readState, stateFilePath } from "./cluster";
import { virtApiHealthUrl } from "./kubevirt";
import { alive, BedError, waitReady, waitHttpsOk, type ClusterState } from "./processes";

/** A stopped process and how to start it again. */
export interface Stopped {
    name: string;
    argv: string[];
    env: NodeJS.ProcessEnv;
    cwd: string;
}

export type BedProcess = "kube-apiserver" | "virt-api" | "virt-controller" | "sim" | "etcd";

function running(): ClusterState {
    const st = readState();
    if (!st) throw new BedError("no bed cluster is running");
    return st;
}

/** How `pid` was started: its command line, environment and working directory. */
function capture(name: string, pid: number): Stopped {
    const proc = `/proc/${pid}`;
    const argv = fs
        .readFileSync(`${proc}/cmdline`, "utf8")
        .split("\0")
        .filter((a) => a !== "");
    const env = Object.fromEntries(
        fs
            .readFileSync(`${proc}/environ`, "utf8")
            .split("\0")
            .filter((e) => e.includes("="))
            .map((e) => [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)]),
    );
    return { name, argv, env, cwd: fs.readlinkSync(`${proc}/cwd`) };
}

/** Stop `name` (SIGKILL: a crash, not a graceful shutdown), remembering how to start it again. */
export async function stopProcess(name: BedProcess): Promise<Stopped> {
    const st = running();
    const pid = st.pids[name];
    if (!pid) throw new BedError(`the bed runs no ${name}`);
    const stopped = capture(name, pid);
    process.kill(pid, "SIGKILL");
    const deadline = Date.now() + 30_000;
    while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (alive(pid)) throw new BedError(`${name} (pid ${pid}) did not exit`);
    return stopped;
}

/**
 * Freeze `name` (SIGSTOP) until `thawProcess`: a hung process, not a dead one. Its socket still
 * accepts connections (the kernel queues them) but nothing answers, which is how a webhook that
 * is overloaded or stuck looks to the API server: its calls run into their timeout.
 */
export function freezeProcess(name: BedProcess): number {
    const pid = running().pids[name];
    if (!pid) throw new BedError(`the bed runs no ${name}`);
    process.kill(pid, "SIGSTOP");
    return pid;
}

/** Let a frozen process run again (SIGCONT); harmless when it is not frozen or gone. */
export function thawProcess(pid: number): void {
    if (alive(pid)) process.kill(pid, "SIGCONT");
}

/** Start a stopped process again and wait until it serves (the API server and virt-api). */
export async function startProcess(p: Stopped): Promise<ClusterState> {
    const st = running0();
    const log = fs.openSync(path.join(st.dir, `${p.name}.log`), "a");
    const child = spawn(p.argv[0], p.argv.slice(1), {
        cwd: p.cwd,
        env: p.env,
        detached: true,
        stdio: ["ignore", log, log],
    });
    child.unref();
    if (!child.pid) throw new BedError(`could not start ${p.name} again`);
    st.pids[p.name] = child.pid;
    fs.writeFileSync(stateFilePath, JSON.stringify(st, null, 2));
    if (p.name === "kube-apiserver") {
        const token = (
            JSON.parse(fs.readFileSync(st.kubeconfig, "utf8")) as {
                users: { user: { token: string } }[];
            }
        ).users[0].user.token;
        await waitReady(st.server, path.join(st.dir, "ca.crt"), token, st.dir, {
            [p.name]: child.pid,
        });
    } else if (p.name === "virt-api") {
        const port = p.argv[p.argv.indexOf("--port") + 1];
        await waitHttpsOk(virtApiHealthUrl(port), path.join(st.dir, "ca.crt"), "virt-api", st.dir, {
            [p.name]: child.pid,
        });
    }
    return st;
}

/** The state file as written, even while one of its processes is stopped (readState would say "not running"). */
function running0(): ClusterState {
    if (!fs.existsSync(stateFilePath)) throw new BedError("no bed cluster is running");
    return JSON.parse(fs.readFileSync(stateFilePath, "utf8")) as ClusterState;
}

/** Kill `name` and start it again after `downMs`: kube-apiserver on the same port with the same flags. */
export async function restartProcess(name: BedProcess, downMs = 0): Promise<ClusterState> {
    const stopped = await stopProcess(name);
    if (downMs > 0) await new Promise((r) => setTimeout(r, downMs));
    return startProcess(stopped);
}

/**
 * Kill kube-apiserver and start it again on the same port with the same flags after `downMs`.
 * Its clients mostly ride through, but virt-controller exits when it cannot renew its leader
 * lease in time (as it would in a pod, for the kubelet to restart): whichever of them exited is
 * started again, as a kubelet would.
 */
export async function restartApiserver(downMs = 0): Promise<ClusterState> {
    const st = running();
    const dependents = (["virt-controller", "virt-api", "sim"] as const)
        .filter((n) => st.pids[n])
        .map((n) => ({ pid: st.pids[n], how: capture(n, st.pids[n]) }));
    let now = await restartProcess("kube-apiserver", downMs);
    for (const d of dependents) if (!alive(d.pid)) now = await startProcess(d.how);
    return now;
}

if (require.main === module) {
    const [cmd, name, ...rest] = process.argv.slice(2);
    const down = Number(
        rest.find((a) => a.startsWith("--down-ms="))?.slice("--down-ms=".length) ?? 0,
    );
    if (cmd !== "restart" || !name) {
        console.error(
            "usage: node dist/bed/faults.js restart <kube-apiserver|virt-api|virt-controller|sim|etcd> [--down-ms=N]",
        );
        process.exit(2);
    }
    (name === "kube-apiserver"
        ? restartApiserver(down)
        : restartProcess(name as BedProcess, down)
    ).then(
        (st) => console.log(`${name} restarted: pid ${st.pids[name]}`),
        (err: Error) => {
            console.error(`bed: ${err.message}`);
            process.exit(1);
        },
    );
}
