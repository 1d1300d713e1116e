import assert from "node:assert/strict";
import {
    checkMetadata,
    keyPath,
    labelValueProblem,
    qualifiedNameProblem,
} from "../../../provider/validation/rules/metadata";
import { Case, Manifest, runCases } from "./helpers";

const base: Manifest = {
    metadata: {
        name: "x",
        labels: { app: "web", "app.kubernetes.io/name": "web" },
        annotations: { "example.com/note": "any text at all" },
    },
};

const cases: Case[] = [
    { name: "base is valid", modify: () => {} },
    {
        name: "empty label value is valid",
        modify: (m) => {
            m.metadata.labels.app = "";
        },
    },
    {
        name: "label value longer than 63",
        modify: (m) => {
            m.metadata.labels.app = "a".repeat(64);
        },
        expect: {
            property: "metadata.labels.app",
            reason: "is 64 characters; a label value has at most 63",
        },
    },
    {
        name: "label value with a space",
        modify: (m) => {
            m.metadata.labels.app = "my app";
        },
        expect: { property: "metadata.labels.app", reason: "not a valid label value" },
    },
    {
        name: "label key with a bad prefix (quoted path)",
        modify: (m) => {
            m.metadata.labels = { "Example.COM/x": "y" };
        },
        expect: {
            property: `metadata.labels["Example.COM/x"]`,
            reason: "prefix must be a DNS subdomain",
        },
    },
    {
        name: "annotation key with a space; values are free text",
        modify: (m) => {
            m.metadata.annotations = { "my note": "a".repeat(100) };
        },
        expect: {
            property: `metadata.annotations["my note"]`,
            reason: "not a valid annotations key",
        },
    },
];

describe("validation: object metadata", () => {
    runCases(base, cases, checkMetadata);
    it("helpers", () => {
        assert.equal(qualifiedNameProblem("kubevirt.io/vm"), undefined);
        assert.match(qualifiedNameProblem(`${"a".repeat(64)}`) ?? "", /at most 63/);
        assert.equal(labelValueProblem("a.b_c-d"), undefined);
        assert.equal(keyPath("metadata.labels", "app"), "metadata.labels.app");
        assert.equal(keyPath("metadata.labels", "a/b"), `metadata.labels["a/b"]`);
    });
});
