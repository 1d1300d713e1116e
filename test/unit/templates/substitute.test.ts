import assert from "node:assert/strict";
import {
    hasParameterReference,
    referencedParameters,
    substituteValue,
} from "../../../provider/templates/substitute";

const values = {
    NAME: "vm-1",
    A: "x",
    B: "y",
    COUNT: "5",
    FLAG: "true",
    OBJ: '{"k":[1,2]}',
    TEXT: "not json",
    NESTED: "${A}",
};

describe("templates: substitution", () => {
    const cases: { name: string; input: unknown; expect: unknown }[] = [
        { name: "${X} is replaced inside a string", input: "name-${NAME}", expect: "name-vm-1" },
        {
            name: "several ${X} with prefix and suffix are all replaced",
            input: "FOO_${A}_${B}_BAR",
            expect: "FOO_x_y_BAR",
        },
        { name: "the same reference twice is replaced twice", input: "${A}${A}", expect: "xx" },
        {
            name: "a reference to an undefined parameter is left as written",
            input: "${MISSING}-${A}",
            expect: "${MISSING}-x",
        },
        {
            name: "${{X}} as the whole string is JSON-decoded to a number",
            input: "${{COUNT}}",
            expect: 5,
        },
        { name: "${{X}} decodes booleans", input: "${{FLAG}}", expect: true },
        { name: "${{X}} decodes objects and arrays", input: "${{OBJ}}", expect: { k: [1, 2] } },
        {
            name: "${{X}} falls back to a string when the value is not JSON",
            input: "${{TEXT}}",
            expect: "not json",
        },
        {
            name: "${{X}} inside a longer string is not substituted",
            input: "n=${{COUNT}}",
            expect: "n=${{COUNT}}",
        },
        {
            name: "${{X}} of an undefined parameter is left as written",
            input: "${{MISSING}}",
            expect: "${{MISSING}}",
        },
        { name: "a substituted value is not expanded again", input: "${NESTED}", expect: "${A}" },
        {
            name: "map keys are substituted",
            input: { "${A}-key": "${B}" },
            expect: { "x-key": "y" },
        },
        {
            name: "map keys with ${{X}} become the plain value",
            input: { "${{COUNT}}": 1 },
            expect: { "5": 1 },
        },
        {
            name: "nested lists and objects are walked",
            input: { l: [{ n: "${NAME}" }, "${{COUNT}}"] },
            expect: { l: [{ n: "vm-1" }, 5] },
        },
        {
            name: "non-strings are left alone",
            input: { n: 3, b: false, z: null },
            expect: { n: 3, b: false, z: null },
        },
        {
            name: "lowercase and underscore names are valid references",
            input: "${a_b}",
            expect: "${a_b}",
        },
    ];
    for (const c of cases)
        it(c.name, () => assert.deepEqual(substituteValue(c.input, values), c.expect));

    it("referencedParameters finds ${X} and ${{X}} in values and keys", () => {
        const refs = referencedParameters({ "${K}": ["${A}-${B}", "${{C}}"], x: 1 });
        assert.deepEqual([...refs].sort(), ["A", "B", "C", "K"]);
    });

    const nsCases: { name: string; ns: string; expect: boolean }[] = [
        { name: "a namespace with ${X} has a reference", ns: "${NS}", expect: true },
        {
            name: "a namespace with ${X} inside text has a reference",
            ns: "team-${NS}",
            expect: true,
        },
        { name: "a hardcoded namespace has none", ns: "openshift", expect: false },
        {
            name: "${{X}} does not count as a namespace reference (upstream regex)",
            ns: "${{NS}}",
            expect: false,
        },
    ];
    for (const c of nsCases) it(c.name, () => assert.equal(hasParameterReference(c.ns), c.expect));
});
