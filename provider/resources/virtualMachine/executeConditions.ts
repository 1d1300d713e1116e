/** The pure conditions and grace periods execute.ts waits with. */
import type { KubeObject } from "../../k8s/client";
import type { Selection, Verdict } from "../../await/awaiter";
import type { Props } from "../../kindProvider";
import { condition } from "./readiness";

/**
 * How long KubeVirt gets to act before the provider concludes it will not (each capped by the
 * user's budget): its workload updater starts a migration within seconds of a hot-plug update;
 * virt-controller flags RestartRequired, or records the new generation, on its next sync.
 */
export const graceMs = {
    migrationStart: 30_000,
    restartRequired: 20_000,
    generationObserved: 15_000,
} as const;

/** The migrations of one VMI (KubeVirt labels them with its name). */
export function migrationSelection(inputs: Props): Selection {
    return {
        apiVersion: "kubevirt.io/v1",
        kind: "VirtualMachineInstanceMigration",
        namespace: inputs.metadata.namespace,
        labelSelector: `kubevirt.io/vmi-name=${inputs.metadata.name}`,
    };
}

/** Condition: a migration that was not there before the update exists. */
export function untilFreshMigration(before: Set<string>): (objs: KubeObject[]) => Verdict {
    return (objs) => {
        const fresh = objs.find((m) => !before.has(String(m.metadata.name)));
        return fresh
            ? { ok: true, message: `migration ${fresh.metadata.name} started` }
            : { ok: false, message: "no new migration yet" };
    };
}

/** Condition: the VM carries RestartRequired=True (message: KubeVirt's reason). */
export function untilRestartRequired(vm: KubeObject | undefined): Verdict {
    const rr = condition(vm, "RestartRequired");
    return rr?.status === "True"
        ? { ok: true, message: rr.message ?? "" }
        : { ok: false, message: "no RestartRequired" };
}

/** Condition: virt-controller has seen generation `applied` of the VM (status.desiredGeneration). */
export function untilGenerationObserved(applied: number): (vm: KubeObject | undefined) => Verdict {
    return (vm) => {
        const seen = Number((vm?.status as Props | undefined)?.desiredGeneration ?? 0);
        return seen >= applied
            ? { ok: true, message: `generation ${seen} observed` }
            : { ok: false, message: `generation ${seen} of ${applied} observed` };
    };
}
