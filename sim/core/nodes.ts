/**
 * The fake cluster nodes. There is no kubelet, so the sim creates the Node objects it schedules
 * onto (labels kubernetes.io/hostname and kubernetes.io/arch=amd64) and marks them Ready once.
 */
import type { KubeClient, KubeObject } from "../../provider/k8s/client";
import { Node, refOf } from "../kinds";
import type { Logger } from "../log";
import { k8sTime } from "../util/time";

/**
 * What virt-handler's node labeller would publish: launcher pods select on the machine type
 * (`machine-type.node.kubevirt.io/<type>`) and on CPU models, so without these no VM is
 * scheduled by real virt-controller.
 */
const nodeLabellerLabels: Record<string, string> = Object.fromEntries(
    [
        ...[
            "q35",
            "pc-q35-rhel9.6.0",
            "pc-q35-rhel9.4.0",
            "pc-q35-rhel9.2.0",
            "pc-q35-rhel8.6.0",
        ].map((m) => `machine-type.node.kubevirt.io/${m}`),
        ...["Haswell-noTSX", "Skylake-Server", "Cascadelake-Server", "EPYC"].map(
            (m) => `cpu-model.node.kubevirt.io/${m}`,
        ),
        // Migration targets of host-model VMs select on the source host's model.
        ...["Haswell-noTSX", "Skylake-Server", "Cascadelake-Server", "EPYC"].map(
            (m) => `cpu-model-migration.node.kubevirt.io/${m}`,
        ),
        "host-model-cpu.node.kubevirt.io/Skylake-Server",
        "cpu-vendor.node.kubevirt.io/Intel",
    ].map((k) => [k, "true"]),
);

export function desiredNode(name: string): KubeObject {
    return {
        apiVersion: Node.apiVersion,
        kind: Node.kind,
        metadata: {
            name,
            labels: {
                "kubernetes.io/hostname": name,
                "kubernetes.io/arch": "amd64",
                "kubernetes.io/os": "linux",
                "node-role.kubernetes.io/worker": "",
                "kubevirt.io/schedulable": "true",
                ...nodeLabellerLabels,
            },
        },
    };
}

export function nodeStatus(index: number, now: number): Record<string, unknown> {
    const t = k8sTime(now);
    // The device plugins virt-handler registers: launcher pods request kvm, tun and vhost-net.
    const capacity = {
        cpu: "16",
        memory: "64Gi",
        pods: "110",
        "devices.kubevirt.io/kvm": "1k",
        "devices.kubevirt.io/tun": "1k",
        "devices.kubevirt.io/vhost-net": "1k",
    };
    return {
        conditions: [
            {
                type: "Ready",
                status: "True",
                reason: "KubeletReady",
                message: "kubelet is posting ready status (simulated)",
                lastHeartbeatTime: t,
                lastTransitionTime: t,
            },
        ],
        addresses: [{ type: "InternalIP", address: `192.168.122.${10 + index}` }],
        capacity,
        allocatable: capacity,
        nodeInfo: {
            architecture: "amd64",
            operatingSystem: "linux",
            kubeletVersion: "v1.35.0-sim",
            containerRuntimeVersion: "sim://1.0",
            osImage: "Simulated",
            kernelVersion: "6.0.0-sim",
            machineID: "",
            systemUUID: "",
            bootID: "",
            kubeProxyVersion: "",
        },
    };
}

/** Creates missing nodes (and labels), marks them Ready. Idempotent. */
export async function ensureNodes(client: KubeClient, names: string[], log: Logger): Promise<void> {
    for (const [i, name] of names.entries()) {
        const want = desiredNode(name);
        let node = await client.get(refOf(want));
        if (!node) {
            node = await client.create(want);
            log(`[nodes] create Node ${name}`);
        } else if (
            Object.entries(want.metadata.labels ?? {}).some(
                ([k, v]) => node!.metadata.labels?.[k] !== v,
            )
        ) {
            node = await client.mergePatch(refOf(want), {
                metadata: { labels: want.metadata.labels },
            });
            log(`[nodes] label Node ${name}`);
        }
        const ready = (
            (node.status as { conditions?: { type: string; status: string }[] } | undefined)
                ?.conditions ?? []
        ).some((c) => c.type === "Ready" && c.status === "True");
        if (!ready) {
            await client.mergePatch(refOf(want), { status: nodeStatus(i, Date.now()) }, "status");
            log(`[nodes] mark Node ${name} Ready`);
        }
    }
}
