/**
 * The PVC behind a DataVolume: growing it (the DV spec is immutable, docs/semantics.md#datavolume-spec-is-immutable), telling whether it may
 * grow, reading its size back on refresh, and recognising a claim left behind by CDI's garbage
 * collection of completed DataVolumes (docs/semantics.md#datavolume-garbage-collection). Pure decisions first, then the I/O that feeds them.
 */
import type { KubeObject, ObjectRef } from "../../k8s/client";
import type { OpContext, Props } from "../../kindProvider";
import { compareQuantities } from "../../diff/quantity";
import { awaitObject, warningEvents } from "../../await/awaiter";
import type { Budget } from "../../await/timeouts";
import { KubevirtProviderError } from "../../errors";
import { claimExpanded } from "./readiness";

/** Annotations CDI puts on claims it created for, or kept after collecting, a DataVolume. */
export const createdForDataVolume = "cdi.kubevirt.io/createdForDataVolume";
export const garbageCollected = "cdi.kubevirt.io/garbageCollected";

/** The claim of a DataVolume: `status.claimName` when CDI reported it, else the DV's own name. */
export function claimRefOf(dv: { metadata?: Props; status?: unknown }): ObjectRef {
    const name = (dv.status as { claimName?: string } | undefined)?.claimName || dv.metadata?.name;
    return {
        apiVersion: "v1",
        kind: "PersistentVolumeClaim",
        namespace: dv.metadata?.namespace,
        name,
    };
}

const requestOf = (pvc: KubeObject | undefined): string | undefined =>
    (pvc?.spec as { resources?: { requests?: { storage?: string } } } | undefined)?.resources
        ?.requests?.storage;

/** True for a live claim CDI created for a DataVolume (so its DV's absence means "collected"). */
export function isDataVolumeClaim(pvc: KubeObject | undefined): boolean {
    if (!pvc || pvc.metadata.deletionTimestamp) return false;
    const ann = pvc.metadata.annotations ?? {};
    return ann[garbageCollected] === "true" || ann[createdForDataVolume] !== undefined;
}

/**
 * Why the claim cannot be expanded, mirroring the API server's PersistentVolumeClaimResize
 * admission: only bound claims of a StorageClass with `allowVolumeExpansion: true` may grow.
 * Undefined when expansion is allowed.
 */
export function expansionProblem(
    pvc: KubeObject,
    storageClass: KubeObject | undefined,
): string | undefined {
    const phase = (pvc.status as { phase?: string } | undefined)?.phase;
    if (phase !== "Bound")
        return `its PVC is not bound yet (phase ${phase ?? "Pending"}); only bound claims can grow`;
    const className = (pvc.spec as { storageClassName?: string } | undefined)?.storageClassName;
    if (!className)
        return "its PVC has no StorageClass; only dynamically provisioned claims can grow";
    if (!storageClass) return `its StorageClass '${className}' does not exist`;
    if (storageClass.allowVolumeExpansion !== true)
        return `its StorageClass '${className}' does not allow volume expansion (allowVolumeExpansion is not true)`;
    return undefined;
}

/**
 * The size to report on refresh. The DV keeps the size it was created with while the PVC carries
 * the grown one, so the larger of the two is what the disk really has; when that meets what the
 * user declared, the declared string is kept so refresh shows no drift.
 */
export function effectiveSize(
    declared: string | undefined,
    dvSize: string | undefined,
    pvcRequest: string | undefined,
): string | undefined {
    const larger = (compareQuantities(pvcRequest, dvSize) ?? -1) > 0 ? pvcRequest : dvSize;
    if (declared !== undefined && (compareQuantities(larger, declared) ?? -1) >= 0) return declared;
    return larger;
}

/** The claim of `dv` and its StorageClass, for the expansion check. */
async function claimAndClass(
    ctx: OpContext,
    dv: Props,
): Promise<{ pvc?: KubeObject; sc?: KubeObject }> {
    const pvc = await ctx.client.get(claimRefOf(dv));
    const className = (pvc?.spec as { storageClassName?: string } | undefined)?.storageClassName;
    const sc = className
        ? await ctx.client.get({
              apiVersion: "storage.k8s.io/v1",
              kind: "StorageClass",
              name: className,
          })
        : undefined;
    return { ...(pvc ? { pvc } : {}), ...(sc ? { sc } : {}) };
}

/** Why growing the DataVolume declared by `inputs` will be refused, or undefined (also when unknown). */
export async function checkExpansion(ctx: OpContext, inputs: Props): Promise<string | undefined> {
    const dv =
        (await ctx.client.get({
            apiVersion: "cdi.kubevirt.io/v1beta1",
            kind: "DataVolume",
            namespace: inputs.metadata?.namespace,
            name: inputs.metadata?.name,
        })) ?? inputs;
    const { pvc, sc } = await claimAndClass(ctx, dv);
    return pvc ? expansionProblem(pvc, sc) : undefined;
}

/**
 * Grow the claim of `dv` to `size` and wait until the storage provider did it (or only the file
 * system resize is left). A claim already that large is left alone.
 */
export async function expandClaim(
    ctx: OpContext,
    subject: string,
    field: string,
    dv: KubeObject,
    size: string,
    budget: Budget,
): Promise<void> {
    const ref = claimRefOf(dv);
    const pvc = await ctx.client.get(ref);
    if (!pvc)
        throw new KubevirtProviderError(
            `${subject}: cannot grow ${field} to ${size}: its PVC ${ref.namespace}/${ref.name} does not exist`,
        );
    if ((compareQuantities(requestOf(pvc), size) ?? -1) < 0) {
        try {
            await ctx.client.mergePatch(ref, {
                spec: { resources: { requests: { storage: size } } },
            });
        } catch (err) {
            throw new KubevirtProviderError(
                `${subject}: growing ${field} to ${size} failed: PVC ${ref.namespace}/${ref.name} was not expanded: ${(err as Error).message}`,
                { cause: err },
            );
        }
        ctx.say(`expanding PVC ${ref.name} from ${requestOf(pvc) ?? "?"} to ${size}`);
    }
    await awaitObject(ctx.client, ref, claimExpanded(size), {
        budget,
        what: `PVC ${ref.namespace}/${ref.name} of ${subject} to grow to ${size}`,
        onProgress: ctx.say,
        events: () => warningEvents(ctx.client, ref),
    });
}

/** The requested size of the claim of `dv`, or undefined when there is no claim. */
export async function claimRequest(
    ctx: OpContext,
    dv: { metadata?: Props; status?: unknown },
): Promise<string | undefined> {
    return requestOf(await ctx.client.get(claimRefOf(dv)));
}
