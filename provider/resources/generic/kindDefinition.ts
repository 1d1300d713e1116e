/**
 * What a kind says about itself: its type, which top-level keys the user declares, its field
 * policy table, how to tell it is ready, and pure functions for validation, defaults, decoration
 * and outputs. Data and pure functions only: a kind that needs more choreography (extra waits,
 * a special apply) composes its provider from `genericProvider(def)` and the steps of
 * generic/provider.ts (see CONTRIBUTING "Adding a kind").
 */
import type { KubeObject } from "../../k8s/client";
import type { PolicyRule } from "../../diff/classify";
import type { Condition } from "../../await/awaiter";
import type { CheckFailure } from "../../validation/types";
import type { Props } from "../../kindProvider";

export interface KindDef {
    kind: string;
    apiVersion: string;
    namespaced: boolean;
    /** Top-level keys the user declares besides metadata ("spec"; Template: objects, parameters…). */
    bodyKeys: string[];
    /** Provider options the kind accepts besides the object (e.g. NNCP `removeOnDelete`). */
    extraInputKeys?: string[];
    /** Field policy: first matching rule wins; end with a `**` row. Paths start at the object root. */
    policy: readonly PolicyRule<Props>[];
    /** Annotations written by controllers/webhooks that must never show as diffs. */
    ignoredAnnotations?: string[];
    /** Readiness after create/update; omitted = ready once applied. */
    readiness?: (inputs: Props) => Condition;
    /** Default for the user's `timeouts.create` / `timeouts.update`, in seconds (default 600). */
    timeoutSeconds?: number;
    /** Cross-field validation beyond the schema. */
    rules?: (obj: KubeObject) => CheckFailure[];
    /** Extra outputs from the live object (status summaries). */
    outputs?: (live: KubeObject | undefined) => Props;
    /** Extra input defaults (applied in check, after namespace defaulting). */
    defaults?: (inputs: Props) => Props;
    /** Extra annotations/labels to apply that the user did not declare (e.g. CDI GC opt-out). */
    decorate?: (obj: KubeObject) => KubeObject;
}
