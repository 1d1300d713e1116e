/**
 * What each value-dependent VirtualMachine policy rule decides, for the generated docs. Keyed like
 * `ruleKey` (predicate name, or pattern for the anonymous `gated(...)` wrappers). A unit test
 * fails when a VM predicate rule has no entry here, so a new rule cannot ship undocumented.
 * Wording summarises provider/resources/virtualMachine/*Predicates.ts; those files are the truth.
 */
import type { PredicateDocs } from "./policyTable";

const T = "spec.template.spec";
const gatedNote =
    " Becomes **restart** when the VM already has RestartRequired (KubeVirt then holds live updates back).";

export const vmPredicateDocs: PredicateDocs = {
    runStrategyChange:
        "**live**: a power action (start, stop, or none) per the new run strategy. **metadata** when `running` is only rewritten as the equivalent `runStrategy`.",
    dataVolumeTemplateEntry:
        "**live** for a new entry (KubeVirt creates its DataVolume); **none** for a removed entry (KubeVirt leaves the DataVolume in place; a note says so).",
    dataVolumeTemplateChange:
        "**none**: KubeVirt never updates an existing DataVolume from its template (the DataVolume spec is immutable). A note says how to really apply it: rename the template (a new disk) or delete the DataVolume (data loss).",
    templateMetadataChange:
        "**metadata**: template labels/annotations are staged and reach the VM instance on its next start; no RestartRequired.",
    instancetypeChange:
        "**live** when the VM is not running (applies on next start). On a running VM **restart**, because the effect of the new instancetype/preference is only known after expansion; **live** when expanded specs are available under LiveUpdate on KubeVirt ≥ 1.3 (then each expanded field is classified by the rules below).",
    appliesOnNextStart:
        "**live**: nothing runs, so the change applies when the VM next starts; nothing is disrupted.",
    volumeEntry:
        "A hotpluggable PVC/DataVolume volume added or removed: **live** (declarative hotplug) or **restart** (legacy HotplugVolumes gate). Any other volume: **restart**.",
    hotplugVolumeChange:
        "A changed hotpluggable volume is unplugged and re-plugged: **live** (declarative hotplug) or **restart** (legacy gate). Declines for other volumes, so the next rule decides.",
    diskEntry:
        "A disk follows its volume: **live** for a hotpluggable volume, else **restart**. Removing a CD-ROM disk: **restart**.",
    interfaceEntry:
        "A bridge interface on a Multus network added: **live** (hot-plug); SR-IOV: **liveMigrate** (**restart** when not migratable). Removal after `state: absent`: **none**. Any other add or remove: **restart**. Before KubeVirt 1.6 every NIC hot-plug: **restart**.",
    interfaceState:
        "Link state up/down: **live**. `state: absent` on a bridge interface: **live** (hot-unplug). Unplugging other bindings or re-plugging: **restart**. Before KubeVirt 1.6: **restart**.",
    networkEntry:
        "The network of a hot-plugged bridge/SR-IOV interface: **live**. Removing the network of an unplugged interface: **none**. A pod network or anything else: **restart**.",
    networkNameChange:
        "**liveMigrate** on KubeVirt ≥ 1.9 for a live-migratable VM (a migration moves it to the new network); **restart** otherwise.",
    [`${T}.domain.cpu.sockets`]:
        "**liveMigrate** when raised within maxSockets (default 4× the boot sockets, at most 512 vCPUs) on a migratable, non-arm64 VM: hot-plugged through a live migration. **restart** when lowered, above maxSockets, on arm64 or when the VM is not live-migratable." +
        gatedNote,
    [`${T}.domain.memory.guest`]:
        "**liveMigrate** when raised within maxGuest (default 4× the boot memory) on a migratable amd64 VM, to at least 1Gi and 2Mi-aligned (1Gi with 1Gi hugepages), without realtime CPUs, NUMA passthrough or launchSecurity. **restart** otherwise." +
        gatedNote,
    [`${T}.nodeSelector.**`]:
        "**live**: patched into the running VM without moving it; its current node may violate the new constraint until the next migration." +
        gatedNote,
    [`${T}.affinity.**`]:
        "**live**: patched into the running VM without moving it; its current node may violate the new constraint until the next migration." +
        gatedNote,
    [`${T}.tolerations.**`]: "**live** on KubeVirt ≥ 1.4; **restart** before." + gatedNote,
    [`${T}.volumes[*].**`]:
        "With `spec.updateVolumesStrategy: Migration`, swapping the PVC/DataVolume behind a volume: **liveMigrate** (a storage live migration copies the disk); **restart** for shareable, LUN, virtiofs or hotplugged volumes. Declines for other volume changes, so the next rule decides." +
        gatedNote,
};
