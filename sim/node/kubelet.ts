/**
 * The kubelet's part on the bed (real KubeVirt mode). There are no containers, so a bound pod is
 * reported Running at once (virt-controller only needs the `compute` container running); a
 * launcher pod whose VMI has finished or has moved to another node by migration is reported
 * Succeeded (KubeVirt waits for the old source pod to end before another migration); a pod being
 * deleted is removed for good, as the kubelet does once its containers have stopped.
 */
import type { KubeObject } from "../../provider/k8s/client";
import { deleteAction, noop, statusUpdate, type Result } from "../actions";
import type { ControllerDef, Ctx } from "../controller";
import { Pod, Vmi, keyOf } from "../kinds";
import type { Store } from "../store";
import { isFinal, type VirtualMachineInstance } from "../kubevirt/types";
import { hash32 } from "../util/ids";
import { k8sTime } from "../util/time";
import { createdByLabel } from "./scheduler";

interface PodSpec {
    nodeName?: string;
    containers?: { name: string; image?: string }[];
    initContainers?: { name: string; image?: string }[];
}
type Pod = KubeObject & { spec?: PodSpec; status?: { phase?: string } };

export const kubelet: ControllerDef = {
    name: "kubelet",
    primary: Pod,
    watches: [{ gvk: Vmi, map: (vmi, s) => launcherPodsOf(vmi, s).map(keyOf) }],
    reconcile: reconcilePod,
};

function launcherPodsOf(vmi: KubeObject, store: Store): KubeObject[] {
    return store
        .list(Pod, vmi.metadata.namespace)
        .filter((p) => p.metadata.labels?.[createdByLabel] === vmi.metadata.uid);
}

export function reconcilePod(key: string, store: Store, ctx: Ctx): Result {
    const pod = store.get<Pod>(Pod, key);
    if (!pod) return noop();
    if (pod.metadata.deletionTimestamp)
        return { actions: [deleteAction(pod, "containers stopped", { gracePeriodSeconds: 0 })] };
    const node = pod.spec?.nodeName;
    const phase = pod.status?.phase ?? "Pending";
    if (!node) return noop();
    if (phase === "Pending")
        return {
            actions: statusUpdate(
                pod,
                runningStatus(pod, ctx.now),
                `containers started on ${node}`,
                "status",
            ),
        };
    if (phase === "Running" && launcherDone(pod, store)) {
        return {
            actions: statusUpdate(
                pod,
                succeededStatus(pod, ctx.now),
                "virt-launcher exited",
                "status",
            ),
        };
    }
    return noop();
}

/** The VMI ended, or was migrated away from this pod's node. */
function launcherDone(pod: Pod, store: Store): boolean {
    const vmiUid = pod.metadata.labels?.[createdByLabel];
    if (!vmiUid || pod.metadata.labels?.["kubevirt.io"] !== "virt-launcher") return false;
    const vmi = store
        .list<VirtualMachineInstance>(Vmi, pod.metadata.namespace)
        .find((v) => v.metadata.uid === vmiUid);
    if (!vmi) return false;
    if (isFinal(vmi)) return true;
    const ms = vmi.status?.migrationState;
    return (
        !!ms?.completed &&
        !ms.failed &&
        ms.sourcePod === pod.metadata.name &&
        vmi.status?.nodeName !== pod.spec?.nodeName
    );
}

function runningStatus(pod: Pod, now: number): Record<string, unknown> {
    const t = k8sTime(now);
    const ip = `10.244.0.${(hash32(pod.metadata.uid ?? "") % 250) + 2}`;
    const running = (c: { name: string; image?: string }) => ({
        name: c.name,
        ready: true,
        started: true,
        restartCount: 0,
        image: c.image ?? "",
        imageID: `sha256:${"0".repeat(64)}`,
        containerID: `containerd://${c.name}`,
        state: { running: { startedAt: t } },
    });
    const initDone = (c: { name: string; image?: string }) => ({
        name: c.name,
        ready: true,
        started: false,
        restartCount: 0,
        image: c.image ?? "",
        imageID: `sha256:${"0".repeat(64)}`,
        state: { terminated: { exitCode: 0, reason: "Completed", startedAt: t, finishedAt: t } },
    });
    const cond = (type: string) => ({
        type,
        status: "True",
        lastProbeTime: null,
        lastTransitionTime: t,
    });
    return {
        phase: "Running",
        qosClass: "Burstable",
        hostIP: "192.168.122.10",
        podIP: ip,
        podIPs: [{ ip }],
        startTime: t,
        conditions: ["PodScheduled", "Initialized", "ContainersReady", "Ready"].map(cond),
        containerStatuses: (pod.spec?.containers ?? []).map(running),
        initContainerStatuses: (pod.spec?.initContainers ?? []).map(initDone),
    };
}

function succeededStatus(pod: Pod, now: number): Record<string, unknown> {
    const t = k8sTime(now);
    const status = pod.status as { containerStatuses?: Record<string, unknown>[] } & Record<
        string,
        unknown
    >;
    const done = (c: Record<string, unknown>) => ({
        ...c,
        ready: false,
        started: false,
        state: { terminated: { exitCode: 0, reason: "Completed", finishedAt: t } },
    });
    const conds = ["PodScheduled", "Initialized"]
        .map((type) => ({ type, status: "True", lastProbeTime: null, lastTransitionTime: t }))
        .concat(
            ["ContainersReady", "Ready"].map((type) => ({
                type,
                status: "False",
                lastProbeTime: null,
                lastTransitionTime: t,
            })),
        );
    return {
        ...status,
        phase: "Succeeded",
        conditions: conds,
        containerStatuses: (status.containerStatuses ?? []).map(done),
    };
}
