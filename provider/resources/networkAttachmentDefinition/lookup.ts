/**
 * Preview warnings for VMs whose Multus networks name a NetworkAttachmentDefinition that does not
 * exist. Without the NAD, virt-launcher's pod never gets its secondary interface and the VM sits
 * in Scheduling with only a pod event to explain it; a preview note says it before `up`.
 *
 * Resolution follows Multus: `networkName: "x"` means NAD x in the VM's namespace; `"ns/x"` means
 * NAD x in ns. With Multus namespace isolation (on by default in OpenShift) a VM may reference only
 * its own namespace and "default", so a reference elsewhere is flagged too.
 */
import type { KubeClient } from "../../k8s/client";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One Multus network reference of a VM, resolved to the NAD it means. */
export interface NadRef {
    /** The VM network's name (spec.template.spec.networks[].name). */
    network: string;
    /** As written in the spec. */
    networkName: string;
    namespace: string;
    name: string;
}

/** The namespace every namespace may reference even under Multus namespace isolation. */
export const globalNadNamespace = "default";

/** Every Multus network of the VM, resolved against the VM's namespace. Pure. */
export function nadRefsOf(vm: { metadata?: Json; spec?: Json }): NadRef[] {
    const vmNamespace = String(vm.metadata?.namespace ?? "default");
    const networks: Json[] = vm.spec?.template?.spec?.networks ?? [];
    return networks.flatMap((n) => {
        const networkName = n?.multus?.networkName;
        if (typeof networkName !== "string" || networkName === "") return [];
        const slash = networkName.indexOf("/");
        const namespace = slash < 0 ? vmNamespace : networkName.slice(0, slash);
        const name = slash < 0 ? networkName : networkName.slice(slash + 1);
        return [{ network: String(n.name), networkName, namespace, name }];
    });
}

/**
 * Notes for references to missing NADs, given which NADs exist (`"ns/name"` keys). A missing
 * bare name that exists in "default" gets a hint, since Multus does not fall back to it. Pure.
 */
export function missingNadNotes(
    refs: NadRef[],
    vmNamespace: string,
    existing: ReadonlySet<string>,
): string[] {
    const notes: string[] = [];
    for (const r of refs) {
        const key = `${r.namespace}/${r.name}`;
        const where = `network '${r.network}': NetworkAttachmentDefinition ${key}`;
        if (!existing.has(key)) {
            const hint =
                r.namespace !== globalNadNamespace &&
                existing.has(`${globalNadNamespace}/${r.name}`)
                    ? `; one exists in '${globalNadNamespace}', reference it as "${globalNadNamespace}/${r.name}"`
                    : "";
            notes.push(`${where} does not exist; the VM will not start until it does${hint}`);
        } else if (r.namespace !== vmNamespace && r.namespace !== globalNadNamespace) {
            notes.push(
                `${where} is in another namespace; with Multus namespace isolation (the OpenShift default) only '${vmNamespace}' and '${globalNadNamespace}' can be referenced`,
            );
        }
    }
    return notes;
}

/**
 * Preview notes for a VM's Multus networks whose NAD is missing (checked in the VM's namespace,
 * the referenced namespace, and "default" for the hint); `declared` ("ns/name") are NADs the stack
 * creates, which count as existing. Errors reading the cluster yield no notes:
 * a preview warning must never block a preview.
 */
export async function missingNetworkNotes(
    client: KubeClient,
    vm: { metadata: { namespace?: string }; spec?: Json },
    declared: ReadonlySet<string> = new Set(),
): Promise<string[]> {
    const refs = nadRefsOf(vm);
    if (refs.length === 0) return [];
    const vmNamespace = vm.metadata.namespace ?? "default";
    const wanted = new Set(
        refs.flatMap((r) => [`${r.namespace}/${r.name}`, `${globalNadNamespace}/${r.name}`]),
    );
    const existing = new Set<string>(declared);
    try {
        await Promise.all(
            [...wanted].map(async (key) => {
                const [namespace, name] = key.split("/") as [string, string];
                if (
                    await client.get({
                        apiVersion: "k8s.cni.cncf.io/v1",
                        kind: "NetworkAttachmentDefinition",
                        namespace,
                        name,
                    })
                )
                    existing.add(key);
            }),
        );
    } catch {
        return [];
    }
    return missingNadNotes(refs, vmNamespace, existing);
}
