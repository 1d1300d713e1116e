import assert from "node:assert/strict";
import * as path from "node:path";
import { examplesDir, loadYaml } from "../../validation/helpers";
import {
    absent,
    access,
    bond,
    desiredState,
    dhcp4,
    dns,
    ethernet,
    linuxBridge,
    noIp,
    ovsBridge,
    ovsInterface,
    route,
    staticIp,
    trunk,
    vlan,
} from "../../../../sdk/network/nmstate";

/** The desiredState of an upstream nmstate example. */
function upstream(file: string): unknown {
    return loadYaml(path.join(examplesDir(), "nmstate", file))[0]?.spec.desiredState;
}

describe("sdk/network/nmstate builders", () => {
    describe("reproduce the upstream nmstate examples exactly", () => {
        const cases: { file: string; build: () => unknown }[] = [
            {
                file: "bond.yaml",
                build: () =>
                    desiredState({
                        interfaces: [
                            bond({
                                name: "bond0",
                                mode: "balance-rr",
                                ports: ["eth1", "eth2"],
                                options: { miimon: "140" },
                                copyMacFrom: "eth1",
                                ipv4: dhcp4(),
                            }),
                        ],
                    }),
            },
            {
                file: "bond-vlan.yaml",
                build: () =>
                    desiredState({
                        interfaces: [
                            bond({
                                name: "bond0",
                                mode: "balance-rr",
                                ports: ["eth1", "eth2"],
                                options: { miimon: "140" },
                                ipv4: dhcp4(),
                            }),
                            vlan({ base: "bond0", id: 102, ipv4: dhcp4() }),
                        ],
                    }),
            },
            {
                file: "linux-bridge.yaml",
                build: () =>
                    desiredState({
                        interfaces: [
                            linuxBridge({
                                name: "br1",
                                description: "Linux bridge with eth1 as a port",
                                ipv4: dhcp4(),
                                ports: ["eth1"],
                            }),
                        ],
                    }),
            },
            {
                file: "linux-bridge-vlan.yaml",
                build: () =>
                    desiredState({
                        interfaces: [
                            linuxBridge({
                                name: "br1",
                                description:
                                    "Linux bridge with eth1 as a port with custom vlan configuration",
                                ipv4: dhcp4(),
                                ports: [
                                    {
                                        name: "eth1",
                                        vlan: trunk([101, [200, 500]], { nativeVlan: 100 }),
                                    },
                                ],
                            }),
                        ],
                    }),
            },
            {
                file: "ovs-bridge-iface.yaml",
                build: () =>
                    desiredState({
                        interfaces: [
                            ovsInterface("ovs0", { ipv4: dhcp4() }),
                            ovsBridge({
                                name: "br1",
                                description:
                                    "ovs bridge with eth1 as a port and ovs0 as an internal interface",
                                stp: true,
                                ports: ["eth1", "ovs0"],
                            }),
                        ],
                    }),
            },
            {
                file: "detach-bridge-port-and-restore-eth.yaml",
                build: () =>
                    desiredState({
                        interfaces: [
                            absent("br1", "linux-bridge"),
                            ethernet("eth1", { ipv4: dhcp4() }),
                        ],
                    }),
            },
        ];
        for (const c of cases)
            it(`${c.file} is built by the typed builders`, () =>
                assert.deepEqual(c.build(), upstream(c.file)));
    });

    it("a VLAN name defaults to <base>.<id>", () =>
        assert.equal(vlan({ base: "bond0", id: 100 }).name, "bond0.100"));

    it("staticIp parses IPv4 and IPv6 CIDRs", () =>
        assert.deepEqual(staticIp("192.0.2.10/24", "2001:db8::1/64"), {
            enabled: true,
            dhcp: false,
            address: [
                { ip: "192.0.2.10", "prefix-length": 24 },
                { ip: "2001:db8::1", "prefix-length": 64 },
            ],
        }));

    it("an access port carries only its tag", () =>
        assert.deepEqual(
            linuxBridge({ name: "br0", ports: [{ name: "eth1", vlan: access(10) }] }).bridge,
            {
                options: { stp: { enabled: false } },
                port: [{ name: "eth1", vlan: { mode: "access", tag: 10 } }],
            },
        ));

    it("routes and DNS go into their nmstate sections", () =>
        assert.deepEqual(
            desiredState({
                interfaces: [ethernet("eth1", { ipv4: noIp() })],
                routes: [
                    route({
                        destination: "0.0.0.0/0",
                        nextHopInterface: "br1",
                        nextHopAddress: "192.0.2.1",
                        metric: 150,
                    }),
                ],
                dns: dns({ servers: ["192.0.2.53"], search: ["example.com"] }),
                ovnBridgeMappings: [{ localnet: "physnet", bridge: "br-ex" }],
            }),
            {
                interfaces: [
                    { name: "eth1", type: "ethernet", state: "up", ipv4: { enabled: false } },
                ],
                routes: {
                    config: [
                        {
                            destination: "0.0.0.0/0",
                            "next-hop-interface": "br1",
                            "next-hop-address": "192.0.2.1",
                            metric: 150,
                        },
                    ],
                },
                "dns-resolver": { config: { server: ["192.0.2.53"], search: ["example.com"] } },
                ovn: { "bridge-mappings": [{ localnet: "physnet", bridge: "br-ex" }] },
            },
        ));

    it("raw sections are merged last (escape hatch)", () =>
        assert.deepEqual(desiredState({ interfaces: [], raw: { "route-rules": { config: [] } } }), {
            interfaces: [],
            "route-rules": { config: [] },
        }));

    describe("rejects what nmstate would reject on the node", () => {
        const cases: { name: string; build: () => unknown; error: RegExp }[] = [
            {
                name: "a VLAN id above 4094",
                build: () => vlan({ base: "eth1", id: 5000 }),
                error: /vlan 'eth1.5000': VLAN id 5000 is outside 1-4094/,
            },
            {
                name: "a bond without ports",
                build: () => bond({ name: "bond0", mode: "802.3ad", ports: [] }),
                error: /bond 'bond0': 'ports'/,
            },
            {
                name: "an unknown bond mode",
                build: () => bond({ name: "bond0", mode: "lacp" as never, ports: ["eth1"] }),
                error: /mode 'lacp' is not one of/,
            },
            {
                name: "an interface name over 15 characters",
                build: () => ethernet("averyveryverylongname"),
                error: /at most 15 characters/,
            },
            {
                name: "an access port without a tag",
                build: () =>
                    linuxBridge({
                        name: "br0",
                        ports: [{ name: "eth1", vlan: { mode: "access" } }],
                    }),
                error: /port 'eth1': an access port needs 'tag'/,
            },
            {
                name: "a trunk range outside 1-4094",
                build: () =>
                    trunk([[0, 10]]) &&
                    linuxBridge({ name: "br0", ports: [{ name: "eth1", vlan: trunk([[0, 10]]) }] }),
                error: /VLAN id 0/,
            },
            {
                name: "a CIDR without prefix",
                build: () => staticIp("192.0.2.1"),
                error: /not an address with a prefix length/,
            },
            {
                name: "a route destination without prefix",
                build: () => route({ destination: "10.0.0.0", nextHopInterface: "eth1" }),
                error: /needs a prefix length/,
            },
            {
                name: "the same interface twice",
                build: () => desiredState({ interfaces: [ethernet("eth1"), ethernet("eth1")] }),
                error: /'eth1' \(ethernet\) is declared twice/,
            },
        ];
        for (const c of cases) it(c.name, () => assert.throws(c.build, c.error));
    });
});
