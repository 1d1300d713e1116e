import assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import ts from "typescript";
import { exportedDocs, plainType, sdkDocFor } from "../../../provider/report/docs/sdkDocs";

const repoRoot = path.join(__dirname, "..", "..", "..", "..");

describe("docs: SDK inputs and outputs", () => {
    const types: { name: string; text: string; out: string }[] = [
        { name: "pulumi.Input is unwrapped", text: "pulumi.Input<boolean>", out: "boolean" },
        {
            name: "Nested wrappers are unwrapped",
            text: "pulumi.Input<{ a?: pulumi.Input<string> }>",
            out: "{ a?: string }",
        },
        {
            name: "Generics inside are kept",
            text: "pulumi.Output<Record<string, any>>",
            out: "Record<string, any>",
        },
        {
            name: "Arrow functions inside are kept",
            text: "pulumi.Input<(x: number) => string>",
            out: "(x: number) => string",
        },
        { name: "Whitespace is collapsed", text: "{\n  a: string;\n}", out: "{ a: string; }" },
    ];
    for (const c of types) it(c.name, () => assert.equal(plainType(c.text), c.out));

    const sources = [
        {
            fileName: "resource.ts",
            text: `export interface CommonArgs {\n    /** Seconds to wait. */\n    timeouts?: pulumi.Input<number>;\n    /** Overridden. */\n    spec?: string;\n}\nexport abstract class Base {\n    /** What this update will do. */\n    declare public readonly plannedImpact: pulumi.Output<string>;\n}\n`,
        },
        {
            fileName: "thing.ts",
            text: `export interface ThingArgs extends CommonArgs {\n    /**\n     * The spec.\n     * - "a": first\n     * - "b": second\n     */\n    spec: pulumi.Input<{ size: string }>;\n}\n/** A thing, see {@link ThingArgs}. */\nexport class Thing extends Base {\n    declare public readonly spec: pulumi.Output<{ size: string }>;\n    private readonly hidden = 1;\n}\n`,
        },
    ];

    it("Inputs are the Args interface, own members first, then inherited ones it does not redeclare", () => {
        const doc = sdkDocFor(ts, "Thing", sources)!;
        assert.deepEqual(
            doc.inputs.map((m) => [m.name, m.type, m.optional]),
            [
                ["spec", "{ size: string }", false],
                ["timeouts", "number", true],
            ],
        );
    });

    it("JSDoc becomes one line, list items on their own line", () => {
        const doc = sdkDocFor(ts, "Thing", sources)!;
        assert.equal(doc.inputs[0]?.description, 'The spec.<br>- "a": first<br>- "b": second');
        assert.equal(doc.description, "A thing, see ThingArgs.");
    });

    it("Outputs are the declared readonly members, including the base class's", () => {
        const doc = sdkDocFor(ts, "Thing", sources)!;
        assert.deepEqual(
            doc.outputs.map((m) => [m.name, m.description]),
            [
                ["spec", ""],
                ["plannedImpact", "What this update will do."],
            ],
        );
    });

    it("A kind without an SDK class has no SDK docs", () =>
        assert.equal(sdkDocFor(ts, "Nothing", sources), undefined));

    it("The real VirtualMachine SDK documents cloudInit and restartPolicy", () => {
        const text = fs.readFileSync(path.join(repoRoot, "sdk", "virtualMachine.ts"), "utf8");
        const doc = sdkDocFor(ts, "VirtualMachine", [{ fileName: "virtualMachine.ts", text }])!;
        assert.ok(doc.inputs.some((m) => m.name === "cloudInit" && /secret/i.test(m.description)));
        assert.ok(
            doc.inputs.some(
                (m) => m.name === "restartPolicy" && m.type === '"never" | "onChange" | "fail"',
            ),
        );
        assert.ok(doc.outputs.some((m) => m.name === "restartRequired"));
    });

    it("Exported predicates' JSDoc is collected without internal section references", () => {
        const docs = exportedDocs(ts, [
            {
                fileName: "p.ts",
                text: "/** docs/semantics.md#datavolume-spec-is-immutable: growth is live. */\nexport const grow = () => 1;\n/** docs/semantics.md#live-updatable-fields, docs/semantics.md#live-migration handleX: moves it. */\nexport function move() {}\nconst hidden = 1;\n",
            },
        ]);
        assert.deepEqual(docs, { grow: "growth is live.", move: "moves it." });
    });
});
