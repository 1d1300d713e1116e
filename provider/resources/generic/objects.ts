/** Pure helpers shared by kinds managed through the generic provider. */
import type { KubeObject, ObjectRef } from "../../k8s/client";
import type * as pulumi from "@pulumi/pulumi";
import type { Props } from "../../kindProvider";
import type { ChangeReason } from "../../diff/types";
import { KubevirtProviderError } from "../../errors";
import { isPlainObject, diffValues, deepEqual, type JsonObject } from "../../diff/paths";
import { classifyChanges } from "../../diff/classify";
import { serverAnnotations } from "../../diff/normalize";
import type { KindDef } from "./kindDefinition";

type DiffResult = pulumi.dynamic.DiffResult;

/** Keys of the resource's inputs that are not the object itself. */
export const optionKeys = ["timeouts", "adopt", "skipAwait"] as const;

export function inputKeysOf(def: KindDef): string[] {
    return ["metadata", ...def.bodyKeys, ...optionKeys, ...(def.extraInputKeys ?? [])];
}

export function refOf(def: KindDef, inputs: Props): ObjectRef {
    const ref: ObjectRef = {
        apiVersion: def.apiVersion,
        kind: def.kind,
        name: inputs.metadata?.name,
    };
    if (def.namespaced) ref.namespace = inputs.metadata?.namespace;
    return ref;
}

export const subjectOf = (def: KindDef, p: Props): string =>
    `${def.kind} ${def.namespaced ? `${p.metadata?.namespace}/` : ""}${p.metadata?.name}`;

/** The object as the user declared it. */
export function declared(def: KindDef, inputs: Props): KubeObject {
    const m = inputs.metadata ?? {};
    const metadata: Props = { name: m.name };
    if (def.namespaced) metadata.namespace = m.namespace;
    if (m.labels && Object.keys(m.labels).length) metadata.labels = m.labels;
    if (m.annotations && Object.keys(m.annotations).length) metadata.annotations = m.annotations;
    const obj: KubeObject = { apiVersion: def.apiVersion, kind: def.kind, metadata };
    for (const k of def.bodyKeys) if (inputs[k] !== undefined) obj[k] = inputs[k];
    return obj;
}

/** Comparable form: declared parts only, nulls dropped, server-written annotations removed. */
export function normalized(def: KindDef, obj: KubeObject | Props): JsonObject {
    const ignored = new Set([...serverAnnotations, ...(def.ignoredAnnotations ?? [])]);
    const m = (obj.metadata ?? {}) as Props;
    const metadata: JsonObject = { name: m.name };
    if (def.namespaced) metadata.namespace = m.namespace;
    const labels = m.labels ?? {};
    const annotations = Object.fromEntries(
        Object.entries((m.annotations ?? {}) as Record<string, string>).filter(
            ([k]) => !ignored.has(k),
        ),
    );
    if (Object.keys(labels).length) metadata.labels = labels;
    if (Object.keys(annotations).length) metadata.annotations = annotations;
    const out: JsonObject = { metadata };
    for (const k of def.bodyKeys) {
        const v = dropNulls(obj[k]);
        if (v !== undefined) out[k] = v;
    }
    return out;
}

function dropNulls(v: unknown): unknown {
    if (v === null || v === undefined) return undefined;
    if (Array.isArray(v)) return v.map(dropNulls).filter((x) => x !== undefined);
    if (isPlainObject(v)) {
        const o: JsonObject = {};
        for (const [k, x] of Object.entries(v)) {
            const c = dropNulls(x);
            if (c !== undefined) o[k] = c;
        }
        return o;
    }
    return v;
}

/** Plan for going from the old declared object to the new one, by the kind's policy table. */
export function planGeneric(def: KindDef, olds: Props, news: Props) {
    const changes = diffValues(
        normalized(def, declared(def, olds)),
        normalized(def, declared(def, news)),
    );
    return classifyChanges(changes, def.policy, news);
}

export function optionsChanged(def: KindDef, olds: Props, news: Props): boolean {
    return [...optionKeys, ...(def.extraInputKeys ?? [])].some(
        (k) => !deepEqual(olds[k] ?? null, news[k] ?? null),
    );
}

/** Whether the last applier of `obj` was this provider (so create may adopt it after a failed run). */
export function appliedByUs(obj: KubeObject): boolean {
    const mf = (obj.metadata.managedFields ?? []) as { manager?: string; operation?: string }[];
    return mf.some((f) => f.manager === "pulumi-kubevirt" && f.operation === "Apply");
}

/**
 * Create refuses an object someone else made unless the user opts in: adopting it silently would
 * put a stranger's object under this stack (and delete it on destroy).
 */
export function refuseForeign(
    subject: string,
    existing: KubeObject | undefined,
    adopt: unknown,
): void {
    if (!existing || appliedByUs(existing) || adopt) return;
    throw new KubevirtProviderError(
        `${subject} already exists and was not created by pulumi-kubevirt; set 'adopt: true' to manage it, or choose another name`,
    );
}

/** The props among `keys` (the kind's inputs), for refresh to hand back as inputs. */
export function pickKeys(keys: readonly string[], p: Props): Props {
    const out: Props = {};
    for (const k of keys) if (p[k] !== undefined) out[k] = p[k];
    return out;
}

/**
 * The engine's diff answer from a classified plan: a change when the plan or an option changed,
 * a replace for every top-level input a `replace` reason sits under. The same plan feeds the
 * preview's `plannedImpact`, so what preview says and what the engine does cannot differ.
 */
export function diffFromPlan(
    reasons: readonly ChangeReason[],
    otherChanges: boolean,
    olds: Props,
    news: Props,
): DiffResult {
    const replaces = [
        ...new Set(
            reasons.filter((r) => r.impact === "replace").map((r) => r.path.split(/[.[]/)[0]),
        ),
    ];
    const sameName =
        olds.metadata?.name === news.metadata?.name &&
        olds.metadata?.namespace === news.metadata?.namespace;
    // A replacement with the same name cannot exist beside the old object: delete it first.
    return {
        changes: reasons.length > 0 || otherChanges,
        replaces,
        deleteBeforeReplace: replaces.length > 0 && sameName,
    };
}

/**
 * The engine checks a resource it will replace a second time, with no olds (pulumi
 * step_generator.go), and shows that check's inputs: the replace plan is remembered by the declared
 * object so the replacement's preview keeps saying "replace" and why.
 */
export class ReplacePlans<P extends { impact: string }> {
    private readonly plans = new Map<string, P>();

    /** The replace plan remembered for this declared object, if any. */
    recall(declaredObject: unknown): P | undefined {
        return this.plans.get(JSON.stringify(declaredObject));
    }

    /** Remembers `plan` when it is a replace; returns it. */
    remember(declaredObject: unknown, plan: P): P {
        if (plan.impact === "replace") this.plans.set(JSON.stringify(declaredObject), plan);
        return plan;
    }
}
