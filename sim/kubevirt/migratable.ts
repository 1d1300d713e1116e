/**
 * The VMI's LiveMigratable and StorageLiveMigratable conditions, as virt-handler computes them
 * (docs/semantics.md#eviction-strategy, `calculateLiveMigrationCondition` and
 * `calculateLiveStorageMigrationCondition`): checks in its order, the first failing one named.
 *
 * Judged from the running VMI and its claims, independently of the provider's prediction (which
 * works from the declared VM), so the e2e tests can compare the two. The bed's KubeVirt CR has no
 * binding plugins, no VGPULiveMigration gate and nodes with a host CPU model, so a `binding`
 * interface and any GPU block, and host-model does not.
 */
import type { KubeObject } from "../../provider/k8s/client";
import type { ConditionInput } from "../util/conditions";
import { ann, claimNameOf, type VirtualMachineInstance } from "./types";

type Check = (vmi: VirtualMachineInstance) => string | undefined;

/** The parts of the VMI domain the checks read. */
interface DomainParts {
    devices?: { hostDevices?: unknown[]; gpus?: unknown[] };
    launchSecurity?: { sev?: unknown; snp?: unknown; tdx?: unknown };
    features?: { hypervPassthrough?: { enabled?: boolean } };
}
const domain = (vmi: VirtualMachineInstance) => (vmi.spec.domain ?? {}) as DomainParts;

function podNetworkCheck(vmi: VirtualMachineInstance): string | undefined {
    const ifaces = vmi.spec.domain?.devices?.interfaces ?? [];
    const podNet = (vmi.spec.networks ?? []).find((n) => n.pod);
    if (ifaces.length === 0 || !podNet) return undefined;
    const iface = ifaces.find((i) => i.name === podNet.name);
    if (!iface) return `no primary interface found for network ${podNet.name}`;
    if (iface.masquerade || iface.passtBinding) return undefined;
    if (iface.bridge && vmi.metadata.annotations?.[ann.allowPodBridgeMigration] !== undefined)
        return undefined;
    return "cannot migrate VMI which does not use masquerade or a migratable plugin to connect to the pod network";
}

function hostDeviceCheck(vmi: VirtualMachineInstance): string | undefined {
    const d = domain(vmi).devices ?? {};
    if ((d.hostDevices ?? []).length > 0)
        return "VMI specifies non-migratable generic PCI host device";
    if ((d.gpus ?? []).length > 1) return "VMI specifies too many GPUs";
    if ((d.gpus ?? []).length === 1)
        return "VMI specifies a GPU but feature gate VGPULiveMigration is not enabled";
    return undefined;
}

const launchSecurity = (vmi: VirtualMachineInstance) => domain(vmi).launchSecurity;

/** [condition reason, check] in virt-handler's order, disks last (they are decided separately). */
const checks: readonly [string, Check][] = [
    ["InterfaceNotLiveMigratable", podNetworkCheck],
    ["HostDeviceNotLiveMigratable", hostDeviceCheck],
    [
        "SEVNotLiveMigratable",
        (v) => (launchSecurity(v)?.sev || launchSecurity(v)?.snp ? "VMI uses SEV" : undefined),
    ],
    ["TDXNotLiveMigratable", (v) => (launchSecurity(v)?.tdx ? "VMI uses TDX" : undefined)],
    [
        "SecureExecutionNotLiveMigratable",
        (v) =>
            launchSecurity(v) && v.spec.architecture === "s390x"
                ? "VMI uses Secure Execution"
                : undefined,
    ],
    [
        "HypervPassthroughNotLiveMigratable",
        (v) =>
            domain(v).features?.hypervPassthrough?.enabled
                ? "VMI uses hyperv passthrough"
                : undefined,
    ],
];

/**
 * Every claim must be ReadWriteMany, except volumes a storage migration is copying right now; a
 * claim virt-handler cannot see (missing PVC) blocks too; a hostDisk must be shared.
 */
function disksCheck(
    vmi: VirtualMachineInstance,
    pvcOf: (name: string) => KubeObject | undefined,
): string | undefined {
    const migrated = new Set(
        ((vmi.status?.migratedVolumes ?? []) as { volumeName?: string }[]).map((m) => m.volumeName),
    );
    for (const v of vmi.spec.volumes ?? []) {
        const claim = claimNameOf(v);
        if (claim) {
            const pvc = pvcOf(claim);
            const modes = (pvc?.spec as { accessModes?: string[] } | undefined)?.accessModes ?? [];
            if (!pvc)
                return `cannot migrate VMI: Unable to determine if PVC ${claim} is shared, live migration requires that all PVCs must be shared (using ReadWriteMany access mode)`;
            if (!modes.includes("ReadWriteMany") && !migrated.has(v.name))
                return `cannot migrate VMI: PVC ${claim} is not shared, live migration requires that all PVCs must be shared (using ReadWriteMany access mode)`;
        } else if (v.hostDisk && v.hostDisk.shared !== true) {
            return "cannot migrate VMI with non-shared HostDisk";
        }
    }
    return undefined;
}

/** LiveMigratable: the first failing check (disks after all others), else True. */
export function liveMigratableCondition(
    vmi: VirtualMachineInstance,
    pvcOf: (name: string) => KubeObject | undefined,
    mode: "simple" | "accessModes",
): ConditionInput {
    for (const [reason, check] of checks) {
        const message = check(vmi);
        if (message) return { type: "LiveMigratable", status: "False", reason, message };
    }
    // "simple" (an old knob): only hostDisks count, every claim is taken as shared.
    const disks = disksCheck(vmi, mode === "simple" ? () => rwx : pvcOf);
    if (disks)
        return {
            type: "LiveMigratable",
            status: "False",
            reason: "DisksNotLiveMigratable",
            message: disks,
        };
    return { type: "LiveMigratable", status: "True" };
}

const rwx: KubeObject = {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: {},
    spec: { accessModes: ["ReadWriteMany"] },
};

/**
 * StorageLiveMigratable: every check but the disks (a storage migration is how RWO disks move),
 * all failures listed, reason NotMigratable.
 */
export function storageLiveMigratableCondition(vmi: VirtualMachineInstance): ConditionInput {
    const failed = checks.flatMap(([reason, check]) => {
        const message = check(vmi);
        return message ? [`${reason}: ${message}`] : [];
    });
    if (failed.length === 0) return { type: "StorageLiveMigratable", status: "True" };
    return {
        type: "StorageLiveMigratable",
        status: "False",
        reason: "NotMigratable",
        message: failed.join(", "),
    };
}
