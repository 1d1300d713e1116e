import * as pulumi from "@pulumi/pulumi";

/** Object metadata the user declares. */
export interface ObjectMetaArgs {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
}

/** The `plannedImpact` property every kind with runtime effects exposes. */
export interface PlannedImpactOutput {
    impact: "none" | "metadata" | "live" | "liveMigrate" | "restart" | "replace";
    summary: string;
    reasons: { path: string; impact: string; why: string }[];
    notes: string[];
}

const severity: Record<string, "info" | "warn"> = {
    live: "info",
    metadata: "info",
    liveMigrate: "warn",
    restart: "warn",
    replace: "warn",
};
const verb: Record<string, string> = {
    metadata: "will update metadata only",
    live: "will apply live",
    liveMigrate: "will live-migrate",
    restart: "needs restart",
    replace: "will REPLACE (data loss)",
};

/**
 * Shows the planned impact as a message on the resource during preview, where reviewers read it.
 * At rest the stored impact is "none", so unchanged resources stay silent.
 */
export function announcePlan(res: pulumi.Resource, plan: pulumi.Output<PlannedImpactOutput>): void {
    plan.apply((p) => {
        if (!p || !p.impact) return;
        if (p.impact === "none") {
            if (p.notes?.length) pulumi.log.warn(p.notes.join("\n"), res);
            return;
        }
        const why = p.reasons.map((r) => `  - ${r.path}: ${r.why}`).join("\n");
        const msg = `${verb[p.impact] ?? p.impact}: ${p.summary}${why ? `\n${why}` : ""}${p.notes.length ? `\n  note: ${p.notes.join("\n  note: ")}` : ""}`;
        pulumi.log[severity[p.impact] ?? "info"](msg, res);
    });
}

/** `status` of a VirtualMachine: KubeVirt's printable status, readiness and conditions. */
export interface VmStatusOutput {
    printableStatus: string;
    ready: boolean;
    conditions: { type: string; status: string; reason: string; message: string }[];
}

/** The running instance of a VirtualMachine; null when it is stopped. */
export interface VmiOutput {
    uid: string;
    phase: string;
    nodeName: string;
    ipAddresses: string[];
    guestAgentConnected: boolean;
    /** KubeVirt's LiveMigratable condition on the VMI (null until reported). */
    liveMigratable: { status: boolean; reason: string; message: string } | null;
}

/** `eviction` of a VirtualMachine: what a node drain does to it, predicted from the declared VM. */
export interface EvictionOutput {
    /** Effective evictionStrategy: the VM's `spec.template.spec.evictionStrategy`, else the cluster's. */
    strategy: string;
    from: "vm" | "cluster";
    /** Whether the VM can live-migrate; null when not known yet (a claim that does not exist). */
    migratable: boolean | null;
    /** Why it cannot migrate (`Reason: detail`, KubeVirt's condition reasons), or what is not known. */
    reasons: string[];
    /** What a node drain does to the VM. */
    onDrain: string;
    /** Set when evictionStrategy is LiveMigrate but the VM cannot migrate. */
    warning: string | null;
}

/** Warns (in preview and up) when a VM declared to live-migrate on drains cannot. */
export function announceEviction(
    res: pulumi.Resource,
    eviction: pulumi.Output<EvictionOutput | null>,
): void {
    eviction.apply((e) => {
        if (e?.warning) pulumi.log.warn(e.warning, res);
    });
}

/** What the last update did, and whether the cluster agreed with the plan. */
export interface LastUpdateOutput {
    impact: string;
    summary: string;
    outcome: string;
    /** What differed from the plan (null when the cluster did what was planned). */
    mismatch?: { planned: string; observed: string; message: string } | null;
    nodeBefore?: string;
    nodeAfter?: string;
    vmiUidBefore?: string;
    vmiUidAfter?: string;
    migration?: string;
}
