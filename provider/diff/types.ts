/**
 * The vocabulary of a plan. The Pulumi engine only knows "update" and "replace"; everything finer
 * (live, migrate, restart) is ours, computed by pure classifiers and shown through the
 * `plannedImpact` property and the disruption report.
 */

/** What a change does to a running workload, from harmless to destructive. Order matters. */
export const impactOrder = [
    "none",
    "metadata",
    "live",
    "liveMigrate",
    "restart",
    "replace",
] as const;
export type Impact = (typeof impactOrder)[number];

/** The larger of two impacts. */
export function maxImpact(a: Impact, b: Impact): Impact {
    return impactOrder.indexOf(a) >= impactOrder.indexOf(b) ? a : b;
}

/** What the cluster did instead of what the plan said, found while carrying an update out. */
export type MismatchKind =
    /** Planned a restart; KubeVirt never flagged RestartRequired. */
    | "noRestartRequired"
    /** Planned live (or no runtime effect); KubeVirt flagged RestartRequired. */
    | "restartRequired"
    /** Planned a live migration; the VMI was replaced instead. */
    | "vmiReplaced"
    /** Planned a live migration; the VMI stayed on its node. */
    | "notMigrated";

/** A plan mismatch, as the `lastUpdate` output records it and reports show it. */
export interface PlanMismatch {
    planned: Impact;
    observed: MismatchKind;
    /** One sentence for people, e.g. "planned a restart, but KubeVirt did not report RestartRequired". */
    message: string;
}

/** One changed path and why it has the impact it has. */
export interface ChangeReason {
    /** Dotted path of the changed field, e.g. `spec.template.spec.domain.cpu.sockets`. */
    path: string;
    impact: Impact;
    /** Short explanation, e.g. "cpu.sockets 2→4 is hot-plugged via live migration". */
    why: string;
    /** Terse label for one-line summaries, e.g. "cpu.sockets 2→4" (set by `classifyChanges`). */
    summary?: string;
}

/** The classification of one update. */
export interface ChangePlan {
    impact: Impact;
    reasons: ChangeReason[];
    /** Things the user should know that do not change the impact (e.g. "takes effect on next restart"). */
    notes: string[];
}

/** What the provider knows about the cluster; the classifier follows KubeVirt's rules for it. */
export interface ClusterFacts {
    /** KubeVirt `vmRolloutStrategy`. Default LiveUpdate (KubeVirt >= 1.6 and OpenShift Virtualization). */
    rolloutStrategy: "LiveUpdate" | "Stage";
    /** KubeVirt minor version, e.g. 9 for 1.9; rules that changed between versions use it. */
    kubevirtMinor: number;
    /** Whether workloadUpdateMethods includes LiveMigrate (HCO default: yes). */
    liveMigrateUpdates: boolean;
    /** Declarative hotplug volumes (DeclarativeHotplugVolumes, default on in 1.9). */
    declarativeHotplug: boolean;
}

export const defaultClusterFacts: ClusterFacts = {
    rolloutStrategy: "LiveUpdate",
    kubevirtMinor: 9,
    liveMigrateUpdates: true,
    declarativeHotplug: true,
};

/** What the provider knows about the running instance (VMI) at plan time. */
export interface VmRuntime {
    /** A VMI exists and is not final. */
    running: boolean;
    /** VMI `spec.domain.cpu.maxSockets` (defaults to 4× boot sockets when unknown). */
    maxSockets?: number;
    /** VMI `spec.domain.memory.maxGuest` as a quantity string. */
    maxGuest?: string;
    /** VMI LiveMigratable condition; undefined when unknown. */
    migratable?: boolean;
    /** VMI architecture (amd64, arm64, s390x). */
    architecture?: string;
    /** The VM already carries RestartRequired=True. */
    restartRequired?: boolean;
    /** A VMI exists but was never scheduled (Pending/Scheduling): nothing can reach it live. */
    unscheduled?: boolean;
}
