/**
 * Typed builders for the CNI configurations VMs attach to through Multus (the `spec.config` of a
 * NetworkAttachmentDefinition). Each returns the JSON string the NAD stores. A builder given
 * `tuning` (or other `chain` plugins) returns a plugin list ("conflist"), otherwise a single
 * plugin config. Unknown extra keys can be passed via `extra` on every builder.
 */

/** CNI spec version written into configs unless overridden (widely supported by CNI plugins). */
export const defaultCniVersion = "0.3.1";

/** An IPAM block, passed as is (e.g. `{ type: "whereabouts", range: "192.0.2.0/24" }`). */
export type Ipam = Record<string, unknown>;

/** One CNI plugin's config. */
export type CniPlugin = { type: string; [key: string]: unknown };

/** Options every builder takes. */
export interface CniCommon {
    /** The network name inside the config (Multus uses the NAD name when omitted). */
    name?: string;
    cniVersion?: string;
    /** Plugins run after the main one (e.g. `tuningPlugin(...)`); makes the result a conflist. */
    chain?: CniPlugin[];
    /** Extra keys merged into the main plugin. */
    extra?: Record<string, unknown>;
}

function drop(o: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

function vlanOf(id: number | undefined, where: string): number | undefined {
    if (id === undefined) return undefined;
    if (!Number.isInteger(id) || id < 0 || id > 4094)
        throw new Error(`${where}: vlan ${id} is outside 0-4094`);
    return id;
}

/** The JSON string for `main` (+ chained plugins) as a single config or a conflist. */
export function cniConfig(main: CniPlugin, c: CniCommon = {}): string {
    const head = drop({ cniVersion: c.cniVersion ?? defaultCniVersion, name: c.name });
    const plugin = { ...main, ...(c.extra ?? {}) };
    if (!c.chain?.length) return JSON.stringify({ ...head, ...plugin });
    return JSON.stringify({ ...head, plugins: [plugin, ...c.chain] });
}

/** Options of the Linux bridge plugins. */
export interface BridgeOptions extends CniCommon {
    /** The host bridge (e.g. one created by a NodeNetworkConfigurationPolicy). */
    bridge: string;
    /** Tag VM traffic with this VLAN on the bridge port (needs VLAN filtering on the bridge). */
    vlan?: number;
    /** Drop frames whose source MAC is not the VM's (anti-spoofing). */
    macspoofchk?: boolean;
    mtu?: number;
    ipam?: Ipam;
    /** Do not give the bridge port an IP/interface inside the pod (recommended for VMs). */
    disableContainerInterface?: boolean;
}

function bridgePlugin(type: string, o: BridgeOptions): CniPlugin {
    if (!o.bridge) throw new Error(`${type}: 'bridge' (the host bridge name) is required`);
    return drop({
        type,
        bridge: o.bridge,
        vlan: vlanOf(o.vlan, type),
        macspoofchk: o.macspoofchk,
        mtu: o.mtu,
        disableContainerInterface: o.disableContainerInterface,
        ipam: o.ipam ?? {},
    }) as CniPlugin;
}

/** The upstream `bridge` CNI plugin. */
export function bridgeConfig(o: BridgeOptions): string {
    return cniConfig(bridgePlugin("bridge", o), o);
}

/** OpenShift Virtualization's `cnv-bridge` plugin (same options as `bridge`). */
export function cnvBridgeConfig(o: BridgeOptions): string {
    return cniConfig(bridgePlugin("cnv-bridge", o), o);
}

/** The `tuning` plugin for a chain: MAC, MTU, sysctls, promiscuous/allmulti. */
export function tuningPlugin(
    o: {
        mac?: string;
        mtu?: number;
        sysctl?: Record<string, string>;
        promisc?: boolean;
        allmulti?: boolean;
    } = {},
): CniPlugin {
    return drop({
        type: "tuning",
        mac: o.mac,
        mtu: o.mtu,
        sysctl: o.sysctl,
        promisc: o.promisc,
        allmulti: o.allmulti,
    }) as CniPlugin;
}

/** Options of the SR-IOV CNI plugin. */
export interface SriovOptions extends CniCommon {
    vlan?: number;
    vlanQoS?: number;
    /** MAC anti-spoofing on the VF ("on" / "off"). */
    spoofchk?: "on" | "off";
    trust?: "on" | "off";
    linkState?: "auto" | "enable" | "disable";
    minTxRate?: number;
    maxTxRate?: number;
    ipam?: Ipam;
}

/**
 * The `sriov` plugin config. The VF pool comes from the device plugin resource, which is not part
 * of the config: set it as the NAD's `resourceName` (annotation k8s.v1.cni.cncf.io/resourceName).
 */
export function sriovConfig(o: SriovOptions = {}): string {
    return cniConfig(
        drop({
            type: "sriov",
            vlan: vlanOf(o.vlan, "sriov"),
            vlanQoS: o.vlanQoS,
            spoofchk: o.spoofchk,
            trust: o.trust,
            link_state: o.linkState,
            min_tx_rate: o.minTxRate,
            max_tx_rate: o.maxTxRate,
            ipam: o.ipam ?? {},
        }) as CniPlugin,
        o,
    );
}

/** Options of an OVN-Kubernetes secondary network. */
export interface OvnSecondaryOptions extends Omit<CniCommon, "chain"> {
    /** The network name; NADs sharing it join the same logical network. */
    name: string;
    /** `layer2`: an overlay switch across nodes; `localnet`: bridged to a physical network. */
    topology: "layer2" | "localnet";
    /** Must be `<namespace>/<nad name>` of the NAD carrying this config (OVN-Kubernetes checks it). */
    netAttachDefName: string;
    subnets?: string;
    excludeSubnets?: string;
    mtu?: number;
    /** localnet only: tag traffic with this VLAN. */
    vlanID?: number;
    /** localnet only: the `localnet` name mapped to an OVS bridge on the nodes (see nmstate ovn bridge-mappings). */
    physicalNetworkName?: string;
    /** Keep VM IPs across restarts and migrations (needs the persistent-IPs feature). */
    allowPersistentIPs?: boolean;
}

/** An OVN-Kubernetes secondary network (`ovn-k8s-cni-overlay`). */
export function ovnK8sSecondary(o: OvnSecondaryOptions): string {
    if (!/^[^/]+\/[^/]+$/.test(o.netAttachDefName)) {
        throw new Error(
            `ovnK8sSecondary '${o.name}': netAttachDefName must be "<namespace>/<nad name>", got '${o.netAttachDefName}'`,
        );
    }
    if (
        o.topology !== "localnet" &&
        (o.vlanID !== undefined || o.physicalNetworkName !== undefined)
    ) {
        throw new Error(
            `ovnK8sSecondary '${o.name}': vlanID and physicalNetworkName apply to topology "localnet" only`,
        );
    }
    return cniConfig(
        drop({
            type: "ovn-k8s-cni-overlay",
            topology: o.topology,
            netAttachDefName: o.netAttachDefName,
            subnets: o.subnets,
            excludeSubnets: o.excludeSubnets,
            mtu: o.mtu,
            vlanID: vlanOf(o.vlanID, "ovnK8sSecondary"),
            physicalNetworkName: o.physicalNetworkName,
            allowPersistentIPs: o.allowPersistentIPs,
        }) as CniPlugin,
        o,
    );
}

/** Options of the macvlan plugin. */
export interface MacvlanOptions extends CniCommon {
    /** The host interface the macvlan hangs off. */
    master: string;
    mode?: "bridge" | "private" | "vepa" | "passthru";
    mtu?: number;
    ipam?: Ipam;
}

/** The `macvlan` plugin config. */
export function macvlanConfig(o: MacvlanOptions): string {
    if (!o.master) throw new Error("macvlan: 'master' (the host interface) is required");
    return cniConfig(
        drop({
            type: "macvlan",
            master: o.master,
            mode: o.mode ?? "bridge",
            mtu: o.mtu,
            ipam: o.ipam ?? {},
        }) as CniPlugin,
        o,
    );
}
