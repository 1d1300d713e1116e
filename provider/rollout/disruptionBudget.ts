/**
 * PodDisruptionBudgets as a restart budget. Pure (docs/semantics.md#eviction-strategy).
 *
 * A restart deletes the VM's launcher pod through KubeVirt's restart subresource, not through the
 * eviction API, so Kubernetes would not hold it to any budget. The rollout holds itself to the
 * budgets users set on their VMs' launcher pods instead: a PodDisruptionBudget that selects a
 * restarting VM's pod allows as many restarts at once as it allows disruptions when the run first
 * asks (healthy pods above what it must keep), computed here from the pods as the disruption
 * controller would. KubeVirt ≥ 1.6 creates no budgets of its own (older releases made one per
 * VMI, which guard evictions only: our restarts and migrations never evict).
 */
import type { KubeObject } from "../k8s/client";
import type { Props } from "../kindProvider";

/** Labels matched by a Kubernetes label selector (matchLabels and matchExpressions). */
export function selectorMatches(selector: unknown, labels: Record<string, string>): boolean {
    const sel = (selector ?? {}) as Props;
    const ml = (sel.matchLabels ?? {}) as Record<string, string>;
    const exprs = (sel.matchExpressions ?? []) as Props[];
    // An empty selector of a policy/v1 PDB selects every pod of its namespace.
    if (!Object.entries(ml).every(([k, v]) => labels[k] === v)) return false;
    return exprs.every((e) => {
        const has = Object.prototype.hasOwnProperty.call(labels, e.key);
        const values = (e.values ?? []) as string[];
        switch (e.operator) {
            case "In":
                return has && values.includes(labels[e.key]!);
            case "NotIn":
                return !has || !values.includes(labels[e.key]!);
            case "Exists":
                return has;
            case "DoesNotExist":
                return !has;
            default:
                return false;
        }
    });
}

/** A pod the disruption controller counts as healthy: running, Ready, not being deleted. */
export function isHealthy(pod: KubeObject): boolean {
    const st = (pod.status ?? {}) as Props;
    const ready = ((st.conditions ?? []) as Props[]).some(
        (c) => c.type === "Ready" && c.status === "True",
    );
    return st.phase === "Running" && ready && !pod.metadata.deletionTimestamp;
}

/** An int-or-percent of `total`, rounded up as the disruption controller does. */
function scaled(v: unknown, total: number): number | undefined {
    if (typeof v === "number") return v;
    const pct = typeof v === "string" ? /^(\d+)%$/.exec(v)?.[1] : undefined;
    return pct === undefined ? undefined : Math.ceil((Number(pct) * total) / 100);
}

/** How a budget stands over the pods it selects. */
export interface BudgetStanding {
    healthy: number;
    expected: number;
    /** Pods that must stay healthy. */
    desired: number;
    /** Disruptions it allows now (never negative). */
    allowed: number;
}

/** Pure: the budget `pdb` over `pods` (all pods of its namespace; it picks its own). */
export function budgetStanding(pdb: KubeObject, pods: readonly KubeObject[]): BudgetStanding {
    const spec = (pdb.spec ?? {}) as Props;
    const mine = pods.filter((p) => selectorMatches(spec.selector, p.metadata.labels ?? {}));
    const expected = mine.length;
    const healthy = mine.filter(isHealthy).length;
    const maxUnavailable = scaled(spec.maxUnavailable, expected);
    const desired =
        maxUnavailable !== undefined
            ? Math.max(0, expected - maxUnavailable)
            : (scaled(spec.minAvailable, expected) ?? 0);
    return { healthy, expected, desired, allowed: Math.max(0, healthy - desired) };
}
