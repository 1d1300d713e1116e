/**
 * What a kind must say about itself for the generic provider (generic/provider.ts) to manage it:
 * its type, which top-level keys the user declares, its field policy table, how to tell it is
 * ready, and optional hooks for kinds with extra choreography (e.g. NNCP's absent-then-delete).
 */
import type { KubeObject } from "../../k8s/client";
import type { PolicyRule } from "../../diff/classify";
import type { Condition } from "../../await/awaiter";
import type { CheckFailure } from "../../validation/types";
import type { OpContext, Props } from "../../kind";

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
    /** Default timeout in seconds for readiness (default 600). */
    timeoutSeconds?: number;
    /** Cross-field validation beyond the schema. */
    rules?: (obj: KubeObject) => CheckFailure[];
    /** Extra outputs from the live object (status summaries). */
    outputs?: (live: KubeObject | undefined) => Props;
    /** Extra input defaults (applied in check, after namespace defaulting). */
    defaults?: (inputs: Props) => Props;
    /** Extra annotations/labels to apply that the user did not declare (e.g. CDI GC opt-out). */
    decorate?: (obj: KubeObject) => KubeObject;
    /**
     * Replaces the plain server-side apply of create/update: gets the (decorated) object, returns
     * the applied one. For kinds whose spec the server will not take as declared (a DataVolume
     * keeps its immutable spec and grows its PVC instead).
     */
    applyObject?: (ctx: OpContext, inputs: Props, obj: KubeObject, op: "create" | "update") => Promise<KubeObject>;
    /** Runs before an update is applied (e.g. wait until a policy is no longer progressing). */
    beforeUpdate?: (ctx: OpContext, inputs: Props) => Promise<void>;
    /** Runs before the object is deleted (e.g. mark interfaces absent and wait). */
    beforeDelete?: (ctx: OpContext, props: Props) => Promise<void>;
    /** Treat "object gone" on refresh as still present when this says so (CDI-collected DVs). */
    stillPresent?: (ctx: OpContext, props: Props) => Promise<boolean>;
    /** Extra checks with cluster access, returning warnings shown in preview notes. */
    previewNotes?: (ctx: OpContext, inputs: Props) => Promise<string[]>;
}
