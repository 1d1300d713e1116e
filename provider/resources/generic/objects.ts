/** Pure helpers shared by kinds managed through the generic provider. */
import type { KubeObject, ObjectRef } from "../../k8s/client";
import type { Props } from "../../kind";
import { isPlainObject, diffValues, deepEqual, type JsonObject } from "../../diff/paths";
import { classifyChanges } from "../../diff/classify";
import { serverAnnotations } from "../../diff/normalize";
import type { KindDef } from "./kindDef";

/** Keys of the resource's inputs that are not the object itself. */
export const optionKeys = ["timeouts", "adopt", "skipAwait"] as const;

export function inputKeysOf(def: KindDef): string[] {
    return ["metadata", ...def.bodyKeys, ...optionKeys, ...(def.extraInputKeys ?? [])];
}

export function refOf(def: KindDef, inputs: Props): ObjectRef {
    const ref: ObjectRef = { apiVersion: def.apiVersion, kind: def.kind, name: inputs.metadata?.name };
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
    const annotations = Object.fromEntries(Object.entries((m.annotations ?? {}) as Record<string, string>).filter(([k]) => !ignored.has(k)));
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
    const changes = diffValues(normalized(def, declared(def, olds)), normalized(def, declared(def, news)));
    return classifyChanges(changes, def.policy, news);
}

export function optionsChanged(def: KindDef, olds: Props, news: Props): boolean {
    return [...optionKeys, ...(def.extraInputKeys ?? [])].some((k) => !deepEqual(olds[k] ?? null, news[k] ?? null));
}

/** Whether the last applier of `obj` was this provider (so create may adopt it after a failed run). */
export function appliedByUs(obj: KubeObject): boolean {
    const mf = (obj.metadata.managedFields ?? []) as { manager?: string; operation?: string }[];
    return mf.some((f) => f.manager === "pulumi-kubevirt" && f.operation === "Apply");
}
