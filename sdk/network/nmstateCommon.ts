/** What every nmstate interface builder shares; internal to sdk/network (not re-exported). */
import type { CommonInterfaceOptions, NmInterface } from "./nmstate";

/** The fields every interface builder sets and checks (the name nmstate and Linux accept). */
export function common(name: string, type: string, o: CommonInterfaceOptions): NmInterface {
    if (!name) throw new Error(`${type}: 'name' is required`);
    if (name.length > 15)
        throw new Error(`${type} '${name}': Linux interface names are at most 15 characters`);
    const iface: NmInterface = { name, type, state: o.state ?? "up" };
    if (o.description !== undefined) iface.description = o.description;
    if (o.mtu !== undefined) iface.mtu = o.mtu;
    if (o.macAddress !== undefined) iface["mac-address"] = o.macAddress;
    if (o.ipv4 !== undefined) iface.ipv4 = o.ipv4;
    if (o.ipv6 !== undefined) iface.ipv6 = o.ipv6;
    return iface;
}
