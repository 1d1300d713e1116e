import assert from "node:assert/strict";
import { summarizeNodeNetworkState } from "../../../../sdk/network/nodeNetworkState";

describe("sdk/network/nodeNetworkState summary", () => {
    const nns = {
        metadata: { name: "node-a" },
        status: {
            lastSuccessfulUpdateTime: "2025-01-01T00:00:00Z",
            currentState: {
                interfaces: [
                    {
                        name: "eth0",
                        type: "ethernet",
                        state: "up",
                        "mac-address": "52:54:00:00:00:01",
                        mtu: 1500,
                        ipv4: {
                            enabled: true,
                            address: [{ ip: "192.168.122.10", "prefix-length": 24 }],
                        },
                        ipv6: { enabled: false },
                    },
                    {
                        name: "bond0",
                        type: "bond",
                        state: "up",
                        "link-aggregation": { mode: "active-backup", port: ["eth1", "eth2"] },
                        ipv4: { enabled: false },
                    },
                    {
                        name: "br1",
                        type: "linux-bridge",
                        state: "up",
                        bridge: { port: [{ name: "bond0" }] },
                    },
                    {
                        name: "bond0.100",
                        type: "vlan",
                        state: "up",
                        vlan: { "base-iface": "bond0", id: 100 },
                    },
                ],
                routes: {
                    running: [
                        {
                            destination: "0.0.0.0/0",
                            "next-hop-interface": "eth0",
                            "next-hop-address": "192.168.122.1",
                        },
                    ],
                },
                "dns-resolver": { running: { server: ["192.168.122.1"] } },
            },
        },
    };

    const s = summarizeNodeNetworkState(nns);
    const byName = Object.fromEntries(s.interfaces.map((i) => [i.name, i]));
    const cases: { name: string; got: () => unknown; want: unknown }[] = [
        { name: "names the node", got: () => s.node, want: "node-a" },
        {
            name: "lists interfaces in order",
            got: () => s.interfaces.map((i) => i.name),
            want: ["eth0", "bond0", "br1", "bond0.100"],
        },
        {
            name: "gives addresses in CIDR form",
            got: () => byName.eth0?.ipv4,
            want: ["192.168.122.10/24"],
        },
        { name: "omits addresses of disabled families", got: () => byName.eth0?.ipv6, want: [] },
        {
            name: "lists bond ports and mode",
            got: () => [byName.bond0?.ports, byName.bond0?.bondMode],
            want: [["eth1", "eth2"], "active-backup"],
        },
        { name: "lists bridge ports by name", got: () => byName.br1?.ports, want: ["bond0"] },
        {
            name: "gives VLAN base and id",
            got: () => byName["bond0.100"]?.vlan,
            want: { base: "bond0", id: 100 },
        },
        {
            name: "lists running routes",
            got: () => s.routes,
            want: [
                {
                    destination: "0.0.0.0/0",
                    nextHopInterface: "eth0",
                    nextHopAddress: "192.168.122.1",
                },
            ],
        },
        { name: "lists running DNS servers", got: () => s.dnsServers, want: ["192.168.122.1"] },
        {
            name: "an empty state summarizes to no interfaces",
            got: () => summarizeNodeNetworkState({ metadata: { name: "x" } }).interfaces,
            want: [],
        },
    ];
    for (const c of cases) it(c.name, () => assert.deepEqual(c.got(), c.want));
});
