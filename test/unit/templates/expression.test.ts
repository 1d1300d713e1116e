import assert from "node:assert/strict";
import {
    alphabetOf,
    expressionProblem,
    expressionToRegExp,
    generateFromExpression,
} from "../../../provider/templates/expression";

/** A random source that walks 0,1,2,… so outputs are predictable. */
function counter(): (n: number) => number {
    let i = 0;
    return (n) => i++ % n;
}

describe("templates: expression generator", () => {
    const alphabets: { name: string; ranges: string; alphabet: string }[] = [
        {
            name: "a-z is the lowercase letters",
            ranges: "a-z",
            alphabet: "abcdefghijklmnopqrstuvwxyz",
        },
        {
            name: "A-Z is the uppercase letters",
            ranges: "A-Z",
            alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        },
        { name: "0-9 is the digits", ranges: "0-9", alphabet: "0123456789" },
        {
            name: "a-zA-Z0-9 is sorted and merged",
            ranges: "a-zA-Z0-9",
            alphabet: "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
        },
        { name: "A-F0-9 is the hex digits", ranges: "A-F0-9", alphabet: "0123456789ABCDEF" },
        {
            name: "\\w is word characters with underscore",
            ranges: "\\w",
            alphabet: "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz",
        },
        { name: "\\d is the digits", ranges: "\\d", alphabet: "0123456789" },
        {
            name: "\\a is alphanumerics",
            ranges: "\\a",
            alphabet: "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
        },
        {
            name: "\\A is the ASCII symbols",
            ranges: "\\A",
            alphabet: "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
        },
        {
            name: "a range may cross classes in a-z, A-Z, 0-9 order",
            ranges: "x-B",
            alphabet: "ABxyz",
        },
        {
            name: "plain letters and digits stand for themselves",
            ranges: "abc123",
            alphabet: "123abc",
        },
        { name: "duplicates are removed", ranges: "aabbcc", alphabet: "abc" },
        { name: "a lone dash is ignored", ranges: "a-c-", alphabet: "abc" },
        { name: "classes mix with ranges", ranges: "a-f\\d", alphabet: "0123456789abcdef" },
    ];
    for (const c of alphabets) it(c.name, () => assert.equal(alphabetOf(c.ranges), c.alphabet));

    const values: { name: string; from: string; expect: string }[] = [
        { name: "text around expressions is kept", from: "fedora-[a-c]{4}", expect: "fedora-abca" },
        {
            name: "several expressions are each replaced",
            from: "[a-z]{2}-[0-9]{3}",
            expect: "ab-234",
        },
        { name: "a from without expressions is returned as is", from: "plain", expect: "plain" },
        { name: "an unterminated bracket is literal text", from: "[invalid", expect: "[invalid" },
        { name: "a single-character alphabet repeats it", from: "[a]{5}", expect: "aaaaa" },
    ];
    for (const c of values)
        it(c.name, () => assert.equal(generateFromExpression(c.from, counter()), c.expect));

    const errors: { name: string; from: string; message: RegExp }[] = [
        {
            name: "a length of 0 is rejected",
            from: "[a-z]{0}",
            message: /range must be within \[1-255\] characters: 0/,
        },
        {
            name: "a length over 255 is rejected",
            from: "[a-z]{256}",
            message: /range must be within \[1-255\] characters: 256/,
        },
        {
            name: "a non-numeric length is rejected",
            from: "[a-z]{abc}",
            message: /malformed length syntax/,
        },
        {
            name: "a reversed range is rejected",
            from: "[z-a]{3}",
            message: /invalid range specified: z-a/,
        },
        {
            name: "an unknown class is rejected",
            from: "[\\q]{3}",
            message: /unknown character class \\q/,
        },
    ];
    for (const c of errors)
        it(c.name, () => assert.throws(() => generateFromExpression(c.from, counter()), c.message));

    it("the maximum length of 255 works", () =>
        assert.equal(generateFromExpression("[a-z]{255}").length, 255));

    it("generated values match the expression's RegExp (1000 crypto-random samples)", () => {
        for (const from of [
            "rhel9-[a-z0-9]{16}",
            "[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}",
            "x[\\A]{8}y",
            "[\\w]{10}",
        ]) {
            const re = expressionToRegExp(from);
            for (let i = 0; i < 250; i++) {
                const v = generateFromExpression(from);
                assert.match(v, re, `${from} → ${v}`);
            }
        }
    });

    it("the RegExp rejects values of the wrong shape", () => {
        const re = expressionToRegExp("fedora-[a-z0-9]{16}");
        assert.doesNotMatch("fedora-ABCDEFGHIJKLMNOP", re);
        assert.doesNotMatch("fedora-abc", re);
        assert.match("fedora-0123456789abcdef", re);
    });

    it("expressionProblem explains a bad expression and accepts a good one", () => {
        assert.equal(expressionProblem("[a-z]{8}"), undefined);
        assert.match(expressionProblem("[a-z]{0}") ?? "", /range must be within/);
    });
});
