/**
 * What Pulumi stores in state as `__provider` for every resource, and what the dynamic-provider
 * host runs for it.
 *
 * The SDK writes `shimSource(kind)` itself instead of letting `pulumi.dynamic.Resource` serialize
 * a provider closure: closure serialization costs the program a V8 inspector walk per resource
 * (its cache is keyed by provider object), and its ~2.7 KB text lands in state twice per
 * resource. The source is a one-line module that loads the installed package by name, so all logic
 * ships with the package and a fix reaches old stacks without touching their state. Its text must
 * never change: delete and refresh run the text stored in state.
 *
 * The text calls `shim` of provider/index.ts; older releases stored closures that call its
 * `configure` and `dispatch` by package name, so all three stay exported.
 */

/** The module text stored as `__provider` for resources of `kind`; `handler()` returns its provider. */
export function shimSource(kind: string): string {
    return `exports.handler = () => require("pulumi-kubevirt/provider").shim(${JSON.stringify(kind)});\n`;
}

/**
 * The hidden input the SDK sets when the program runs for a deployment (`pulumi up`'s update, not
 * a preview). check() reads it and removes it from the inputs it returns, so state, diffs and
 * update plans (which compare checked inputs) never see it.
 */
export const deployingKey = "__deploying";
