/**
 * VMs from templates: an OpenShift Template and a KubeVirt VirtualMachineTemplate managed as
 * resources, and VMs processed from them with parameters. The VM plans are the VirtualMachine
 * plans: a parameter change says whether it applies live, live-migrates, restarts or replaces.
 *
 * Things to try with `pulumi preview --diff`:
 * - `pulumi config set sockets 2`: web-1's CPU_SOCKETS parameter; the plan says "will live-migrate";
 * - `pulumi config set cores 2`: a CPU_CORES change; the plan says "needs restart";
 * - `pulumi config set tier gold`: the template's labels change: the Template update is "live"
 *   (it affects VMs processed later), and both VMs made from it show a metadata-only plan;
 * - `pulumi stack output generated --show-secrets`: the NAME and password generated for `batch`,
 *   generated once and kept (secret) in state, so every run renders the same VM.
 */
import * as pulumi from "@pulumi/pulumi";
import * as kubevirt from "pulumi-kubevirt";

const config = new pulumi.Config();
const namespace = config.get("namespace") ?? "default";
const sockets = config.get("sockets") ?? "1";
const cores = config.get("cores") ?? "1";
const tier = config.get("tier") ?? "silver";

/** The golden image the template's VMs clone their root disk from (via a DataSource). */
const image = new kubevirt.DataVolume("fedora-golden", {
    metadata: { namespace },
    spec: {
        source: { registry: { url: "docker://quay.io/containerdisks/fedora:41" } },
        storage: { resources: { requests: { storage: "10Gi" } } },
    },
});
const source = new kubevirt.DataSource("fedora", {
    metadata: { namespace },
    spec: {
        source: {
            pvc: { namespace, name: image.metadata.apply((m) => m.name ?? "fedora-golden") },
        },
    },
});

/** A server template in the style of the KubeVirt common templates. */
const server = new kubevirt.Template("fedora-server", {
    metadata: {
        namespace,
        annotations: { description: "Fedora server cloned from the golden image" },
    },
    labels: { "app.kubernetes.io/part-of": "vm-from-template", tier },
    message: "VM ${NAME} is ready; log in as fedora with password ${CLOUD_USER_PASSWORD}",
    parameters: [
        {
            name: "NAME",
            description: "VM name",
            generate: "expression",
            from: "fedora-[a-z0-9]{8}",
        },
        { name: "CPU_SOCKETS", value: "1" },
        { name: "CPU_CORES", value: "1" },
        { name: "MEMORY", value: "2Gi" },
        { name: "DATA_SOURCE_NAME", value: "fedora" },
        { name: "DATA_SOURCE_NAMESPACE", required: true },
        {
            name: "CLOUD_USER_PASSWORD",
            generate: "expression",
            from: "[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}",
        },
    ],
    objects: [
        {
            apiVersion: "kubevirt.io/v1",
            kind: "VirtualMachine",
            metadata: { name: "${NAME}", labels: { app: "${NAME}" } },
            spec: {
                runStrategy: "Always",
                dataVolumeTemplates: [
                    {
                        metadata: { name: "${NAME}-root" },
                        spec: {
                            sourceRef: {
                                kind: "DataSource",
                                name: "${DATA_SOURCE_NAME}",
                                namespace: "${DATA_SOURCE_NAMESPACE}",
                            },
                            // Shared (RWX) storage: KubeVirt live-migrates only VMs whose claims
                            // every node can mount; an RWO root disk would make a CPU change a restart.
                            storage: {
                                accessModes: ["ReadWriteMany"],
                                resources: { requests: { storage: "10Gi" } },
                            },
                        },
                    },
                ],
                template: {
                    metadata: { labels: { "kubevirt.io/domain": "${NAME}" } },
                    spec: {
                        domain: {
                            cpu: { sockets: "${{CPU_SOCKETS}}", cores: "${{CPU_CORES}}" },
                            memory: { guest: "${MEMORY}" },
                            devices: {
                                disks: [
                                    { name: "rootdisk", disk: { bus: "virtio" } },
                                    { name: "cloudinitdisk", disk: { bus: "virtio" } },
                                ],
                                interfaces: [{ name: "default", masquerade: {} }],
                            },
                        },
                        networks: [{ name: "default", pod: {} }],
                        volumes: [
                            { name: "rootdisk", dataVolume: { name: "${NAME}-root" } },
                            {
                                name: "cloudinitdisk",
                                cloudInitNoCloud: {
                                    userData:
                                        "#cloud-config\nuser: fedora\npassword: ${CLOUD_USER_PASSWORD}\nchpasswd: { expire: False }",
                                },
                            },
                        ],
                    },
                },
            },
        },
    ],
});

/** Named explicitly; its sockets and cores come from config. */
const web = new kubevirt.TemplatedVirtualMachine(
    "web-1",
    {
        template: server,
        parameters: {
            NAME: "web-1",
            CPU_SOCKETS: sockets,
            CPU_CORES: cores,
            DATA_SOURCE_NAMESPACE: namespace,
        },
    },
    { dependsOn: [source] },
);

/** Name and password generated by the template, once. */
const batch = new kubevirt.TemplatedVirtualMachine(
    "batch",
    {
        template: server,
        parameters: { DATA_SOURCE_NAMESPACE: namespace },
        metadata: { labels: { role: "batch" } },
    },
    { dependsOn: [source] },
);

/** The same idea with virt-template's VirtualMachineTemplate (KubeVirt's Template feature gate). */
const scratchTemplate = new kubevirt.VirtualMachineTemplate("containerdisk-vm", {
    metadata: { namespace },
    spec: {
        parameters: [
            { name: "NAME", required: true },
            { name: "IMAGE", value: "quay.io/containerdisks/fedora:41" },
        ],
        virtualMachine: {
            metadata: { name: "${NAME}" },
            spec: {
                runStrategy: "Always",
                template: {
                    spec: {
                        domain: {
                            cpu: { sockets: 1 },
                            memory: { guest: "1Gi" },
                            devices: { disks: [{ name: "root", disk: { bus: "virtio" } }] },
                        },
                        volumes: [{ name: "root", containerDisk: { image: "${IMAGE}" } }],
                    },
                },
            },
        },
    },
});
const scratch = new kubevirt.TemplatedVirtualMachine("scratch", {
    template: scratchTemplate,
    parameters: { NAME: "scratch-1" },
});

export const webNode = web.vmi.apply((v) => v?.nodeName);
export const batchName = batch.metadata.apply((m) => m.name);
export const scratchStatus = scratch.status.apply((s) => s.printableStatus);
export const generated = batch.generatedParameters;
export const message = web.message;
