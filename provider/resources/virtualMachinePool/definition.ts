/**
 * KubeVirt VirtualMachinePool (pool.kubevirt.io/v1beta1): `replicas` VMs named `<pool>-<ordinal>`
 * built from `spec.virtualMachineTemplate` by virt-controller's pool controller
 * (docs/semantics.md#virtualmachinepool). The table below is the pool object's own policy (what
 * the docs show and what the engine is told); the per-replica plan of a template change comes
 * from `plan.ts`, which runs the VM classifier on each replica.
 */
import type { KubeObject } from "../../k8s/client";
import type { Props } from "../../kindProvider";
import type { Condition } from "../../await/awaiter";
import type { KindDef } from "../generic/kindDefinition";
import { fail, type CheckFailure } from "../../validation/types";
import { replicasOf } from "./strategy";

/** Status summary exposed as the `status` output. */
export function poolOutputs(live: KubeObject | undefined): Props {
    const status = (live?.status ?? {}) as Props;
    return {
        status: { replicas: status.replicas ?? 0, readyReplicas: status.readyReplicas ?? 0 },
    };
}

/**
 * Ready when the pool owns `spec.replicas` VMs and all report Ready. The pool writes no observed
 * generation, so a fresh pool without status counts as not ready; a paused pool never converges.
 */
export function poolReady(inputs: Props): Condition {
    const want = replicasOf(inputs.spec);
    return (obj) => {
        if (!obj) return { ok: false, message: "VirtualMachinePool does not exist yet" };
        const s = (obj.status ?? {}) as Props;
        const have = Number(s.replicas ?? 0);
        const ready = Number(s.readyReplicas ?? 0);
        const failure = (s.conditions ?? []).find(
            (c: Props) => c.type === "ReplicaFailure" && c.status === "True",
        );
        const why = failure ? ` (ReplicaFailure: ${failure.message ?? failure.reason})` : "";
        const message = `${ready}/${want} replicas ready, ${have} VMs${why}`;
        return { ok: have === want && ready === want, message };
    };
}

/** The controller ignores a pool whose selector does not match its template's labels. */
export function checkPoolSelector(obj: KubeObject): CheckFailure[] {
    const spec = (obj.spec ?? {}) as Props;
    const match: Record<string, string> = spec.selector?.matchLabels ?? {};
    const labels: Record<string, string> = spec.virtualMachineTemplate?.metadata?.labels ?? {};
    const missing = Object.entries(match).filter(([k, v]) => labels[k] !== v);
    return missing.length === 0
        ? []
        : [
              fail(
                  "spec.selector.matchLabels",
                  `selector ${missing.map(([k, v]) => `${k}=${v}`).join(", ")} does not match spec.virtualMachineTemplate.metadata.labels; the pool controller would ignore this pool`,
              ),
          ];
}

export const virtualMachinePoolKind: KindDef = {
    kind: "VirtualMachinePool",
    apiVersion: "pool.kubevirt.io/v1beta1",
    namespaced: true,
    bodyKeys: ["spec"],
    policy: [
        {
            pattern: "metadata.name",
            impact: "replace",
            why: "the name identifies the pool and prefixes its VMs",
        },
        {
            pattern: "metadata.namespace",
            impact: "replace",
            why: "the namespace identifies the pool",
        },
        { pattern: "metadata.**", impact: "metadata", why: (c) => `${c.path} changed` },
        {
            pattern: "spec.virtualMachineTemplate.**",
            impact: "restart",
            why: "the VM template changed: planned per replica (see plannedImpact.replicas)",
            note: "with the default proactive updateStrategy the pool restarts every running replica whose VMI template changed; with opportunistic each VM's own rollout applies",
        },
        {
            pattern: "spec.replicas",
            impact: "live",
            why: "scale-out creates VMs (lowest free ordinals); scale-in deletes VMs by scaleInStrategy (random by default)",
        },
        {
            pattern: "spec.**",
            impact: "live",
            why: (c) => `${c.path} changed: the pool controller follows it`,
        },
        { pattern: "**", impact: "live", why: (c) => `${c.path} changed` },
    ],
    readiness: poolReady,
    timeoutSeconds: 900,
    rules: checkPoolSelector,
    outputs: poolOutputs,
};
