/**
 * The user's program in the package e2e (scripts/package-e2e.sh copies it into a fresh project that
 * installs the npm tarball): the README's VM, named so that no other e2e test touches it, with
 * `sockets` from config so the test can change it.
 */
import * as pulumi from "@pulumi/pulumi";
import * as kubevirt from "pulumi-kubevirt";

const config = new pulumi.Config();

const vm = new kubevirt.VirtualMachine("pkg-e2e-web", {
    spec: {
        runStrategy: "Always",
        template: {
            spec: {
                domain: {
                    cpu: { sockets: config.requireNumber("sockets") },
                    memory: { guest: "4Gi" },
                    devices: { interfaces: [{ name: "default", masquerade: {} }] },
                },
                networks: [{ name: "default", pod: {} }], // masquerade: live-migratable (the default binding, bridge, is not)
            },
        },
    },
    cloudInit: { userData: "#cloud-config\n..." }, // secret: kept in a Secret, encrypted in state
    restartPolicy: "never", // or "onChange" (restart to apply) or "fail" (refuse)
});

export const status = vm.status.apply((s) => s.printableStatus);
export const lastUpdate = vm.lastUpdate;
/** Which Node ran the program: the test checks it is the combination's. */
export const nodeVersion = process.version;
