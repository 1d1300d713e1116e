/**
 * The plan of a VirtualMachinePool update, per replica. The pool controller rewrites each VM from
 * the new template, so the VM classifier decides what each replica sees; the pool's update
 * strategy then decides whether the controller also restarts it (docs/semantics.md#virtualmachinepool):
 * with the default proactive strategy every running replica whose VMI template changed is
 * restarted, whatever the VM's own rollout would have done live. Pure.
 */
import type { Props } from "../../kindProvider";
import { containsUnknown } from "../../kindProvider";
import type { ChangeReason, ClusterFacts, Impact, VmRuntime } from "../../diff/types";
import { maxImpact } from "../../diff/types";
import { deepEqual } from "../../diff/paths";
import { normalizeVm } from "../../diff/normalize";
import { classifyVmUpdate } from "../virtualMachine/policy";
import {
    indexedVm,
    namesCreated,
    replicasOf,
    scaleInOf,
    updateStrategyOf,
    type UpdateStrategy,
} from "./strategy";

/** What the provider observed of one replica VM. */
export interface ReplicaState {
    name: string;
    runtime: VmRuntime;
}

/** What the update does to one replica. */
export interface ReplicaPlan {
    name: string;
    impact: Impact;
    why: string;
}

/** The `plannedImpact` of a pool: the usual fields plus one row per affected replica. */
export interface PoolPlannedImpact {
    impact: Impact;
    summary: string;
    reasons: ChangeReason[];
    notes: string[];
    replicas: ReplicaPlan[];
}

export const noPoolImpact = (): PoolPlannedImpact => ({
    impact: "none",
    summary: "",
    reasons: [],
    notes: [],
    replicas: [],
});

const tplOf = (p: Props): Props | undefined => p.spec?.virtualMachineTemplate;

/** The VM classifier's plan for one replica and the changes it names ("cpu.sockets 1→2"). */
function vmPlanOf(olds: Props, news: Props, r: ReplicaState, facts: ClusterFacts) {
    const plan = classifyVmUpdate(
        normalizeVm(indexedVm(olds, tplOf(olds), r.name)),
        normalizeVm(indexedVm(news, tplOf(news), r.name)),
        r.runtime,
        facts,
    );
    const names = [...new Set(plan.reasons.map((x) => x.summary ?? x.path))];
    const changes =
        names.slice(0, 3).join(", ") + (names.length > 3 ? `, +${names.length - 3} more` : "");
    return { plan, changes };
}

/** One replica's fate under the pool's update strategy, given its VM's own plan. */
function replicaVerdict(
    strategy: UpdateStrategy,
    olds: Props,
    news: Props,
    r: ReplicaState,
    facts: ClusterFacts,
): ReplicaPlan | undefined {
    const { plan, changes } = vmPlanOf(olds, news, r, facts);
    if (plan.reasons.length === 0) return undefined;
    if (strategy === "unmanaged")
        return {
            name: r.name,
            impact: "none",
            why: `updateStrategy unmanaged: ${r.name} keeps its spec; only VMs created later get the new template`,
        };
    if (strategy === "opportunistic" || !r.runtime.running)
        return {
            name: r.name,
            impact: plan.impact,
            why: `${changes}: ${plan.impact} (the VM's own rollout)`,
        };
    return { name: r.name, ...proactiveVerdict(olds, news, plan.impact, changes) };
}

/** Under the proactive strategy (the default): what the pool itself does to a running replica. */
function proactiveVerdict(
    olds: Props,
    news: Props,
    vmAlone: ReplicaPlan["impact"],
    changes: string,
): Omit<ReplicaPlan, "name"> {
    const o = tplOf(olds)?.spec ?? {};
    const n = tplOf(news)?.spec ?? {};
    if (!deepEqual(o.template ?? null, n.template ?? null))
        return {
            impact: "restart",
            why: `${changes}: the pool's proactive update deletes the outdated VMI and the VM starts a new one (the VM alone: ${vmAlone})`,
        };
    if (!deepEqual(o.dataVolumeTemplates ?? null, n.dataVolumeTemplates ?? null))
        return {
            impact: "replace",
            why: "dataVolumeTemplates changed: the pool's proactive update deletes the VM and creates it again with new disks",
        };
    return {
        impact: vmAlone,
        why: `${changes}: ${vmAlone} (VM-level fields; the pool relabels the VMI)`,
    };
}

interface ScalePlan {
    rows: ReplicaPlan[];
    reasons: ChangeReason[];
    /** Replicas it deletes, when known. */
    gone: string[];
}

/** Rows for the replicas a replica-count change creates or deletes, and its reason. */
function scalePlan(olds: Props, news: Props, existing: string[]): ScalePlan {
    const from = replicasOf(olds.spec);
    const to = replicasOf(news.spec);
    const pool = String(news.metadata?.name);
    if (from === to) return { rows: [], reasons: [], gone: [] };
    const summary = `replicas ${from}→${to}`;
    if (to > from) {
        const names = namesCreated(pool, existing, to - from);
        const why = `${summary}: creates ${names.join(", ")} from the new template`;
        const rows = names.map((name) => ({ name, impact: "live" as Impact, why: "created" }));
        return {
            rows,
            reasons: [{ path: "spec.replicas", impact: "live", why, summary }],
            gone: [],
        };
    }
    const s = scaleInOf(news.spec, existing, from - to);
    const impact: Impact = s.deletesNothing ? "metadata" : "replace";
    const rows = (s.deleted ?? []).map((name) => ({ name, impact, why: "deleted by scale-in" }));
    const reason: ChangeReason = {
        path: "spec.replicas",
        impact,
        why: `${summary}: ${s.text}`,
        summary,
    };
    return { rows, reasons: [reason], gone: s.deleted ?? [] };
}

/** "restart ×3, none ×1": how many replicas get each impact. */
function tally(rows: readonly ReplicaPlan[]): string {
    const counts = new Map<Impact, number>();
    for (const r of rows) counts.set(r.impact, (counts.get(r.impact) ?? 0) + 1);
    return [...counts].map(([i, n]) => `${i} ×${n}`).join(", ");
}

/** Reasons grouping the replicas that share a verdict. */
function templateReasons(rows: readonly ReplicaPlan[]): ChangeReason[] {
    const groups = new Map<string, ReplicaPlan[]>();
    for (const r of rows) {
        const key = `${r.impact}\u0000${r.why.replaceAll(r.name, "<vm>")}`;
        groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    return [...groups.values()].map((g) => ({
        path: "spec.virtualMachineTemplate",
        impact: g[0].impact,
        why: `${g.map((r) => r.name).join(", ")}: ${g[0].why}`,
        summary: `${g[0].impact} ×${g.length}`,
    }));
}

/**
 * The plan for going from `olds` to `news`, given the replicas that exist now (`replicas`; when
 * the cluster could not be read, the ordinals the old replica count implies, assumed running).
 */
export function planPool(
    olds: Props,
    news: Props,
    replicas: readonly ReplicaState[],
    facts: ClusterFacts,
): PoolPlannedImpact {
    const name = String(news.metadata?.name ?? olds.metadata?.name);
    if (!olds.metadata) return noPoolImpact();
    if (containsUnknown(news.spec) || containsUnknown(news.metadata))
        return {
            ...noPoolImpact(),
            impact: "restart",
            summary: `${name}: unknown until apply (inputs depend on other resources); replicas may restart`,
            notes: ["some values are known only after apply"],
        };
    const scale = scalePlan(
        olds,
        news,
        replicas.map((r) => r.name),
    );
    const strategy = updateStrategyOf(news.spec);
    const staying = replicas.filter((r) => !scale.gone.includes(r.name));
    const rows = deepEqual(tplOf(olds) ?? null, tplOf(news) ?? null)
        ? []
        : staying.flatMap((r) => replicaVerdict(strategy, olds, news, r, facts) ?? []);
    const reasons = [...templateReasons(rows), ...scale.reasons, ...otherReasons(olds, news)];
    if (reasons.length === 0) return noPoolImpact();
    const impact = reasons.reduce<Impact>((a, r) => maxImpact(a, r.impact), "none");
    const head = rows.length
        ? `${name}: ${staying.length} replicas (${strategy} update): ${tally(rows)}`
        : `${name}: ${reasons.map((r) => r.why).join("; ")}`;
    const scaleText = rows.length && scale.reasons.length ? `; ${scale.reasons[0].why}` : "";
    return {
        impact,
        summary: head + scaleText,
        reasons,
        notes: strategyNotes(strategy, news, rows),
        replicas: [...rows, ...scale.rows],
    };
}

/** Pool-level fields besides the template and the count: the controller's knobs, live. */
function otherReasons(olds: Props, news: Props): ChangeReason[] {
    const keys = new Set([...Object.keys(olds.spec ?? {}), ...Object.keys(news.spec ?? {})]);
    const meta =
        deepEqual(olds.metadata?.labels ?? null, news.metadata?.labels ?? null) &&
        deepEqual(olds.metadata?.annotations ?? null, news.metadata?.annotations ?? null);
    const out: ChangeReason[] = meta
        ? []
        : [
              {
                  path: "metadata",
                  impact: "metadata",
                  why: "pool labels/annotations changed",
                  summary: "metadata",
              },
          ];
    for (const k of [...keys].sort()) {
        if (k === "replicas" || k === "virtualMachineTemplate") continue;
        if (deepEqual(olds.spec?.[k] ?? null, news.spec?.[k] ?? null)) continue;
        out.push({
            path: `spec.${k}`,
            impact: "live",
            why: `spec.${k} changed: the pool controller follows it from its next sync`,
            summary: `${k} changed`,
        });
    }
    return out;
}

function strategyNotes(strategy: UpdateStrategy, news: Props, rows: readonly ReplicaPlan[]) {
    if (strategy !== "proactive" || !rows.some((r) => r.impact === "restart")) return [];
    const max = news.spec?.maxUnavailable ?? "100%";
    return [
        `the pool restarts outdated replicas up to maxUnavailable (${max}) at a time; set updateStrategy.opportunistic to let each VM's own rollout apply the change (live where KubeVirt can)`,
    ];
}
