import * as pulumi from "@pulumi/pulumi";
import { newKubeClient } from "../../provider/k8s/kubeClient";
import type { StorageProfileClaimPropertySet, StorageProfileSpec } from "../types/storageProfile";

/** Where to look the StorageProfile up; defaults to the stack's `kubevirt:kubeconfig` / `kubevirt:context`. */
export interface StorageProfileLookupOptions {
    /** kubeconfig file path or content. */
    kubeconfig?: string;
    context?: string;
}

/** What CDI computed for a StorageClass: what `spec.storage` DataVolumes on it get. */
export interface StorageProfileInfo {
    /** The StorageProfile's (= its StorageClass's) name. */
    name: string;
    /** What an admin overrode. */
    spec: StorageProfileSpec;
    /** The effective values CDI uses. */
    status: {
        storageClass?: string;
        provisioner?: string;
        claimPropertySets?: StorageProfileClaimPropertySet[];
        cloneStrategy?: string;
        dataImportCronSourceFormat?: string;
        snapshotClass?: string;
    };
    /** The first claim property set: the access modes and volume mode CDI picks by default. */
    defaults: { accessModes: string[]; volumeMode?: string };
}

/**
 * Read the StorageProfile (cluster-scoped, one per StorageClass, kept by CDI) for a class: the
 * access modes, volume mode and clone strategy a `spec.storage` DataVolume will get. Read-only;
 * throws when the profile does not exist.
 */
export async function getStorageProfile(
    name: string,
    opts: StorageProfileLookupOptions = {},
): Promise<StorageProfileInfo> {
    const cfg = new pulumi.Config("kubevirt");
    const client = newKubeClient({
        kubeconfig: opts.kubeconfig ?? cfg.get("kubeconfig"),
        context: opts.context ?? cfg.get("context"),
    });
    const obj = await client.get({
        apiVersion: "cdi.kubevirt.io/v1beta1",
        kind: "StorageProfile",
        name,
    });
    if (!obj)
        throw new Error(
            `StorageProfile ${name} not found: CDI creates one per StorageClass; does StorageClass '${name}' exist and is CDI installed?`,
        );
    const status = (obj.status ?? {}) as StorageProfileInfo["status"];
    const first = status.claimPropertySets?.[0];
    return {
        name,
        spec: (obj.spec ?? {}) as StorageProfileSpec,
        status,
        defaults: {
            accessModes: first?.accessModes ?? [],
            ...(first?.volumeMode ? { volumeMode: first.volumeMode } : {}),
        },
    };
}
