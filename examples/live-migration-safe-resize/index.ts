/**
 * Safe resize: a running VM whose CPU grows by hot-plugging sockets. `maxSockets` is declared, so
 * raising `sockets` up to it is a live migration (KubeVirt hot-plugs the vCPUs and live-migrates the
 * VM, no reboot), and `restartPolicy: "fail"` makes the preview fail on any change that would need
 * a restart instead, e.g. sockets above maxSockets or a cores change. In CI, pipe the preview into
 * `pulumi-kubevirt report --fail-on restart` to gate the pull request on the same rule.
 *
 *   pulumi config set sockets 4 && pulumi preview --json | npx pulumi-kubevirt report --format text
 */
import * as pulumi from "@pulumi/pulumi";
import * as kubevirt from "pulumi-kubevirt";

const config = new pulumi.Config();
const sockets = config.getNumber("sockets") ?? 2;
/** The ceiling for hot-plug: KubeVirt fixes it when the VM starts, so raise it only with a restart. */
const maxSockets = config.getNumber("maxSockets") ?? 8;

const vm = new kubevirt.VirtualMachine("app-1", {
    metadata: { labels: { app: "safe-resize" } },
    spec: {
        runStrategy: "Always",
        template: {
            metadata: { labels: { app: "safe-resize" } },
            spec: {
                domain: {
                    cpu: { sockets, cores: 1, threads: 1, maxSockets },
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
    restartPolicy: "fail",
});

export const node = vm.vmi.apply((v) => v?.nodeName);
export const vmiUid = vm.vmi.apply((v) => v?.uid);
export const lastUpdate = vm.lastUpdate;
