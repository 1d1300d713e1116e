/**
 * Writes KubeVirt makes into a VM that the provider must learn to ignore (docs/semantics.md#controller-writes-into-the-vm,
 * docs/semantics.md#vm-mutating-webhook): the controller finalizer and observed-API annotations, and — standing in for the
 * mutating webhook the bare API server lacks — machine type, architecture, firmware UUID and
 * serial, and the PCI topology template annotation. Done as one guarded merge patch; the
 * webhook's CREATE-only defaults (serial, PCI topology) are applied on the sim's first sight.
 */
import { legacyFirmwareUuid, uuidV5 } from "../util/ids";
import { clone, type Json } from "../util/json";
import { mergeDiff } from "../util/mergeDiff";
import { ann, vmFinalizer, type VirtualMachine } from "./types";

const serialNamespace = "5e1f7a2c-9b7e-4c1e-8d3a-3f6b2a9c0d11";

/** The merge patch to apply, or undefined when the VM already carries every controller write. */
export function controllerWrites(vm: VirtualMachine): Record<string, unknown> | undefined {
    const firstSight = !(vm.metadata.finalizers ?? []).includes(vmFinalizer);
    const meta: Json = clone({
        finalizers: vm.metadata.finalizers,
        annotations: vm.metadata.annotations,
    });
    if (firstSight) meta.finalizers = [...(meta.finalizers ?? []), vmFinalizer];
    meta.annotations = {
        ...(meta.annotations ?? {}),
        [ann.latestObservedApi]: "v1",
        [ann.storageObservedApi]: "v1",
    };
    const spec: Json = clone(vm.spec);
    if (spec.template) webhookDefaults(spec.template, vm, firstSight);
    const diff = mergeDiff(
        {
            metadata: { finalizers: vm.metadata.finalizers, annotations: vm.metadata.annotations },
            spec: vm.spec,
        },
        { metadata: meta, spec },
    );
    return diff as Record<string, unknown> | undefined;
}

function webhookDefaults(template: Json, vm: VirtualMachine, firstSight: boolean): void {
    const ts = (template.spec ??= {});
    const domain = (ts.domain ??= {});
    ts.architecture ||= "amd64";
    domain.machine = { ...(domain.machine ?? {}), type: domain.machine?.type || "q35" };
    domain.firmware = { ...(domain.firmware ?? {}) };
    domain.firmware.uuid ||= legacyFirmwareUuid(vm.metadata.name ?? "");
    if (!firstSight) return;
    domain.firmware.serial ||= uuidV5(
        serialNamespace,
        `${vm.metadata.namespace}/${vm.metadata.name}`,
    );
    const pciCapable =
        ["amd64", "arm64"].includes(ts.architecture) && /q35|^virt/.test(domain.machine.type);
    if (pciCapable) {
        template.metadata ??= {};
        template.metadata.annotations = { ...(template.metadata.annotations ?? {}) };
        template.metadata.annotations[ann.pciTopology] ||= "v3";
    }
}
