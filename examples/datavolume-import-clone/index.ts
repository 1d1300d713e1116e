/**
 * Golden image workflow: import a cloud image into a DataVolume, publish it as a DataSource, and
 * start a VM whose root disk is cloned from that DataSource through `dataVolumeTemplates`
 * `sourceRef`.
 *
 * Things to try with `pulumi preview`:
 * - `pulumi config set imageUrl <other url>`: the import DataVolume is REPLACED (CDI specs are
 *   immutable), and the preview says the PVC and its data are deleted;
 * - `pulumi config set importSize 12Gi`: grows the import's PVC in place (needs a StorageClass
 *   that allows volume expansion, set with `storageClass`);
 * - `pulumi config set vmDiskSize 20Gi`: the preview says the VM's existing DataVolume is NOT
 *   updated (KubeVirt never updates DataVolumes created from templates).
 */
import * as pulumi from "@pulumi/pulumi";
import * as kubevirt from "pulumi-kubevirt";

const config = new pulumi.Config();
const namespace = config.get("namespace") ?? "default";
const imageUrl =
    config.get("imageUrl") ??
    "https://download.fedoraproject.org/pub/fedora/linux/releases/41/Cloud/x86_64/images/Fedora-Cloud-Base-Generic-41-1.4.x86_64.qcow2";
const importSize = config.get("importSize") ?? "10Gi";
const vmDiskSize = config.get("vmDiskSize") ?? "10Gi";
const storageClassName = config.get("storageClass");

/** The imported image: the golden copy every VM clone is made from. */
const image = new kubevirt.DataVolume("fedora-41", {
    metadata: { namespace, labels: { "app.kubernetes.io/part-of": "golden-images" } },
    spec: {
        source: { http: { url: imageUrl } },
        storage: {
            resources: { requests: { storage: importSize } },
            ...(storageClassName ? { storageClassName } : {}),
        },
    },
});

/** The name VMs use; repointing it to a newer import leaves existing VMs' disks as they are. */
const source = new kubevirt.DataSource("fedora", {
    metadata: { namespace },
    spec: {
        source: { pvc: { namespace, name: image.metadata.apply((m) => m.name ?? "fedora-41") } },
    },
});

const vm = new kubevirt.VirtualMachine(
    "fedora-from-golden",
    {
        metadata: { namespace },
        spec: {
            runStrategy: "Always",
            dataVolumeTemplates: [
                {
                    metadata: { name: "fedora-from-golden-root" },
                    spec: {
                        sourceRef: {
                            kind: "DataSource",
                            name: source.metadata.apply((m) => m.name ?? "fedora"),
                            namespace,
                        },
                        storage: { resources: { requests: { storage: vmDiskSize } } },
                    },
                },
            ],
            template: {
                spec: {
                    domain: {
                        cpu: { sockets: 1, cores: 2 },
                        memory: { guest: "2Gi" },
                        devices: {
                            disks: [{ name: "root", disk: { bus: "virtio" } }],
                            interfaces: [{ name: "default", masquerade: {} }],
                        },
                    },
                    networks: [{ name: "default", pod: {} }],
                    volumes: [{ name: "root", dataVolume: { name: "fedora-from-golden-root" } }],
                },
            },
        },
    },
    { dependsOn: [source] },
);

export const imagePhase = image.status.apply((s) => s.phase);
export const imageClaim = image.status.apply((s) => s.claimName);
export const sourceReady = source.status.apply((s) => s.ready);
export const vmStatus = vm.status.apply((s) => s.printableStatus);
