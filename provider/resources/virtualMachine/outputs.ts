/**
 * Outputs of a VirtualMachine resource: the inputs as applied, plus what the cluster reports.
 * Pure. The keys that are inputs are listed so diff and refresh know which to compare.
 */
import type { KubeObject } from "../../k8s/client";
import { plain, type Props } from "../../kindProvider";
import { condition, vmStatus } from "./readiness";
import { noImpact } from "./plan";
import type { PlanMismatch } from "../../diff/types";

/** Input keys (everything the user declares). `plannedImpact` is computed and never compared. */
export const inputKeys = [
    "metadata",
    "spec",
    "cloudInit",
    "restartPolicy",
    "wait",
    "timeouts",
    "adopt",
    "rollout",
    "skipAwait",
] as const;

/** What happened in the last update, kept as evidence that the plan held. */
export interface LastUpdate {
    impact: string;
    summary: string;
    /** "as planned", or the mismatch's message. */
    outcome: string;
    /** What differed from the plan; null when the cluster did what was planned. */
    mismatch?: PlanMismatch | null;
    vmiUidBefore?: string;
    vmiUidAfter?: string;
    nodeBefore?: string;
    nodeAfter?: string;
    migration?: string;
}

/**
 * `lastUpdate` is the record of this update, else the one carried over from state, else null
 * ("no update yet"). Never absent: an absent output is unknown in every preview (a no-change
 * preview would show `+ lastUpdate: [unknown]`) and undefined after create (a stack-output warning).
 */
export function vmOutputs(
    inputs: Props,
    vm: KubeObject | undefined,
    vmi: KubeObject | undefined,
    lastUpdate?: LastUpdate | null,
): Props {
    const out: Props = {};
    for (const k of inputKeys) if (inputs[k] !== undefined) out[k] = inputs[k];
    const st = vmStatus(vm);
    const rr = condition(vm, "RestartRequired");
    Object.assign(out, {
        plannedImpact: noImpact,
        uid: vm?.metadata.uid ?? "",
        status: {
            printableStatus: st.printableStatus ?? "",
            ready: st.ready ?? false,
            conditions: (st.conditions ?? []).map((c) => ({
                type: c.type,
                status: c.status,
                reason: c.reason ?? "",
                message: c.message ?? "",
            })),
        },
        restartRequired: rr?.status === "True",
        vmi: vmiSummary(vmi),
        // Predicted from the declared VM (see eviction.ts); vmi.liveMigratable is KubeVirt's own word.
        eviction: inputs.eviction ?? null,
    });
    out.lastUpdate = lastUpdate ?? inputs.lastUpdate ?? null;
    return plain(out);
}

function vmiSummary(vmi: KubeObject | undefined): Props | null {
    if (!vmi) return null;
    const st = (vmi.status ?? {}) as Props;
    const ifaces: Props[] = st.interfaces ?? [];
    return {
        uid: vmi.metadata.uid ?? "",
        phase: st.phase ?? "",
        nodeName: st.nodeName ?? "",
        ipAddresses: ifaces.flatMap((i) => i.ipAddresses ?? (i.ipAddress ? [i.ipAddress] : [])),
        guestAgentConnected: condition(vmi, "AgentConnected")?.status === "True",
        liveMigratable: liveMigratable(vmi),
    };
}

/** The VMI's LiveMigratable condition (virt-handler's verdict): null until it reports one. */
function liveMigratable(vmi: KubeObject): Props | null {
    const c = condition(vmi, "LiveMigratable");
    if (!c) return null;
    return { status: c.status === "True", reason: c.reason ?? "", message: c.message ?? "" };
}
