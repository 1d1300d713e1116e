/**
 * The VMI's LiveMigratable condition (docs/semantics.md#live-migration, `calculateLiveMigrationCondition`).
 * Simplified: hostDisk volumes (and, with diskMigratability "accessModes", non-RWX PVCs) make
 * disks non-migratable; a `bridge` pod-network interface without the allow annotation makes the
 * interface non-migratable. Other reasons (host devices, SEV, ...) are not simulated.
 */
import type { KubeObject } from "../../provider/k8s/client";
import type { ConditionInput } from "../util/conditions";
import { ann, claimNameOf, type VirtualMachineInstance } from "./types";

export function liveMigratableCondition(
    vmi: VirtualMachineInstance,
    pvcOf: (name: string) => KubeObject | undefined,
    mode: "simple" | "accessModes",
): ConditionInput {
    const no = (reason: string, message: string): ConditionInput => ({
        type: "LiveMigratable",
        status: "False",
        reason,
        message,
    });
    for (const v of vmi.spec.volumes ?? []) {
        if (v.hostDisk)
            return no(
                "DisksNotLiveMigratable",
                `cannot migrate VMI: HostDisk ${v.name} is not shared`,
            );
        const claim = claimNameOf(v);
        if (mode === "accessModes" && claim) {
            const modes =
                (pvcOf(claim)?.spec as { accessModes?: string[] } | undefined)?.accessModes ?? [];
            if (!modes.includes("ReadWriteMany")) {
                return no(
                    "DisksNotLiveMigratable",
                    `cannot migrate VMI: PVC ${claim} is not shared, live migration requires that all PVCs must be shared (using ReadWriteMany access mode)`,
                );
            }
        }
    }
    const podNet = (vmi.spec.networks ?? []).find((n) => n.pod)?.name;
    const podIface = (vmi.spec.domain?.devices?.interfaces ?? []).find((i) => i.name === podNet);
    if (podIface?.bridge && vmi.metadata.annotations?.[ann.allowPodBridgeMigration] === undefined) {
        return no(
            "InterfaceNotLiveMigratable",
            `cannot migrate VMI which does not use masquerade, bridge with ${ann.allowPodBridgeMigration} VM annotation or a migratable plugin to connect to the pod network`,
        );
    }
    return { type: "LiveMigratable", status: "True" };
}
