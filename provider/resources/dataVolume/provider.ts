/**
 * The DataVolume provider: the generic provider for `dataVolumeKind` with the operations CDI's
 * immutable spec and its garbage collection need replaced:
 * - check refuses a size growth the API server will refuse (class without volume expansion), so
 *   the preview fails instead of the update;
 * - update applies through apply.ts (the live spec back, size growth on the PVC);
 * - refresh reads the size from the PVC, since the DV keeps the size it was created with;
 * - refresh keeps a DV that CDI collected while its PVC stayed (docs/semantics.md#datavolume-garbage-collection);
 * - delete also waits for the PVC (deleted by the garbage collector after its DV), so a
 *   replacement with the same name does not meet the old claim ("PVC already exists", docs/semantics.md#datavolume-spec-is-immutable), and
 *   removes the claim a collected DV left behind.
 */
import type * as pulumi from "@pulumi/pulumi";
import { opContext, type KindProvider, type OpContext, type Props } from "../../kindProvider";
import type { KubeObject } from "../../k8s/client";
import { awaitShared } from "../../await/sharedWatch";
import { budgetOf } from "../../await/timeouts";
import { budgetFor, genericProvider, settleApplied, withIdentity } from "../generic/provider";
import { declared, inputKeysOf, pickKeys, refOf, subjectOf } from "../generic/objects";
import { dataVolumeKind, keepAfterCompletion } from "./definition";
import { applyDataVolume } from "./apply";
import { claimApiOf, requestedSize, sizePaths, withRequestedSize } from "./policy";
import {
    checkExpansion,
    claimRefOf,
    claimRequest,
    effectiveSize,
    isDataVolumeClaim,
} from "./claim";

const generic = genericProvider(dataVolumeKind);
const subject = (p: Props) => subjectOf(dataVolumeKind, p);
const sizePath = (p: Props) => sizePaths[claimApiOf(p.spec)].join(".");

/** True when the checked inputs plan a storage growth. */
function growthPlanned(inputs: Props): boolean {
    const reasons = (inputs.plannedImpact?.reasons ?? []) as { path: string; impact: string }[];
    return reasons.some(
        (r) => r.impact === "live" && r.path.endsWith("resources.requests.storage"),
    );
}

async function check(olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
    const res = await generic.check(olds, news);
    if (res.failures?.length || !res.inputs || !growthPlanned(res.inputs)) return res;
    const problem = await checkExpansion(opContext(subject(res.inputs)), res.inputs).catch(
        () => undefined,
    );
    if (!problem) return res;
    const reason = `${subject(res.inputs)}: '${sizePath(res.inputs)}' can only grow by expanding the PVC, but ${problem}; keep the size, or rename the DataVolume to replace it (data loss)`;
    return { inputs: res.inputs, failures: [{ property: sizePath(res.inputs), reason }] };
}

async function update(id: string, _olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult> {
    const ctx = opContext(subject(news));
    // One budget for the whole update: the retry grace, the PVC growth and the readiness wait.
    const budget = budgetFor(dataVolumeKind, news, "update");
    const obj = keepAfterCompletion(declared(dataVolumeKind, news));
    const applied = await applyDataVolume(ctx, news, obj, { op: "update", budget });
    return { outs: await settleApplied(dataVolumeKind, ctx, news, budget, id, applied) };
}

/**
 * Refresh: the generic read, with the size taken from the PVC when it was grown there. A DV that
 * CDI collected while its PVC stays has succeeded, not vanished (docs/semantics.md#datavolume-garbage-collection): it stays in state.
 */
async function read(id: string, props: Props): Promise<pulumi.dynamic.ReadResult> {
    const res = await generic.read(id, props);
    const base = withIdentity(dataVolumeKind, id, props);
    if (!res.id && isDataVolumeClaim(await opContext(subject(base)).client.get(claimRefOf(base)))) {
        return { id, props, inputs: pickKeys(inputKeysOf(dataVolumeKind), base) };
    }
    if (!res.id || !res.inputs?.spec) return res;
    const ctx = opContext(subject(res.inputs));
    const pvcSize = await claimRequest(ctx, {
        metadata: res.inputs.metadata,
        status: res.props?.status,
    });
    const size = effectiveSize(requestedSize(props), requestedSize(res.inputs), pvcSize);
    if (size === undefined || size === requestedSize(res.inputs)) return res;
    return {
        ...res,
        inputs: withRequestedSize(res.inputs, size),
        props: withRequestedSize(res.props ?? {}, size),
    };
}

async function del(id: string, props: Props): Promise<void> {
    const ctx = opContext(subject(props));
    const claimRef = claimRefOf({ metadata: props.metadata, status: props.status });
    const dv = await ctx.client.get(refOf(dataVolumeKind, props));
    const claim = await ctx.client.get(claimRef);
    // A DV collected by CDI left its claim behind; destroying the DV means destroying that data too.
    if (!dv && isDataVolumeClaim(claim))
        await ctx.client.delete(claimRef, { propagationPolicy: "Background" });
    await generic.delete(id, props);
    const owned = !!dv && !!claim?.metadata.ownerReferences?.some((r) => r.uid === dv.metadata.uid);
    if (claim && (owned || !dv)) await awaitClaimGone(ctx, claim, props);
}

/** Wait until `claim` (that exact object, by uid) is gone. */
async function awaitClaimGone(ctx: OpContext, claim: KubeObject, props: Props): Promise<void> {
    const ref = {
        apiVersion: "v1",
        kind: "PersistentVolumeClaim",
        namespace: claim.metadata.namespace,
        name: claim.metadata.name ?? "",
    };
    const gone = (o: KubeObject | undefined) => !o || o.metadata.uid !== claim.metadata.uid;
    await awaitShared(
        ctx.client,
        ref,
        (o) =>
            gone(o)
                ? { ok: true, message: `PVC ${ref.name} deleted` }
                : { ok: false, message: `PVC ${ref.name} still present (in use by a pod?)` },
        {
            budget: budgetOf(props, "delete", 300),
            what: `deletion of PVC ${ref.namespace}/${ref.name} of ${subject(props)}`,
            onProgress: ctx.say,
        },
    );
}

/** The DataVolume kind's provider. */
export const dataVolumeProvider: KindProvider = { ...generic, check, update, read, delete: del };
