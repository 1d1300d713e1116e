import assert from "node:assert/strict";
import type { PolicyRule } from "../../../provider/diff/classify";
import {
    placeholderChange,
    policyRows,
    policyTable,
    ruleKey,
} from "../../../provider/report/docs/policyTable";
import { kindDocFor } from "../../../provider/report/kindDocs";

const virtualMachineDoc = kindDocFor("VirtualMachine");

describe("docs: policy tables", () => {
    it("A pattern becomes a readable placeholder change", () => {
        const c = placeholderChange("spec.template.spec.volumes[*].**");
        assert.equal(c.path, "spec.template.spec.volumes[{name}].{field}");
        assert.deepEqual(c.segments, [
            "spec",
            "template",
            "spec",
            "volumes",
            { name: "{name}" },
            "{field}",
        ]);
    });

    const named = (() => undefined) as PolicyRule<never>["predicate"];
    const rules: PolicyRule<never>[] = [
        { pattern: "metadata.name", impact: "replace", why: "identity" },
        { pattern: "metadata.**", impact: "metadata", why: (c) => `${c.path} changed` },
        { pattern: "spec.size", predicate: named },
        { pattern: "spec.other", predicate: (() => undefined) as PolicyRule<never>["predicate"] },
        { pattern: "spec.**", impact: "live", why: "applied", note: "careful" },
        {
            pattern: "**",
            impact: "restart",
            why: () => {
                throw new Error("needs a real change");
            },
        },
    ];

    const cases: { name: string; row: number; impact: string; why: string }[] = [
        {
            name: "A fixed rule shows its impact and why",
            row: 0,
            impact: "replace",
            why: "identity",
        },
        {
            name: "A why function is rendered on the placeholder",
            row: 1,
            impact: "metadata",
            why: "metadata.{field} changed",
        },
        {
            name: "A named predicate is described from the docs map by its name",
            row: 2,
            impact: "depends",
            why: "grows live, shrinks replace",
        },
        {
            name: "An undocumented predicate says it depends on the values",
            row: 3,
            impact: "depends",
            why: "depends on the old and new values",
        },
        { name: "A note is appended", row: 4, impact: "live", why: "applied Note: careful" },
        {
            name: "A why function that cannot render falls back",
            row: 5,
            impact: "restart",
            why: "explained per change",
        },
    ];
    const rows = policyRows(rules, { named: "grows live, shrinks replace" });
    for (const c of cases) {
        it(c.name, () => {
            assert.equal(rows[c.row]?.impact, c.impact);
            assert.equal(rows[c.row]?.why, c.why);
        });
    }

    it("Rows render as a table with bold fixed impacts and italic depends", () => {
        const t = policyTable(rows);
        assert.equal(t[2], "| `metadata.name` | **replace** | identity |");
        assert.equal(t[4], "| `spec.size` | *depends* | grows live, shrinks replace |");
    });

    it("Every value-dependent VirtualMachine rule has a hand-written description", () => {
        const missing = virtualMachineDoc.sections
            .flatMap((s) => s.rules)
            .filter((r) => r.predicate && !(ruleKey(r) in virtualMachineDoc.predicateDocs))
            .map(ruleKey);
        assert.deepEqual(missing, []);
    });

    it("The VM LiveUpdate table documents cpu.sockets as a live migration", () => {
        const live = virtualMachineDoc.sections.find((s) => s.title.includes("LiveUpdate"))!;
        const row = policyRows(live.rules, virtualMachineDoc.predicateDocs).find(
            (r) => r.pattern === "spec.template.spec.domain.cpu.sockets",
        );
        assert.match(row?.why ?? "", /\*\*liveMigrate\*\* when raised within maxSockets/);
    });
});
