/**
 * kube-scheduler's part on the bed (real KubeVirt mode): binds pending pods — virt-launcher pods,
 * migration targets and hotplug attachment pods that virt-controller creates — to a fitting node.
 * Fit is nodeSelector and required node affinity (see kubevirt/scheduling.ts); a migration target
 * never lands on a node where another launcher pod of the same VMI runs (KubeVirt's pod
 * anti-affinity for targets). A pod no node fits is marked as kube-scheduler marks it
 * (PodScheduled False, reason Unschedulable): real virt-controller copies that to the VMI, and the
 * VM's printableStatus becomes ErrorUnschedulable.
 */
import type { KubeObject } from "../../provider/k8s/client";
import { noop, statusUpdate, type Result } from "../actions";
import type { ControllerDef, Ctx } from "../controller";
import { Node, Pod } from "../kinds";
import type { Store } from "../store";
import { pickNode, unschedulableCondition } from "../kubevirt/scheduling";
import type { VmiSpec } from "../kubevirt/types";
import { setCondition, type Condition } from "../util/conditions";

export const createdByLabel = "kubevirt.io/created-by";
export const migrationJobLabel = "kubevirt.io/migrationJobUID";

export const podScheduler: ControllerDef = {
    name: "kube-scheduler",
    primary: Pod,
    watches: [
        {
            gvk: Node,
            map: (_o, s) =>
                s
                    .list(Pod)
                    .filter(unbound)
                    .map((p) => `${p.metadata.namespace}/${p.metadata.name}`),
        },
    ],
    reconcile: reconcileScheduling,
};

function unbound(pod: KubeObject): boolean {
    const spec = pod.spec as { nodeName?: string } | undefined;
    return !spec?.nodeName && !pod.metadata.deletionTimestamp;
}

export function reconcileScheduling(key: string, store: Store, ctx: Ctx): Result {
    const pod = store.get(Pod, key);
    if (!pod || !unbound(pod)) return noop();
    const nodes = store.list(Node);
    const node = pickNode(nodes, [], pod.spec as VmiSpec, { excludeAll: siblingNodes(pod, store) });
    if (!node) return unschedulable(pod, nodes.length, ctx.now);
    const binding = {
        apiVersion: "v1",
        kind: "Binding",
        metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace },
        target: { apiVersion: "v1", kind: "Node", name: node },
    };
    return {
        actions: [{ op: "create", obj: binding, why: `bind pod ${pod.metadata.name} to ${node}` }],
    };
}

/**
 * Marks the pod unschedulable; the write is skipped once it says so (setCondition keeps the
 * transition time), and the requeue still binds it when a node comes to fit.
 */
function unschedulable(pod: KubeObject, nodes: number, now: number): Result {
    const status = (pod.status ?? {}) as { conditions?: Condition[] };
    const conditions = setCondition(status.conditions, unschedulableCondition(nodes), now, {
        lastProbeTime: null,
    });
    return {
        actions: statusUpdate(pod, { ...status, conditions }, "no node fits the pod", "status"),
        requeueAfter: 3000,
    };
}

/** Nodes a migration target must avoid: where other launcher pods of its VMI already run. */
function siblingNodes(pod: KubeObject, store: Store): string[] {
    const vmiUid = pod.metadata.labels?.[createdByLabel];
    if (!vmiUid || !pod.metadata.labels?.[migrationJobLabel]) return [];
    return store
        .list(Pod, pod.metadata.namespace)
        .filter(
            (p) =>
                p.metadata.uid !== pod.metadata.uid &&
                p.metadata.labels?.[createdByLabel] === vmiUid,
        )
        .filter(
            (p) =>
                !["Succeeded", "Failed"].includes(
                    (p.status as { phase?: string } | undefined)?.phase ?? "",
                ),
        )
        .map((p) => (p.spec as { nodeName?: string }).nodeName ?? "")
        .filter((n) => n);
}
