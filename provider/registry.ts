/**
 * The one list of kinds the provider manages. Adding a kind means adding one entry here (see
 * CONTRIBUTING "Adding a kind"); the dispatch table, the generated docs and the registry test
 * (every kind has a docs page and a policy table) all read this list.
 */
import type { PolicyRule } from "./diff/classify";
import type { KindProvider } from "./kindProvider";
import { KubevirtProviderError } from "./errors";
import type { KindDef } from "./resources/generic/kindDefinition";
import { genericProvider } from "./resources/generic/provider";
import { virtualMachineProvider } from "./resources/virtualMachine/provider";
import { vmPolicySections } from "./resources/virtualMachine/policy";
import { templatedVirtualMachineProvider } from "./resources/templatedVirtualMachine/provider";
import { dataVolumeKind } from "./resources/dataVolume/definition";
import { dataVolumeProvider } from "./resources/dataVolume/provider";
import { dataSourceKind } from "./resources/dataSource/definition";
import {
    virtualMachineCloneKind,
    virtualMachineRestoreKind,
    virtualMachineSnapshotKind,
} from "./resources/snapshot/definitions";
import { instancetypeKinds } from "./resources/instancetype/definitions";
import { templateKind } from "./resources/template/definition";
import { virtualMachineTemplateKind } from "./resources/virtualMachineTemplate/definition";
import { networkAttachmentDefinitionKind } from "./resources/networkAttachmentDefinition/definition";
import { nncpKind } from "./resources/nodeNetworkConfigurationPolicy/definition";
import { nncpProvider } from "./resources/nodeNetworkConfigurationPolicy/provider";
import { migrationPolicyKind } from "./resources/migrationPolicy/definition";
import { virtualMachinePoolKind } from "./resources/virtualMachinePool/definition";
import { virtualMachinePoolProvider } from "./resources/virtualMachinePool/provider";
import { kubevirtConfigurationProvider } from "./resources/kubevirtConfiguration/provider";
import { kubevirtConfigurationPolicy } from "./resources/kubevirtConfiguration/policy";

/** One policy table and when it applies. */
export interface PolicySection {
    title: string;
    when: string;
    rules: readonly PolicyRule<never>[];
}

/** A kind the provider manages: its provider and the policy tables its docs show. */
export interface KindEntry {
    kind: string;
    provider: KindProvider;
    /** Top-level keys the user declares besides metadata (roots of the docs' field tables). */
    bodyKeys: string[];
    policy: readonly PolicySection[];
}

/** The entry of a kind described by `def`, served by `provider` (the generic one unless given). */
function described(def: KindDef, provider: KindProvider = genericProvider(def)): KindEntry {
    const rules = def.policy as readonly PolicyRule<never>[];
    return {
        kind: def.kind,
        provider,
        bodyKeys: def.bodyKeys,
        policy: [{ title: "Field policy", when: "Every update of this kind.", rules }],
    };
}

export const registry: readonly KindEntry[] = [
    {
        kind: "VirtualMachine",
        provider: virtualMachineProvider,
        bodyKeys: ["spec"],
        policy: vmPolicySections,
    },
    {
        kind: "TemplatedVirtualMachine",
        provider: templatedVirtualMachineProvider,
        bodyKeys: ["spec"],
        policy: vmPolicySections,
    },
    described(dataVolumeKind, dataVolumeProvider),
    described(dataSourceKind),
    described(virtualMachineSnapshotKind),
    described(virtualMachineRestoreKind),
    described(virtualMachineCloneKind),
    described(templateKind),
    described(virtualMachineTemplateKind),
    ...instancetypeKinds.map((def) => described(def)),
    described(networkAttachmentDefinitionKind),
    described(nncpKind, nncpProvider),
    described(migrationPolicyKind),
    described(virtualMachinePoolKind, virtualMachinePoolProvider),
    {
        kind: "KubeVirtConfiguration",
        provider: kubevirtConfigurationProvider,
        bodyKeys: [],
        policy: [
            {
                title: "Field policy",
                when: "Every update: settings are cluster-level; no VM restarts because of them.",
                rules: kubevirtConfigurationPolicy as readonly PolicyRule<never>[],
            },
        ],
    },
];

const byKind = new Map(registry.map((e) => [e.kind, e]));

/** The registry entry of `kind`, if the provider manages it. */
export const entryOf = (kind: string): KindEntry | undefined => byKind.get(kind);

/** The provider for `kind`. */
export function dispatch(kind: string): KindProvider {
    const e = byKind.get(kind);
    if (!e)
        throw new KubevirtProviderError(
            `pulumi-kubevirt has no provider for kind '${kind}'; is the installed package older than the program?`,
        );
    return e.provider;
}
