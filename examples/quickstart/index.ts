/**
 * Quick start: one Fedora VM with cloud-init and an SSH key. Change `sockets` and preview to see
 * the plan say "will live-migrate"; change `cores` to see "needs restart".
 */
import * as pulumi from "@pulumi/pulumi";
import * as kubevirt from "pulumi-kubevirt";

const config = new pulumi.Config();
const sockets = config.getNumber("sockets") ?? 2;
const cores = config.getNumber("cores") ?? 1;
const sshKey =
    config.get("sshPublicKey") ??
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDemoKeyOnlyForTheLocalBed demo@example";

const vm = new kubevirt.VirtualMachine("fedora-1", {
    metadata: { labels: { app: "quickstart" } },
    spec: {
        runStrategy: "Always",
        template: {
            metadata: { labels: { app: "quickstart" } },
            spec: {
                domain: {
                    cpu: { sockets, cores },
                    memory: { guest: "2Gi" },
                    devices: {
                        disks: [{ name: "root", disk: { bus: "virtio" } }],
                        interfaces: [{ name: "default", masquerade: {} }],
                    },
                },
                networks: [{ name: "default", pod: {} }],
                volumes: [
                    { name: "root", containerDisk: { image: "quay.io/containerdisks/fedora:41" } },
                ],
            },
        },
    },
    cloudInit: {
        userData: `#cloud-config\nuser: fedora\nssh_authorized_keys:\n  - ${sshKey}\n`,
    },
    restartPolicy:
        (config.get("restartPolicy") as "never" | "onChange" | "fail" | undefined) ?? "never",
});

export const node = vm.vmi.apply((v) => v?.nodeName);
export const status = vm.status.apply((s) => s.printableStatus);
export const restartRequired = vm.restartRequired;
export const lastUpdate = vm.lastUpdate;
