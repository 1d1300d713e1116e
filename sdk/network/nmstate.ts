/**
 * Typed builders for nmstate desired state (the `spec.desiredState` of a
 * NodeNetworkConfigurationPolicy). Each returns the plain nmstate YAML object, so the result can be
 * printed, diffed, mixed with hand-written raw objects (the escape hatch for everything not
 * covered here), and passed straight to {@link NodeNetworkConfigurationPolicy}.
 *
 * Builders check what nmstate would reject late, on the node (a VLAN id out of range, a bond
 * without ports), and throw at program time with the interface and field named.
 */
import { common } from "./nmstateCommon";

/** nmstate interface state. `absent` removes the interface from the node. */
export type InterfaceState = "up" | "down" | "absent" | "ignore";

/** One IP address with its prefix length, e.g. `{ ip: "192.0.2.10", "prefix-length": 24 }`. */
export interface IpAddress {
    ip: string;
    "prefix-length": number;
}

/** The `ipv4` / `ipv6` block of an interface. */
export interface IpConfig {
    enabled: boolean;
    dhcp?: boolean;
    autoconf?: boolean;
    address?: IpAddress[];
    [key: string]: unknown;
}

/** An nmstate interface; extra keys pass through unchanged. */
export interface NmInterface {
    name: string;
    type: string;
    state?: InterfaceState;
    description?: string;
    mtu?: number;
    "mac-address"?: string;
    "copy-mac-from"?: string;
    ipv4?: IpConfig;
    ipv6?: IpConfig;
    [key: string]: unknown;
}

/** Options shared by every interface builder. */
export interface CommonInterfaceOptions {
    state?: InterfaceState;
    description?: string;
    mtu?: number;
    macAddress?: string;
    ipv4?: IpConfig;
    ipv6?: IpConfig;
}

/** IPv4 by DHCP. */
export function dhcp4(): IpConfig {
    return { enabled: true, dhcp: true };
}

/** Static addresses in CIDR form, e.g. `staticIp("192.0.2.10/24")`; family from the address. */
export function staticIp(...cidrs: string[]): IpConfig {
    if (cidrs.length === 0)
        throw new Error('staticIp: give at least one address such as "192.0.2.10/24"');
    return { enabled: true, dhcp: false, address: cidrs.map(parseCidr) };
}

/** IP disabled (typical for bond or bridge ports). */
export function noIp(): IpConfig {
    return { enabled: false };
}

function parseCidr(cidr: string): IpAddress {
    const m = /^([0-9a-fA-F.:]+)\/(\d{1,3})$/.exec(cidr);
    const max = cidr.includes(":") ? 128 : 32;
    const prefix = m ? Number(m[2]) : NaN;
    if (!m || prefix > max)
        throw new Error(
            `staticIp: '${cidr}' is not an address with a prefix length such as "192.0.2.10/24"`,
        );
    return { ip: m[1] as string, "prefix-length": prefix };
}

/** A physical NIC's configuration (the NIC itself is not created; only its settings change). */
export function ethernet(name: string, options: CommonInterfaceOptions = {}): NmInterface {
    return common(name, "ethernet", options);
}

/** Linux bonding modes nmstate accepts. */
export type BondMode =
    | "balance-rr"
    | "active-backup"
    | "balance-xor"
    | "broadcast"
    | "802.3ad"
    | "balance-tlb"
    | "balance-alb";
const bondModes: readonly string[] = [
    "balance-rr",
    "active-backup",
    "balance-xor",
    "broadcast",
    "802.3ad",
    "balance-tlb",
    "balance-alb",
];

/** Options of {@link bond}. */
export interface BondOptions extends CommonInterfaceOptions {
    name: string;
    mode: BondMode;
    /** Port (enslaved) interfaces, e.g. ["eth1", "eth2"]. */
    ports: string[];
    /** Bonding options such as `{ miimon: "100" }` or `{ "lacp_rate": "fast" }`, passed as is. */
    options?: Record<string, string | number | boolean>;
    /** Take the MAC address of this port (nmstate `copy-mac-from`). */
    copyMacFrom?: string;
}

/** A bond over `ports`. */
export function bond(o: BondOptions): NmInterface {
    if (!bondModes.includes(o.mode))
        throw new Error(`bond '${o.name}': mode '${o.mode}' is not one of ${bondModes.join(", ")}`);
    if (!o.ports?.length)
        throw new Error(`bond '${o.name}': 'ports' must list at least one interface`);
    const iface = common(o.name, "bond", o);
    if (o.copyMacFrom !== undefined) iface["copy-mac-from"] = o.copyMacFrom;
    iface["link-aggregation"] = {
        mode: o.mode,
        ...(o.options ? { options: o.options } : {}),
        port: [...o.ports],
    };
    return iface;
}

/** Marks an interface for removal from the nodes. */
export function absent(name: string, type?: string): NmInterface {
    return type === undefined
        ? ({ name, state: "absent" } as NmInterface)
        : { name, type, state: "absent" };
}

/** One static route. */
export interface RouteOptions {
    destination: string;
    nextHopInterface: string;
    nextHopAddress?: string;
    metric?: number;
    tableId?: number;
    /** `absent` removes a route. */
    state?: "absent";
}

/** An nmstate route entry (`routes.config[]`). */
export type NmRoute = Record<string, unknown>;

/** A route, e.g. `route({ destination: "0.0.0.0/0", nextHopInterface: "br1", nextHopAddress: "192.0.2.1" })`. */
export function route(o: RouteOptions): NmRoute {
    if (!o.destination.includes("/"))
        throw new Error(
            `route: destination '${o.destination}' needs a prefix length, e.g. "0.0.0.0/0"`,
        );
    const r: NmRoute = { destination: o.destination, "next-hop-interface": o.nextHopInterface };
    if (o.nextHopAddress !== undefined) r["next-hop-address"] = o.nextHopAddress;
    if (o.metric !== undefined) r.metric = o.metric;
    if (o.tableId !== undefined) r["table-id"] = o.tableId;
    if (o.state !== undefined) r.state = o.state;
    return r;
}

/** DNS servers and search domains (nmstate `dns-resolver.config`). */
export function dns(o: { servers: string[]; search?: string[] }): Record<string, unknown> {
    return { config: { server: [...o.servers], ...(o.search ? { search: [...o.search] } : {}) } };
}

/** An OVN bridge mapping: a `localnet` network name onto an OVS bridge (OVN-Kubernetes localnet). */
export interface OvnBridgeMapping {
    localnet: string;
    bridge: string;
    state?: "present" | "absent";
}

/** The whole `desiredState`. */
export interface DesiredState {
    interfaces: NmInterface[];
    routes?: { config: NmRoute[] };
    "dns-resolver"?: Record<string, unknown>;
    ovn?: { "bridge-mappings": OvnBridgeMapping[] };
    [key: string]: unknown;
}

/** Assemble a desiredState; `raw` keys are merged last (escape hatch for other nmstate sections). */
export function desiredState(o: {
    interfaces: NmInterface[];
    routes?: NmRoute[];
    dns?: Record<string, unknown>;
    ovnBridgeMappings?: OvnBridgeMapping[];
    raw?: Record<string, unknown>;
}): DesiredState {
    const names = new Set<string>();
    for (const i of o.interfaces) {
        const key = `${i.name}/${i.type ?? ""}`;
        if (names.has(key))
            throw new Error(`desiredState: interface '${i.name}' (${i.type}) is declared twice`);
        names.add(key);
    }
    const out: DesiredState = { interfaces: o.interfaces };
    if (o.routes?.length) out.routes = { config: o.routes };
    if (o.dns) out["dns-resolver"] = o.dns;
    if (o.ovnBridgeMappings?.length) out.ovn = { "bridge-mappings": o.ovnBridgeMappings };
    return { ...out, ...(o.raw ?? {}) };
}

export {
    type VlanTags,
    type PortVlan,
    type BridgePort,
    type LinuxBridgeOptions,
    trunk,
    access,
    linuxBridge,
    type VlanOptions,
    vlan,
    type OvsBridgeOptions,
    ovsBridge,
    ovsInterface,
} from "./nmstateBridges";
