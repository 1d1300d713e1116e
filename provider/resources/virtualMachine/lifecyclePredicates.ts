/**
 * Predicates for VM fields outside `spec.template.spec` (docs/semantics.md#live-updatable-fields "Fields outside
 * spec.template.spec never set RestartRequired", docs/semantics.md#vm-classification-summary items 2–5) and for instancetype references.
 */
import { getAt, isPlainObject, type JsonObject } from "../../diff/paths";
import { runStrategyOf } from "./readiness";
import { elementName, label, verdict, type VmContext, type VmPredicate } from "./vmContext";

/** The run strategy of a VM object, by the one rule readiness also uses (readiness.ts `runStrategyOf`). */
export function effectiveRunStrategy(vm: JsonObject): string {
    const spec = getAt(vm, ["spec"]);
    return runStrategyOf(isPlainObject(spec) ? spec : undefined);
}

function powerEffect(to: string | undefined, running: boolean): string {
    switch (to) {
        case "Halted":
            return running ? "stops the VM" : "keeps the VM stopped";
        case "Always":
        case "RerunOnFailure":
            return running ? "keeps the VM running" : "starts the VM";
        case "Once":
            return running
                ? "keeps the VM running (it will not be restarted)"
                : "starts the VM once";
        case "Manual":
            return "takes no power action (start/stop only through virtctl)";
        default:
            return "changes the power policy";
    }
}

/** docs/semantics.md#vm-classification-summary: a runStrategy/running change is a live power-state action, never a restart of the spec. */
export const runStrategyChange: VmPredicate = (_change, ctx) => {
    const from = effectiveRunStrategy(ctx.oldVm);
    const to = effectiveRunStrategy(ctx.newVm);
    if (from === to) {
        return verdict(
            "metadata",
            `spec.running rewritten as runStrategy ${to ?? "unset"}: same strategy, no power action`,
        );
    }
    const effect = powerEffect(to, ctx.runtime.running);
    return verdict("live", `runStrategy ${from ?? "unset"}→${to ?? "unset"} ${effect}`);
};

/** docs/semantics.md#live-updatable-fields, docs/semantics.md#datavolume-templates-of-a-vm: new templates create a DataVolume; removed ones leave it in place. */
export const dataVolumeTemplateEntry: VmPredicate = (change) => {
    const name = elementName(change);
    if (change.kind === "added") return verdict("live", `creates DataVolume '${name}'`);
    return verdict(
        "none",
        `dataVolumeTemplates entry '${name}' removed: KubeVirt does not delete DataVolume '${name}'`,
        `DataVolume '${name}' is left in place after its template is removed; delete it yourself if unused`,
    );
};

/** docs/semantics.md#immutable-fields: a DataVolume created from a template is never updated through the VM. */
export const dataVolumeTemplateChange: VmPredicate = (change) => {
    const name = elementName(change);
    return verdict(
        "none",
        `${label(change)}: KubeVirt will NOT update the existing DataVolume '${name}' (its spec is immutable); nothing changes on the cluster`,
        `DataVolume '${name}' will not be updated from its changed template: rename the template (new disk) or delete the DataVolume (data loss) to apply it`,
    );
};

/** docs/semantics.md#live-updatable-fields: template labels/annotations are staged until the next VMI start, no RestartRequired. */
export const templateMetadataChange: VmPredicate = (change, ctx) => {
    const note = ctx.running
        ? "spec.template.metadata changes take effect on next restart (the running VMI keeps its labels/annotations)"
        : "spec.template.metadata changes take effect on next start";
    return verdict(
        "metadata",
        `${label(change)}: staged for the next VMI start; no runtime effect`,
        note,
    );
};

/** docs/semantics.md#vm-classification-summary item 5: nothing runs, so any template change simply applies on the next start. */
export const appliesOnNextStart: VmPredicate = (change, ctx) => {
    const stoppedNow = ctx.runtime.running
        ? "the VM is stopped by this update"
        : "the VM is not running";
    // Nothing runs, so nothing is touched now: KubeVirt only stores the template (measured on
    // the bed: no VMI, no condition); the change takes effect when the VM next starts.
    return verdict(
        "none",
        `${label(change)}: applies on next start (${stoppedNow})`,
        "spec.template.spec changes apply on next start; nothing running is disrupted",
    );
};

function instancetypeLive(ctx: VmContext): boolean {
    // docs/semantics.md#live-updatable-fields: instancetype hot-plug exists from 1.3 and only under LiveUpdate.
    return ctx.expanded && ctx.liveUpdate && ctx.cluster.kubevirtMinor >= 3;
}

/**
 * docs/semantics.md#live-updatable-fields: an instancetype/preference swap is live only when its expanded delta is sockets/memory.
 * That delta is visible only through expanded specs; without them assume a restart.
 */
export const instancetypeChange: VmPredicate = (change, ctx) => {
    const l = label(change);
    if (!ctx.running) return verdict("live", `${l}: applies on next start (the VM is not running)`);
    if (instancetypeLive(ctx)) {
        return verdict(
            "live",
            `${l}: re-expanded by KubeVirt; its effective template changes are classified per field`,
        );
    }
    if (ctx.expanded)
        return verdict(
            "restart",
            `${l}: instancetype changes are not hot-plugged here (needs LiveUpdate on KubeVirt ≥ 1.3)`,
        );
    return verdict(
        "restart",
        `${l}: the expanded effect of the new instancetype/preference is unknown, so a restart is assumed (only a pure sockets/memory change could be hot-plugged)`,
    );
};
