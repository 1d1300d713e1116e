/**
 * check() and the plan of a KubeVirtConfiguration: the declared settings are validated by the
 * target CR's own schema (generated from the upstream CRD) after mapping them to its field names,
 * so a failure names the setting as the user wrote it. Pure.
 */
import type * as pulumi from "@pulumi/pulumi";
import { containsUnknown, type Props } from "../../kindProvider";
import { classifyChanges } from "../../diff/classify";
import { diffValues } from "../../diff/paths";
import { summarizePlan } from "../../diff/summary";
import { validateAll } from "../../validation/validator";
import { inputPathOf, ownedObject, settingKeys, targetKinds, type TargetName } from "./fields";
import { kubevirtConfigurationPolicy } from "./policy";
import type { Resolved } from "./target";

type Failure = pulumi.dynamic.CheckFailure;

/** The inputs a KubeVirtConfiguration keeps (the SDK adds `resource`, its Pulumi name). */
export const inputKeys = [
    "target",
    "cr",
    ...settingKeys,
    "fieldManager",
    "timeouts",
    "resource",
] as const;

const targets: TargetName[] = ["kubevirt", "hyperconverged"];

/** Failures of the declared settings against the target CR kind (KubeVirt when auto-detected). */
export function settingFailures(inputs: Props): Failure[] {
    const target: TargetName = inputs.target ?? "kubevirt";
    if (!targets.includes(target))
        return [{ property: "target", reason: `'target' must be one of ${targets.join(", ")}` }];
    const failures: Failure[] = [];
    for (const key of settingKeys)
        if (inputs[key] !== undefined && !targetKinds[target].paths[key])
            failures.push({
                property: key,
                reason: `${targetKinds[target].kind} has no '${key}': HCO sets the KubeVirt CR's vmRolloutStrategy itself`,
            });
    const gates = inputs.featureGates;
    if (gates !== undefined && (!Array.isArray(gates) || gates.some((g) => typeof g !== "string")))
        failures.push({
            property: "featureGates",
            reason: "'featureGates' must be a list of gate names",
        });
    if (failures.length || containsUnknown(inputs)) return failures;
    // HCO's CR must be named kubevirt-hyperconverged; the placeholder only feeds the schema check.
    const name = target === "hyperconverged" ? "kubevirt-hyperconverged" : "kubevirt";
    const obj = ownedObject(target, { namespace: "kubevirt", name }, inputs, gates);
    return validateAll(targetKinds[target].kind, obj)
        .filter((f) => !f.property.startsWith("metadata"))
        .map((f) => ({ property: inputPathOf(target, f.property), reason: f.reason }));
}

/** What diff and the plan compare: the settings, and the CR they go to (as resolved when created). */
export function comparable(p: Props, resolved: Resolved | undefined): Props {
    const out: Props = {
        target: p.target ?? resolved?.target,
        cr: {
            namespace: p.cr?.namespace ?? resolved?.namespace,
            name: p.cr?.name ?? resolved?.name,
        },
        fieldManager: p.fieldManager,
    };
    for (const k of settingKeys) if (p[k] !== undefined) out[k] = p[k];
    return out;
}

/** The planned impact of going from `olds` to `news` (both `comparable`). */
export function configurationPlan(olds: Props, news: Props) {
    const plan = classifyChanges(diffValues(olds, news), kubevirtConfigurationPolicy, news);
    const name = String(news.resource ?? "configuration");
    if (plan.reasons.length === 0)
        return { impact: "none", summary: "", reasons: [], notes: plan.notes };
    return { ...plan, summary: summarizePlan(plan, name) };
}

export async function checkConfiguration(
    olds: Props,
    news: Props,
): Promise<pulumi.dynamic.CheckResult> {
    const inputs: Props = { ...news };
    const failures = settingFailures(inputs);
    if (!inputs.fieldManager)
        failures.push({ property: "fieldManager", reason: "'fieldManager' is required" });
    if (failures.length) return { inputs, failures };
    // check's olds are the old inputs (no resolved CR): an auto-detected target compares as unset.
    const updating = olds.fieldManager !== undefined;
    inputs.plannedImpact =
        updating && !containsUnknown(inputs)
            ? configurationPlan(comparable(olds, undefined), {
                  ...comparable(inputs, undefined),
                  resource: inputs.resource,
              })
            : configurationPlan({}, {});
    return { inputs, failures: [] };
}
