/**
 * From a template and parameter values to the VirtualMachine inputs the VM provider manages.
 * Pure: the template has already been fetched (source.ts).
 *
 * Secrets: common templates put the generated CLOUD_USER_PASSWORD into inline cloud-init user
 * data. The rendered spec is stored in state in plain text, so inline cloud-init of the
 * `cloudinitdisk` volume is moved into the secret `cloudInit` input instead, and the volume
 * points at the Secret the VM provider writes (`<vm>-cloudinit`). That is exactly the volume the
 * VM provider applies, so the declared spec and the cluster agree and refresh shows no drift.
 */
import {
    processTemplate,
    processVirtualMachineTemplate,
    type ProcessedTemplate,
} from "../../templates/process";
import { TemplateError } from "../../templates/errors";
import type { RandomSource } from "../../templates/expression";
import {
    cloudInitSecretName,
    cloudInitVolume,
    type CloudInitInput,
} from "../virtualMachine/desired";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A fetched or inline template, with the words to name it in errors. */
export interface TemplateSource {
    kind: "Template" | "VirtualMachineTemplate";
    manifest: Obj;
    subject: string;
}

/** The single VirtualMachine a template yields, plus what processing reported. */
export interface RenderedTemplate {
    vm: Obj;
    message: string;
    values: Record<string, string>;
    generated: Record<string, string>;
    /** Other objects the template defines, which a TemplatedVirtualMachine does not create. */
    ignored: string[];
}

/** Process `source` with the user's values, reusing `pinned` generated values. */
export function renderTemplate(
    source: TemplateSource,
    supplied: Record<string, string>,
    pinned: Record<string, string>,
    random?: RandomSource,
): RenderedTemplate {
    const opts = random ? { pinned, random } : { pinned };
    const p: ProcessedTemplate =
        source.kind === "VirtualMachineTemplate"
            ? processVirtualMachineTemplate(source.manifest as never, supplied, opts)
            : processTemplate(source.manifest as never, supplied, opts);
    const vms = p.objects.filter((o) => o.kind === "VirtualMachine");
    if (vms.length !== 1) {
        throw new TemplateError(source.subject, [
            `yields ${vms.length} VirtualMachines; a TemplatedVirtualMachine needs exactly one`,
        ]);
    }
    const ignored = p.objects
        .filter((o) => o.kind !== "VirtualMachine")
        .map((o) => `${o.kind} ${o.metadata?.name ?? ""}`.trim());
    return {
        vm: vms[0] as Obj,
        message: p.message,
        values: p.values,
        generated: p.generated,
        ignored,
    };
}

const nonEmpty = (m: Obj | undefined) => (m && Object.keys(m).length ? m : undefined);

/** The VM's metadata: the rendered one, with the user's overrides on top. */
export function mergeMetadata(
    rendered: Obj | undefined,
    overrides: Obj | undefined,
    defaultNamespace: string,
): Obj {
    const m = rendered ?? {};
    const o = overrides ?? {};
    const out: Obj = {
        name: o.name ?? m.name,
        namespace: o.namespace ?? m.namespace ?? defaultNamespace,
    };
    const labels = nonEmpty({ ...(m.labels ?? {}), ...(o.labels ?? {}) });
    const annotations = nonEmpty({ ...(m.annotations ?? {}), ...(o.annotations ?? {}) });
    if (labels) out.labels = labels;
    if (annotations) out.annotations = annotations;
    return out;
}

/**
 * Moves inline cloud-init of the `cloudinitdisk` volume into a secret input. `given` (the user's
 * own `cloudInit`) wins over the template's data. Base64 variants and config drives are left
 * alone: rewriting them would change what the guest sees.
 */
export function extractCloudInit(
    spec: Obj,
    vmName: string,
    given?: CloudInitInput,
): { spec: Obj; cloudInit?: CloudInitInput } {
    const volumes: Obj[] = spec.template?.spec?.volumes ?? [];
    const i = volumes.findIndex((v) => v?.name === cloudInitVolume);
    const src: Obj | undefined = volumes[i]?.cloudInitNoCloud;
    const inline =
        src &&
        !src.userDataBase64 &&
        !src.networkDataBase64 &&
        (typeof src.userData === "string" || typeof src.networkData === "string");
    const data: CloudInitInput = given ?? (inline ? pick(src) : {});
    if (!data.userData && !data.networkData) return { spec };
    if (i < 0) return { spec, cloudInit: data };
    const ref: Obj = {};
    if (data.userData) ref.secretRef = { name: cloudInitSecretName(vmName) };
    if (data.networkData) ref.networkDataSecretRef = { name: cloudInitSecretName(vmName) };
    const out = structuredClone(spec);
    out.template.spec.volumes[i] = { name: cloudInitVolume, cloudInitNoCloud: ref };
    return { spec: out, cloudInit: data };
}

function pick(src: Obj): CloudInitInput {
    const out: CloudInitInput = {};
    if (typeof src.userData === "string") out.userData = src.userData;
    if (typeof src.networkData === "string") out.networkData = src.networkData;
    return out;
}

/** The VM provider's inputs for a rendered template. */
export interface RenderedVmInputs {
    metadata: Obj;
    spec: Obj;
    cloudInit?: CloudInitInput;
}

/** Metadata overrides applied, cloud-init moved out of the spec. */
export function vmInputsFrom(
    rendered: RenderedTemplate,
    overrides: Obj | undefined,
    defaultNamespace: string,
    given?: CloudInitInput,
): RenderedVmInputs {
    const metadata = mergeMetadata(rendered.vm.metadata, overrides, defaultNamespace);
    const spec: Obj = rendered.vm.spec ?? {};
    if (typeof metadata.name !== "string" || metadata.name === "") return { metadata, spec };
    const own = given && (given.userData || given.networkData) ? given : undefined;
    const { spec: cleaned, cloudInit } = extractCloudInit(spec, metadata.name, own);
    return cloudInit ? { metadata, spec: cleaned, cloudInit } : { metadata, spec: cleaned };
}
