/**
 * nmstate builders for bridges and VLANs (Linux and OVS bridges, VLAN interfaces, port trunks),
 * apart from the interface basics in nmstate.ts, which re-exports everything here.
 */
import { common } from "./nmstateCommon";
import type { CommonInterfaceOptions, InterfaceState, NmInterface } from "./nmstate";

/** VLAN ids 1–4094 as single ids or `[min, max]` ranges. */
export type VlanTags = (number | [number, number])[];

/** Per-port VLAN filtering on a Linux bridge. */
export interface PortVlan {
    mode: "trunk" | "access";
    /** Access VLAN, or the native VLAN of a trunk. */
    tag?: number;
    /** Trunk only: VLANs allowed on the port. */
    trunkTags?: VlanTags;
    /** Trunk only: untagged traffic goes to `tag`. */
    enableNative?: boolean;
}

/** A bridge port: an interface name, or a name with VLAN filtering. */
export type BridgePort = string | { name: string; vlan?: PortVlan };

/** Options of {@link linuxBridge}. */
export interface LinuxBridgeOptions extends CommonInterfaceOptions {
    name: string;
    ports: BridgePort[];
    /** Spanning tree; off by default (the common choice for VM bridges). */
    stp?: boolean;
}

function vlanId(id: number, where: string): number {
    if (!Number.isInteger(id) || id < 1 || id > 4094)
        throw new Error(`${where}: VLAN id ${id} is outside 1-4094`);
    return id;
}

function portVlan(v: PortVlan, where: string): Record<string, unknown> {
    const out: Record<string, unknown> = { mode: v.mode };
    if (v.tag !== undefined) out.tag = vlanId(v.tag, where);
    if (v.mode === "access" && (v.trunkTags || v.enableNative))
        throw new Error(`${where}: an access port takes only 'tag'`);
    if (v.mode === "access" && v.tag === undefined)
        throw new Error(`${where}: an access port needs 'tag'`);
    if (v.enableNative !== undefined) out["enable-native"] = v.enableNative;
    if (v.trunkTags) {
        out["trunk-tags"] = v.trunkTags.map((t) =>
            Array.isArray(t)
                ? { "id-range": { min: vlanId(t[0], where), max: vlanId(t[1], where) } }
                : { id: vlanId(t, where) },
        );
    }
    return out;
}

/** A trunk port's VLAN settings: `trunk([101, [200, 500]], { nativeVlan: 100 })`. */
export function trunk(tags: VlanTags, o: { nativeVlan?: number } = {}): PortVlan {
    return o.nativeVlan === undefined
        ? { mode: "trunk", trunkTags: tags }
        : { mode: "trunk", trunkTags: tags, tag: o.nativeVlan, enableNative: true };
}

/** An access port's VLAN settings. */
export function access(tag: number): PortVlan {
    return { mode: "access", tag };
}

function bridgePorts(ports: BridgePort[], where: string): Record<string, unknown>[] {
    return ports.map((p) => {
        if (typeof p === "string") return { name: p };
        return p.vlan
            ? { name: p.name, vlan: portVlan(p.vlan, `${where} port '${p.name}'`) }
            : { name: p.name };
    });
}

/** A Linux bridge; give ports VLAN settings (`trunk`/`access`) for VLAN filtering. */
export function linuxBridge(o: LinuxBridgeOptions): NmInterface {
    const iface = common(o.name, "linux-bridge", o);
    iface.bridge = {
        options: { stp: { enabled: o.stp ?? false } },
        port: bridgePorts(o.ports ?? [], `linux-bridge '${o.name}'`),
    };
    return iface;
}

/** Options of {@link vlan}. */
export interface VlanOptions extends CommonInterfaceOptions {
    /** The parent interface (NIC, bond). */
    base: string;
    id: number;
    /** Defaults to `<base>.<id>`. */
    name?: string;
}

/** A VLAN sub-interface of `base`. */
export function vlan(o: VlanOptions): NmInterface {
    const name = o.name ?? `${o.base}.${o.id}`;
    const iface = common(name, "vlan", o);
    iface.vlan = { "base-iface": o.base, id: vlanId(o.id, `vlan '${name}'`) };
    return iface;
}

/** Options of {@link ovsBridge}. */
export interface OvsBridgeOptions {
    name: string;
    /** Ports: NICs/bonds, or internal ovs-interface names; access VLANs via `{ name, vlan: access(10) }`. */
    ports: BridgePort[];
    stp?: boolean;
    state?: InterfaceState;
    description?: string;
}

/** An Open vSwitch bridge (its IP goes on an {@link ovsInterface} port). */
export function ovsBridge(o: OvsBridgeOptions): NmInterface {
    const iface = common(o.name, "ovs-bridge", {
        state: o.state,
        description: o.description,
    } as CommonInterfaceOptions);
    iface.bridge = {
        options: { stp: o.stp ?? false },
        port: bridgePorts(o.ports ?? [], `ovs-bridge '${o.name}'`),
    };
    return iface;
}

/** An OVS internal interface, listed as a port of its bridge. */
export function ovsInterface(name: string, options: CommonInterfaceOptions = {}): NmInterface {
    return common(name, "ovs-interface", options);
}
