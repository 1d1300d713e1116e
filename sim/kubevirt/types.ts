/**
 * The slices of the KubeVirt API (kubevirt.io/v1) the simulator reads. Everything else passes
 * through untouched via the index signatures.
 */
import type { KubeObject } from "../../provider/k8s/client";
import type { Condition } from "../util/conditions";

type Open = { [k: string]: unknown };

export interface Cpu extends Open {
    sockets?: number;
    cores?: number;
    threads?: number;
    maxSockets?: number;
}
export interface Memory extends Open {
    guest?: string;
    maxGuest?: string;
}
export interface Disk extends Open {
    name: string;
    cdrom?: Open;
    disk?: Open;
    lun?: Open;
}
export interface Iface extends Open {
    name: string;
    state?: string;
    bridge?: Open;
    masquerade?: Open;
    sriov?: Open;
    macAddress?: string;
    binding?: { name: string };
}
export interface Network extends Open {
    name: string;
    pod?: Open;
    multus?: { networkName: string; default?: boolean };
}
export interface Volume extends Open {
    name: string;
    persistentVolumeClaim?: { claimName: string; hotpluggable?: boolean; readOnly?: boolean };
    dataVolume?: { name: string; hotpluggable?: boolean };
    hostDisk?: Open;
    memoryDump?: Open;
}
export interface Domain extends Open {
    cpu?: Cpu;
    memory?: Memory;
    devices?: Open & { disks?: Disk[]; interfaces?: Iface[]; autoattachPodInterface?: boolean };
    firmware?: Open & { uuid?: string; serial?: string };
    machine?: { type?: string };
    resources?: Open;
}
export interface VmiSpec extends Open {
    domain?: Domain;
    nodeSelector?: Record<string, string>;
    affinity?: Open;
    tolerations?: Open[];
    volumes?: Volume[];
    networks?: Network[];
    architecture?: string;
}
export interface TemplateMeta extends Open {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
}
export interface DataVolumeTemplate extends Open {
    metadata: TemplateMeta & { name: string };
    spec: Open;
}
export interface VmSpec extends Open {
    runStrategy?: string;
    running?: boolean;
    template?: { metadata?: TemplateMeta; spec?: VmiSpec };
    dataVolumeTemplates?: DataVolumeTemplate[];
    updateVolumesStrategy?: string;
}
export interface StateChangeRequest extends Open {
    action: "Start" | "Stop" | string;
    uid?: string;
    data?: Record<string, string>;
}
export interface VmStatus extends Open {
    printableStatus?: string;
    created?: boolean;
    ready?: boolean;
    conditions?: Condition[];
    runStrategy?: string;
    observedGeneration?: number;
    desiredGeneration?: number;
    stateChangeRequests?: StateChangeRequest[];
}
export interface MigrationState extends Open {
    migrationUid?: string;
    sourceNode?: string;
    targetNode?: string;
    completed?: boolean;
    failed?: boolean;
    startTimestamp?: string;
    endTimestamp?: string;
    abortRequested?: boolean;
}
export interface VmiStatus extends Open {
    phase?: string;
    nodeName?: string;
    conditions?: Condition[];
    interfaces?: (Open & { name?: string })[];
    migrationState?: MigrationState;
    virtualMachineRevisionName?: string;
    currentCPUTopology?: { sockets?: number; cores?: number; threads?: number };
    memory?: Open & { guestAtBoot?: string; guestCurrent?: string; guestRequested?: string };
    phaseTransitionTimestamps?: { phase: string; phaseTransitionTimestamp: string }[];
}

export interface VirtualMachine extends KubeObject {
    spec: VmSpec;
    status?: VmStatus;
}
export interface VirtualMachineInstance extends KubeObject {
    spec: VmiSpec;
    status?: VmiStatus;
}
export interface Migration extends KubeObject {
    spec: { vmiName: string; addedNodeSelector?: Record<string, string> } & Open;
    status?: Open & {
        phase?: string;
        conditions?: Condition[];
        migrationState?: MigrationState;
        phaseTransitionTimestamps?: { phase: string; phaseTransitionTimestamp: string }[];
    };
}

/** Annotation and label keys (kubevirt `types.go`) and the simulator's fault knobs. */
export const ann = {
    vmGeneration: "kubevirt.io/vm-generation",
    latestObservedApi: "kubevirt.io/latest-observed-api-version",
    storageObservedApi: "kubevirt.io/storage-observed-api-version",
    pciTopology: "kubevirt.io/pci-topology-version",
    allowPodBridgeMigration: "kubevirt.io/allow-pod-bridge-network-live-migration",
    immediateDvCreation: "kubevirt.io/immediate-data-volume-creation",
    workloadUpdateMigration: "kubevirt.io/workloadUpdateMigration",
    vmiNameLabel: "kubevirt.io/vmi-name",
    createdBy: "kubevirt.io/created-by",
    /** Knob: VMI (or template) annotation "true" → guest agent connected, guestOSInfo reported. */
    simGuestAgent: "sim.pulumi-kubevirt.io/guest-agent",
    /** Knob: VMI/VMIM annotation "<reason>" → migrations of it are refused. */
    simRefuseMigration: "sim.pulumi-kubevirt.io/refuse-migration",
    /** Knob: VMI annotation (any value) → a migration of it starts (Running) but never finishes until the annotation goes. */
    simHoldMigration: "sim.pulumi-kubevirt.io/hold-migration",
    /** Knob: VMIM (or VMI) annotation "<reason>" → migration fails while Running. */
    simFailMigration: "sim.pulumi-kubevirt.io/fail-migration",
    /** Knob: VMI annotation "Succeeded" | "Failed" → guest stops with that outcome once Running. */
    simGuestExit: "sim.pulumi-kubevirt.io/guest-exit",
} as const;

export const vmFinalizer = "kubevirt.io/virtualMachineControllerFinalize";
export const vmiForegroundFinalizer = "kubevirt.io/foregroundDeleteVirtualMachine";
export const migrationFinalizer = "kubevirt.io/migrationJobFinalize";

export const finalPhases = new Set(["Succeeded", "Failed"]);

export function isFinal(vmi: VirtualMachineInstance | undefined): boolean {
    return !!vmi && finalPhases.has(vmi.status?.phase ?? "");
}

/** `VirtualMachine.RunStrategy()`: runStrategy, else running true/false → Always/Halted. */
export function runStrategyOf(vm: VirtualMachine): string {
    if (vm.spec.runStrategy) return vm.spec.runStrategy;
    return vm.spec.running ? "Always" : "Halted";
}

export function isHotplugVolume(v: Volume | undefined): boolean {
    return !!(
        v?.persistentVolumeClaim?.hotpluggable ||
        v?.dataVolume?.hotpluggable ||
        v?.memoryDump
    );
}

/** The claim behind a volume: PVC claimName or DataVolume name (DV and PVC share the name). */
export function claimNameOf(v: Volume): string | undefined {
    return v.persistentVolumeClaim?.claimName ?? v.dataVolume?.name;
}

/** `migrations.IsMigrating`: started and not yet ended. */
export function isMigrating(vmi: VirtualMachineInstance | undefined): boolean {
    const ms = vmi?.status?.migrationState;
    return !!ms?.startTimestamp && !ms.endTimestamp && !ms.completed && !ms.failed;
}
