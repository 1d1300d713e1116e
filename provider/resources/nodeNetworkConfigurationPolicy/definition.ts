/**
 * nmstate NodeNetworkConfigurationPolicy (nmstate.io/v1, cluster-scoped; docs/semantics.md#nodenetworkconfigurationpolicy) as a
 * KindDef: field policy (policy.ts), validation (rules.ts) and status outputs.
 *
 * Readiness is not declared here: the generic wait watches one object with a pure condition, but
 * a policy's verdict must be confirmed against its enactments (no observedGeneration) and its
 * failure explained from them, so provider.ts waits after the apply (steps.ts).
 */
import type { KindDef } from "../generic/kindDefinition";
import { nncpPolicy } from "./policy";
import { checkNncp } from "./rules";
import { policyStatusOutput } from "./readiness";

/** Written by nmstate's webhook on every create/update (docs/semantics.md#nodenetworkconfigurationpolicy, docs/semantics.md#other-writers). */
export const webhookTimestampAnnotation = "nmstate.io/webhook-mutating-timestamp";

/** The KindDef of NodeNetworkConfigurationPolicy (its provider.ts replaces create, update and delete). */
export const nncpKind: KindDef = {
    kind: "NodeNetworkConfigurationPolicy",
    apiVersion: "nmstate.io/v1",
    namespaced: false,
    bodyKeys: ["spec"],
    extraInputKeys: ["removeOnDelete"],
    policy: nncpPolicy,
    ignoredAnnotations: [webhookTimestampAnnotation],
    timeoutSeconds: 600,
    rules: checkNncp,
    outputs: policyStatusOutput,
};
