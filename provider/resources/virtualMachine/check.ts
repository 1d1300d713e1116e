/**
 * check(): fill defaults, validate against the upstream schema and KubeVirt's admission rules
 * (nothing reaches the cluster on bad input), and compute the planned impact shown in preview.
 */
import type * as pulumi from "@pulumi/pulumi";
import { containsUnknown, opContext, type Props } from "../../kindProvider";
import { providerConfig } from "../../config";
import { validateAll } from "../../validation/validator";
import { declaredVm } from "./desired";
import { noImpact, planUpdate, type PlannedImpact } from "./plan";
import { restartPolicies } from "./execute";
import { missingNetworkNotes, nadRefsOf } from "../networkAttachmentDefinition/lookup";
import { deepEqual } from "../../diff/paths";
import { admissionFailures } from "./admission";
import { deployingKey } from "../../shim";
import { ReplacePlans } from "../generic/objects";
import { rolloutProblems } from "../../rollout/types";
import { disruptionOf, rolloutNote } from "./rollout";
import { missingRefFailures, newRefs } from "../../validation/references";
import { declaredObjects, missingRefs } from "../../validation/lookup";
import type { Eviction } from "./eviction";
import { evictionFor } from "./evictionFacts";

type Failure = pulumi.dynamic.CheckFailure;

const replacePlans = new ReplacePlans<PlannedImpact>();

export async function checkVm(olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
    const inputs: Props = { ...news, metadata: { ...(news.metadata ?? {}) } };
    inputs.metadata.namespace ??= providerConfig().namespace;
    const early = await failuresBeforePlan(olds, inputs);
    if (early.length) return { inputs, failures: early };
    const eviction = await evictionOrReuse(olds, inputs);
    if (eviction) inputs.eviction = eviction;
    const policy = inputs.restartPolicy ?? providerConfig().restartPolicy ?? "never";
    inputs.plannedImpact = await plannedImpactOf(olds, inputs, policy);
    const failures: Failure[] = [];
    if (inputs.plannedImpact.impact === "restart" && policy === "fail") {
        failures.push({
            property: "spec",
            reason: `this change needs a restart and restartPolicy is 'fail': ${inputs.plannedImpact.summary}`,
        });
    }
    return { inputs, failures };
}

/** Schema and rules, then references, then (for a changed VM only) KubeVirt's own admission. */
async function failuresBeforePlan(olds: Props, inputs: Props): Promise<Failure[]> {
    const failures = staticFailures(inputs, olds);
    if (failures.length) return failures;
    const missing = await referenceFailures(olds, inputs);
    if (missing.length) return missing;
    if (!needsAdmissionDryRun(olds, inputs)) return [];
    return admissionFailures(
        () =>
            opContext(`VirtualMachine ${inputs.metadata.namespace}/${inputs.metadata.name}`).client,
        inputs,
    );
}

/**
 * Whether check() asks KubeVirt's admission with a dry run. Only a VM whose declared state changes
 * is sent (unchanged ones cost no request), and not in a deployment: its preview ran the dry run
 * (`up --skip-preview` opts out of that), and the apply that follows meets the same admission,
 * failing with the same fields named.
 */
export function needsAdmissionDryRun(olds: Props, inputs: Props): boolean {
    return !(
        inputs[deployingKey] === true ||
        containsUnknown(inputs.spec) ||
        deepEqual(olds.spec ? declaredVm(olds) : null, declaredVm(inputs))
    );
}

const withNotes = (p: PlannedImpact, notes: string[]): PlannedImpact =>
    notes.length ? { ...p, notes: [...p.notes, ...notes] } : p;

/** The plan of this change (or the one remembered for a replacement), with its notes. */
async function plannedImpactOf(olds: Props, inputs: Props, policy: string): Promise<PlannedImpact> {
    const vm = declaredVm(inputs);
    const planned = olds.spec
        ? await planOrExplain(olds, inputs)
        : (replacePlans.recall(vm) ?? noImpact);
    let impact = withNotes(replacePlans.remember(vm, planned), await networkNotes(inputs));
    const turn = rolloutNote(inputs.rollout, disruptionOf(impact, inputs, true, policy));
    if (turn && olds.spec) impact = withNotes(impact, [turn]);
    return impact;
}

function staticFailures(inputs: Props, olds: Props): Failure[] {
    const failures: Failure[] = [];
    if (!inputs.metadata.name)
        failures.push({ property: "metadata.name", reason: "'metadata.name' is required" });
    if (!inputs.spec || typeof inputs.spec !== "object")
        failures.push({ property: "spec", reason: "'spec' is required" });
    const policy = inputs.restartPolicy;
    if (
        policy !== undefined &&
        !containsUnknown(policy) &&
        !(restartPolicies as readonly string[]).includes(policy)
    ) {
        failures.push({
            property: "restartPolicy",
            reason: `'restartPolicy' is '${policy}'; allowed: ${restartPolicies.join(", ")}`,
        });
    }
    if (!containsUnknown(inputs.rollout)) {
        for (const [field, reason] of rolloutProblems(inputs.rollout))
            failures.push({
                property: field ? `rollout.${field}` : "rollout",
                reason: `'rollout${field ? "." + field : ""}' ${reason}`,
            });
    }
    if (failures.length) return failures;
    const vm = declaredVm(inputs);
    const previous = olds.spec ? declaredVm(olds) : undefined;
    return [...validateAll("VirtualMachine", vm, previous), ...cloudInitFailures(inputs.cloudInit)];
}

const cloudInitKeys = ["userData", "networkData"];

/**
 * `cloudInit` holds cloud-init documents as text: the provider stores them in a Secret verbatim,
 * so an object (YAML written as a JS object) or a misspelt key would reach the guest as nothing.
 */
function cloudInitFailures(ci: unknown): Failure[] {
    if (ci === undefined || ci === null || containsUnknown(ci)) return [];
    if (typeof ci !== "object" || Array.isArray(ci))
        return [
            {
                property: "cloudInit",
                reason: "'cloudInit' must be an object with 'userData' and/or 'networkData' strings",
            },
        ];
    return Object.entries(ci).flatMap(([k, v]): Failure[] => {
        if (!cloudInitKeys.includes(k))
            return [
                {
                    property: `cloudInit.${k}`,
                    reason: `unknown property '${k}' in 'cloudInit'; allowed: ${cloudInitKeys.join(", ")}`,
                },
            ];
        if (v === undefined || v === null || typeof v === "string") return [];
        return [
            {
                property: `cloudInit.${k}`,
                reason: `'cloudInit.${k}' must be a string (the cloud-init document, e.g. "#cloud-config ..."), got ${Array.isArray(v) ? "array" : typeof v}`,
            },
        ];
    });
}

/** Instancetype, preference and NADs this change starts to use that neither cluster nor stack has. */
async function referenceFailures(olds: Props, inputs: Props): Promise<Failure[]> {
    const refs = newRefs(declaredVm(inputs), olds.spec ? declaredVm(olds) : undefined);
    if (refs.length === 0) return [];
    const client = () =>
        opContext(`VirtualMachine ${inputs.metadata.namespace}/${inputs.metadata.name}`).client;
    return missingRefFailures(refs, await missingRefs(client, refs), declaredObjects());
}

/** Warnings for Multus networks whose NetworkAttachmentDefinition is missing; silent if the cluster is unreadable. */
async function networkNotes(inputs: Props): Promise<string[]> {
    // No Multus network, nothing to look up (and no client made: a pod-network VM sends nothing).
    if (containsUnknown(inputs.spec) || !nadRefsOf(declaredVm(inputs) as never).length) return [];
    try {
        const declaredNads = [...declaredObjects()]
            .filter((k) => k.startsWith("NetworkAttachmentDefinition/"))
            .map((k) => k.slice(k.indexOf("/") + 1));
        return await missingNetworkNotes(
            opContext(`VirtualMachine ${inputs.metadata.namespace}/${inputs.metadata.name}`).client,
            declaredVm(inputs) as never,
            new Set(declaredNads),
        );
    } catch {
        return [];
    }
}

/**
 * The eviction output preview shows (and warns with) for a new or changed VM. A VM whose declared
 * state is unchanged keeps the one it had, so it costs no request; otherwise its claims are looked up.
 */
async function evictionOrReuse(olds: Props, inputs: Props): Promise<Eviction | undefined> {
    if (containsUnknown(inputs.spec) || containsUnknown(inputs.metadata)) return undefined;
    // Even an unknown one (claims not created at that check) is kept: the outputs, computed after
    // the apply, hold the known value, and an unchanged VM is shown with those.
    if (olds.eviction && deepEqual(declaredVm(olds), declaredVm(inputs)))
        return olds.eviction as Eviction;
    try {
        const ctx = opContext(
            `VirtualMachine ${inputs.metadata.namespace}/${inputs.metadata.name}`,
        );
        return await evictionFor(ctx.client, inputs);
    } catch {
        return undefined;
    }
}

/** The plan; if the cluster cannot be read, say so in the plan rather than failing the preview. */
async function planOrExplain(olds: Props, news: Props): Promise<PlannedImpact> {
    try {
        return await planUpdate(
            opContext(`VirtualMachine ${news.metadata.namespace}/${news.metadata.name}`),
            olds,
            news,
        );
    } catch (err) {
        return {
            impact: "restart",
            summary: `${news.metadata.name}: could not read the cluster to classify the change (${(err as Error).message}); assuming a restart`,
            reasons: [],
            notes: [],
        };
    }
}
