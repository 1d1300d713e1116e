/**
 * The VMI lifecycle that virt-controller's VMI loop, the scheduler and virt-handler produce
 * together: Pending (until its DataVolumes are Succeeded and claims bound) → Scheduling →
 * Scheduled (node chosen) → Running; graceful stop on deletion; guest exit on the knob. The VMI
 * CRD has no status subresource, so status is written through the main resource.
 */
import type { KubeObject } from "../../provider/k8s/client";
import { guardedPatch, noop, statusUpdate, type Action, type Result } from "../actions";
import { delayFor } from "../config";
import { paced, type ControllerDef, type Ctx } from "../controller";
import { Dv, Node, Pvc, Vm, Vmi, keyOf } from "../kinds";
import type { Store } from "../store";
import { removeCondition, setCondition, setConditions, type Condition } from "../util/conditions";
import { clone, type Json } from "../util/json";
import { liveMigratableCondition, storageLiveMigratableCondition } from "./migratable";
import { pickNode, unschedulableCondition } from "./scheduling";
import {
    ann,
    claimNameOf,
    isFinal,
    vmFinalizer,
    vmiForegroundFinalizer,
    type VirtualMachineInstance,
    type VmiStatus,
} from "./types";
import { attachedStatus, guestOsInfo, hasGuestAgent, volumeStatuses, withPhase } from "./vmiStatus";
import { vmisReferencingClaim } from "./lookups";

export const vmiController: ControllerDef = {
    name: "virt-handler/vmi",
    primary: Vmi,
    watches: [
        { gvk: Dv, map: (o, s) => vmisReferencingClaim(o, s).map(keyOf) },
        { gvk: Pvc, map: (o, s) => vmisReferencingClaim(o, s).map(keyOf) },
        {
            gvk: Node,
            map: (_o, s) =>
                s
                    .list<VirtualMachineInstance>(Vmi)
                    .filter((v) => v.status?.phase === "Scheduling")
                    .map(keyOf),
        },
    ],
    reconcile: reconcileVmi,
};

export function reconcileVmi(key: string, store: Store, ctx: Ctx): Result {
    const vmi = store.get<VirtualMachineInstance>(Vmi, key);
    if (!vmi) return noop();
    if (vmi.metadata.deletionTimestamp) return shutdown(vmi, store, ctx);
    const delay = delayFor(ctx.config, "vmi");
    switch (vmi.status?.phase ?? "") {
        case "":
        case "Pending":
            return pending(vmi, store, ctx, delay);
        case "Scheduling":
            return scheduling(vmi, store, ctx, delay);
        case "Scheduled":
            return paced(ctx, delay, () => toRunning(vmi, store, ctx));
        case "Running":
            return running(vmi, store, ctx, delay);
        default:
            return noop();
    }
}

/** Why the VMI's volumes are not ready yet (DataVolumes not Succeeded, claims missing or unbound). */
function volumeBlockers(
    vmi: VirtualMachineInstance,
    store: Store,
): { blockers: Condition[]; dvCount: number } {
    const ns = vmi.metadata.namespace;
    const blockers: Condition[] = [];
    let dvCount = 0;
    for (const v of vmi.spec.volumes ?? []) {
        const claim = claimNameOf(v);
        if (!claim) continue;
        const dv = store.get(Dv, `${ns}/${claim}`);
        const pvc = store.get(Pvc, `${ns}/${claim}`);
        if (dv) dvCount++;
        const dvPhase = (dv?.status as { phase?: string } | undefined)?.phase;
        if (dv && dvPhase !== "Succeeded") {
            blockers.push({
                type: "DataVolumesReady",
                status: "False",
                reason: "NotAllDataVolumesReady",
                message: `DataVolume ${claim} is ${dvPhase || "Pending"}`,
            });
        } else if (!dv && !pvc) {
            blockers.push({
                type: "Synchronized",
                status: "False",
                reason: "FailedPvcNotFound",
                message: `PVC ${ns}/${claim} does not exist, waiting for it to appear`,
            });
        } else if ((pvc?.status as { phase?: string } | undefined)?.phase !== "Bound") {
            blockers.push({
                type: "Synchronized",
                status: "False",
                reason: "PvcNotBound",
                message: `PVC ${ns}/${claim} is not bound yet`,
            });
        }
    }
    return { blockers, dvCount };
}

/** Waits for volumes: DataVolumes Succeeded, claims present and bound. */
function pending(vmi: VirtualMachineInstance, store: Store, ctx: Ctx, delay: number): Result {
    const { blockers, dvCount } = volumeBlockers(vmi, store);
    let conds = removeCondition(
        removeCondition(vmi.status?.conditions, "Synchronized"),
        "DataVolumesReady",
    );
    conds = setConditions(conds, dedupe(blockers), ctx.now);
    if (blockers.length)
        return {
            actions: statusUpdate(
                vmi,
                { ...vmi.status, phase: "Pending", conditions: conds },
                "waiting for volumes",
                undefined,
            ),
            requeueAfter: 5000,
        };
    if (dvCount)
        conds = setCondition(
            conds,
            {
                type: "DataVolumesReady",
                status: "True",
                reason: "AllDVsReady",
                message: "All of the VMI's DVs are bound and ready",
            },
            ctx.now,
        );
    return paced(ctx, delay, () =>
        statusUpdate(
            vmi,
            withPhase({ ...vmi.status, conditions: conds }, "Scheduling", ctx.now),
            "virt-launcher pod created",
            undefined,
        ),
    );
}

function dedupe(cs: Condition[]): Condition[] {
    return cs.filter((c, i) => cs.findIndex((x) => x.type === c.type) === i);
}

function scheduling(vmi: VirtualMachineInstance, store: Store, ctx: Ctx, delay: number): Result {
    const nodes = store.list(Node);
    const node = pickNode(nodes, store.list<VirtualMachineInstance>(Vmi), vmi.spec, {
        self: vmi.metadata.uid,
    });
    if (!node) {
        const c = unschedulableCondition(nodes.length);
        const status = {
            ...vmi.status,
            conditions: setCondition(vmi.status?.conditions, c, ctx.now, { lastProbeTime: null }),
        };
        return {
            actions: statusUpdate(vmi, status, "no node fits the VMI", undefined),
            requeueAfter: 3000,
        };
    }
    return paced(ctx, delay, () => {
        const status = withPhase(
            {
                ...vmi.status,
                nodeName: node,
                conditions: removeCondition(vmi.status?.conditions, "PodScheduled"),
            },
            "Scheduled",
            ctx.now,
        );
        return statusUpdate(vmi, status, `scheduled on ${node}`, undefined);
    });
}

function toRunning(vmi: VirtualMachineInstance, store: Store, ctx: Ctx): Action[] {
    const node = vmi.status?.nodeName ?? "";
    const base = withPhase(
        { ...vmi.status, ...attachedStatus(vmi, node, store.list(Node)) },
        "Running",
        ctx.now,
    );
    const status: VmiStatus = { ...base, ...runningExtras(vmi, store, ctx, base.conditions) };
    return statusUpdate(vmi, status, `running on ${node}`, undefined);
}

/** Conditions and reports kept current while Running (LiveMigratable, guest agent, volumes, link state). */
function runningExtras(
    vmi: VirtualMachineInstance,
    store: Store,
    ctx: Ctx,
    conds: Condition[] | undefined,
): Partial<VmiStatus> {
    const pvcOf = (n: string): KubeObject | undefined =>
        store.get(Pvc, `${vmi.metadata.namespace}/${n}`);
    const migratable = liveMigratableCondition(vmi, pvcOf, ctx.config.diskMigratability);
    let c = setCondition(conds, { type: "Ready", status: "True" }, ctx.now, {
        lastProbeTime: null,
    });
    c = setCondition(c, migratable, ctx.now, { lastProbeTime: null });
    c = setCondition(c, storageLiveMigratableCondition(vmi), ctx.now, { lastProbeTime: null });
    const agent = hasGuestAgent(vmi);
    c = agent
        ? setCondition(c, { type: "AgentConnected", status: "True" }, ctx.now, {
              lastProbeTime: null,
          })
        : removeCondition(c, "AgentConnected");
    const out: Json = {
        conditions: c,
        qosClass: "Burstable",
        migrationMethod: migratable.status === "True" ? "LiveMigration" : "BlockMigration",
        launcherContainerImageVersion: "quay.io/kubevirt/virt-launcher:v1.9.0-sim",
        machine: { type: vmi.spec.domain?.machine?.type ?? "q35" },
        volumeStatus: volumeStatuses(vmi, pvcOf),
        guestOSInfo: agent ? guestOsInfo : undefined,
    };
    return out;
}

function running(vmi: VirtualMachineInstance, store: Store, ctx: Ctx, delay: number): Result {
    const exit = vmi.metadata.annotations?.[ann.simGuestExit];
    if (exit === "Succeeded" || exit === "Failed") {
        return paced(ctx, delay, () => {
            const conds = setCondition(
                vmi.status?.conditions,
                {
                    type: "Ready",
                    status: "False",
                    reason: "GuestNotRunning",
                    message: "Guest VM is not reported as running",
                },
                ctx.now,
            );
            return statusUpdate(
                vmi,
                withPhase({ ...vmi.status, conditions: conds }, exit, ctx.now),
                `guest exited (${exit}, knob ${ann.simGuestExit})`,
                undefined,
            );
        });
    }
    const status: Json = {
        ...clone(vmi.status),
        ...runningExtras(vmi, store, ctx, vmi.status?.conditions),
    };
    const links = new Map(
        (vmi.spec.domain?.devices?.interfaces ?? []).map((i) => [
            i.name,
            i.state === "down" ? "down" : "up",
        ]),
    );
    status.interfaces = (status.interfaces ?? []).map((i: Json) =>
        links.has(i.name) ? { ...i, linkState: links.get(i.name) } : i,
    );
    return { actions: statusUpdate(vmi, status, "running status", undefined) };
}

/** Graceful stop: the guest shuts down (Succeeded), then the launcher's finalizers go. */
function shutdown(vmi: VirtualMachineInstance, store: Store, ctx: Ctx): Result {
    if (!isFinal(vmi)) {
        return paced(ctx, delayFor(ctx.config, "vmi"), () => {
            const conds = setCondition(
                vmi.status?.conditions,
                {
                    type: "Ready",
                    status: "False",
                    reason: "PodTerminating",
                    message: "virt-launcher pod is terminating",
                },
                ctx.now,
            );
            return statusUpdate(
                vmi,
                withPhase({ ...vmi.status, conditions: conds }, "Succeeded", ctx.now),
                "guest shut down (VMI deleted)",
                undefined,
            );
        });
    }
    const owner = vmi.metadata.ownerReferences?.find((r) => r.kind === "VirtualMachine");
    const ownerVm = owner ? store.get(Vm, `${vmi.metadata.namespace}/${owner.name}`) : undefined;
    const drop = new Set([
        vmiForegroundFinalizer,
        ...(ownerVm?.metadata.uid === owner?.uid ? [] : [vmFinalizer]),
    ]);
    if (!(vmi.metadata.finalizers ?? []).some((f) => drop.has(f))) return noop();
    const finalizers = (vmi.metadata.finalizers ?? []).filter((f) => !drop.has(f));
    return {
        actions: [
            guardedPatch(
                vmi,
                { metadata: { finalizers } },
                "virt-launcher pod gone; release VMI finalizers",
            ),
        ],
    };
}
