/**
 * virt-handler's part on the bed (real KubeVirt mode): what the node agent reports about a VMI
 * once virt-controller has handed it over (phase Scheduled). Every write is made as the handler
 * of the VMI's node, because KubeVirt's admission (NodeRestriction) undoes or rejects VMI status
 * from anyone else. Live migrations are in migration.ts.
 */
import { asIdentity, handlerOn, noop, replaceStatus, type Action, type Result } from "../actions";
import { delayFor } from "../config";
import { paced, type ControllerDef, type Ctx } from "../controller";
import { Pvc, Vmi } from "../kinds";
import type { Store } from "../store";
import { liveMigratableCondition, storageLiveMigratableCondition } from "../kubevirt/migratable";
import {
    ann,
    isFinal,
    isHotplugVolume,
    type VirtualMachineInstance,
    type VmiStatus,
} from "../kubevirt/types";
import { guestOsInfo, hasGuestAgent, interfaceStatuses, withPhase } from "../kubevirt/vmiStatus";
import { removeCondition, setCondition, type Condition } from "../util/conditions";
import { clone, type Json } from "../util/json";
import { migrationStep } from "./migration";

export const virtHandler: ControllerDef = {
    name: "virt-handler",
    primary: Vmi,
    watches: [],
    reconcile: reconcileHandler,
};

export function reconcileHandler(key: string, store: Store, ctx: Ctx): Result {
    const vmi = store.get<VirtualMachineInstance>(Vmi, key);
    const node = vmi?.status?.nodeName;
    if (!vmi || !node || isFinal(vmi)) return noop();
    const as = (actions: Action[]) => asIdentity(actions, handlerOn(node));
    if (vmi.metadata.deletionTimestamp) {
        return paced(ctx, delayFor(ctx.config, "vmi"), () =>
            as(stopped(vmi, "Succeeded", "VMI deleted: guest shut down", ctx.now)),
        );
    }
    const migrating = migrationStep(vmi, ctx);
    if (migrating) return migrating;
    const phase = vmi.status?.phase;
    if (phase === "Scheduled")
        return paced(ctx, delayFor(ctx.config, "vmi"), () =>
            as(replaceStatus(vmi, running(vmi, store, ctx, true), `domain started on ${node}`)),
        );
    if (phase !== "Running") return noop();
    const exit = vmi.metadata.annotations?.[ann.simGuestExit];
    if (exit === "Succeeded" || exit === "Failed")
        return paced(ctx, delayFor(ctx.config, "vmi"), () =>
            as(stopped(vmi, exit, `guest exited (${exit}, knob ${ann.simGuestExit})`, ctx.now)),
        );
    return { actions: as(replaceStatus(vmi, running(vmi, store, ctx, false), "domain status")) };
}

function stopped(vmi: VirtualMachineInstance, phase: string, why: string, now: number): Action[] {
    const conds = setCondition(
        vmi.status?.conditions,
        {
            type: "Ready",
            status: "False",
            reason: "GuestNotRunning",
            message: "Guest VM is not reported as running",
        },
        now,
    );
    return replaceStatus(vmi, withPhase({ ...vmi.status, conditions: conds }, phase, now), why);
}

/** A running VMI's conditions: Ready, (Storage)LiveMigratable, and AgentConnected when it has an agent. */
function runningConditions(
    current: Condition[] | undefined,
    migratable: Condition,
    storage: Condition,
    agent: boolean,
    now: number,
): Condition[] {
    const probe = { lastProbeTime: null };
    let c = setCondition(current, { type: "Ready", status: "True" }, now, probe);
    c = setCondition(c, migratable, now, probe);
    c = setCondition(c, storage, now, probe);
    return agent
        ? setCondition(c, { type: "AgentConnected", status: "True" }, now, probe)
        : removeCondition(c, "AgentConnected");
}

/** What a running domain reports: conditions, interfaces, hotplug volumes attached, guest agent data. */
function running(
    vmi: VirtualMachineInstance,
    store: Store,
    ctx: Ctx,
    starting: boolean,
): VmiStatus {
    const node = vmi.status?.nodeName ?? "";
    const base: VmiStatus = starting
        ? withPhase(clone(vmi.status ?? {}), "Running", ctx.now)
        : clone(vmi.status ?? {});
    const pvcOf = (n: string) => store.get(Pvc, `${vmi.metadata.namespace}/${n}`);
    const migratable = liveMigratableCondition(vmi, pvcOf, ctx.config.diskMigratability);
    const agent = hasGuestAgent(vmi);
    const storage = storageLiveMigratableCondition(vmi);
    const c = runningConditions(base.conditions, migratable, storage, agent, ctx.now);
    const out: Json = {
        ...base,
        conditions: c,
        selinuxContext: "none",
        machine: { type: vmi.spec.domain?.machine?.type ?? "q35" },
        migrationMethod: migratable.status === "True" ? "LiveMigration" : "BlockMigration",
        interfaces:
            starting || !base.interfaces
                ? interfaceStatuses(vmi, node, [])
                : withLinkState(base.interfaces as Json[], vmi),
        volumeStatus: hotplugAttached(base.volumeStatus as Json[] | undefined, vmi),
    };
    if (agent) out.guestOSInfo = guestOsInfo;
    else delete out.guestOSInfo;
    return out;
}

/**
 * Once running, the reported interfaces are kept as they are (virt-controller also writes them,
 * from the pod's network status, and two writers must not fight); only the link state follows
 * the spec, as the domain's would.
 */
function withLinkState(ifaces: Json[], vmi: VirtualMachineInstance): Json[] {
    const want = new Map(
        (vmi.spec.domain?.devices?.interfaces ?? []).map((i) => [
            i.name,
            i.state === "down" ? "down" : "up",
        ]),
    );
    return ifaces.map((i) =>
        want.has(i.name) && i.linkState !== want.get(i.name)
            ? { ...i, linkState: want.get(i.name) }
            : i,
    );
}

/** Hotplugged volumes the controller has attached to the node are mounted into the domain. */
function hotplugAttached(
    statuses: Json[] | undefined,
    vmi: VirtualMachineInstance,
): Json[] | undefined {
    if (!statuses) return statuses;
    const hot = new Set((vmi.spec.volumes ?? []).filter(isHotplugVolume).map((v) => v.name));
    return statuses.map((s) =>
        hot.has(s.name) && s.phase && s.phase !== "Ready"
            ? {
                  ...s,
                  phase: "Ready",
                  reason: "VolumeReady",
                  message: `Successfully attach hotplugged volume ${s.name} to VM`,
              }
            : s,
    );
}
