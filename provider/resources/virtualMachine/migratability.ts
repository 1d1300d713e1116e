/**
 * Can this VM live-migrate, and what does a node drain do to it? Pure: the declared VM plus what
 * is known about its claims and the cluster (docs/semantics.md#eviction-strategy).
 *
 * The rules follow virt-handler's `calculateLiveMigrationCondition` (KubeVirt 1.9), which writes
 * the VMI's LiveMigratable condition, in its order: the first blocker is the condition's reason.
 * They are predicted from the VM template, so two inputs of virt-handler's are out of reach and
 * left out: the node's CPU model (a `host-model` VM is blocked only on a node that does not expose
 * one) and volumes being storage-migrated right now (exempt while they are copied).
 */
import { getAt, isPlainObject, type JsonObject } from "../../diff/paths";
import type { KubeObject } from "../../k8s/client";
import type { Props } from "../../kindProvider";
import { templateSpec } from "./vmContext";

/** What the KubeVirt CR says about migration and eviction (defaults: KubeVirt's own). */
export interface ClusterMigrationFacts {
    /** `spec.configuration.evictionStrategy`; KubeVirt's default is None. */
    evictionStrategy: string;
    /** `network.defaultNetworkInterface`: the binding of the pod network KubeVirt adds to a VM that declares none. */
    defaultNetworkInterface: string;
    /** Network binding plugins the CR declares with a `migration` section. */
    migratableBindings: readonly string[];
    /** The VGPULiveMigration feature gate. */
    vgpuLiveMigration: boolean;
    /** `permittedHostDevices.mediatedDevices[].resourceName`: GPUs that are mediated (vGPU) devices. */
    mediatedDevices: readonly string[];
}

export const defaultMigrationFacts: ClusterMigrationFacts = {
    evictionStrategy: "None",
    defaultNetworkInterface: "bridge",
    migratableBindings: [],
    vgpuLiveMigration: false,
    mediatedDevices: [],
};

/** Pure: the migration facts of a KubeVirt CR (undefined: unreadable, KubeVirt's defaults). */
export function migrationFactsFromKubeVirt(kv: KubeObject | undefined): ClusterMigrationFacts {
    const c = ((kv?.spec as Props | undefined)?.configuration ?? {}) as Props;
    const bindings = (c.network?.binding ?? {}) as Record<string, Props>;
    const gates: string[] = c.developerConfiguration?.featureGates ?? [];
    const mdevs: Props[] = c.permittedHostDevices?.mediatedDevices ?? [];
    return {
        evictionStrategy: c.evictionStrategy ?? defaultMigrationFacts.evictionStrategy,
        defaultNetworkInterface:
            c.network?.defaultNetworkInterface ?? defaultMigrationFacts.defaultNetworkInterface,
        migratableBindings: Object.keys(bindings).filter((b) => !!bindings[b]?.migration),
        vgpuLiveMigration: gates.includes("VGPULiveMigration"),
        mediatedDevices: mdevs.map((d) => String(d.resourceName)),
    };
}

/** Facts about one VM: its claims' access modes (undefined: not known yet) and the cluster's. */
export interface MigrationFacts {
    claimModes: ReadonlyMap<string, readonly string[] | undefined>;
    cluster: ClusterMigrationFacts;
}

/** What one rule found: blockers (definite) and facts it could not know. */
interface Finding {
    blocked: string[];
    unknown: string[];
}

interface MigrationRule {
    /** KubeVirt's condition reason when this rule blocks. */
    reason: string;
    check: (vm: JsonObject, facts: MigrationFacts) => Finding;
}

const none: Finding = { blocked: [], unknown: [] };
const blocked = (...why: string[]): Finding => ({ blocked: why, unknown: [] });
const allowPodBridge = "kubevirt.io/allow-pod-bridge-network-live-migration";

const list = (v: unknown): JsonObject[] =>
    Array.isArray(v) ? v.filter((x): x is JsonObject => isPlainObject(x)) : [];
const devices = (vm: JsonObject) => {
    const d = getAt(templateSpec(vm), ["domain", "devices"]);
    return isPlainObject(d) ? d : {};
};

/**
 * The pod network's interface, as KubeVirt will run it: a VM that declares no networks and no
 * interfaces gets the pod network with the cluster's default binding (bridge unless configured).
 */
function podInterface(vm: JsonObject, facts: MigrationFacts): JsonObject | "none" | undefined {
    const spec = templateSpec(vm);
    const nets = list(spec.networks);
    const ifaces = list(devices(vm).interfaces);
    if (nets.length === 0 && ifaces.length === 0) {
        if (devices(vm).autoattachPodInterface === false) return "none";
        return { name: "default", [facts.cluster.defaultNetworkInterface]: {} };
    }
    const pod = nets.find((n) => n.pod !== undefined);
    if (!pod || ifaces.length === 0) return "none";
    return ifaces.find((i) => i.name === pod.name);
}

function interfaceRule(vm: JsonObject, facts: MigrationFacts): Finding {
    const iface = podInterface(vm, facts);
    if (iface === "none") return none;
    if (!iface) return blocked("the pod network has no interface");
    if (iface.masquerade !== undefined || iface.passtBinding !== undefined) return none;
    const annotations = getAt(vm, ["spec", "template", "metadata", "annotations"]);
    if (iface.bridge !== undefined && isPlainObject(annotations) && allowPodBridge in annotations)
        return none;
    const plugin = isPlainObject(iface.binding) ? String(iface.binding.name) : undefined;
    if (plugin && facts.cluster.migratableBindings.includes(plugin)) return none;
    const how = iface.bridge !== undefined ? "bridge" : plugin ? `binding '${plugin}'` : "its";
    return blocked(
        `interface '${iface.name}' connects to the pod network with ${how} binding; only masquerade, passt or a binding plugin with migration support can migrate`,
    );
}

function hostDeviceRule(vm: JsonObject, facts: MigrationFacts): Finding {
    const hostDevices = list(devices(vm).hostDevices);
    const gpus = list(devices(vm).gpus);
    if (hostDevices.length > 0)
        return blocked(`host device '${hostDevices[0].name}' (PCI passthrough) cannot migrate`);
    if (gpus.length > 1) return blocked(`${gpus.length} GPUs: at most one (a vGPU) can migrate`);
    if (gpus.length === 0) return none;
    if (!facts.cluster.vgpuLiveMigration)
        return blocked(`GPU '${gpus[0].name}': the VGPULiveMigration feature gate is off`);
    if (!facts.cluster.mediatedDevices.includes(String(gpus[0].deviceName)))
        return blocked(`GPU '${gpus[0].name}' is not a mediated (vGPU) device`);
    return none;
}

/** Confidential guests: their memory cannot be copied to another host. */
const launchSecurity = (vm: JsonObject): JsonObject | undefined => {
    const ls = getAt(templateSpec(vm), ["domain", "launchSecurity"]);
    return isPlainObject(ls) ? ls : undefined;
};
const sevRule = (vm: JsonObject): Finding => {
    const ls = launchSecurity(vm);
    return ls && (ls.sev !== undefined || ls.snp !== undefined) ? blocked("AMD SEV guest") : none;
};
const tdxRule = (vm: JsonObject): Finding =>
    launchSecurity(vm)?.tdx !== undefined ? blocked("Intel TDX guest") : none;
const secureExecutionRule = (vm: JsonObject): Finding =>
    launchSecurity(vm) && templateSpec(vm).architecture === "s390x"
        ? blocked("s390x Secure Execution guest")
        : none;

/** Hyper-V reenlightenment needs the same TSC frequency on the target: known only on the nodes. */
function tscRule(vm: JsonObject): Finding {
    const enabled = getAt(templateSpec(vm), [
        "domain",
        "features",
        "hyperv",
        "reenlightenment",
        "enabled",
    ]);
    if (enabled !== true) return none;
    return {
        blocked: [],
        unknown: [
            "Hyper-V reenlightenment migrates only where the nodes expose their TSC frequency",
        ],
    };
}

function hypervPassthroughRule(vm: JsonObject): Finding {
    const on = getAt(templateSpec(vm), ["domain", "features", "hypervPassthrough", "enabled"]);
    return on === true ? blocked("Hyper-V passthrough") : none;
}

/** Each claim must be ReadWriteMany (both nodes attach it); a hostDisk must be marked shared. */
function diskRule(vm: JsonObject, facts: MigrationFacts): Finding {
    const out: Finding = { blocked: [], unknown: [] };
    for (const v of list(templateSpec(vm).volumes)) {
        const claim = claimNameOf(v);
        if (claim !== undefined) {
            const modes = facts.claimModes.get(claim);
            if (modes === undefined)
                out.unknown.push(`access mode of claim '${claim}' is not known yet`);
            else if (!modes.includes("ReadWriteMany"))
                out.blocked.push(
                    `claim '${claim}' is ${modes.join("/") || "without access modes"}, not ReadWriteMany: only shared storage migrates`,
                );
        } else if (isPlainObject(v.hostDisk) && v.hostDisk.shared !== true) {
            out.blocked.push(`hostDisk '${v.name}' is not shared`);
        }
    }
    return out;
}

/** The claim a PVC or DataVolume volume uses (a DataVolume's claim has its name). */
export function claimNameOf(volume: JsonObject): string | undefined {
    const pvc = volume.persistentVolumeClaim;
    if (isPlainObject(pvc) && typeof pvc.claimName === "string") return pvc.claimName;
    const dv = volume.dataVolume;
    if (isPlainObject(dv) && typeof dv.name === "string") return dv.name;
    return undefined;
}

/** The rules, in virt-handler's order (the first blocker names the LiveMigratable reason). */
export const migrationRules: readonly MigrationRule[] = [
    { reason: "InterfaceNotLiveMigratable", check: interfaceRule },
    { reason: "HostDeviceNotLiveMigratable", check: hostDeviceRule },
    { reason: "SEVNotLiveMigratable", check: sevRule },
    { reason: "TDXNotLiveMigratable", check: tdxRule },
    { reason: "SecureExecutionNotLiveMigratable", check: secureExecutionRule },
    { reason: "NoTSCFrequencyNotLiveMigratable", check: tscRule },
    { reason: "HypervPassthroughNotLiveMigratable", check: hypervPassthroughRule },
    { reason: "DisksNotLiveMigratable", check: diskRule },
];

/** Migratability: false with the blockers, true, or null (unknown) with what was not known. */
export interface Migratability {
    migratable: boolean | null;
    /** `Reason: message` per blocker, first the one KubeVirt's condition reports; or the unknowns. */
    reasons: string[];
}

/** Pure: whether `vm` (declared) can live-migrate, by the rules above. */
export function migratabilityOf(vm: object, facts: MigrationFacts): Migratability {
    const blockers: string[] = [];
    const unknown: string[] = [];
    for (const rule of migrationRules) {
        const f = rule.check(vm as JsonObject, facts);
        blockers.push(...f.blocked.map((b) => `${rule.reason}: ${b}`));
        unknown.push(...f.unknown);
    }
    if (blockers.length > 0) return { migratable: false, reasons: blockers };
    return unknown.length > 0
        ? { migratable: null, reasons: unknown }
        : { migratable: true, reasons: [] };
}
