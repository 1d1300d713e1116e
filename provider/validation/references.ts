/**
 * References from a VM to objects that must exist in the cluster: its instancetype, its
 * preference and the NetworkAttachmentDefinitions of its Multus networks. KubeVirt's admission
 * accepts a VM whose instancetype or NAD is missing; the VM then never starts, and `up` waits
 * out its timeout. Pure: which references a VM makes, and which failures follow from what the
 * cluster and the stack hold (lookup.ts asks the cluster).
 */
import type { ObjectRef } from "../k8s/client";
import { CheckFailure, fail, isUnknown } from "./types";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One reference: the field that makes it and the object it names. */
export interface ClusterRef {
    field: string;
    ref: ObjectRef;
}

const INSTANCETYPES = "instancetype.kubevirt.io/v1beta1";

/** Matcher kinds by every spelling KubeVirt accepts (kind, lower-case singular and plural). */
const MATCHER_KINDS: Record<string, { kind: string; namespaced: boolean }> = {};
for (const [kind, namespaced] of [
    ["VirtualMachineInstancetype", true],
    ["VirtualMachineClusterInstancetype", false],
    ["VirtualMachinePreference", true],
    ["VirtualMachineClusterPreference", false],
] as const) {
    for (const spelling of [kind, kind.toLowerCase(), `${kind.toLowerCase()}s`])
        MATCHER_KINDS[spelling] = { kind, namespaced };
}

/** `spec.instancetype` / `spec.preference` and the cluster-wide kind each defaults to. */
const MATCHERS = [
    { field: "spec.instancetype", defaultKind: "VirtualMachineClusterInstancetype" },
    { field: "spec.preference", defaultKind: "VirtualMachineClusterPreference" },
];

function matcherRefs(vm: Json, namespace: string): ClusterRef[] {
    return MATCHERS.flatMap(({ field, defaultKind }) => {
        const m = vm.spec?.[field.split(".")[1]!];
        if (
            !m ||
            typeof m.name !== "string" ||
            m.name === "" ||
            isUnknown(m.name) ||
            isUnknown(m.kind)
        )
            return [];
        const k = MATCHER_KINDS[m.kind ?? defaultKind];
        if (!k) return [];
        return [
            {
                field: `${field}.name`,
                ref: {
                    apiVersion: INSTANCETYPES,
                    kind: k.kind,
                    name: m.name,
                    ...(k.namespaced ? { namespace } : {}),
                },
            },
        ];
    });
}

/** Multus resolves "x" in the VM's namespace and "ns/x" in ns. */
function nadRefs(vm: Json, namespace: string): ClusterRef[] {
    const networks: unknown = vm.spec?.template?.spec?.networks;
    if (!Array.isArray(networks)) return [];
    return networks.flatMap((n: Json, i) => {
        const networkName = n?.multus?.networkName;
        if (typeof networkName !== "string" || networkName === "" || isUnknown(networkName))
            return [];
        const slash = networkName.indexOf("/");
        const ref = {
            apiVersion: "k8s.cni.cncf.io/v1",
            kind: "NetworkAttachmentDefinition",
            namespace: slash < 0 ? namespace : networkName.slice(0, slash),
            name: networkName.slice(slash + 1),
        };
        return [{ field: `spec.template.spec.networks[${i}].multus.networkName`, ref }];
    });
}

/** Every cluster reference of a VM manifest whose names are known. */
export function clusterRefsOf(vm: Json): ClusterRef[] {
    const namespace = vm.metadata?.namespace;
    if (typeof namespace !== "string" || isUnknown(namespace)) return [];
    return [...matcherRefs(vm, namespace), ...nadRefs(vm, namespace)];
}

/** Identity of a referenced object, as the stack registry and the lookup cache key it. */
export function refKey(ref: ObjectRef): string {
    return `${ref.kind}/${ref.namespace ?? ""}/${ref.name}`;
}

/** The references `news` makes that `olds` did not: only a new or changed reference is judged. */
export function newRefs(news: Json, olds: Json | undefined): ClusterRef[] {
    const before = new Set(
        (olds?.spec ? clusterRefsOf(olds) : []).map((r) => `${r.field}\u0000${refKey(r.ref)}`),
    );
    return clusterRefsOf(news).filter((r) => !before.has(`${r.field}\u0000${refKey(r.ref)}`));
}

/** Multus does not fall back to "default" for a bare name, a common surprise. */
function defaultHint(ref: ObjectRef): string {
    if (ref.kind !== "NetworkAttachmentDefinition" || ref.namespace === "default") return "";
    return `. For a NAD in 'default', write "default/${ref.name}": Multus looks a bare name up only in the VM's namespace`;
}

/**
 * Failures for references the cluster answered "not found" for (`missing`) that the stack does
 * not declare either (`declared`, keys of refKey).
 */
export function missingRefFailures(
    refs: ClusterRef[],
    missing: ReadonlySet<string>,
    declared: ReadonlySet<string>,
): CheckFailure[] {
    return refs
        .filter((r) => missing.has(refKey(r.ref)) && !declared.has(refKey(r.ref)))
        .map(({ field, ref }) => {
            const where = ref.namespace
                ? `${ref.kind} ${ref.namespace}/${ref.name}`
                : `${ref.kind} ${ref.name}`;
            return fail(
                field,
                `'${field}' refers to ${where}, which does not exist in the cluster; the VM would never start. ` +
                    "If this stack creates it, declare it before the VM, or pass its output (`<resource>.metadata.name`) or use dependsOn" +
                    defaultHint(ref),
            );
        });
}
