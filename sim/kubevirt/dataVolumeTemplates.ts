/**
 * DataVolumes from `spec.dataVolumeTemplates` (docs/semantics.md#datavolume-templates-of-a-vm, docs/semantics.md#vm-classification-summary): virt-controller
 * creates the missing ones (owner = VM, label kubevirt.io/created-by, claim adoption allowed,
 * `sourceRef` resolved into `source`), never updates existing ones and never deletes removed
 * templates. The VM waits until each is Succeeded, WaitForFirstConsumer or PendingPopulation.
 *
 * x-refs: kubevirt pkg/virt-controller/watch/vm/vm.go (handleDataVolumes),
 * pkg/storage/types/dv.go (GenerateDataVolumeFromTemplate).
 */
import type { KubeObject } from "../../provider/k8s/client";
import type { Action } from "../actions";
import { DataSource, Dv, controllerRef } from "../kinds";
import type { Store } from "../store";
import { clone, type Json } from "../util/json";
import { ann, type DataVolumeTemplate, type VirtualMachine } from "./types";

export const readyDvPhases = new Set(["Succeeded", "WaitForFirstConsumer", "PendingPopulation"]);

export function dataVolumeActions(
    vm: VirtualMachine,
    store: Store,
): { actions: Action[]; ready: boolean } {
    const ns = vm.metadata.namespace ?? "";
    const actions: Action[] = [];
    let ready = true;
    for (const t of vm.spec.dataVolumeTemplates ?? []) {
        const dv = store.get(Dv, `${ns}/${t.metadata.name}`);
        if (!dv) {
            ready = false;
            actions.push({
                op: "create",
                obj: dataVolumeFromTemplate(vm, t, store),
                why: "create DataVolume from the VM's dataVolumeTemplates",
            });
        } else if (!readyDvPhases.has((dv.status as { phase?: string } | undefined)?.phase ?? "")) {
            ready = false;
        }
    }
    return { actions, ready };
}

export function dataVolumeFromTemplate(
    vm: VirtualMachine,
    t: DataVolumeTemplate,
    store: Store,
): KubeObject {
    const spec: Json = clone(t.spec);
    resolveSourceRef(spec, vm.metadata.namespace ?? "", store);
    return {
        apiVersion: Dv.apiVersion,
        kind: Dv.kind,
        metadata: {
            name: t.metadata.name,
            namespace: vm.metadata.namespace,
            labels: { ...(t.metadata.labels ?? {}), [ann.createdBy]: vm.metadata.uid ?? "" },
            annotations: {
                ...(t.metadata.annotations ?? {}),
                "cdi.kubevirt.io/allowClaimAdoption": "true",
            },
            ownerReferences: [controllerRef(vm)],
        },
        spec,
    };
}

/** `sourceRef: {kind: DataSource}` → the DataSource's pvc/snapshot source, when it can be read. */
function resolveSourceRef(spec: Json, namespace: string, store: Store): void {
    const ref = spec.sourceRef;
    if (!ref || ref.kind !== "DataSource") return;
    const dsNs = ref.namespace || namespace;
    const ds = store.get(DataSource, `${dsNs}/${ref.name}`) as Json;
    const src = ds?.spec?.source;
    if (src?.pvc)
        spec.source = { pvc: { namespace: src.pvc.namespace || dsNs, name: src.pvc.name } };
    else if (src?.snapshot)
        spec.source = {
            snapshot: { namespace: src.snapshot.namespace || dsNs, name: src.snapshot.name },
        };
    else return;
    delete spec.sourceRef;
}
