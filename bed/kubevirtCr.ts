/**
 * The KubeVirt CR an installed KubeVirt 1.9 would have: the provider reads its rollout strategy,
 * version and workload-update methods to classify changes (docs/semantics.md#rollout-strategy). Configured like
 * OpenShift Virtualization (HCO): LiveUpdate rollout, LiveMigrate workload updates, declarative
 * hotplug (the 1.9 default). `defaultArchitecture` is what virt-operator reports; real virt-api
 * rejects every VMI ("unsupported architecture") without it.
 */
import type { KubeClient } from "../provider/k8s/client";

export const kubevirtNamespace = "kubevirt";

export async function installKubeVirtCr(client: KubeClient): Promise<void> {
    await client.apply(
        { apiVersion: "v1", kind: "Namespace", metadata: { name: kubevirtNamespace } },
        { force: true, fieldManager: "pulumi-kubevirt-bed" },
    );
    const cr = {
        apiVersion: "kubevirt.io/v1",
        kind: "KubeVirt",
        metadata: { name: "kubevirt", namespace: kubevirtNamespace },
        spec: {
            configuration: {
                vmRolloutStrategy: "LiveUpdate",
                developerConfiguration: { featureGates: ["DeclarativeHotplugVolumes"] },
            },
            workloadUpdateStrategy: { workloadUpdateMethods: ["LiveMigrate"] },
        },
    };
    await client.apply(cr, { force: true, fieldManager: "pulumi-kubevirt-bed" });
    const ref = {
        apiVersion: "kubevirt.io/v1",
        kind: "KubeVirt",
        name: "kubevirt",
        namespace: kubevirtNamespace,
    };
    await client.mergePatch(
        ref,
        {
            status: {
                phase: "Deployed",
                observedKubeVirtVersion: "v1.9.0",
                targetKubeVirtVersion: "v1.9.0",
                defaultArchitecture: "amd64",
            },
        },
        "status",
    );
}
