/**
 * What KubeVirt did to one VM after an update, reduced to the provider's impact classes so a
 * plan can be compared with it. Pure, apart from `snapshot`, which reads the cluster.
 */
import type { KubeClient, KubeObject } from "../../../provider/k8s/client";

export interface Snapshot {
    vmUid?: string;
    vmiUid?: string;
    node?: string;
    vmiSpec?: string;
    vmiMeta?: string;
    restartRequired?: string;
    migrations: string[];
}

export type Observed = "none" | "live" | "liveMigrate" | "restart" | "replace" | "rejected";

const cond = (o: KubeObject | undefined, type: string) =>
    (
        (
            o?.status as
                { conditions?: { type: string; status: string; message?: string }[] } | undefined
        )?.conditions ?? []
    ).find((c) => c.type === type && c.status === "True");

export async function snapshot(kube: KubeClient, ns: string, name: string): Promise<Snapshot> {
    const vm = await kube.get({
        apiVersion: "kubevirt.io/v1",
        kind: "VirtualMachine",
        name,
        namespace: ns,
    });
    const vmi = await kube.get({
        apiVersion: "kubevirt.io/v1",
        kind: "VirtualMachineInstance",
        name,
        namespace: ns,
    });
    const vmims = await kube.list("kubevirt.io/v1", "VirtualMachineInstanceMigration", ns);
    const rr = cond(vm, "RestartRequired");
    return {
        vmUid: vm?.metadata.uid,
        vmiUid: vmi?.metadata.uid,
        node: (vmi?.status as { nodeName?: string } | undefined)?.nodeName,
        vmiSpec: vmi ? JSON.stringify(vmi.spec) : undefined,
        vmiMeta: vmi
            ? JSON.stringify({ labels: vmi.metadata.labels, annotations: vmi.metadata.annotations })
            : undefined,
        restartRequired: rr ? (rr.message ?? "RestartRequired") : undefined,
        migrations: vmims
            .filter((m) => (m.spec as { vmiName?: string }).vmiName === name)
            .map(
                (m) =>
                    `${m.metadata.name}:${(m.status as { phase?: string } | undefined)?.phase ?? ""}`,
            ),
    };
}

/** The impact class KubeVirt's behaviour shows, and the evidence for it. */
export function classify(
    before: Snapshot,
    after: Snapshot,
    upError: string | undefined,
): { observed: Observed; evidence: string } {
    if (upError) return { observed: "rejected", evidence: upError };
    if (before.vmUid && after.vmUid !== before.vmUid)
        return { observed: "replace", evidence: `VM uid ${before.vmUid} → ${after.vmUid}` };
    if (after.restartRequired && !before.restartRequired)
        return { observed: "restart", evidence: `RestartRequired: ${after.restartRequired}` };
    if (before.vmiUid && after.vmiUid && before.vmiUid !== after.vmiUid)
        return { observed: "restart", evidence: "VMI restarted (new uid)" };
    const newMigrations = after.migrations.filter(
        (m) => !before.migrations.some((b) => b.split(":")[0] === m.split(":")[0]),
    );
    // Generated name suffixes are dropped so the generated table only changes when behaviour does.
    const names = newMigrations.map((m) => m.replace(/-[a-z0-9]{5}:/, "-…:"));
    if (newMigrations.length)
        return {
            observed: "liveMigrate",
            evidence: `VMIM ${names.join(", ")}; node ${before.node} → ${after.node}`,
        };
    if (!!before.vmiUid !== !!after.vmiUid)
        return { observed: "live", evidence: after.vmiUid ? "VMI started" : "VMI stopped" };
    if (before.vmiSpec !== after.vmiSpec || before.vmiMeta !== after.vmiMeta)
        return { observed: "live", evidence: "VMI updated in place" };
    return { observed: "none", evidence: "VMI untouched" };
}

/** Whether a planned impact and what KubeVirt did agree. */
export function agrees(predicted: string, observed: Observed): boolean {
    if (observed === "rejected") return predicted === "rejected";
    if (predicted === "metadata") return observed === "none";
    return predicted === observed;
}

/** No VM of the batch has a migration, hot-plug condition or start/stop in flight. */
export function settled(vms: KubeObject[], vmis: KubeObject[], vmims: KubeObject[]): boolean {
    const inFlight = vmims.some(
        (m) =>
            !["Succeeded", "Failed"].includes(
                (m.status as { phase?: string } | undefined)?.phase ?? "",
            ),
    );
    const pending = vmis.some((v) =>
        ["HotVCPUChange", "HotMemoryChange", "MigrationRequired", "VolumesChange"].some((t) =>
            cond(v, t),
        ),
    );
    const printable = (vm: KubeObject) =>
        (vm.status as { printableStatus?: string } | undefined)?.printableStatus ?? "";
    const moving = vms.some((vm) => !["Running", "Stopped"].includes(printable(vm)));
    return !inFlight && !pending && !moving;
}
