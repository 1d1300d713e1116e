/**
 * Host networking for VMs: an nmstate policy bonds eth1+eth2, puts a VLAN-filtering Linux bridge
 * on the bond (trunking VLANs 100-199 for VMs and 300 for the host) and a host VLAN interface on
 * the bridge; a cnv-bridge NetworkAttachmentDefinition gives VMs one of those VLANs; a VM attaches
 * to it next to its pod network.
 *
 * Try: `pulumi config set vlanId 120` and preview (the NAD's plan says which CNI key changes and
 * that running VMs keep the old config until they restart or migrate); `pulumi destroy` removes
 * bond0, br-vm and br-vm.300 from the nodes (state: absent) before deleting the policy.
 */
import * as pulumi from "@pulumi/pulumi";
import * as kubevirt from "pulumi-kubevirt";

const { nmstate, cni } = kubevirt;
const config = new pulumi.Config();
const vlanId = config.getNumber("vlanId") ?? 100;
const inspectNode = config.get("inspectNode") ?? "node-a";

const hostNetwork = new kubevirt.NodeNetworkConfigurationPolicy("bond-bridge", {
    spec: {
        nodeSelector: { "node-role.kubernetes.io/worker": "" },
        maxUnavailable: 1,
        desiredState: nmstate.desiredState({
            interfaces: [
                nmstate.bond({
                    name: "bond0",
                    mode: "active-backup",
                    ports: ["eth1", "eth2"],
                    options: { miimon: "100" },
                    ipv4: nmstate.noIp(),
                }),
                nmstate.linuxBridge({
                    name: "br-vm",
                    ports: [{ name: "bond0", vlan: nmstate.trunk([[100, 199], 300]) }],
                    ipv4: nmstate.noIp(),
                }),
                nmstate.vlan({
                    base: "br-vm",
                    id: 300,
                    ipv4: nmstate.dhcp4(),
                    description: "host management VLAN",
                }),
            ],
        }),
    },
});

const vmNetwork = new kubevirt.NetworkAttachmentDefinition(
    "vm-vlan",
    {
        metadata: { namespace: "default" },
        spec: {
            config: cni.cnvBridgeConfig({
                name: "vm-vlan",
                bridge: "br-vm",
                vlan: vlanId,
                macspoofchk: true,
            }),
        },
    },
    { dependsOn: [hostNetwork] },
);

const vm = new kubevirt.VirtualMachine(
    "vm-on-vlan",
    {
        metadata: { namespace: "default", labels: { app: "host-network-example" } },
        spec: {
            runStrategy: "Always",
            template: {
                spec: {
                    domain: {
                        cpu: { sockets: 1, cores: 1 },
                        memory: { guest: "1Gi" },
                        devices: {
                            disks: [{ name: "root", disk: { bus: "virtio" } }],
                            interfaces: [
                                { name: "default", masquerade: {} },
                                { name: "vlan", bridge: {} },
                            ],
                        },
                    },
                    networks: [
                        { name: "default", pod: {} },
                        { name: "vlan", multus: { networkName: "default/vm-vlan" } },
                    ],
                    volumes: [
                        {
                            name: "root",
                            containerDisk: { image: "quay.io/containerdisks/fedora:41" },
                        },
                    ],
                },
            },
        },
    },
    { dependsOn: [vmNetwork] },
);

export const policyState = hostNetwork.status.apply((s) => s.state);
export const removalOnDestroy = hostNetwork.removalPlan.apply((p) => p.note);
export const vmStatus = vm.status.apply((s) => s.printableStatus);
/** The host interfaces the policy manages, as nmstate reports them on one node (read after the policy is ready). */
export const hostInterfaces = hostNetwork.status.apply(async () => {
    const state = await kubevirt.getNodeNetworkState(inspectNode);
    return state.interfaces
        .filter((i) => ["bond0", "br-vm", "br-vm.300"].includes(i.name))
        .map((i) => `${i.name} ${i.type} ${i.state}`);
});
