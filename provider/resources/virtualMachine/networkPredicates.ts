/**
 * Predicates for `domain.devices.interfaces` and `networks` (docs/semantics.md#live-updatable-fields NIC row, docs/semantics.md#nic-hotplug,
 * `netvmliveupdate.IsRestartRequired`).
 */
import type { Verdict } from "../../diff/classify";
import { isPlainObject, type JsonObject, type PathChange } from "../../diff/paths";
import {
    elementName,
    label,
    named,
    needsRestart,
    verdict,
    type VmContext,
    type VmPredicate,
} from "./vmContext";

const ifaces = ["domain", "devices", "interfaces"];
const bindings = ["bridge", "sriov", "masquerade", "passt", "slirp", "macvtap", "binding"];

function bindingOf(iface: JsonObject | undefined): string {
    return bindings.find((b) => iface?.[b] !== undefined) ?? "default";
}

function networkKind(net: JsonObject | undefined): string {
    if (net?.multus !== undefined) return "multus";
    if (net?.pod !== undefined) return "pod";
    return "unknown";
}

/** docs/semantics.md#nic-hotplug: before 1.6 NIC hot-plug/unplug (and link state) also set a spurious RestartRequired. */
function nicLive(ctx: VmContext, v: Verdict): Verdict {
    if (ctx.cluster.kubevirtMinor >= 6) return v;
    return needsRestart(
        `${v.why}, but before KubeVirt 1.6 this also sets RestartRequired; needs restart`,
    );
}

/**
 * NIC hot-plug (semantics "NIC hot-plug"): KubeVirt's network migration evaluator marks an added
 * SR-IOV NIC MigrationRequired at once, and an added bridge NIC after a 15 s grace period in
 * which the Multus dynamic-networks controller may plug it into the running pod. Real KubeVirt on
 * a cluster without that controller (measured on the bed) migrates, so migration is the plan.
 */
function plugVerdict(ctx: VmContext, what: string, binding: string): Verdict {
    const how =
        binding === "bridge"
            ? "bridge hot-plug live-migrates the VM unless the Multus dynamic-networks controller plugs the NIC into the pod within 15 s"
            : "SR-IOV hot-plug live-migrates the VM";
    if (ctx.runtime.migratable === false) {
        return needsRestart(
            `${what}: ${binding} NIC hot-plug needs a live migration, but the VM is not live-migratable; needs restart`,
        );
    }
    const note =
        binding === "bridge"
            ? "with the Multus dynamic-networks controller installed the NIC is plugged in place, without a migration"
            : undefined;
    return nicLive(ctx, verdict("liveMigrate", `${what} is hot-plugged; ${how}`, note));
}

function wasUnplugged(ctx: VmContext, name: string): boolean {
    return named(ctx.oldVm, name, ...ifaces)?.state === "absent";
}

/** An interface added (plug) or removed (allowed only after `state: absent`). */
export const interfaceEntry: VmPredicate = (change, ctx) => {
    const name = elementName(change);
    if (change.kind === "removed") {
        if (wasUnplugged(ctx, name)) {
            return verdict(
                "none",
                `interface '${name}' was already unplugged (state: absent); dropping it has no runtime effect`,
            );
        }
        return needsRestart(
            `interface '${name}' removed without state: absent: needs restart (set state: absent to hot-unplug)`,
        );
    }
    const iface = isPlainObject(change.new) ? change.new : undefined;
    const binding = bindingOf(iface);
    const net = networkKind(named(ctx.newVm, name, "networks"));
    if (net === "multus" && (binding === "bridge" || binding === "sriov")) {
        return plugVerdict(ctx, `interface '${name}' added`, binding);
    }
    return needsRestart(
        `interface '${name}' added with ${binding} binding on a ${net} network: only bridge/SR-IOV interfaces on Multus networks can be hot-plugged; needs restart`,
    );
};

/** docs/semantics.md#nic-hotplug: `state: absent` unplugs bridge interfaces; up/down is link state, applied live. */
export const interfaceState: VmPredicate = (change, ctx) => {
    const name = elementName(change);
    const what = `interface '${name}' state ${String(change.old ?? "unset")}→${String(change.new ?? "unset")}`;
    if (change.old === "absent")
        return needsRestart(`${what}: re-plugging an unplugged interface needs a restart`);
    if (change.new === "absent") {
        const binding = bindingOf(named(ctx.newVm, name, ...ifaces));
        if (binding !== "bridge") {
            return needsRestart(
                `${what}: only bridge interfaces can be hot-unplugged (this one is ${binding}); needs restart`,
            );
        }
        return nicLive(ctx, verdict("live", `${what}: the interface is hot-unplugged`));
    }
    return nicLive(ctx, verdict("live", `${what}: link state is applied live`));
};

/** A network added with its hot-plugged interface, or removed after its interface was unplugged. */
export const networkEntry: VmPredicate = (change, ctx) => {
    const name = elementName(change);
    if (change.kind === "removed") {
        if (wasUnplugged(ctx, name)) {
            return verdict(
                "none",
                `network '${name}' of an unplugged interface dropped; no runtime effect`,
            );
        }
        return needsRestart(
            `network '${name}' removed without its interface set to state: absent; needs restart`,
        );
    }
    const net = networkKind(isPlainObject(change.new) ? change.new : undefined);
    const isNewIface = named(ctx.oldVm, name, ...ifaces) === undefined;
    const plugged = isNewIface ? bindingOf(named(ctx.newVm, name, ...ifaces)) : "none";
    if (net === "multus" && (plugged === "bridge" || plugged === "sriov")) {
        return nicLive(
            ctx,
            verdict("live", `network '${name}' added for its hot-plugged interface`),
        );
    }
    if (net === "pod") return needsRestart(`pod network '${name}' added: needs restart`);
    return needsRestart(
        `network '${name}' added without a hot-pluggable bridge/SR-IOV interface: needs restart`,
    );
};

/** docs/semantics.md#nic-hotplug live NAD change: GA in 1.9, migratable VMs only; declines for other network edits. */
export const networkNameChange: VmPredicate = (change, ctx) => {
    const what = `network '${elementName(change)}' multus.networkName ${String(change.old)}→${String(change.new)}`;
    if (ctx.cluster.kubevirtMinor < 9) {
        return needsRestart(
            `${what}: changing the network of a running VM needs KubeVirt ≥ 1.9; needs restart`,
        );
    }
    if (ctx.runtime.migratable === false)
        return needsRestart(`${what}: the VM is not live-migratable; needs restart`);
    return verdict(
        "liveMigrate",
        `${what}: KubeVirt live-migrates the VM to attach it to the new network`,
    );
};

/** Why any other interface/network change needs a restart. */
export function nicRestartWhy(change: PathChange): string {
    const name = elementName(change);
    if (change.segments.includes("networks")) {
        return `network '${name}' changed (${label(change)}): only multus.networkName can change on a running VM; needs restart`;
    }
    return `interface '${name}' changed (${label(change)}): only state can change on a running VM; needs restart`;
}
