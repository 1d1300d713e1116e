/** Cluster set-up and helpers for the conformance batches: namespace, PVCs, NADs, rollout strategy. */
import type { KubeClient } from "../../../provider/k8s/client";

const manager = { force: true, fieldManager: "conformance-test" };

export async function ensureFixtures(
    kube: KubeClient,
    ns: string,
    vms: { name: string; needs: string[] }[],
): Promise<void> {
    await kube.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } }, manager);
    for (const nad of ["conf-nad", "conf-nad2"]) {
        const config = JSON.stringify({
            cniVersion: "0.3.1",
            name: nad,
            type: "bridge",
            bridge: `br-${nad}`,
        });
        await kube.apply(
            {
                apiVersion: "k8s.cni.cncf.io/v1",
                kind: "NetworkAttachmentDefinition",
                metadata: { name: nad, namespace: ns },
                spec: { config },
            },
            manager,
        );
    }
    for (const vm of vms) {
        for (const need of vm.needs.filter((n) => n.startsWith("pvc"))) {
            await kube.apply(
                {
                    apiVersion: "v1",
                    kind: "PersistentVolumeClaim",
                    metadata: { name: `${vm.name}-${need}`, namespace: ns },
                    spec: {
                        accessModes: ["ReadWriteMany"],
                        volumeMode: "Block",
                        resources: { requests: { storage: "1Gi" } },
                    },
                },
                manager,
            );
        }
    }
}

/** The KubeVirt CR's vmRolloutStrategy; the provider reads it when it plans. */
export async function setRollout(kube: KubeClient, rollout: "LiveUpdate" | "Stage"): Promise<void> {
    const ref = {
        apiVersion: "kubevirt.io/v1",
        kind: "KubeVirt",
        name: "kubevirt",
        namespace: "kubevirt",
    };
    await kube.mergePatch(ref, { spec: { configuration: { vmRolloutStrategy: rollout } } });
}

/** Per-resource errors from `pulumi up` output: resource name → first error line. */
export function upErrors(text: string): Map<string, string> {
    const out = new Map<string, string>();
    let current: string | undefined;
    for (const line of text.split("\n")) {
        const head = /^\s+\S+:\S+:\S+ \(([^)]+)\):\s*$/.exec(line);
        if (head) {
            current = head[1];
            continue;
        }
        const err = /^\s+error: (.*)$/.exec(line);
        if (current && err && !out.has(current)) out.set(current, err[1]!);
    }
    return out;
}

/**
 * Polls `ok` once a second until it has held five times in a row: KubeVirt acts on a change in
 * steps (VM → VMI → condition → migration), so one quiet look is not enough. Gives up after 10 min.
 */
export async function waitFor(ok: () => Promise<boolean>, what: string): Promise<void> {
    let streak = 0;
    for (let i = 0; i < 600; i++) {
        streak = (await ok()) ? streak + 1 : 0;
        if (streak >= 5) return;
        await new Promise((r) => setTimeout(r, 1000));
    }
    throw new Error(`timed out waiting for ${what}`);
}
