/**
 * The benchmark's figures as tables (pure): per N, each phase's wall time (median and min over
 * rounds), CPU per process kind, peak RSS, API requests, state size, and the ratio to the peer,
 * with the issue's targets checked.
 */
import type { PhaseResult } from "./pulumiRun";

export const phases = ["up", "preview", "update", "destroy"] as const;
export type Phase = (typeof phases)[number];

export interface ToolRun {
    phases: Record<Phase, PhaseResult[]>;
    /**
     * From the start of `up` until every VM is Ready (the bench polls each second after `up`):
     * what a user waits for a running fleet. Ours is Ready when `up` ends; the peer's boot after.
     * Absent in results written before it was measured.
     */
    readyMs?: number[];
    /** State bytes per VM and per resource, after up. */
    stateVm: number;
    stateResource: number;
}

export interface NResult {
    n: number;
    /** The settings when not the default ones, as a tag ("skipAwait-p32"); see stack.ts benchVariant. */
    variant?: string;
    /** How this N's stack differs from the default one, when it does. */
    note?: string;
    /** When this N ran and the load average at its end (absent in older saved results). */
    measured?: { date: string; load: string };
    ours: ToolRun;
    peer?: ToolRun;
}

const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length
        ? s.length % 2
            ? s[(s.length - 1) / 2]!
            : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
        : NaN;
};
const min = (xs: number[]) => Math.min(...xs);
const max = (xs: number[]) => Math.max(...xs);
const fmt = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : "–");

interface Metric {
    label: string;
    get: (t: ToolRun) => number;
    digits?: number;
}

function phaseMetrics(p: Phase): Metric[] {
    const cpu = (k: "program" | "provider" | "engine") => (t: ToolRun) =>
        median(t.phases[p].map((r) => r.usage[k]?.cpuSec ?? 0));
    const rss = (k: "program" | "provider") => (t: ToolRun) =>
        max(t.phases[p].map((r) => r.usage[k]?.peakRssMb ?? 0));
    return [
        {
            label: `${p}: wall median (s)`,
            get: (t) => median(t.phases[p].map((r) => r.wallMs / 1000)),
        },
        { label: `${p}: wall min (s)`, get: (t) => min(t.phases[p].map((r) => r.wallMs / 1000)) },
        { label: `${p}: CPU program (s)`, get: cpu("program") },
        { label: `${p}: CPU provider (s)`, get: cpu("provider") },
        { label: `${p}: CPU engine (s)`, get: cpu("engine") },
        { label: `${p}: peak RSS program (MB)`, get: rss("program"), digits: 0 },
        { label: `${p}: peak RSS provider (MB)`, get: rss("provider"), digits: 0 },
        {
            label: `${p}: API requests`,
            get: (t) => median(t.phases[p].map((r) => r.requests)),
            digits: 0,
        },
    ];
}

const stateMetrics: Metric[] = [
    {
        label: "up until every VM Ready: wall median (s)",
        get: (t) => median((t.readyMs ?? []).map((ms) => ms / 1000)),
    },
    { label: "state bytes per VM", get: (t) => t.stateVm, digits: 0 },
    { label: "state bytes per resource", get: (t) => t.stateResource, digits: 0 },
];

/** A markdown table for one N. */
export function table(r: NResult): string {
    const rows = [
        "| metric | pulumi-kubevirt | @pulumi/kubernetes | ratio |",
        "|---|---:|---:|---:|",
    ];
    for (const m of [...phases.flatMap(phaseMetrics), ...stateMetrics]) {
        const a = m.get(r.ours);
        const b = r.peer ? m.get(r.peer) : NaN;
        rows.push(
            `| ${m.label} | ${fmt(a, m.digits)} | ${fmt(b, m.digits)} | ${b > 0 ? `${fmt(a / b, 2)}×` : "–"} |`,
        );
    }
    return rows.join("\n");
}

/** Requests not about storage (DataVolumes and their claims): the VMs' share, shared watches included. */
export function vmRequests(r: PhaseResult): number {
    return Object.entries(r.byKind)
        .filter(([k]) => !/ (datavolumes|persistentvolumeclaims|storage)/.test(k))
        .reduce((a, [, n]) => a + n, 0);
}

/** `met` is undefined when the run could not measure it (no peer in the run). */
export interface Target {
    what: string;
    value: string;
    met: boolean | undefined;
}

/** The issue's targets, checked on one N's results. */
export function targets(r: NResult): Target[] {
    const p = r.peer;
    const wall = (t: ToolRun, ph: Phase) => median(t.phases[ph].map((x) => x.wallMs));
    const ratio = (ph: Phase) => (p ? wall(r.ours, ph) / wall(p, ph) : NaN);
    const req = (ph: Phase) => median(r.ours.phases[ph].map((x) => x.requests));
    const vmReq = (ph: Phase) => median(r.ours.phases[ph].map(vmRequests)) / r.n;
    const rssRatio = p
        ? max(r.ours.phases.up.map((x) => x.usage.program?.peakRssMb ?? 0)) /
          max(p.phases.up.map((x) => x.usage.program?.peakRssMb ?? 0))
        : NaN;
    const t = (what: string, v: number, limit: number, unit = "×"): Target =>
        Number.isFinite(v)
            ? { what, value: `${fmt(v, 2)}${unit}`, met: v <= limit }
            : { what, value: "not measured", met: undefined };
    return [
        t("no-change preview wall ≤ 1.1× peer", ratio("preview"), 1.1),
        t("no-change preview: 0 API requests", req("preview"), 0, ""),
        t("up wall ≤ 1.0× peer", ratio("up"), 1.0),
        t("update-all wall ≤ 1.0× peer", ratio("update"), 1.0),
        t("≤ 4 API requests per VM update", vmReq("update"), 4, ""),
        t("≤ 3 API requests per VM create", vmReq("up"), 3, ""),
        t("destroy wall ≤ 1.0× peer", ratio("destroy"), 1.0),
        t("state ≤ 3.5 KB per VM", r.ours.stateVm / 1024, 3.5, " KB"),
        t("program peak RSS ≤ 1.1× peer", rssRatio, 1.1),
        // Not one of the issue's targets: what a user waits for before the fleet is usable.
        t("(also) up until every VM Ready ≤ 1.0× peer", readyRatio(r), 1.0),
    ];
}

function readyRatio(r: NResult): number {
    const m = (t?: ToolRun) => median(t?.readyMs ?? []);
    return r.peer ? m(r.ours) / m(r.peer) : NaN;
}

export function targetTable(ts: Target[]): string {
    return [
        "| target | measured | met |",
        "|---|---:|:---:|",
        ...ts.map(
            (x) =>
                `| ${x.what} | ${x.value} | ${x.met === undefined ? "–" : x.met ? "yes" : "**no**"} |`,
        ),
    ].join("\n");
}
