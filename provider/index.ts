/**
 * Entry point the serialized provider shim loads by package name (`pulumi-kubevirt/provider`).
 * A type-token style dispatch table maps each kind to its provider.
 */
import type * as pulumi from "@pulumi/pulumi";
import { readProviderConfig, setProviderConfig } from "./config";
import type { KindProvider } from "./kind";
import { KubevirtProviderError } from "./errors";
import { virtualMachineProvider } from "./resources/virtualMachine/provider";
import { makeKindProvider } from "./resources/generic/provider";
import { networkAttachmentDefinitionKind } from "./resources/networkAttachmentDefinition/kind";
import { storageKinds } from "./kinds/storage";
import { templatesKinds } from "./kinds/templates";
import { networkingKinds } from "./kinds/networking";

const kinds: Record<string, KindProvider> = {
    VirtualMachine: virtualMachineProvider,
    NetworkAttachmentDefinition: makeKindProvider(networkAttachmentDefinitionKind),
    ...storageKinds,
    ...templatesKinds,
    ...networkingKinds,
};

/** Register a kind (used by kinds defined in their own modules). */
export function registerKind(kind: string, p: KindProvider): void {
    kinds[kind] = p;
}

/** The provider for `kind`. */
export function dispatch(kind: string): KindProvider {
    const p = kinds[kind];
    if (!p) throw new KubevirtProviderError(`pulumi-kubevirt has no provider for kind '${kind}'; is the installed package older than the program?`);
    return p;
}

/** Stack configuration reaches the provider here, once per provider process. */
export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    setProviderConfig(readProviderConfig((key) => req.config.get(`kubevirt:${key}`)));
}

export * from "./errors";
export type { KindProvider } from "./kind";
