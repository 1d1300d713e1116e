/**
 * CPU and peak memory per process kind of one pulumi command, sampled from /proc.
 *
 * Every descendant of the CLI is sampled every `intervalMs`; a process's CPU is its last seen
 * utime+stime and its peak RSS is VmHWM (the kernel's own high-water mark, so a peak between two
 * samples is not missed). Kinds: engine (the pulumi CLI), program (node running the stack program
 * through @pulumi/pulumi's cmd/run), provider (our dynamic-provider host or the peer's Go
 * provider), langhost, other.
 */
import * as fs from "fs";

export type ProcKind = "engine" | "program" | "provider" | "langhost" | "other";

export interface ProcUsage {
    cpuSec: number;
    peakRssMb: number;
}

const TICKS = 100; // USER_HZ on Linux

/** Pure: the kind of a process from its command line (NUL-separated in /proc). */
export function kindOf(argv: string[]): ProcKind {
    const joined = argv.join(" ");
    if (/pulumi-resource-kubernetes|dynamic-provider/.test(joined)) return "provider";
    if (/pulumi-language-nodejs/.test(joined)) return "langhost";
    if (/[/\\]cmd[/\\]run\b/.test(joined)) return "program";
    if (/(^|\/)pulumi$/.test(argv[0] ?? "")) return "engine";
    return "other";
}

// The kind is re-read each sample (a child is first seen between fork and exec, with its parent's
// command line), except from an exiting process, whose command line is already empty.
interface Seen {
    kind: ProcKind;
    cpuSec: number;
    peakRssKb: number;
}

function ppidOf(pid: number): number | undefined {
    try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    } catch {
        return undefined; // exited between listing and reading
    }
}

function readProc(pid: number): { cpuSec: number; hwmKb: number; argv: string[] } | undefined {
    try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        const hwm = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
        const argv = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
        return {
            cpuSec: (Number(f[11]) + Number(f[12])) / TICKS,
            hwmKb: hwm ? Number(hwm[1]) : 0,
            argv,
        };
    } catch {
        return undefined;
    }
}

/** The pids under `root` (inclusive). */
function tree(root: number): number[] {
    const parent = new Map<number, number>();
    for (const e of fs.readdirSync("/proc"))
        if (/^\d+$/.test(e)) parent.set(Number(e), ppidOf(Number(e)) ?? -1);
    const inTree = new Set<number>([root]);
    for (let grew = true; grew;) {
        grew = false;
        for (const [pid, pp] of parent)
            if (!inTree.has(pid) && inTree.has(pp)) {
                inTree.add(pid);
                grew = true;
            }
    }
    return [...inTree];
}

/** Samples the process tree under `root` until stopped; `stop()` returns usage per kind. */
export function sampleTree(
    root: number,
    intervalMs = 200,
): { stop(): Record<ProcKind, ProcUsage> } {
    const seen = new Map<number, Seen>();
    const tick = () => {
        for (const pid of tree(root)) {
            const p = readProc(pid);
            if (!p) continue;
            const prev = seen.get(pid);
            seen.set(pid, {
                kind: p.argv.length || !prev ? kindOf(p.argv) : prev.kind,
                cpuSec: p.cpuSec,
                peakRssKb: Math.max(prev?.peakRssKb ?? 0, p.hwmKb),
            });
        }
    };
    const timer = setInterval(tick, intervalMs);
    tick();
    return {
        stop() {
            clearInterval(timer);
            const out = {} as Record<ProcKind, ProcUsage>;
            for (const s of seen.values()) {
                const u = (out[s.kind] ??= { cpuSec: 0, peakRssMb: 0 });
                u.cpuSec += s.cpuSec;
                u.peakRssMb = Math.max(u.peakRssMb, s.peakRssKb / 1024);
            }
            return out;
        },
    };
}
