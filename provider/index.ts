/**
 * Entry point the serialized provider shim loads by package name (`pulumi-kubevirt/provider`):
 * the dispatch table of registry.ts maps each kind to its provider.
 */
import type * as pulumi from "@pulumi/pulumi";
import { readProviderConfig, setProviderConfig } from "./config";

export { dispatch } from "./registry";

/** Stack configuration reaches the provider here, once per provider process. */
export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    setProviderConfig(readProviderConfig((key) => req.config.get(`kubevirt:${key}`)));
}

export * from "./errors";
export type { KindProvider } from "./kindProvider";
