/**
 * TemplatedVirtualMachine: a VirtualMachine made by processing a Template or
 * VirtualMachineTemplate with parameters (docs/semantics.md#openshift-templates, docs/semantics.md#virtualmachinetemplate), then managed exactly like a
 * VirtualMachine.
 *
 * check() processes the template and puts the rendered VM into the checked inputs (`metadata`,
 * `spec`, secret `cloudInit`), so the rendered VM is what preview shows and what state holds;
 * then everything is delegated to the VM provider, which plans (live / migrate / restart /
 * replace), applies, awaits and refreshes. Generated parameter values are stored under the
 * secret `generatedParameters` input and reused on the next check, so a VM made from a common
 * template keeps its generated name and password across runs (docs/semantics.md#openshift-templates "IaC implication").
 *
 * Outputs carry the template inputs along (the VM provider only knows VM keys), so refresh keeps
 * them and the next check still sees the pinned values.
 */
import type * as pulumi from "@pulumi/pulumi";
import {
    containsUnknown,
    opContext,
    PartialFailure,
    unknownValue,
    type KindProvider,
    type Props,
} from "../../kindProvider";
import { providerConfig } from "../../config";
import { isKubevirtProviderError } from "../../errors";
import { TemplateError } from "../../templates/errors";
import { virtualMachineProvider as vm } from "../virtualMachine/provider";
import { renderTemplate, vmInputsFrom, type RenderedVmInputs } from "./render";
import { processRemotely, resolveSource } from "./source";

/** Inputs of this kind that the VM provider does not know, carried into outputs. */
export const templateKeys = ["template", "parameters", "generatedParameters", "message"] as const;

type Failure = pulumi.dynamic.CheckFailure;

/** Parameter values as strings (numbers and booleans are accepted for convenience). */
function parameterValues(p: unknown): { values: Record<string, string>; failures: Failure[] } {
    const values: Record<string, string> = {};
    const failures: Failure[] = [];
    if (p === undefined || p === null) return { values, failures };
    if (typeof p !== "object" || Array.isArray(p))
        return {
            values,
            failures: [
                {
                    property: "parameters",
                    reason: "'parameters' must be a map of parameter name to value",
                },
            ],
        };
    for (const [k, v] of Object.entries(p)) {
        if (typeof v === "string" || typeof v === "number" || typeof v === "boolean")
            values[k] = String(v);
        else
            failures.push({
                property: `parameters.${k}`,
                reason: `'parameters.${k}' must be a string, number or boolean`,
            });
    }
    return { values, failures };
}

function defaultNamespace(news: Props): string {
    return news.metadata?.namespace ?? providerConfig().namespace;
}

/** Placeholder VM inputs while the template or parameters are unknown (preview only). */
function unknownVm(news: Props, olds: Props): RenderedVmInputs {
    const o = news.metadata ?? {};
    const metadata = {
        ...o,
        name: o.name ?? unknownValue,
        namespace: o.namespace ?? olds.metadata?.namespace ?? defaultNamespace(news),
    };
    // runStrategy and template unknown: the VM rules skip what is unknown, the plan says "unknown until apply".
    return { metadata, spec: { runStrategy: unknownValue, template: unknownValue } };
}

async function render(
    olds: Props,
    news: Props,
    values: Record<string, string>,
): Promise<{ inputs: RenderedVmInputs; extra: Props }> {
    // The client is made only when needed: inline templates process without a cluster.
    const client = () => opContext(`TemplatedVirtualMachine ${news.metadata?.name ?? ""}`).client;
    const source = await resolveSource(client, news.template, defaultNamespace(news));
    const rendered = renderTemplate(source, values, olds.generatedParameters ?? {});
    const remote = await processRemotely(client, source, rendered.values);
    if (remote) rendered.vm = remote;
    if (rendered.ignored.length) {
        opContext(`TemplatedVirtualMachine ${news.metadata?.name ?? ""}`).say(
            `${source.subject} also defines ${rendered.ignored.join(", ")}; only its VirtualMachine is created`,
        );
    }
    const inputs = vmInputsFrom(rendered, news.metadata, defaultNamespace(news), news.cloudInit);
    return {
        inputs,
        extra: { generatedParameters: rendered.generated, message: rendered.message },
    };
}

/** Blame `parameters` when every problem is about supplied or missing values, else `template`. */
function failedProperty(err: Error): string {
    const problems = err instanceof TemplateError ? err.problems : [err.message];
    const aboutValues = (p: string) =>
        /^parameters\[\d+\]: parameter \w+ is required|unknown parameter name|not found in template/.test(
            p,
        );
    return problems.every(aboutValues) ? "parameters" : "template";
}

async function check(olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
    if (!news.template || typeof news.template !== "object") {
        return {
            inputs: news,
            failures: [
                {
                    property: "template",
                    reason: "'template' is required: a {name, namespace, kind} reference or an inline Template / VirtualMachineTemplate",
                },
            ],
        };
    }
    const { values, failures } = parameterValues(news.parameters);
    if (failures.length) return { inputs: news, failures };
    if (containsUnknown(news.template) || containsUnknown(news.parameters)) {
        return vm.check(olds, { ...news, ...unknownVm(news, olds) });
    }
    try {
        const { inputs, extra } = await render(olds, news, values);
        const checked: Props = { ...news, ...extra, metadata: inputs.metadata, spec: inputs.spec };
        if (inputs.cloudInit) checked.cloudInit = inputs.cloudInit;
        return vm.check(olds, checked);
    } catch (err) {
        if (!isKubevirtProviderError(err)) throw err;
        return { inputs: news, failures: [{ property: failedProperty(err), reason: err.message }] };
    }
}

/** The VM provider's outputs plus this kind's own keys. */
function withTemplateKeys(outs: Props, inputs: Props): Props {
    const out = { ...outs };
    for (const k of templateKeys) if (inputs[k] !== undefined) out[k] = inputs[k];
    return out;
}

async function carry<T>(inputs: Props, op: () => Promise<T>): Promise<T> {
    try {
        return await op();
    } catch (err) {
        if (err instanceof PartialFailure)
            throw new PartialFailure(
                err.message,
                err.id,
                withTemplateKeys(err.properties, inputs),
                err.reasons,
            );
        throw err;
    }
}

async function create(inputs: Props): Promise<pulumi.dynamic.CreateResult> {
    const r = await carry(inputs, () => vm.create(inputs));
    return { id: r.id, outs: withTemplateKeys(r.outs ?? {}, inputs) };
}

async function update(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult> {
    const r = await carry(news, () => vm.update(id, olds, news));
    return { outs: withTemplateKeys(r.outs ?? {}, news) };
}

async function read(id: string, props: Props): Promise<pulumi.dynamic.ReadResult> {
    const r = await vm.read(id, props);
    if (!r.id) return r;
    return {
        id: r.id,
        props: withTemplateKeys(r.props ?? {}, props),
        inputs: withTemplateKeys(r.inputs ?? {}, props),
    };
}

export const templatedVirtualMachineProvider: KindProvider = {
    check,
    diff: (id, olds, news) => vm.diff(id, olds, news),
    create,
    read,
    update,
    delete: (id, props) => vm.delete(id, props),
};
