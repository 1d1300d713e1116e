/**
 * A tiny scheduler for virt-launcher pods: nodeSelector equality, required node affinity
 * (matchExpressions and matchFields), and the kubernetes.io/arch label KubeVirt adds for the VMI
 * architecture. Picks the least-loaded fitting node, ties broken alphabetically. Nodes carry no
 * taints, so tolerations never matter.
 */
import type { KubeObject } from "../../provider/k8s/client";
import type { VirtualMachineInstance, VmiSpec } from "./types";
import type { ConditionInput } from "../util/conditions";

interface Requirement {
    key: string;
    operator: string;
    values?: string[];
}
interface Term {
    matchExpressions?: Requirement[];
    matchFields?: Requirement[];
}

export function nodeFits(
    node: KubeObject,
    spec: VmiSpec,
    extraSelector: Record<string, string> = {},
): boolean {
    const labels = node.metadata.labels ?? {};
    const selector = {
        ...(spec.nodeSelector ?? {}),
        ...extraSelector,
        "kubernetes.io/arch": spec.architecture ?? "amd64",
    };
    if (!Object.entries(selector).every(([k, v]) => labels[k] === v)) return false;
    const terms = (
        spec.affinity as
            | {
                  nodeAffinity?: {
                      requiredDuringSchedulingIgnoredDuringExecution?: {
                          nodeSelectorTerms?: Term[];
                      };
                  };
              }
            | undefined
    )?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
    if (!terms?.length) return true;
    return terms.some((t) => termMatches(t, labels, node.metadata.name ?? ""));
}

function termMatches(t: Term, labels: Record<string, string>, name: string): boolean {
    if (!t.matchExpressions?.length && !t.matchFields?.length) return false;
    const fields: Record<string, string> = { "metadata.name": name };
    return (
        (t.matchExpressions ?? []).every((r) => requirementMatches(r, labels)) &&
        (t.matchFields ?? []).every((r) => requirementMatches(r, fields))
    );
}

function requirementMatches(r: Requirement, labels: Record<string, string>): boolean {
    const v = labels[r.key];
    const vals = r.values ?? [];
    switch (r.operator) {
        case "In":
            return v !== undefined && vals.includes(v);
        case "NotIn":
            return v === undefined || !vals.includes(v);
        case "Exists":
            return v !== undefined;
        case "DoesNotExist":
            return v === undefined;
        case "Gt":
            return v !== undefined && Number(v) > Number(vals[0]);
        case "Lt":
            return v !== undefined && Number(v) < Number(vals[0]);
        default:
            return false;
    }
}

/** The least-loaded node that fits, excluding `exclude` (a migration source). */
export function pickNode(
    nodes: KubeObject[],
    vmis: VirtualMachineInstance[],
    spec: VmiSpec,
    opts: {
        exclude?: string;
        excludeAll?: string[];
        self?: string;
        extraSelector?: Record<string, string>;
    } = {},
): string | undefined {
    const load = new Map<string, number>();
    for (const v of vmis) {
        const n = v.status?.nodeName;
        if (
            n &&
            v.metadata.uid !== opts.self &&
            !["Succeeded", "Failed"].includes(v.status?.phase ?? "")
        )
            load.set(n, (load.get(n) ?? 0) + 1);
    }
    const fit = nodes
        .filter(
            (n) =>
                n.metadata.name !== opts.exclude &&
                !opts.excludeAll?.includes(n.metadata.name ?? "") &&
                nodeFits(n, spec, opts.extraSelector),
        )
        .map((n) => n.metadata.name ?? "")
        .sort((a, b) => (load.get(a) ?? 0) - (load.get(b) ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
    return fit[0];
}

/** kube-scheduler's PodScheduled condition when no node fits (simulated VMIs carry it too). */
export function unschedulableCondition(total: number): ConditionInput {
    return {
        type: "PodScheduled",
        status: "False",
        reason: "Unschedulable",
        message: `0/${total} nodes are available: ${total} node(s) didn't match Pod's node affinity/selector. preemption: 0/${total} nodes are available: ${total} Preemption is not helpful for scheduling.`,
    };
}
