/**
 * The registry is the one list of kinds: each kind in it must be documented (a generated page in
 * docs/resources/) and carry at least one policy table, so a kind cannot ship without either.
 */
import assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { dispatch, registry } from "../../provider/registry";
import { pageFileName } from "../../provider/report/docs/page";

const repo = path.join(__dirname, "..", "..", "..");

describe("registry", () => {
    for (const e of registry) {
        it(`${e.kind} has a docs page`, () =>
            assert.ok(
                fs.existsSync(path.join(repo, "docs", "resources", pageFileName(e.kind))),
                pageFileName(e.kind),
            ));
        it(`${e.kind} has a policy table`, () =>
            assert.ok(e.policy.some((s) => s.rules.length > 0)));
        it(`${e.kind} dispatches to its provider`, () =>
            assert.equal(dispatch(e.kind), e.provider));
    }

    it("Kinds are listed once", () =>
        assert.equal(new Set(registry.map((e) => e.kind)).size, registry.length));

    it("An unknown kind is refused with a hint at the package version", () => {
        assert.throws(() => dispatch("NoSuchKind"), /no provider for kind 'NoSuchKind'/);
    });
});
