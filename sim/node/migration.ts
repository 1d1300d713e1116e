/**
 * The two virt-handlers' side of a live migration (real KubeVirt mode). virt-controller creates
 * the target pod and hands the migration over by setting `status.migrationState` (source and
 * target node); from there the handlers take turns, each writing as itself:
 *   target: address and ports, domain detected   → controller: TargetReady
 *   source: start timestamp, mode                 → controller: Running
 *   target: domain ready timestamp
 *   source: completed, end timestamp
 *   target: the VMI now lives here — node, topology, memory, interfaces, and the hotplug
 *           conditions cleared, all in ONE write (split, KubeVirt re-adds the condition and
 *           starts a second migration)                → controller: Succeeded
 * The fault knobs `refuse-migration` / `fail-migration` (VMI annotation) make the source report
 * the migration failed before it starts or while it runs; the VMI stays where it was.
 * `hold-migration` (VMI annotation) lets the migration start (Running) and then holds it until
 * the annotation goes, so a wait for it times out or is interrupted (timeout and Ctrl-C tests).
 */
import { asIdentity, handlerOn, replaceStatus, type Result } from "../actions";
import { delayFor } from "../config";
import { waitStep, type Ctx } from "../controller";
import {
    ann,
    type MigrationState,
    type VirtualMachineInstance,
    type VmiStatus,
} from "../kubevirt/types";
import { attachedStatus } from "../kubevirt/vmiStatus";
import { removeCondition } from "../util/conditions";
import { k8sTime } from "../util/time";

type State = MigrationState & {
    targetNodeAddress?: string;
    targetNodeDomainDetected?: boolean;
    targetNodeDomainReadyTimestamp?: string;
    sourcePod?: string;
    targetPod?: string;
    failureReason?: string;
};

/** The next handler write of a migration in flight, or undefined when none is due. */
export function migrationStep(vmi: VirtualMachineInstance, ctx: Ctx): Result | undefined {
    const ms = vmi.status?.migrationState as State | undefined;
    if (!ms?.targetNode || !ms.sourceNode || ms.failed) return undefined;
    if (ms.completed && vmi.status?.nodeName === ms.targetNode) return undefined;
    const wait = waitStep(ctx, delayFor(ctx.config, "migration"));
    if (wait !== undefined) return { actions: [], requeueAfter: wait };
    const step = nextStep(vmi, ms, ctx.now);
    if (!step) return undefined;
    const labels = { ...(vmi.metadata.labels ?? {}), ...(step.labels ?? {}) };
    const actions = replaceStatus(
        { ...vmi, metadata: { ...vmi.metadata, labels } },
        { ...vmi.status, ...step.status },
        step.why,
    );
    return { actions: asIdentity(actions, handlerOn(step.node)), stepped: true };
}

interface Step {
    node: string;
    why: string;
    status: Partial<VmiStatus>;
    labels?: Record<string, string>;
}

type StepFor = (node: string, why: string, patch: Partial<State>) => Step;

/** The first step: the target prepares its domain, unless the refuse knob says the source refuses. */
function prepareTarget(
    vmi: VirtualMachineInstance,
    src: string,
    dst: string,
    t: string,
    with_: StepFor,
): Step {
    const refuse = vmi.metadata.annotations?.[ann.simRefuseMigration];
    if (refuse)
        return with_(src, `migration refused (knob ${ann.simRefuseMigration})`, {
            failed: true,
            completed: true,
            endTimestamp: t,
            failureReason: refuse,
        });
    return with_(dst, "target domain prepared", {
        targetNodeAddress: "192.168.122.20",
        targetDirectMigrationNodePorts: { "49152": 0, "49153": 0 },
        targetNodeDomainDetected: true,
    });
}

function nextStep(vmi: VirtualMachineInstance, ms: State, now: number): Step | undefined {
    const t = k8sTime(now);
    const src = ms.sourceNode!,
        dst = ms.targetNode!;
    const with_: StepFor = (node, why, patch) => ({
        node,
        why,
        status: { migrationState: { ...ms, ...patch } },
    });
    const fail = vmi.metadata.annotations?.[ann.simFailMigration];
    if (!ms.targetNodeAddress) return prepareTarget(vmi, src, dst, t, with_);
    if (!ms.startTimestamp)
        return with_(src, "migration started", { startTimestamp: t, mode: "PreCopy" });
    if (fail)
        return with_(src, `migration failed (knob ${ann.simFailMigration})`, {
            failed: true,
            completed: true,
            endTimestamp: t,
            failureReason: fail,
        });
    // Held: started (KubeVirt marks the migration Running) but never finishing until the knob goes.
    if (vmi.metadata.annotations?.[ann.simHoldMigration] !== undefined) return undefined;
    if (!ms.targetNodeDomainReadyTimestamp) {
        // The target running the domain is what satisfies a MigrationRequired (NIC) change.
        const step = with_(dst, "target domain ready", { targetNodeDomainReadyTimestamp: t });
        return {
            ...step,
            status: {
                ...step.status,
                conditions: removeCondition(vmi.status?.conditions, "MigrationRequired"),
            },
        };
    }
    if (!ms.completed)
        return with_(src, "migration completed", { completed: true, endTimestamp: t });
    return handOver(vmi, ms, dst);
}

/** The target's single write that moves the VMI to its node with the hot-plugged resources attached. */
function handOver(vmi: VirtualMachineInstance, ms: State, dst: string): Step {
    const attached = attachedStatus(vmi, dst, []);
    // Finalizing on the target acknowledges every hot-plug the migration carried (CPU, memory,
    // volume migration), as virt-handler's finalizeMigration does.
    const conditions = ["HotVCPUChange", "HotMemoryChange", "VolumesChange"].reduce(
        (cs, t) => removeCondition(cs, t),
        vmi.status?.conditions,
    );
    return {
        node: dst,
        why: `migrated to ${dst}`,
        status: {
            ...attached,
            nodeName: dst,
            conditions,
            launcherContainerImageVersion: "",
            migrationState: ms,
            migratedVolumes: undefined,
        },
        labels: { "kubevirt.io/nodeName": dst },
    };
}
