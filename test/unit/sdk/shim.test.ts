/**
 * The `__provider` text the SDK stores: a small module that, loaded the way the dynamic-provider
 * host loads it, returns this package's provider for the kind, one object per kind.
 */
import assert from "node:assert/strict";
import Module from "node:module";
import * as path from "node:path";
import { shimSource } from "../../../provider/shim";
import * as provider from "../../../provider";

/** Evaluates module text like require-from-string, resolving packages from this repository. */
function load(text: string): { handler: () => Record<string, unknown> } {
    const m = new Module("shim", module) as Module & {
        _compile(code: string, file: string): void;
        paths: string[];
    };
    m.paths = (Module as unknown as { _nodeModulePaths(d: string): string[] })._nodeModulePaths(
        path.resolve(__dirname, "../../../.."),
    );
    m._compile(text, "shim.js");
    return m.exports as { handler: () => Record<string, unknown> };
}

describe("SDK: the stored provider shim", () => {
    for (const kind of ["VirtualMachine", "DataVolume", "TemplatedVirtualMachine"]) {
        it(`${kind}: small, and returns the package's provider for the kind`, () => {
            const text = shimSource(kind);
            assert.ok(text.length < 120, `${text.length} bytes`);
            const p = load(text).handler();
            for (const m of ["configure", "check", "diff", "create", "read", "update", "delete"])
                assert.equal(typeof p[m], "function", m);
            assert.equal(load(text).handler(), p, "one provider object per kind");
        });
    }

    it("keeps the names older stored closures call", () => {
        assert.equal(typeof provider.configure, "function");
        assert.equal(typeof provider.dispatch, "function");
    });
});
