import assert from "node:assert/strict";
import {
    fieldRows,
    fieldTable,
    trimDescription,
    typeText,
    type SchemaNode,
} from "../../../provider/report/docs/schemaTable";

describe("docs: schema field tables", () => {
    const types: { name: string; node: SchemaNode; text: string }[] = [
        { name: "A plain type is named", node: { type: "integer" }, text: "integer" },
        { name: "A nullable type drops null", node: { type: ["string", "null"] }, text: "string" },
        {
            name: "A quantity is int or string",
            node: {
                "x-kubernetes-int-or-string": true,
                anyOf: [{ type: "integer" }, { type: "string" }],
            },
            text: "int or string",
        },
        {
            name: "A short enum lists its values",
            node: { type: "string", enum: ["Always", "Halted"] },
            text: '"Always" \\| "Halted"',
        },
        {
            name: "A list names its items",
            node: { type: "array", items: { type: "object", properties: {} } },
            text: "list of object",
        },
        {
            name: "A map names its values",
            node: { type: "object", additionalProperties: { type: "string" } },
            text: "map of string",
        },
        {
            name: "anyOf without type joins the members",
            node: { anyOf: [{ type: "integer" }, { type: "string" }] },
            text: "integer or string",
        },
    ];
    for (const c of types) it(c.name, () => assert.equal(typeText(c.node), c.text));

    const descriptions: { name: string; text: string | undefined; max?: number; out: string }[] = [
        {
            name: "Only the first sentence is kept",
            text: "First one. Second one.",
            out: "First one.",
        },
        {
            name: "Whitespace is collapsed",
            text: "A\n  multi-line\ntext",
            out: "A multi-line text",
        },
        { name: "Long text is cut with an ellipsis", text: "abcdefghij", max: 5, out: "abcd…" },
        { name: "Pipes are escaped for tables", text: "a|b", out: "a\\|b" },
        { name: "A missing description is empty", text: undefined, out: "" },
    ];
    for (const c of descriptions)
        it(c.name, () => assert.equal(trimDescription(c.text, c.max), c.out));

    const schema: SchemaNode = {
        properties: {
            spec: {
                type: "object",
                required: ["a"],
                properties: {
                    a: {
                        type: "object",
                        description: "A.",
                        properties: {
                            b: { type: "object", properties: { c: { type: "string" } } },
                        },
                    },
                    list: {
                        type: "array",
                        items: { type: "object", properties: { name: { type: "string" } } },
                    },
                },
            },
        },
    };

    it("Rows stop at the depth, in key order, with list items as []", () => {
        assert.deepEqual(
            fieldRows(schema, "spec", { maxDepth: 2 }).map((r) => r.path),
            ["spec.a", "spec.a.b", "spec.list", "spec.list[].name"],
        );
    });

    it("Listed paths are expanded beyond the depth", () => {
        assert.deepEqual(
            fieldRows(schema, "spec", { maxDepth: 2, expand: ["spec.a.b"] }).map((r) => r.path),
            ["spec.a", "spec.a.b", "spec.a.b.c", "spec.list", "spec.list[].name"],
        );
    });

    it("Required fields are marked", () => {
        const table = fieldTable(fieldRows(schema, "spec", { maxDepth: 1 }));
        assert.equal(table[2], "| `spec.a` *(required)* | object | A. |");
    });

    it("A root the schema lacks gives no rows", () =>
        assert.deepEqual(fieldRows(schema, "objects", { maxDepth: 3 }), []));
});
