/**
 * Pure expansion of a VM's `spec.template.spec` with its instancetype and preference, the way
 * KubeVirt applies them to the VMI (docs/semantics.md#instancetypes-and-preferences, `pkg/instancetype/apply`), so that an
 * instancetype/preference swap can be classified by its real delta (docs/semantics.md#live-updatable-fields: only sockets and guest
 * memory hot-plug; anything else restarts).
 *
 * - Instancetype values are set (KubeVirt rejects VMs that also set them), with `cpu.guest`
 *   spread over sockets/cores/threads by the preference's `preferredCPUTopology` (default sockets).
 * - Preference values are defaults: they fill only what the VM leaves unset.
 * - Fields this module does not map onto the template (clock, features, CPU features, TPM, …,
 *   and instancetype memory overcommit) are copied under `unexpandedInstancetype` /
 *   `unexpandedPreference`, so a change in them still shows, and classifies as a restart.
 * - Annotations (VMI metadata), `requirements` (checks only) and `volumes` (DataVolume templates,
 *   outside the template spec) do not affect `spec.template.spec` and are left out.
 */

import { canonicalizeQuantity } from "../../diff/quantity";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const at = (o: Obj, ...keys: string[]): Obj =>
    keys.reduce((cur, k) => (isObj(cur[k]) ? cur[k] : (cur[k] = {})), o);
const omit = (o: Obj, keys: readonly string[]): Obj =>
    Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));

/** sockets/cores/threads for `guest` vCPUs under a preferred topology (`preferX` spellings too). */
export function cpuTopology(
    guest: number,
    preference: Obj | undefined,
): { sockets: number; cores: number; threads: number } {
    const cpu = isObj(preference?.cpu) ? preference.cpu : {};
    const topology = String(cpu.preferredCPUTopology ?? "sockets")
        .replace(/^prefer/, "")
        .toLowerCase();
    const one = { sockets: 1, cores: 1, threads: 1 };
    if (topology === "sockets" || topology === "") return { ...one, sockets: guest };
    if (topology === "threads") return { ...one, threads: guest };
    if (topology === "spread") return spread(guest, cpu, preference ?? {});
    // "cores", and "any" (which lets the VM choose) assumed as cores: a guest change then shows
    // as a cores change, i.e. a restart, the conservative reading.
    return { ...one, cores: guest };
}

function spread(
    guest: number,
    cpu: Obj,
    preference: Obj,
): { sockets: number; cores: number; threads: number } {
    const ratio =
        Number(cpu.spreadOptions?.ratio ?? preference.preferSpreadSocketToCoreRatio ?? 2) || 2;
    const across = String(cpu.spreadOptions?.across ?? "SocketsCores");
    if (across === "SocketsCoresThreads" && guest % (ratio * 2) === 0)
        return { sockets: guest / (ratio * 2), cores: ratio, threads: 2 };
    if (across === "CoresThreads" && guest % ratio === 0)
        return { sockets: 1, cores: guest / ratio, threads: ratio };
    if (guest % ratio === 0) return { sockets: guest / ratio, cores: ratio, threads: 1 };
    return { sockets: guest, cores: 1, threads: 1 };
}

const cpuFields: Record<string, string> = {
    model: "model",
    dedicatedCPUPlacement: "dedicatedCpuPlacement",
    isolateEmulatorThread: "isolateEmulatorThread",
    numa: "numa",
    realtime: "realtime",
    maxSockets: "maxSockets",
};
const memoryFields = ["guest", "hugepages", "maxGuest"];
const domainFields = ["ioThreadsPolicy", "ioThreads", "launchSecurity"];

/** Set the instancetype's values on a template spec (mutates `spec`). */
export function applyInstancetype(spec: Obj, it: Obj, preference: Obj | undefined): void {
    const domain = at(spec, "domain");
    if (isObj(it.cpu)) {
        const cpu = at(domain, "cpu");
        if (typeof it.cpu.guest === "number")
            Object.assign(cpu, cpuTopology(it.cpu.guest, preference));
        for (const [from, to] of Object.entries(cpuFields))
            if (it.cpu[from] !== undefined) cpu[to] = it.cpu[from];
    }
    if (isObj(it.memory)) {
        const memory = at(domain, "memory");
        // Canonical quantities, as the VM side is normalized: "4096Mi" and "4Gi" are the same size.
        for (const k of memoryFields)
            if (it.memory[k] !== undefined)
                memory[k] = k === "hugepages" ? it.memory[k] : canonicalizeQuantity(it.memory[k]);
    }
    if (it.gpus !== undefined) at(domain, "devices").gpus = it.gpus;
    if (it.hostDevices !== undefined) at(domain, "devices").hostDevices = it.hostDevices;
    for (const k of domainFields) if (it[k] !== undefined) domain[k] = it[k];
    if (it.nodeSelector !== undefined) spec.nodeSelector = it.nodeSelector;
    if (it.schedulerName !== undefined) spec.schedulerName = it.schedulerName;
    const overcommit =
        isObj(it.memory) && it.memory.overcommitPercent !== undefined
            ? { memory: { overcommitPercent: it.memory.overcommitPercent } }
            : undefined;
    if (overcommit) spec.unexpandedInstancetype = overcommit;
}

function fill(target: Obj, key: string, value: unknown): void {
    if (value !== undefined && target[key] === undefined) target[key] = value;
}

function applyDevicePreferences(domain: Obj, d: Obj): void {
    const devices = at(domain, "devices");
    for (const disk of Array.isArray(devices.disks) ? devices.disks : []) {
        if (isObj(disk.disk)) fill(disk.disk, "bus", d.preferredDiskBus);
        if (isObj(disk.cdrom)) fill(disk.cdrom, "bus", d.preferredCdromBus);
        if (isObj(disk.lun)) fill(disk.lun, "bus", d.preferredLunBus);
    }
    for (const nic of Array.isArray(devices.interfaces) ? devices.interfaces : [])
        if (isObj(nic)) fill(nic, "model", d.preferredInterfaceModel);
    fill(devices, "rng", d.preferredRng);
}

function applyFirmwarePreferences(domain: Obj, f: Obj): void {
    const firmware = isObj(domain.firmware) ? domain.firmware : {};
    if (firmware.bootloader !== undefined) return;
    if (f.preferredEfi !== undefined) firmware.bootloader = { efi: f.preferredEfi };
    else if (f.preferredUseEfi)
        firmware.bootloader = {
            efi:
                f.preferredUseSecureBoot === undefined
                    ? {}
                    : { secureBoot: f.preferredUseSecureBoot },
        };
    else if (f.preferredUseBios)
        firmware.bootloader = {
            bios:
                f.preferredUseBiosSerial === undefined
                    ? {}
                    : { useSerial: f.preferredUseBiosSerial },
        };
    if (firmware.bootloader !== undefined) domain.firmware = firmware;
}

const mappedDevicePrefs = [
    "preferredDiskBus",
    "preferredCdromBus",
    "preferredLunBus",
    "preferredInterfaceModel",
    "preferredRng",
];
const mappedFirmwarePrefs = [
    "preferredEfi",
    "preferredUseEfi",
    "preferredUseSecureBoot",
    "preferredUseBios",
    "preferredUseBiosSerial",
];
const noTemplateEffect = ["annotations", "requirements", "volumes"];

/** The preference fields not mapped onto the template (they still must show when changed). */
function unmappedPreference(p: Obj): Obj {
    const rest: Obj = omit(p, [
        ...noTemplateEffect,
        "machine",
        "preferredArchitecture",
        "preferredTerminationGracePeriodSeconds",
        "preferredSubdomain",
        "preferSpreadSocketToCoreRatio",
    ]);
    if (isObj(p.devices)) rest.devices = omit(p.devices, mappedDevicePrefs);
    if (isObj(p.firmware)) rest.firmware = omit(p.firmware, mappedFirmwarePrefs);
    if (isObj(p.cpu)) rest.cpu = omit(p.cpu, ["preferredCPUTopology", "spreadOptions"]);
    for (const k of Object.keys(rest))
        if (isObj(rest[k]) && Object.keys(rest[k]).length === 0) delete rest[k];
    return rest;
}

/** Fill the preference's defaults into a template spec (mutates `spec`). */
export function applyPreference(spec: Obj, p: Obj): void {
    const domain = at(spec, "domain");
    if (isObj(p.machine) && p.machine.preferredMachineType !== undefined)
        fill(at(domain, "machine"), "type", p.machine.preferredMachineType);
    fill(spec, "architecture", p.preferredArchitecture);
    fill(spec, "terminationGracePeriodSeconds", p.preferredTerminationGracePeriodSeconds);
    fill(spec, "subdomain", p.preferredSubdomain);
    if (isObj(p.devices)) applyDevicePreferences(domain, p.devices);
    if (isObj(p.firmware)) applyFirmwarePreferences(domain, p.firmware);
    const rest = unmappedPreference(p);
    if (Object.keys(rest).length) spec.unexpandedPreference = rest;
}

/**
 * The template spec as KubeVirt would run it with this instancetype and preference (either may
 * be undefined). Returns a new object; the input is not modified.
 */
export function expandTemplateSpec(
    templateSpec: Obj | undefined,
    instancetype: Obj | undefined,
    preference: Obj | undefined,
): Obj {
    const spec = structuredClone(templateSpec ?? {});
    if (instancetype) applyInstancetype(spec, instancetype, preference);
    if (preference) applyPreference(spec, preference);
    return spec;
}
