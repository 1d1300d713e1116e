/**
 * Read-only lookup of a node's NodeNetworkState (nmstate.io/v1beta1): the host interfaces as
 * kubernetes-nmstate reports them, summarized for programs (e.g. pick the NIC that carries the
 * default route, or check a bridge exists before attaching VMs to it).
 */
import * as pulumi from "@pulumi/pulumi";
import type { KubeObject } from "../../provider/k8s/client";
import { newKubeClient } from "../../provider/k8s/kubeClient";
import { KubevirtProviderError } from "../../provider/errors";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One host interface. */
export interface NodeInterface {
    name: string;
    type: string;
    state: string;
    macAddress?: string;
    mtu?: number;
    /** Addresses in CIDR form. */
    ipv4: string[];
    ipv6: string[];
    /** Bond, bridge or OVS bridge ports. */
    ports?: string[];
    /** VLAN parent and id. */
    vlan?: { base: string; id: number };
    /** Bond mode. */
    bondMode?: string;
}

/** A node's network state. */
export interface NodeNetworkStateSummary {
    node: string;
    interfaces: NodeInterface[];
    /** Running routes: destination, next hop, interface. */
    routes: { destination: string; nextHopInterface?: string; nextHopAddress?: string }[];
    dnsServers: string[];
    lastSuccessfulUpdateTime?: string;
}

function addresses(ip: Json | undefined): string[] {
    if (!ip?.enabled || !Array.isArray(ip.address)) return [];
    return ip.address.map((a: Json) => `${a.ip}/${a["prefix-length"]}`);
}

function portsOf(i: Json): string[] | undefined {
    const raw: unknown[] | undefined =
        i["link-aggregation"]?.port ?? i["link-aggregation"]?.slaves ?? i.bridge?.port;
    return Array.isArray(raw)
        ? raw.map((p) => (typeof p === "string" ? p : String((p as Json).name)))
        : undefined;
}

function summarizeInterface(i: Json): NodeInterface {
    const out: NodeInterface = {
        name: String(i.name),
        type: String(i.type ?? "unknown"),
        state: String(i.state ?? "unknown"),
        ipv4: addresses(i.ipv4),
        ipv6: addresses(i.ipv6),
    };
    if (i["mac-address"]) out.macAddress = String(i["mac-address"]);
    if (typeof i.mtu === "number") out.mtu = i.mtu;
    const ports = portsOf(i);
    if (ports) out.ports = ports;
    if (i.vlan?.["base-iface"] !== undefined)
        out.vlan = { base: String(i.vlan["base-iface"]), id: Number(i.vlan.id) };
    if (i["link-aggregation"]?.mode) out.bondMode = String(i["link-aggregation"].mode);
    return out;
}

/** The summary of a NodeNetworkState object. Pure. */
export function summarizeNodeNetworkState(nns: KubeObject | Json): NodeNetworkStateSummary {
    const cur: Json = nns.status?.currentState ?? {};
    const routes: Json[] = cur.routes?.running ?? [];
    return {
        node: String(nns.metadata?.name ?? ""),
        interfaces: (cur.interfaces ?? []).map(summarizeInterface),
        routes: routes.map((r) => ({
            destination: String(r.destination),
            nextHopInterface: r["next-hop-interface"],
            nextHopAddress: r["next-hop-address"],
        })),
        dnsServers: cur["dns-resolver"]?.running?.server ?? [],
        ...(nns.status?.lastSuccessfulUpdateTime
            ? { lastSuccessfulUpdateTime: String(nns.status.lastSuccessfulUpdateTime) }
            : {}),
    };
}

/** Where to find the cluster; defaults to stack config `kubevirt:kubeconfig` / `kubevirt:context`. */
export interface ClusterOptions {
    kubeconfig?: string;
    context?: string;
}

function clusterOptions(o: ClusterOptions): ClusterOptions {
    if (o.kubeconfig !== undefined || o.context !== undefined) return o;
    const cfg = new pulumi.Config("kubevirt");
    return { kubeconfig: cfg.get("kubeconfig"), context: cfg.get("context") };
}

/**
 * The network state of `nodeName`, read once (not tracked as a resource). Throws when the node has
 * no NodeNetworkState (unknown node, or kubernetes-nmstate not installed).
 */
export async function getNodeNetworkState(
    nodeName: string,
    options: ClusterOptions = {},
): Promise<NodeNetworkStateSummary> {
    const client = newKubeClient(clusterOptions(options));
    const nns = await client.get({
        apiVersion: "nmstate.io/v1beta1",
        kind: "NodeNetworkState",
        name: nodeName,
    });
    if (!nns)
        throw new KubevirtProviderError(
            `NodeNetworkState ${nodeName} not found: is '${nodeName}' a node name, and is kubernetes-nmstate running?`,
        );
    return summarizeNodeNetworkState(nns);
}

/** The network state of every node that has one, by node name. */
export async function listNodeNetworkStates(
    options: ClusterOptions = {},
): Promise<NodeNetworkStateSummary[]> {
    const client = newKubeClient(clusterOptions(options));
    const all = await client.list("nmstate.io/v1beta1", "NodeNetworkState");
    return all.map(summarizeNodeNetworkState).sort((a, b) => a.node.localeCompare(b.node));
}
