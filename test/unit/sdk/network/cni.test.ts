import assert from "node:assert/strict";
import * as path from "node:path";
import { examplesDir, loadYaml } from "../../validation/helpers";
import {
    bridgeConfig,
    cnvBridgeConfig,
    macvlanConfig,
    ovnK8sSecondary,
    sriovConfig,
    tuningPlugin,
} from "../../../../sdk/network/cni";
import { checkNadConfig } from "../../../../provider/resources/networkAttachmentDefinition/config";

const nad = (config: string, name = "net1", namespace = "vms") => ({
    apiVersion: "k8s.cni.cncf.io/v1",
    kind: "NetworkAttachmentDefinition",
    metadata: { name, namespace },
    spec: { config },
});

describe("sdk/network/cni builders", () => {
    const cases: { name: string; config: () => string; expect: unknown }[] = [
        {
            name: "cnv-bridge with a VLAN and MAC spoof check",
            config: () =>
                cnvBridgeConfig({ name: "vlan10", bridge: "br1", vlan: 10, macspoofchk: true }),
            expect: {
                cniVersion: "0.3.1",
                name: "vlan10",
                type: "cnv-bridge",
                bridge: "br1",
                vlan: 10,
                macspoofchk: true,
                ipam: {},
            },
        },
        {
            name: "bridge chained with tuning becomes a plugin list",
            config: () =>
                bridgeConfig({ name: "br", bridge: "br1", chain: [tuningPlugin({ mtu: 9000 })] }),
            expect: {
                cniVersion: "0.3.1",
                name: "br",
                plugins: [
                    { type: "bridge", bridge: "br1", ipam: {} },
                    { type: "tuning", mtu: 9000 },
                ],
            },
        },
        {
            name: "sriov with VLAN and spoof check (VF pool via the NAD's resourceName)",
            config: () =>
                sriovConfig({ name: "sriov-net", vlan: 20, spoofchk: "on", linkState: "auto" }),
            expect: {
                cniVersion: "0.3.1",
                name: "sriov-net",
                type: "sriov",
                vlan: 20,
                spoofchk: "on",
                link_state: "auto",
                ipam: {},
            },
        },
        {
            name: "OVN-Kubernetes localnet secondary network",
            config: () =>
                ovnK8sSecondary({
                    name: "tenantblue",
                    topology: "localnet",
                    netAttachDefName: "vms/net1",
                    vlanID: 30,
                    physicalNetworkName: "physnet",
                }),
            expect: {
                cniVersion: "0.3.1",
                name: "tenantblue",
                type: "ovn-k8s-cni-overlay",
                topology: "localnet",
                netAttachDefName: "vms/net1",
                vlanID: 30,
                physicalNetworkName: "physnet",
            },
        },
        {
            name: "macvlan in bridge mode",
            config: () => macvlanConfig({ master: "eth1" }),
            expect: {
                cniVersion: "0.3.1",
                type: "macvlan",
                master: "eth1",
                mode: "bridge",
                ipam: {},
            },
        },
    ];
    for (const c of cases) {
        it(`${c.name}: builds the expected config`, () =>
            assert.deepEqual(JSON.parse(c.config()), c.expect));
        it(`${c.name}: passes the NAD config check`, () =>
            assert.deepEqual(checkNadConfig(nad(c.config())), []));
    }

    it("the user-guide bridge NAD's plugin is what bridgeConfig builds", () => {
        const doc = loadYaml(
            path.join(examplesDir(), "user-guide", "nad-linux-bridge-net-ipam.yaml"),
        )[0];
        const upstreamPlugin = JSON.parse(doc?.spec.config).plugins[0];
        const built = JSON.parse(
            bridgeConfig({ bridge: "br10", disableContainerInterface: true, macspoofchk: true }),
        );
        assert.deepEqual(
            { ...upstreamPlugin, ipam: {} },
            {
                type: built.type,
                bridge: built.bridge,
                disableContainerInterface: true,
                macspoofchk: true,
                ipam: {},
            },
        );
    });

    describe("rejects bad options at program time", () => {
        const bad: { name: string; build: () => unknown; error: RegExp }[] = [
            {
                name: "a VLAN above 4094",
                build: () => cnvBridgeConfig({ bridge: "br1", vlan: 4095 }),
                error: /vlan 4095 is outside 0-4094/,
            },
            {
                name: "a bridge without a name",
                build: () => bridgeConfig({ bridge: "" }),
                error: /'bridge' \(the host bridge name\) is required/,
            },
            {
                name: "an OVN netAttachDefName without namespace",
                build: () =>
                    ovnK8sSecondary({ name: "n", topology: "layer2", netAttachDefName: "net1" }),
                error: /must be "<namespace>\/<nad name>"/,
            },
            {
                name: "a layer2 network with a VLAN",
                build: () =>
                    ovnK8sSecondary({
                        name: "n",
                        topology: "layer2",
                        netAttachDefName: "a/b",
                        vlanID: 3,
                    }),
                error: /topology "localnet" only/,
            },
            {
                name: "macvlan without master",
                build: () => macvlanConfig({ master: "" }),
                error: /'master'/,
            },
        ];
        for (const c of bad) it(c.name, () => assert.throws(c.build, c.error));
    });
});
