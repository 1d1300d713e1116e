/**
 * Cross-field rules for KubeVirt VirtualMachines that JSON Schema cannot express. They mirror
 * virt-api's VM admitter (`vms-admitter.go`: validateRunStrategy, validateDataVolumeTemplate) and
 * the instancetype webhook, so the preview fails instead of the apply.
 */
import { CheckFailure, containsUnknown, fail, isUnknown } from "../types";
import { asRecord, checkDataVolumeSpec, isSet } from "./dataVolume";

type Json = Record<string, unknown>;

/** `validRunStrategies` in vms-admitter.go (KubeVirt v1.9.0). */
export const RUN_STRATEGIES = ["Always", "RerunOnFailure", "Manual", "Halted", "Once"] as const;

/** `running` (deprecated) and `runStrategy`: exactly one, with a known strategy. */
export function checkRunStrategy(vm: unknown): CheckFailure[] {
    const spec = asRecord(asRecord(vm)?.spec);
    if (!spec || isUnknown(spec.running) || isUnknown(spec.runStrategy)) return [];
    const { running, runStrategy } = spec;
    if (isSet(running) && isSet(runStrategy)) {
        const reason =
            "'spec.running' and 'spec.runStrategy' are mutually exclusive; remove the deprecated 'spec.running'";
        return [fail("spec.running", reason)];
    }
    if (!isSet(running) && !isSet(runStrategy)) {
        const reason = `'spec.runStrategy' must be set (or the deprecated 'spec.running'); one of ${quoteAll(RUN_STRATEGIES)}`;
        return [fail("spec.runStrategy", reason)];
    }
    if (isSet(runStrategy) && !(RUN_STRATEGIES as readonly unknown[]).includes(runStrategy)) {
        const reason = `'spec.runStrategy' has invalid value ${JSON.stringify(runStrategy)}; allowed values: ${quoteAll(RUN_STRATEGIES)}`;
        return [fail("spec.runStrategy", reason)];
    }
    return [];
}

function quoteAll(values: readonly string[]): string {
    return values.map((v) => JSON.stringify(v)).join(", ");
}

/** Template volumes, or undefined when they cannot be inspected yet (unknown at preview). */
function templateVolumes(spec: Json): Json[] | undefined {
    const template = spec.template;
    const templateSpec = asRecord(template)?.spec;
    if (isUnknown(template) || isUnknown(templateSpec)) return undefined;
    const value = asRecord(templateSpec)?.volumes ?? [];
    if (!Array.isArray(value) || containsUnknown(value)) return undefined;
    return value.map((v) => asRecord(v) ?? {});
}

/** Claim names the template's volumes refer to (dataVolume.name / persistentVolumeClaim.claimName). */
function referencedClaims(volumes: Json[]): Set<string> {
    const names = new Set<string>();
    for (const v of volumes) {
        const dv = asRecord(v.dataVolume)?.name;
        const pvc = asRecord(v.persistentVolumeClaim)?.claimName;
        if (typeof dv === "string") names.add(dv);
        if (typeof pvc === "string") names.add(pvc);
    }
    return names;
}

/** Each dataVolumeTemplate: named, valid DV spec, and used by a volume of the template. */
export function checkDataVolumeTemplates(vm: unknown): CheckFailure[] {
    const obj = asRecord(vm);
    const spec = asRecord(obj?.spec);
    const templates = spec?.dataVolumeTemplates;
    if (!spec || !Array.isArray(templates)) return [];
    const volumes = templateVolumes(spec);
    const ctx: TemplateContext = {
        claims: volumes && referencedClaims(volumes),
        vmNamespace: asRecord(obj?.metadata)?.namespace,
    };
    return templates.flatMap((t, i) =>
        checkOneTemplate(asRecord(t), `spec.dataVolumeTemplates[${i}]`, ctx),
    );
}

interface TemplateContext {
    /** Claim names used by volumes; undefined while they are unknown. */
    claims: Set<string> | undefined;
    vmNamespace: unknown;
}

function checkOneTemplate(t: Json | undefined, p: string, ctx: TemplateContext): CheckFailure[] {
    if (!t) return [];
    const meta = asRecord(t.metadata);
    const failures = isUnknown(t.metadata)
        ? []
        : [...templateName(meta?.name, p, ctx), ...templateNamespace(meta?.namespace, p, ctx)];
    return [...failures, ...checkDataVolumeSpec(t.spec, `${p}.spec`)];
}

function templateName(name: unknown, p: string, ctx: TemplateContext): CheckFailure[] {
    if (isUnknown(name)) return [];
    if (typeof name !== "string" || name === "") {
        return [
            fail(
                `${p}.metadata.name`,
                `'${p}.metadata.name' must be set; it names the DataVolume the VM creates`,
            ),
        ];
    }
    if (ctx.claims && !ctx.claims.has(name)) {
        const reason =
            `'${p}' (DataVolume '${name}') is not referenced by any volume in 'spec.template.spec.volumes' ` +
            "(dataVolume.name or persistentVolumeClaim.claimName)";
        return [fail(p, reason)];
    }
    return [];
}

/** virt-api creates embedded DataVolumes in the VM's namespace and rejects any other. */
function templateNamespace(ns: unknown, p: string, ctx: TemplateContext): CheckFailure[] {
    const vmNs = ctx.vmNamespace;
    if (
        typeof ns !== "string" ||
        typeof vmNs !== "string" ||
        ns === vmNs ||
        isUnknown(ns) ||
        isUnknown(vmNs)
    )
        return [];
    const reason = `'${p}.metadata.namespace' is ${JSON.stringify(ns)} but the VM is in ${JSON.stringify(vmNs)}; embedded DataVolumes must share the VM's namespace`;
    return [fail(`${p}.metadata.namespace`, reason)];
}

/** `spec.instancetype` / `spec.preference`: inferFromVolume excludes name/kind and must name a volume. */
export function checkMatchers(vm: unknown): CheckFailure[] {
    const spec = asRecord(asRecord(vm)?.spec);
    if (!spec) return [];
    const volumes = templateVolumes(spec);
    return ["instancetype", "preference"].flatMap((m) =>
        checkMatcher(asRecord(spec[m]), `spec.${m}`, volumes),
    );
}

function checkMatcher(
    matcher: Json | undefined,
    p: string,
    volumes: Json[] | undefined,
): CheckFailure[] {
    const infer = matcher?.inferFromVolume;
    if (!matcher || !isSet(infer)) return [];
    const failures = ["name", "kind"]
        .filter((other) => isSet(matcher[other]))
        .map((other) => {
            const reason = `'${p}.inferFromVolume' and '${p}.${other}' are mutually exclusive; the webhook fills ${other} from the volume`;
            return fail(`${p}.inferFromVolume`, reason);
        });
    if (
        typeof infer === "string" &&
        !isUnknown(infer) &&
        volumes &&
        !volumes.some((v) => v.name === infer)
    ) {
        const reason = `'${p}.inferFromVolume' names volume ${JSON.stringify(infer)}, which is not in 'spec.template.spec.volumes'`;
        failures.push(fail(`${p}.inferFromVolume`, reason));
    }
    return failures;
}

/** All cross-field rules of a VirtualMachine manifest. */
export function checkVirtualMachine(vm: unknown): CheckFailure[] {
    return [...checkRunStrategy(vm), ...checkDataVolumeTemplates(vm), ...checkMatchers(vm)];
}
