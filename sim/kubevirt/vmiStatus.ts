/**
 * What virt-handler reports on a running VMI: interfaces with MAC/IP, CPU topology and memory
 * actually attached, guest agent data on request, volume status. After a migration the target
 * reports the spec as it is now (hotplugged CPUs, memory, NICs become real) — `attachedStatus`.
 */
import type { KubeObject } from "../../provider/k8s/client";
import { hash32, macFor } from "../util/ids";
import { k8sTime } from "../util/time";
import {
    isHotplugVolume,
    ann,
    claimNameOf,
    type VirtualMachineInstance,
    type VmiStatus,
} from "./types";

export const guestOsInfo = {
    id: "fedora",
    name: "Fedora Linux",
    prettyName: "Fedora Linux 41 (Cloud Edition)",
    version: "41 (Cloud Edition)",
    versionId: "41",
    kernelRelease: "6.11.4-301.fc41.x86_64",
    kernelVersion: "#1 SMP PREEMPT_DYNAMIC",
    machine: "x86_64",
};

export function hasGuestAgent(vmi: VirtualMachineInstance): boolean {
    return vmi.metadata.annotations?.[ann.simGuestAgent] === "true";
}

/** Interfaces as seen on `nodeName`: every non-absent spec interface, pod network with an IP. */
export function interfaceStatuses(
    vmi: VirtualMachineInstance,
    nodeName: string,
    nodes: KubeObject[],
): VmiStatus["interfaces"] {
    const nets = new Map((vmi.spec.networks ?? []).map((n) => [n.name, n]));
    const nodeIdx = Math.max(
        0,
        nodes
            .map((n) => n.metadata.name)
            .sort()
            .indexOf(nodeName),
    );
    const seed = `${vmi.metadata.namespace}/${vmi.metadata.name}`;
    const agent = hasGuestAgent(vmi);
    return (vmi.spec.domain?.devices?.interfaces ?? [])
        .filter((i) => i.state !== "absent")
        .map((iface, idx) => {
            const net = nets.get(iface.name);
            const base = {
                name: iface.name,
                interfaceName: `eth${idx}`,
                mac: iface.macAddress ?? macFor(`${seed}/${iface.name}`),
                infoSource: agent ? "domain, guest-agent" : "domain",
                queueCount: 1,
                linkState: iface.state === "down" ? "down" : "up",
            };
            if (!net?.pod)
                return {
                    ...base,
                    podInterfaceName: `pod${(hash32(net?.multus?.networkName ?? iface.name) >>> 0).toString(16).slice(0, 11)}`,
                };
            const ip = `10.244.${nodeIdx}.${(hash32(`${seed}/${vmi.metadata.uid}`) % 250) + 2}`;
            return { ...base, ipAddress: ip, ipAddresses: [ip], podInterfaceName: "eth0" };
        });
}

/** CPU topology, memory and interfaces as attached by the launcher on `nodeName`. */
export function attachedStatus(
    vmi: VirtualMachineInstance,
    nodeName: string,
    nodes: KubeObject[],
): Partial<VmiStatus> {
    const cpu = vmi.spec.domain?.cpu;
    const guest = vmi.spec.domain?.memory?.guest;
    const out: Partial<VmiStatus> = { interfaces: interfaceStatuses(vmi, nodeName, nodes) };
    if (cpu)
        out.currentCPUTopology = {
            sockets: cpu.sockets ?? 0,
            cores: cpu.cores ?? 0,
            threads: cpu.threads ?? 0,
        };
    if (guest)
        out.memory = {
            ...(vmi.status?.memory ?? { guestAtBoot: guest }),
            guestCurrent: guest,
            guestRequested: guest,
        };
    return out;
}

/** What virt-handler reports of a volume's claim. */
function claimInfo(claim: string, pvc: KubeObject): Record<string, unknown> {
    const spec = pvc.spec as
        | {
              accessModes?: string[];
              volumeMode?: string;
              resources?: { requests?: { storage?: string } };
          }
        | undefined;
    return {
        claimName: claim,
        accessModes: spec?.accessModes ?? [],
        volumeMode: spec?.volumeMode ?? "Filesystem",
        capacity: { storage: spec?.resources?.requests?.storage ?? "" },
    };
}

/** Per-volume status; hotplugged volumes report an attachment pod and phase Ready. */
export function volumeStatuses(
    vmi: VirtualMachineInstance,
    pvcOf: (name: string) => KubeObject | undefined,
): unknown[] {
    const disks = vmi.spec.domain?.devices?.disks ?? [];
    return (vmi.spec.volumes ?? []).map((v) => {
        const idx = disks.findIndex((d) => d.name === v.name);
        const claim = claimNameOf(v);
        const pvc = claim ? pvcOf(claim) : undefined;
        return {
            name: v.name,
            target: idx >= 0 ? `vd${String.fromCharCode(97 + idx)}` : "",
            ...(pvc && claim ? { persistentVolumeClaimInfo: claimInfo(claim, pvc) } : {}),
            ...(isHotplugVolume(v)
                ? {
                      phase: "Ready",
                      reason: "VolumeReady",
                      message: `Successfully attach hotplugged volume ${v.name} to VM`,
                      hotplugVolume: {
                          attachPodName: `hp-volume-${(hash32(v.name) >>> 0).toString(36)}`,
                      },
                  }
                : {}),
        };
    });
}

/** The status in `phase`, with that phase's transition timestamp appended (as virt-handler records it). */
export function withPhase(status: VmiStatus, phase: string, now: number): VmiStatus {
    const ts = [
        ...(status.phaseTransitionTimestamps ?? []),
        { phase, phaseTransitionTimestamp: k8sTime(now) },
    ];
    return { ...status, phase, phaseTransitionTimestamps: ts };
}
