/**
 * The disruption report's data model: what `pulumi preview --json` says will happen to each
 * pulumi-kubevirt resource, in the provider's impact vocabulary (diff/types.ts). Pure types and
 * small helpers; parsing lives in preview.ts, rendering in render.ts, CI gating in gate.ts.
 */
import { impactOrder, type Impact, type PlanMismatch } from "../diff/types";
import type { RolloutSpec } from "../rollout/types";

/** What the engine will do with the resource, collapsed from the preview's step ops. */
export type ReportOp = "update" | "replace" | "same" | "create" | "delete";

/** One changed field and why it has its impact (the `plannedImpact.reasons` entries). */
export interface ReportReason {
    path: string;
    impact: Impact;
    why: string;
    summary?: string;
}

/** One pulumi-kubevirt resource in the preview. */
export interface ResourceChange {
    /** Pulumi resource name (the last URN segment). */
    name: string;
    /** Kind from the type token, e.g. `VirtualMachine`. */
    kind: string;
    /** The Kubernetes object, `namespace/name` (or `name`); `old → new` for a rename. */
    ref: string;
    urn: string;
    op: ReportOp;
    /** For update/replace/same: what the change does to the running workload. */
    impact: Impact;
    /** One line, e.g. "vm-a: live migration (cpu.sockets 2→4)"; may be empty. */
    summary: string;
    reasons: ReportReason[];
    notes: string[];
    /** VirtualMachine `restartPolicy` input, when set: decides whether `up` restarts the VM. */
    restartPolicy?: string;
    /** VirtualMachine `rollout` input, when set: the group whose budgets pace this VM's step. */
    rollout?: RolloutSpec;
    /** What the last `up` did differently from its plan (the state's `lastUpdate.mismatch`), when it did. */
    mismatch?: PlanMismatch;
    /** VirtualMachine `eviction` property: its evictionStrategy and whether it can live-migrate. */
    eviction?: ReportEviction;
}

/** What a node drain does to a VM (the provider's `eviction` property). */
export interface ReportEviction {
    strategy: string;
    migratable: boolean | null;
    reasons: string[];
    onDrain: string;
    /** Set when evictionStrategy is LiveMigrate but the VM cannot migrate. */
    warning: string | null;
}

/** Everything the renderers and the gate need. */
export interface DisruptionReport {
    /** Updates, replacements and unchanged resources, riskiest first. */
    changes: ResourceChange[];
    created: ResourceChange[];
    deleted: ResourceChange[];
    /** Changed resources of other providers: counted, not analysed. */
    otherChanges: number;
    /** Error diagnostics of the preview: the plan is incomplete when there are any. */
    errors: string[];
    /** Number of existing resources per impact (unchanged ones count as `none`). */
    totals: Record<Impact, number>;
}

/** Rank for "riskiest first" sorting: replace first, none last. */
export function riskRank(impact: Impact): number {
    return impactOrder.length - 1 - impactOrder.indexOf(impact);
}

/** True when `s` is one of the impact names. */
export function isImpact(s: unknown): s is Impact {
    return typeof s === "string" && (impactOrder as readonly string[]).includes(s);
}

/** Riskiest first, then by kind and name so the output is deterministic. */
export function byRisk(a: ResourceChange, b: ResourceChange): number {
    return (
        riskRank(a.impact) - riskRank(b.impact) ||
        a.kind.localeCompare(b.kind) ||
        a.name.localeCompare(b.name)
    );
}
