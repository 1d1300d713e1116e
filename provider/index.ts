/**
 * Entry point the serialized provider shim loads by package name (`pulumi-kubevirt/provider`):
 * the dispatch table of registry.ts maps each kind to its provider.
 */
import type * as pulumi from "@pulumi/pulumi";
import { readProviderConfig, setProviderConfig } from "./config";

import { dispatch } from "./registry";
import { deployingKey } from "./shim";

export { dispatch };

/** Stack configuration reaches the provider here, once per provider process. */
export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    setProviderConfig(readProviderConfig((key) => req.config.get(`kubevirt:${key}`)));
}

/** Checked inputs without the SDK's deployment marker (see shim.ts): it must never reach state. */
export function withoutDeployingKey(r: pulumi.dynamic.CheckResult): pulumi.dynamic.CheckResult {
    if (r.inputs && deployingKey in r.inputs) {
        const { [deployingKey]: _marker, ...inputs } = r.inputs;
        return { ...r, inputs };
    }
    return r;
}

const shims = new Map<string, pulumi.dynamic.ResourceProvider>();

/** The provider the `__provider` text in state returns for `kind` (see shim.ts); one per kind and process. */
export function shim(kind: string): pulumi.dynamic.ResourceProvider {
    let p = shims.get(kind);
    if (!p) {
        p = {
            configure,
            check: (olds, news) => dispatch(kind).check(olds, news).then(withoutDeployingKey),
            diff: (id, olds, news) => dispatch(kind).diff(id, olds, news),
            create: (inputs) => dispatch(kind).create(inputs),
            read: (id, props) => dispatch(kind).read(id, props),
            update: (id, olds, news) => dispatch(kind).update(id, olds, news),
            delete: (id, props) => dispatch(kind).delete(id, props),
        };
        shims.set(kind, p);
    }
    return p;
}

export * from "./errors";
export type { KindProvider } from "./kindProvider";
