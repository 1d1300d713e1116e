/** The valid VirtualMachine the validation tables start from, and the paths they change. */
import type { Manifest } from "./helpers";

/** A VM that passes schema and cross-field rules; every case changes exactly one thing. */
export const baseVm: Manifest = {
    apiVersion: "kubevirt.io/v1",
    kind: "VirtualMachine",
    metadata: { name: "vm1", namespace: "apps", labels: { app: "vm1" } },
    spec: {
        runStrategy: "Always",
        dataVolumeTemplates: [
            {
                metadata: { name: "root" },
                spec: {
                    sourceRef: { kind: "DataSource", name: "fedora", namespace: "os-images" },
                    storage: { resources: { requests: { storage: "10Gi" } } },
                },
            },
        ],
        template: {
            metadata: { labels: { "kubevirt.io/domain": "vm1" } },
            spec: {
                domain: {
                    cpu: { cores: 2 },
                    memory: { guest: "2Gi" },
                    devices: {
                        disks: [
                            { name: "root", disk: { bus: "virtio" } },
                            { name: "cloudinit", disk: { bus: "virtio" } },
                        ],
                        interfaces: [{ name: "default", masquerade: {} }],
                    },
                },
                networks: [{ name: "default", pod: {} }],
                volumes: [
                    { name: "root", dataVolume: { name: "root" } },
                    { name: "cloudinit", cloudInitNoCloud: { userData: "#cloud-config\n" } },
                ],
            },
        },
    },
};

export const TPL = ["spec", "template", "spec"];
export const DOMAIN = [...TPL, "domain"];
export const DVT0 = ["spec", "dataVolumeTemplates", 0];
