/**
 * The planned impact of an update, as shown in preview. `check` computes it from the previous
 * inputs and the new ones plus what the cluster says now (is the VM running, its VMI's hotplug
 * limits, KubeVirt's rollout strategy), and returns it as the `plannedImpact` input so it appears
 * in `pulumi preview`, `--diff` and `--json` like any changed property.
 */
import type { OpContext, Props } from "../../kindProvider";
import { containsUnknown } from "../../kindProvider";
import type { ChangePlan, ClusterFacts, Impact, VmRuntime } from "../../diff/types";
import { maxImpact } from "../../diff/types";
import { normalizeVm } from "../../diff/normalize";
import { classifyVmUpdate } from "./policy";
import { summarizePlan } from "../../diff/summary";
import type { ExpandedTemplateSpecs } from "./policy";
import { expandedTemplateSpecs } from "../instancetype/expand";
import { declaredVm } from "./desired";
import { clusterFacts, observe, runtimeOf, type Observed } from "./runtime";
import { deepEqual } from "../../diff/paths";
import { followDeclared } from "./declaredFacts";

/** The `plannedImpact` property. */
export interface PlannedImpact {
    impact: Impact;
    /** One line, e.g. "vm-1: live migration (cpu.sockets 2→4)". */
    summary: string;
    reasons: { path: string; impact: Impact; why: string }[];
    notes: string[];
}

export const noImpact: PlannedImpact = { impact: "none", summary: "", reasons: [], notes: [] };

/** Pure: the plan for going from `olds` to `news` inputs given the runtime and cluster facts. */
export function planFor(
    olds: Props,
    news: Props,
    runtime: VmRuntime,
    facts: ClusterFacts,
    expanded?: ExpandedTemplateSpecs,
): PlannedImpact {
    const name = String(news.metadata?.name ?? olds.metadata?.name);
    if (containsUnknown(news.spec) || containsUnknown(news.metadata)) {
        return {
            impact: "restart",
            summary: `${name}: unknown until apply (inputs depend on other resources); assuming it may need a restart`,
            reasons: [],
            notes: ["some values are known only after apply"],
        };
    }
    const plan: ChangePlan = classifyVmUpdate(
        normalizeVm(declaredVm(olds)),
        normalizeVm(declaredVm(news)),
        runtime,
        facts,
        expanded,
    );
    if (runtime.unscheduled) escalateUnscheduled(plan);
    const extra = cloudInitReason(olds, news);
    if (extra) {
        plan.reasons.push(extra);
        plan.impact = maxImpact(plan.impact, extra.impact);
    }
    if (plan.reasons.length === 0) return noImpact;
    return {
        impact: plan.impact,
        summary: summarizePlan(plan, name),
        reasons: plan.reasons,
        notes: plan.notes,
    };
}

/**
 * A VMI that never got scheduled runs nothing: KubeVirt patches its spec, but the pending launcher
 * pod keeps the old constraints, so template changes only take effect through a restart.
 */
function escalateUnscheduled(plan: ChangePlan): void {
    for (const r of plan.reasons) {
        if (
            r.path.startsWith("spec.template.spec") &&
            (r.impact === "live" || r.impact === "liveMigrate")
        ) {
            r.impact = "restart";
            r.why = `${r.why}; but the VMI is not scheduled, so only a restart (new VMI) applies it`;
        }
    }
    plan.impact = plan.reasons.reduce<Impact>((a, r) => maxImpact(a, r.impact), plan.impact);
}

/** cloud-init data is read at boot: changing it touches only the Secret until the next restart. */
function cloudInitReason(olds: Props, news: Props): ChangePlan["reasons"][number] | undefined {
    if (deepEqual(olds.cloudInit ?? null, news.cloudInit ?? null)) return undefined;
    return {
        path: "cloudInit",
        impact: "metadata",
        why: "cloud-init data changed: the Secret is updated; the guest sees it on its next boot (cloud-init usually runs once per instance)",
    };
}

/**
 * Pure: the declared VM and cloud-init are what `planFor` classifies; when neither changed there
 * is nothing to classify, whatever the cluster says, so no live fact is needed.
 */
export function declaresNoChange(olds: Props, news: Props): boolean {
    return (
        !containsUnknown(news.spec) &&
        !containsUnknown(news.metadata) &&
        !containsUnknown(news.cloudInit) &&
        deepEqual(declaredVm(olds), declaredVm(news)) &&
        deepEqual(olds.cloudInit ?? null, news.cloudInit ?? null)
    );
}

/** The plan, reading runtime facts from the cluster only when something declared changed. */
export async function planUpdate(ctx: OpContext, olds: Props, news: Props): Promise<PlannedImpact> {
    if (declaresNoChange(olds, news)) return noImpact;
    // Instancetype/preference references are expanded on both sides (docs/semantics.md#live-updatable-fields, docs/semantics.md#instancetypes-and-preferences) so a swap whose only
    // effective delta is sockets or memory plans as a hotplug instead of an assumed restart.
    const expand = containsUnknown(news.spec)
        ? Promise.resolve(undefined)
        : expandedTemplateSpecs(
              ctx.client,
              normalizeVm(declaredVm(olds)),
              normalizeVm(declaredVm(news)),
          );
    const [live, observed, expanded] = await Promise.all([
        clusterFacts(ctx.client, ctx.config),
        observe(ctx.client, olds),
        expand,
    ]);
    return planUnder(olds, news, live, observed, expanded);
}

/**
 * Pure: the plan under the cluster as this run leaves it for the VM. A KubeVirtConfiguration in
 * this stack is applied before the VM, so its declared values override the cluster's facts (and
 * are noted); then the VM's migratability comes from its VMI, or from the prediction until
 * virt-handler has looked.
 */
export function planUnder(
    olds: Props,
    news: Props,
    live: ClusterFacts,
    observed: Observed,
    expanded?: ExpandedTemplateSpecs,
): PlannedImpact {
    const { facts, notes } = followDeclared(live, news.clusterConfiguration);
    const runtime = withPredictedMigratability(runtimeOf(observed), olds);
    const plan = planFor(olds, news, runtime, facts, expanded);
    return plan.impact === "none" || notes.length === 0
        ? plan
        : { ...plan, notes: [...plan.notes, ...notes] };
}

/**
 * A VMI reports LiveMigratable once virt-handler has looked at it; until then the running VM's
 * predicted migratability (its eviction output) decides the changes that need a migration.
 */
export function withPredictedMigratability(runtime: VmRuntime, olds: Props): VmRuntime {
    const predicted = (olds.eviction as { migratable?: boolean | null } | undefined)?.migratable;
    if (!runtime.running || runtime.migratable !== undefined || typeof predicted !== "boolean")
        return runtime;
    return { ...runtime, migratable: predicted };
}
