/**
 * From the resource's inputs to the objects sent to the cluster. Pure.
 *
 * Cloud-init data is secret: it never goes into the VM spec (which is stored in state and readable
 * by anyone who can read VMs). It lives in a Secret the VM references through
 * cloudInitNoCloud.secretRef / networkDataSecretRef, and under the resource's own top-level
 * `cloudInit` input, which the SDK marks secret so state holds only ciphertext.
 */
import type { KubeObject, ObjectRef } from "../../k8s/client";
import type { Props } from "../../kindProvider";

export const vmApiVersion = "kubevirt.io/v1";
export const cloudInitVolume = "cloudinitdisk";

export interface CloudInitInput {
    userData?: string;
    networkData?: string;
}

export function vmRef(inputs: Props): ObjectRef {
    return {
        apiVersion: vmApiVersion,
        kind: "VirtualMachine",
        name: inputs.metadata?.name,
        namespace: inputs.metadata?.namespace,
    };
}

export function vmiRef(inputs: Props): ObjectRef {
    return { ...vmRef(inputs), kind: "VirtualMachineInstance" };
}

export const cloudInitSecretName = (vmName: string): string => `${vmName}-cloudinit`;

/** The VM object as declared (what the classifier compares), without provider-added parts. */
export function declaredVm(inputs: Props): KubeObject {
    const m = inputs.metadata ?? {};
    const metadata: Record<string, unknown> = { name: m.name, namespace: m.namespace };
    if (m.labels && Object.keys(m.labels).length) metadata.labels = m.labels;
    if (m.annotations && Object.keys(m.annotations).length) metadata.annotations = m.annotations;
    return { apiVersion: vmApiVersion, kind: "VirtualMachine", metadata, spec: inputs.spec ?? {} };
}

/** The VM object to apply: declared, plus the cloud-init volume and disk when cloudInit is set. */
export function vmToApply(inputs: Props): KubeObject {
    const vm = structuredClone(declaredVm(inputs));
    const ci = inputs.cloudInit as CloudInitInput | undefined;
    if (!ci || (!ci.userData && !ci.networkData)) return vm;
    const tspec = (((vm.spec as Props).template ??= {}).spec ??= {});
    const secretName = cloudInitSecretName(vm.metadata.name as string);
    const source: Props = {};
    if (ci.userData) source.secretRef = { name: secretName };
    if (ci.networkData) source.networkDataSecretRef = { name: secretName };
    const volumes: Props[] = (tspec.volumes ??= []);
    const existing = volumes.find((v) => v.name === cloudInitVolume);
    if (existing) {
        delete existing.cloudInitConfigDrive;
        existing.cloudInitNoCloud = source;
    } else {
        volumes.push({ name: cloudInitVolume, cloudInitNoCloud: source });
    }
    const disks: Props[] = (((tspec.domain ??= {}).devices ??= {}).disks ??= []);
    if (!disks.some((d) => d.name === cloudInitVolume))
        disks.push({ name: cloudInitVolume, disk: { bus: "virtio" } });
    return vm;
}

/** The Secret holding cloud-init data, or undefined when the VM has none. */
export function cloudInitSecret(inputs: Props): KubeObject | undefined {
    const ci = inputs.cloudInit as CloudInitInput | undefined;
    if (!ci || (!ci.userData && !ci.networkData)) return undefined;
    const stringData: Record<string, string> = {};
    if (ci.userData) stringData.userdata = ci.userData;
    if (ci.networkData) stringData.networkdata = ci.networkData;
    return {
        apiVersion: "v1",
        kind: "Secret",
        type: "Opaque",
        metadata: {
            name: cloudInitSecretName(inputs.metadata.name),
            namespace: inputs.metadata.namespace,
            labels: { "app.kubernetes.io/managed-by": "pulumi-kubevirt" },
        },
        stringData,
    };
}

/**
 * Removes from a live spec what the provider itself adds (the cloud-init volume and disk), so a
 * refresh does not report them as drift the user never declared.
 */
export function withoutProviderParts(spec: Props, inputs: Props): Props {
    if (!inputs.cloudInit) return spec;
    const out = structuredClone(spec);
    const t = out.template?.spec;
    const declaredVolumes: Props[] = inputs.spec?.template?.spec?.volumes ?? [];
    const declaredDisks: Props[] = inputs.spec?.template?.spec?.domain?.devices?.disks ?? [];
    if (t?.volumes && !declaredVolumes.some((v) => v.name === cloudInitVolume))
        t.volumes = t.volumes.filter((v: Props) => v.name !== cloudInitVolume);
    const devices = t?.domain?.devices;
    if (devices?.disks && !declaredDisks.some((d) => d.name === cloudInitVolume))
        devices.disks = devices.disks.filter((d: Props) => d.name !== cloudInitVolume);
    return out;
}
