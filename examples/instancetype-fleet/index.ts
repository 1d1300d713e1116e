/**
 * A fleet sized by instancetypes: two cluster instancetypes, a namespaced preference, and `count`
 * VMs that reference them instead of spelling out CPU and memory.
 *
 * Things to try with `pulumi preview --diff`:
 * - `pulumi config set smallCpus 2`: the instancetype itself changes ("applied live"), and the
 *   plan notes that running VMs keep the copy KubeVirt captured when they started: no VM changes;
 * - `pulumi config set size medium`: every VM's `spec.instancetype.name` changes; KubeVirt
 *   re-expands it, and a change that only adds sockets and memory is hot-plugged (docs/semantics.md#live-updatable-fields);
 * - `pulumi config set count 4`: one more VM, nothing else touched.
 */
import * as pulumi from "@pulumi/pulumi";
import * as kubevirt from "pulumi-kubevirt";

const config = new pulumi.Config();
const namespace = config.get("namespace") ?? "default";
const count = config.getNumber("count") ?? 3;
const size = config.get("size") ?? "small";
const smallCpus = config.getNumber("smallCpus") ?? 1;

const sizes = {
    small: new kubevirt.VirtualMachineClusterInstancetype("fleet-small", {
        spec: { cpu: { guest: smallCpus }, memory: { guest: "2Gi" } },
    }),
    medium: new kubevirt.VirtualMachineClusterInstancetype("fleet-medium", {
        spec: { cpu: { guest: 2 }, memory: { guest: "4Gi" } },
    }),
};

const preference = new kubevirt.VirtualMachinePreference("fleet-fedora", {
    metadata: { namespace },
    spec: {
        cpu: { preferredCPUTopology: "sockets" },
        devices: { preferredDiskBus: "virtio", preferredInterfaceModel: "virtio" },
        firmware: { preferredUseEfi: false },
    },
});

const instancetype = (sizes as Record<string, kubevirt.VirtualMachineClusterInstancetype>)[size];
if (!instancetype)
    throw new Error(`config 'size' must be one of: ${Object.keys(sizes).join(", ")}`);

const vms = Array.from(
    { length: count },
    (_, i) =>
        new kubevirt.VirtualMachine(`fleet-${i + 1}`, {
            metadata: { namespace, labels: { app: "fleet" } },
            spec: {
                runStrategy: "Always",
                instancetype: { name: instancetype.metadata.apply((m) => m.name ?? "") },
                preference: {
                    kind: "VirtualMachinePreference",
                    name: preference.metadata.apply((m) => m.name ?? ""),
                },
                template: {
                    metadata: { labels: { app: "fleet" } },
                    spec: {
                        domain: {
                            devices: {
                                disks: [{ name: "root", disk: {} }],
                                interfaces: [{ name: "default", masquerade: {} }],
                            },
                        },
                        networks: [{ name: "default", pod: {} }],
                        volumes: [
                            {
                                name: "root",
                                containerDisk: { image: "quay.io/containerdisks/fedora:41" },
                            },
                        ],
                    },
                },
            },
        }),
);

export const statuses = pulumi.all(vms.map((vm) => vm.status.apply((s) => s.printableStatus)));
export const instancetypeName = instancetype.metadata.apply((m) => m.name);
