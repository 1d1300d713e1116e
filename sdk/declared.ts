/**
 * Objects this program declares, by kind and literal name, so a VM that names its instancetype,
 * preference or NAD by a plain string depends on that resource when the program declares it too.
 * The dependency makes `up` create the referenced object first (KubeVirt cannot start a VM
 * whose instancetype or NAD is missing) and makes the engine check it first, so the provider's
 * preview check knows the stack creates it and does not reject the VM for the missing object.
 */
import * as pulumi from "@pulumi/pulumi";

const declared = new Map<string, pulumi.Resource>();
const key = (kind: string, name: string) => `${kind}/${name}`;

/** Records `resource` when its name is a plain string (an Output cannot be matched here). */
export function noteDeclared(
    kind: string,
    metadata: unknown,
    resourceName: string,
    resource: pulumi.Resource,
): void {
    if (
        metadata !== undefined &&
        (typeof metadata !== "object" || metadata === null || pulumi.Output.isInstance(metadata))
    )
        return;
    const name = (metadata as { name?: unknown } | undefined)?.name ?? resourceName;
    if (typeof name === "string") declared.set(key(kind, name), resource);
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const plain = (v: unknown): v is Json =>
    typeof v === "object" && v !== null && !pulumi.Output.isInstance(v) && !(v instanceof Promise);

/** Matcher kinds and the kinds a missing `kind` means. */
const MATCHERS: [field: string, kinds: string[]][] = [
    ["instancetype", ["VirtualMachineClusterInstancetype", "VirtualMachineInstancetype"]],
    ["preference", ["VirtualMachineClusterPreference", "VirtualMachinePreference"]],
];

/** Kind/name pairs a VM spec names with plain strings. */
export function namedRefs(spec: unknown): [string[], string][] {
    if (!plain(spec)) return [];
    const refs: [string[], string][] = [];
    for (const [field, kinds] of MATCHERS) {
        const m = spec[field];
        if (plain(m) && typeof m.name === "string")
            refs.push([typeof m.kind === "string" ? [m.kind] : kinds, m.name]);
    }
    const networks =
        plain(spec.template) && plain(spec.template.spec) ? spec.template.spec.networks : undefined;
    for (const n of Array.isArray(networks) ? networks : []) {
        const networkName = plain(n) && plain(n.multus) ? n.multus.networkName : undefined;
        if (typeof networkName === "string")
            refs.push([
                ["NetworkAttachmentDefinition"],
                networkName.slice(networkName.indexOf("/") + 1),
            ]);
    }
    return refs;
}

/** `opts` with a dependency on each declared object `spec` names; unchanged when there is none. */
export function withReferencedDependencies(
    spec: unknown,
    opts: pulumi.CustomResourceOptions | undefined,
): pulumi.CustomResourceOptions | undefined {
    const found = namedRefs(spec).flatMap(([kinds, name]) =>
        kinds.map((k) => declared.get(key(k, name))).filter((r): r is pulumi.Resource => !!r),
    );
    if (found.length === 0) return opts;
    const given = opts?.dependsOn;
    if (given === undefined) return { ...opts, dependsOn: found };
    if (Array.isArray(given)) return { ...opts, dependsOn: [...given, ...found] };
    if (pulumi.Resource.isInstance(given)) return { ...opts, dependsOn: [given, ...found] };
    return opts; // an Output or Promise of resources: leave the user's choice alone
}

/**
 * KubeVirtConfigurations of this program, in declaration order. Every VM depends on them and gets
 * their settings as its `clusterConfiguration` input, so its plan follows what the stack
 * declares (provider/resources/virtualMachine/declaredFacts.ts) and `up` applies them first.
 */
const configurations: { resource: pulumi.Resource; settings: pulumi.Input<Json> }[] = [];

export function noteClusterConfiguration(resource: pulumi.Resource, settings: pulumi.Input<Json>) {
    configurations.push({ resource, settings });
}

/**
 * Resolves once the program's synchronous part has run (its next macrotask), so a configuration
 * declared after a VM in the same program is seen too; one created later, asynchronously, is
 * not (pass it in the VM's `dependsOn` and it is ordered, but not planned under).
 */
const programDeclared = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The `clusterConfiguration` input of a VM: the declared settings, or undefined when none. */
export function declaredClusterConfiguration(): Promise<pulumi.Output<Json[]> | undefined> {
    return programDeclared().then(() =>
        configurations.length ? pulumi.all(configurations.map((c) => c.settings)) : undefined,
    );
}

/** `opts` with a dependency on every KubeVirtConfiguration of the program (known after its synchronous part). */
export function withClusterConfigurationDependency(
    opts: pulumi.CustomResourceOptions | undefined,
): pulumi.CustomResourceOptions | undefined {
    const given = opts?.dependsOn;
    const list: pulumi.Input<pulumi.Resource>[] | undefined =
        given === undefined
            ? []
            : Array.isArray(given)
              ? given
              : pulumi.Resource.isInstance(given)
                ? [given]
                : undefined;
    if (!list) return opts; // an Output or Promise of resources: leave the user's choice alone
    const dependsOn = programDeclared().then(() => [
        ...list,
        ...configurations.map((c) => c.resource),
    ]);
    return { ...opts, dependsOn };
}
