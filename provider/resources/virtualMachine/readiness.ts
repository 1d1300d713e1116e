/**
 * Readiness of a VirtualMachine, as pure conditions over observed objects.
 *
 * Success, by declared run strategy (docs/semantics.md#run-strategy, docs/semantics.md#vm-status):
 *   1. Always / RerunOnFailure / Once: the VM reports `status.ready` (VMI Running and Ready).
 *   2. Halted: no VMI is running (printableStatus Stopped, or no status yet on a fresh VM).
 *   3. Manual: nothing is started automatically, so the VM only has to exist.
 * Failure (terminal, no point waiting): printableStatus ErrorUnschedulable, ErrImagePull,
 * ImagePullBackOff, ErrorPvcNotFound, DataVolumeError, CrashLoopBackOff.
 *
 * `status.observedGeneration` is deliberately not used: KubeVirt sets it to the generation the
 * running VMI was started from, so after a live update it stays behind forever (docs/semantics.md#vm-status).
 */
import type { KubeObject } from "../../k8s/client";
import type { Verdict } from "../../await/awaiter";
import type { Props } from "../../kindProvider";

const terminal = new Set([
    "ErrorUnschedulable",
    "ErrImagePull",
    "ImagePullBackOff",
    "ErrorPvcNotFound",
    "DataVolumeError",
    "CrashLoopBackOff",
]);

interface VmStatus {
    printableStatus?: string;
    ready?: boolean;
    created?: boolean;
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
}

export const vmStatus = (vm: KubeObject | undefined): VmStatus => (vm?.status ?? {}) as VmStatus;

export function condition(
    obj: KubeObject | undefined,
    type: string,
): { status: string; reason?: string; message?: string } | undefined {
    return ((obj?.status as VmStatus | undefined)?.conditions ?? []).find((c) => c.type === type);
}

/**
 * The run strategy a VM declares, mapping the deprecated `running` flag; a VM with neither is
 * read as Halted (admission would reject it; docs/semantics.md#run-strategy). The classifier and
 * the waits both use this one rule.
 */
export function runStrategyOf(spec: Props | undefined): string {
    if (spec?.runStrategy) return String(spec.runStrategy);
    if (spec?.running === true) return "Always";
    return "Halted";
}

/** Whether a run strategy means "a VMI should be running now". */
export const expectsRunning = (strategy: string): boolean =>
    ["Always", "RerunOnFailure", "Once"].includes(strategy);

/** Condition for the VM to settle in the state its run strategy asks for. */
export function untilVmSettled(strategy: string): (vm: KubeObject | undefined) => Verdict {
    return (vm) => {
        if (!vm) return { ok: false, message: "VirtualMachine not found yet" };
        const st = vmStatus(vm);
        const printable = st.printableStatus ?? "no status yet";
        if (st.printableStatus && terminal.has(st.printableStatus)) {
            const failure = condition(vm, "Failure") ?? condition(vm, "Ready");
            return {
                ok: false,
                failed: true,
                message: `${printable}${failure?.message ? `: ${failure.message}` : ""}`,
            };
        }
        if (expectsRunning(strategy)) {
            return st.ready
                ? { ok: true, message: "Running and Ready" }
                : { ok: false, message: `waiting for Running/Ready (now ${printable})` };
        }
        if (strategy === "Halted") {
            // No VMI is all Halted promises; DataVolumes still Provisioning (their source may not even
            // exist yet) are no reason to block: KubeVirt waits for them at start (docs/semantics.md#datavolume-templates-of-a-vm).
            return !st.created
                ? { ok: true, message: `Stopped (${printable})` }
                : { ok: false, message: `waiting for the VM to stop (now ${printable})` };
        }
        return { ok: true, message: `exists (${printable})` };
    };
}

/** Condition: the VMI is running with a different uid than `oldUid` (a restart happened). */
export function untilNewVmi(oldUid: string | undefined): (vmi: KubeObject | undefined) => Verdict {
    return (vmi) => {
        if (!vmi) return { ok: false, message: "waiting for the new VMI" };
        const phase = (vmi.status as { phase?: string } | undefined)?.phase ?? "Pending";
        if (vmi.metadata.uid === oldUid) return { ok: false, message: `old VMI still ${phase}` };
        return phase === "Running"
            ? { ok: true, message: `new VMI Running` }
            : { ok: false, message: `new VMI ${phase}` };
    };
}

/** Condition: a VirtualMachineInstanceMigration reached Succeeded (Failed is terminal). */
export function untilMigrated(vmim: KubeObject | undefined): Verdict {
    if (!vmim) return { ok: false, message: "waiting for the migration object" };
    const phase = (vmim.status as { phase?: string } | undefined)?.phase ?? "Pending";
    if (phase === "Succeeded") return { ok: true, message: "migration Succeeded" };
    if (phase === "Failed") {
        // KubeVirt puts the source handler's reason in migrationState.failureReason; conditions
        // carry admission-time reasons (e.g. rejected by resource quota).
        const st = vmim.status as VmStatus & { migrationState?: { failureReason?: string } };
        const reasons = [
            ...(st.conditions ?? []).map((x) => x.message ?? x.reason),
            st.migrationState?.failureReason,
        ];
        const c = [...new Set(reasons.filter(Boolean))].join("; ");
        return {
            ok: false,
            failed: true,
            message: `migration ${vmim.metadata.name} Failed${c ? `: ${c}` : ""}`,
        };
    }
    return { ok: false, message: `migration ${vmim.metadata.name} ${phase}` };
}

/** Condition: the guest agent is connected and/or the guest reports an IP address (VMI status). */
export function untilGuest(agent: boolean, ip: boolean): (vmi: KubeObject | undefined) => Verdict {
    return (vmi) => {
        if (!vmi) return { ok: false, message: "waiting for the VMI" };
        const agentOk = !agent || condition(vmi, "AgentConnected")?.status === "True";
        const ifaces =
            (
                vmi.status as
                    { interfaces?: { ipAddress?: string; ipAddresses?: string[] }[] } | undefined
            )?.interfaces ?? [];
        const ipOk = !ip || ifaces.some((i) => i.ipAddress || (i.ipAddresses ?? []).length > 0);
        if (agentOk && ipOk) return { ok: true, message: "guest ready" };
        return {
            ok: false,
            message: `waiting for ${!agentOk ? "the guest agent" : "a guest IP address"}`,
        };
    };
}
