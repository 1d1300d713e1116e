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
import { guardedPatch, noop, type Result } from "../actions";
import type { ControllerDef, Ctx } from "../controller";
import { Node, Pod } from "../kinds";
import type { Store } from "../store";
import { pickNode, unschedulableMessage } from "../kubevirt/scheduling";
import type { VmiSpec } from "../kubevirt/types";
import { k8sTime } from "../util/time";

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
    const node = pickNode(store.list(Node), [], pod.spec as VmiSpec, {
        excludeAll: siblingNodes(pod, store),
    });
    if (!node) return unschedulable(pod, store.list(Node).length, ctx.now);
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

/** Marks the pod unschedulable once (a later fitting node still binds it: requeued). */
function unschedulable(pod: KubeObject, nodes: number, now: number): Result {
    const conditions = (pod.status as { conditions?: { type: string; status: string }[] })
        ?.conditions;
    if (conditions?.some((c) => c.type === "PodScheduled" && c.status === "False"))
        return noop(3000);
    const cond = {
        type: "PodScheduled",
        status: "False",
        reason: "Unschedulable",
        message: unschedulableMessage(nodes),
        lastProbeTime: null,
        lastTransitionTime: k8sTime(now),
    };
    const why = "no node fits the pod";
    return {
        actions: [guardedPatch(pod, { status: { conditions: [cond] } }, why, "status")],
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
