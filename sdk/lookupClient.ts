import type { ClusterConfig } from "../provider/k8s/kubeClient";
import type { KubeClient } from "../provider/k8s/client";

/**
 * A Kubernetes client for the SDK's one-off lookups (getStorageProfile, getNodeNetworkState).
 * Loaded on first call: @kubernetes/client-node is ~45 MB of a program's memory, and a program that
 * only declares resources never needs it.
 */
export async function lookupClient(cfg: ClusterConfig): Promise<KubeClient> {
    const { newKubeClient } = await import("../provider/k8s/kubeClient");
    return newKubeClient(cfg);
}
