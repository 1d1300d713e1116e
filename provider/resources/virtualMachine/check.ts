/**
 * check(): fill defaults, validate against the upstream schema and KubeVirt's admission rules
 * (nothing reaches the cluster on bad input), and compute the planned impact shown in preview.
 */
import type * as pulumi from "@pulumi/pulumi";
import { containsUnknown, opContext, type Props } from "../../kindProvider";
import { providerConfig } from "../../config";
import { validate } from "../../validation/validator";
import { checkVirtualMachine } from "../../validation/rules/virtualMachine";
import { declaredVm } from "./desired";
import { noImpact, planUpdate, type PlannedImpact } from "./plan";
import { restartPolicies } from "./execute";
import { missingNetworkNotes } from "../networkAttachmentDefinition/lookup";
import { deepEqual } from "../../diff/paths";
import { admissionFailures } from "./admission";
import { ReplacePlans } from "../generic/objects";
import { rolloutProblems } from "../../rollout/types";
import { disruptionOf, rolloutNote } from "./rollout";

type Failure = pulumi.dynamic.CheckFailure;

const replacePlans = new ReplacePlans<PlannedImpact>();

export async function checkVm(olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
    const inputs: Props = { ...news, metadata: { ...(news.metadata ?? {}) } };
    inputs.metadata.namespace ??= providerConfig().namespace;
    const failures = staticFailures(inputs);
    if (failures.length) return { inputs, failures };
    // Only a VM whose declared state changes is sent for a dry run: unchanged ones cost no request.
    if (!containsUnknown(inputs.spec) && !deepEqual(olds.spec ? declaredVm(olds) : null, declaredVm(inputs))) {
        const rejected = await admissionFailures(() => opContext(`VirtualMachine ${inputs.metadata.namespace}/${inputs.metadata.name}`).client, inputs);
        if (rejected.length) return { inputs, failures: rejected };
    }
    const vm = declaredVm(inputs);
    const planned = olds.spec ? await planOrExplain(olds, inputs) : (replacePlans.recall(vm) ?? noImpact);
    inputs.plannedImpact = replacePlans.remember(vm, planned);
    const nadNotes = await networkNotes(inputs);
    if (nadNotes.length) inputs.plannedImpact = { ...inputs.plannedImpact, notes: [...inputs.plannedImpact.notes, ...nadNotes] };
    const policy = inputs.restartPolicy ?? providerConfig().restartPolicy ?? "never";
    const turn = rolloutNote(inputs.rollout, disruptionOf(inputs.plannedImpact, inputs, true, policy));
    if (turn && olds.spec) inputs.plannedImpact = { ...inputs.plannedImpact, notes: [...inputs.plannedImpact.notes, turn] };
    if (inputs.plannedImpact.impact === "restart" && policy === "fail") {
        failures.push({ property: "spec", reason: `this change needs a restart and restartPolicy is 'fail': ${inputs.plannedImpact.summary}` });
    }
    return { inputs, failures };
}

function staticFailures(inputs: Props): Failure[] {
    const failures: Failure[] = [];
    if (!inputs.metadata.name) failures.push({ property: "metadata.name", reason: "'metadata.name' is required" });
    if (!inputs.spec || typeof inputs.spec !== "object") failures.push({ property: "spec", reason: "'spec' is required" });
    const policy = inputs.restartPolicy;
    if (policy !== undefined && !containsUnknown(policy) && !(restartPolicies as readonly string[]).includes(policy)) {
        failures.push({ property: "restartPolicy", reason: `'restartPolicy' is '${policy}'; allowed: ${restartPolicies.join(", ")}` });
    }
    if (!containsUnknown(inputs.rollout)) {
        for (const [field, reason] of rolloutProblems(inputs.rollout)) failures.push({ property: field ? `rollout.${field}` : "rollout", reason: `'rollout${field ? "." + field : ""}' ${reason}` });
    }
    if (failures.length) return failures;
    const vm = declaredVm(inputs);
    return [...validate("VirtualMachine", vm), ...checkVirtualMachine(vm)];
}

/** Warnings for Multus networks whose NetworkAttachmentDefinition is missing; silent if the cluster is unreadable. */
async function networkNotes(inputs: Props): Promise<string[]> {
    if (containsUnknown(inputs.spec)) return [];
    try {
        return await missingNetworkNotes(opContext(`VirtualMachine ${inputs.metadata.namespace}/${inputs.metadata.name}`).client, declaredVm(inputs) as never);
    } catch {
        return [];
    }
}

/** The plan; if the cluster cannot be read, say so in the plan rather than failing the preview. */
async function planOrExplain(olds: Props, news: Props): Promise<PlannedImpact> {
    try {
        return await planUpdate(opContext(`VirtualMachine ${news.metadata.namespace}/${news.metadata.name}`), olds, news);
    } catch (err) {
        return { impact: "restart", summary: `${news.metadata.name}: could not read the cluster to classify the change (${(err as Error).message}); assuming a restart`, reasons: [], notes: [] };
    }
}
