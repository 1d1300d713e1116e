/**
 * A provider for any kind described by a KindDef: validation in check, a planned impact from the
 * kind's policy table, server-side apply, readiness waits, adoption after failed creates, refresh
 * that prunes the live object to what the user declared, and delete that waits for the object to go.
 */
import type * as pulumi from "@pulumi/pulumi";
import { containsUnknown, opContext, PartialFailure, plain, type KindProvider, type Props } from "../../kind";
import { providerConfig } from "../../config";
import { validateAll, knownKinds } from "../../validation/validator";
import { KubevirtProviderError } from "../../errors";
import { noteDeclared } from "../../validation/lookup";
import { awaitObject, warningEvents } from "../../await/awaiter";
import { pruneToShape } from "../../diff/normalize";
import { summarizePlan } from "../../diff/summary";
import type { KindDef } from "./kindDef";
import { appliedByUs, declared, inputKeysOf, normalized, optionsChanged, planGeneric, refOf, subjectOf } from "./objects";

const untilGone = (what: string) => (o: unknown) => (o ? { ok: false, message: `${what} still present` } : { ok: true, message: `${what} deleted` });

export function makeKindProvider(def: KindDef): KindProvider {
    const subject = (p: Props) => subjectOf(def, p);
    const timeout = (p: Props, op: string, dflt: number) => 1000 * Number(p.timeouts?.[op] ?? dflt);
    // The engine re-checks a resource it will replace with no olds (pulumi step_generator.go) and
    // shows that check's inputs, so a replace plan is remembered for the replacement's check.
    const replacePlans = new Map<string, Props>();

    async function check(olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
        let inputs: Props = { ...news, metadata: { ...(news.metadata ?? {}) } };
        if (def.namespaced) inputs.metadata.namespace ??= providerConfig().namespace;
        if (def.defaults) inputs = def.defaults(inputs);
        const failures: pulumi.dynamic.CheckFailure[] = [];
        if (!inputs.metadata.name) failures.push({ property: "metadata.name", reason: "'metadata.name' is required" });
        else noteDeclared({ apiVersion: def.apiVersion, kind: def.kind, name: inputs.metadata.name, ...(def.namespaced ? { namespace: inputs.metadata.namespace } : {}) });
        const obj = declared(def, inputs);
        if (knownKinds().includes(def.kind)) failures.push(...validateAll(def.kind, obj));
        if (def.rules && !containsUnknown(obj)) failures.push(...def.rules(obj));
        if (failures.length) return { inputs, failures };
        const key = JSON.stringify(obj);
        inputs.plannedImpact = (olds.metadata ? undefined : replacePlans.get(key)) ?? (await plannedImpact(olds, inputs));
        if (inputs.plannedImpact.impact === "replace") replacePlans.set(key, inputs.plannedImpact);
        return { inputs, failures };
    }

    async function plannedImpact(olds: Props, news: Props): Promise<Props> {
        const notes = def.previewNotes ? await def.previewNotes(opContext(subject(news)), news).catch(() => []) : [];
        if (!olds.metadata || containsUnknown(news)) return { impact: "none", summary: "", reasons: [], notes };
        const plan = planGeneric(def, olds, news);
        plan.notes.push(...notes);
        if (plan.reasons.length === 0) return { impact: "none", summary: "", reasons: [], notes: plan.notes };
        return { impact: plan.impact, summary: summarizePlan(plan, news.metadata.name), reasons: plan.reasons, notes: plan.notes };
    }

    async function diff(_id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
        const plan = planGeneric(def, olds, news);
        const replaces = [...new Set(plan.reasons.filter((r) => r.impact === "replace").map((r) => r.path.split(/[.[]/)[0]))];
        const sameName = olds.metadata?.name === news.metadata?.name && olds.metadata?.namespace === news.metadata?.namespace;
        return {
            changes: plan.reasons.length > 0 || optionsChanged(def, olds, news),
            replaces,
            deleteBeforeReplace: replaces.length > 0 && sameName,
        };
    }

    async function waitReady(ctx: ReturnType<typeof opContext>, inputs: Props, op: string) {
        if (!def.readiness || inputs.skipAwait) return ctx.client.get(refOf(def, inputs));
        return awaitObject(ctx.client, refOf(def, inputs), def.readiness(inputs), {
            timeoutMs: timeout(inputs, op, def.timeoutSeconds ?? 600), what: `${subject(inputs)} to be ready`,
            onProgress: ctx.say, events: () => warningEvents(ctx.client, refOf(def, inputs)),
        });
    }

    function outputs(inputs: Props, live: Props | undefined): Props {
        const out: Props = {};
        for (const k of inputKeysOf(def)) if (inputs[k] !== undefined) out[k] = inputs[k];
        return plain({ ...out, plannedImpact: { impact: "none", summary: "", reasons: [], notes: [] }, uid: live?.metadata?.uid ?? "", ...(def.outputs ? def.outputs(live as never) : {}) });
    }

    async function applyAndWait(inputs: Props, op: "create" | "update", id: string): Promise<Props> {
        const ctx = opContext(subject(inputs));
        const obj = def.decorate ? def.decorate(declared(def, inputs)) : declared(def, inputs);
        const applied = def.applyObject ? await def.applyObject(ctx, inputs, obj, op) : await ctx.client.apply(obj, { force: true });
        try {
            return outputs(inputs, await waitReady(ctx, inputs, op));
        } catch (err) {
            throw new PartialFailure((err as Error).message, id, { ...outputs(inputs, applied), __provider: inputs.__provider });
        }
    }

    async function create(inputs: Props): Promise<pulumi.dynamic.CreateResult> {
        const ctx = opContext(subject(inputs));
        const existing = await ctx.client.get(refOf(def, inputs));
        if (existing && !appliedByUs(existing) && !inputs.adopt) {
            throw new KubevirtProviderError(`${subject(inputs)} already exists and was not created by pulumi-kubevirt; set 'adopt: true' to manage it, or choose another name`);
        }
        const id = def.namespaced ? `${inputs.metadata.namespace}/${inputs.metadata.name}` : inputs.metadata.name;
        return { id, outs: await applyAndWait(inputs, "create", id) };
    }

    async function update(id: string, _olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult> {
        if (def.beforeUpdate) await def.beforeUpdate(opContext(subject(news)), news);
        return { outs: await applyAndWait(news, "update", id) };
    }

    async function read(id: string, props: Props): Promise<pulumi.dynamic.ReadResult> {
        const [a, b] = id.split("/");
        const base = { ...props, metadata: { ...(props.metadata ?? {}), ...(def.namespaced ? { namespace: a, name: b } : { name: a }) } };
        const ctx = opContext(subject(base));
        const live = await ctx.client.get(refOf(def, base));
        if (!live) return def.stillPresent && (await def.stillPresent(ctx, base)) ? { id, props, inputs: pick(base) } : { id: "" };
        const shaped = pruneToShape(normalized(def, live), normalized(def, declared(def, base))) as Props;
        const inputs = { ...pick(base), ...shaped, metadata: { ...base.metadata, ...(shaped.metadata ?? {}) } };
        return { id, props: outputs(inputs, live), inputs };
    }

    async function del(_id: string, props: Props): Promise<void> {
        const ctx = opContext(subject(props));
        if (def.beforeDelete) await def.beforeDelete(ctx, props);
        await ctx.client.delete(refOf(def, props), { propagationPolicy: "Background" });
        await awaitObject(ctx.client, refOf(def, props), untilGone(def.kind), { timeoutMs: timeout(props, "delete", 300), what: `deletion of ${subject(props)}`, onProgress: ctx.say });
    }

    function pick(p: Props): Props {
        const out: Props = {};
        for (const k of inputKeysOf(def)) if (p[k] !== undefined) out[k] = p[k];
        return out;
    }

    return { check, diff, create, read, update, delete: del };
}
