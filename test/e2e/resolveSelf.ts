/**
 * Preloaded (NODE_OPTIONS --require) into every node process the pulumi CLI starts for a
 * TestStack: the program, the language host and the dynamic-provider host. The provider shim
 * loads `pulumi-kubevirt/provider` by package name, and Node resolves that from the real path of
 * @pulumi/pulumi, i.e. from whichever checkout owns node_modules. A git worktree that links
 * node_modules from the main checkout would otherwise run the main checkout's provider with its
 * own SDK and tests; this pins both names to the checkout these tests were built from.
 */
import Module from "node:module";
import * as path from "node:path";

const root = path.resolve(__dirname, "..", "..", "..");
const targets: Record<string, string> = {
    "pulumi-kubevirt": path.join(root, "dist", "sdk", "index.js"),
    "pulumi-kubevirt/provider": path.join(root, "dist", "provider", "index.js"),
};

type Resolve = (request: string, ...rest: unknown[]) => string;
const mod = Module as unknown as { _resolveFilename: Resolve };
const original = mod._resolveFilename;
mod._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]): string {
    return original.call(this, targets[request] ?? request, ...rest);
};
