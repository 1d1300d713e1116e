/**
 * The I/O half of the eviction output: the access modes of the claims a VM uses, which only the
 * cluster (or the stack's own DataVolumes) can tell, and the KubeVirt CR's settings.
 *
 * Each claim is looked up at most once per command: through the shared PVC watch of its namespace
 * (one list for all VMs), else in what the VM or the stack declares (a DataVolume created in the
 * same run has no claim yet at preview).
 */
import type { KubeClient } from "../../k8s/client";
import type { Props } from "../../kindProvider";
import { cachedGet } from "../../await/sharedWatch";
import { declaredBody } from "../../validation/lookup";
import { isPlainObject, type JsonObject } from "../../diff/paths";
import { claimNameOf, migratabilityOf } from "./migratability";
import { evictionOf, type Eviction } from "./eviction";
import { clusterMigrationFacts } from "./runtime";
import { declaredVm } from "./desired";
import { templateSpec } from "./vmContext";

/** Access modes a DataVolume spec asks for (undefined: left to the StorageProfile). */
function declaredModes(dvSpec: unknown): string[] | undefined {
    if (!isPlainObject(dvSpec)) return undefined;
    const claim = isPlainObject(dvSpec.pvc) ? dvSpec.pvc : dvSpec.storage;
    const modes = isPlainObject(claim) ? claim.accessModes : undefined;
    return Array.isArray(modes) && modes.length > 0 ? modes.map(String) : undefined;
}

async function livePvcModes(
    client: KubeClient,
    name: string,
    namespace: string,
): Promise<string[] | undefined> {
    try {
        const pvc = await cachedGet(client, {
            apiVersion: "v1",
            kind: "PersistentVolumeClaim",
            name,
            namespace,
        });
        return declaredModes({ pvc: pvc?.spec });
    } catch {
        // Unreadable (RBAC, offline): the mode stays unknown and the output says so.
        return undefined;
    }
}

/** The declared access modes of claim `name`: the VM's dataVolumeTemplates, else a DataVolume of the stack. */
function declaredClaimModes(vm: JsonObject, name: string, namespace: string): string[] | undefined {
    const spec = vm.spec as Props | undefined;
    const tpl = ((spec?.dataVolumeTemplates ?? []) as Props[]).find(
        (t) => t.metadata?.name === name,
    );
    if (tpl) return declaredModes(tpl.spec);
    const dv = declaredBody({
        apiVersion: "cdi.kubevirt.io/v1beta1",
        kind: "DataVolume",
        name,
        namespace,
    }) as Props | undefined;
    return declaredModes(dv?.spec);
}

/** Access modes per claim the VM's volumes use (undefined where not known). */
export async function claimModesOf(
    client: KubeClient,
    vm: JsonObject,
    namespace: string,
): Promise<Map<string, string[] | undefined>> {
    const vols = (templateSpec(vm).volumes ?? []) as JsonObject[];
    const claims = [...new Set(vols.map(claimNameOf).filter((c): c is string => !!c))];
    const modes = await Promise.all(
        claims.map(
            async (c) =>
                (await livePvcModes(client, c, namespace)) ?? declaredClaimModes(vm, c, namespace),
        ),
    );
    return new Map(claims.map((c, i) => [c, modes[i]]));
}

/** The `eviction` output of a VM from its inputs, reading what the cluster knows. */
export async function evictionFor(client: KubeClient, inputs: Props): Promise<Eviction> {
    const vm = declaredVm(inputs) as JsonObject;
    const [cluster, claimModes] = await Promise.all([
        clusterMigrationFacts(client),
        claimModesOf(client, vm, inputs.metadata.namespace),
    ]);
    const name = String(inputs.metadata.name);
    return evictionOf(name, vm, cluster, migratabilityOf(vm, { claimModes, cluster }));
}
