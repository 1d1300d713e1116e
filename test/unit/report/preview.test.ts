import assert from "node:assert/strict";
import {
    buildReport,
    collapseOps,
    parsePreview,
    ReportInputError,
    splitUrn,
} from "../../../provider/report/preview";
import { fixture, fixtureText, planned, step } from "./helpers";

describe("report: reading a real preview", () => {
    it("A PR-like VM change names each VM with its impact, riskiest first", () => {
        const r = buildReport(fixture("vmChanges.preview.json"));
        assert.deepEqual(
            r.changes.map((c) => [c.name, c.impact]),
            [
                ["vm-b", "restart"],
                ["vm-a", "liveMigrate"],
                ["vm-c", "metadata"],
                ["vm-d", "metadata"],
            ],
        );
        assert.deepEqual(
            r.created.map((c) => c.name),
            ["vm-f"],
        );
        assert.deepEqual(
            r.deleted.map((c) => c.name),
            ["vm-e"],
        );
        assert.deepEqual(r.totals, {
            none: 0,
            metadata: 2,
            live: 0,
            liveMigrate: 1,
            restart: 1,
            replace: 0,
        });
    });

    it("Each VM keeps the fields that decide its impact and its restartPolicy", () => {
        const r = buildReport(fixture("vmChanges.preview.json"));
        const b = r.changes.find((c) => c.name === "vm-b")!;
        assert.equal(b.reasons[0]?.path, "spec.template.spec.domain.cpu.cores");
        assert.equal(b.restartPolicy, "never");
        assert.equal(b.ref, "default/vm-b");
        const a = r.changes.find((c) => c.name === "vm-a")!;
        assert.match(a.reasons[0]?.why ?? "", /cpu\.sockets 2→4/);
    });

    it("A rename is a replace with data loss even though plannedImpact says none", () => {
        const r = buildReport(fixture("vmRename.preview.json"));
        const b = r.changes.find((c) => c.name === "vm-b")!;
        assert.equal(b.op, "replace");
        assert.equal(b.impact, "replace");
        assert.equal(b.ref, "default/vm-b → default/vm-b2");
        assert.match(b.reasons[0]?.why ?? "", /metadata\.name vm-b→vm-b2/);
    });

    it("An update that only changes provider settings has no runtime effect and says which setting", () => {
        const r = buildReport(fixture("vmRename.preview.json"));
        const a = r.changes.find((c) => c.name === "vm-a")!;
        assert.equal(a.impact, "none");
        assert.match(a.summary, /restartPolicy never→onChange/);
    });

    it("Generic kinds are reported too", () => {
        const r = buildReport(fixture("nadChanges.preview.json"));
        assert.deepEqual(
            r.changes.map((c) => [c.kind, c.name, c.impact]),
            [
                ["NetworkAttachmentDefinition", "n2", "replace"],
                ["NetworkAttachmentDefinition", "n1", "live"],
                ["NetworkAttachmentDefinition", "n3", "metadata"],
            ],
        );
    });
});

describe("report: edge cases of the preview", () => {
    const cases: {
        name: string;
        steps: ReturnType<typeof step>[];
        expect: (r: ReturnType<typeof buildReport>) => void;
    }[] = [
        {
            name: "An update without plannedImpact is assumed to restart",
            steps: [step("update", "vm-x")],
            expect: (r) => assert.equal(r.changes[0]?.impact, "restart"),
        },
        {
            name: "A plannedImpact that is not an impact (e.g. unknown in preview) is treated as missing",
            steps: [step("update", "vm-x", { planned: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" })],
            expect: (r) => assert.equal(r.changes[0]?.impact, "restart"),
        },
        {
            name: "The engine's replacement steps for one resource collapse into one replace",
            steps: [
                step("create-replacement", "vm-x", { replaceReasons: ["metadata"] }),
                step("replace", "vm-x"),
                step("delete-replaced", "vm-x"),
            ],
            expect: (r) =>
                assert.deepEqual(
                    r.changes.map((c) => [c.name, c.op, c.impact]),
                    [["vm-x", "replace", "replace"]],
                ),
        },
        {
            name: "A replace keeps the provider's own replace reasons when it has them",
            steps: [
                step("replace", "dv", {
                    kind: "DataVolume",
                    planned: planned("replace", [
                        { path: "spec.source", impact: "replace", why: "immutable" },
                    ]),
                }),
            ],
            expect: (r) =>
                assert.deepEqual(
                    r.changes[0]?.reasons.map((x) => x.why),
                    ["immutable"],
                ),
        },
        {
            name: "Resources of other providers are counted, not analysed",
            steps: [
                step("update", "pet", { kind: "Other" }),
                step("same", "pet2", { kind: "Other" }),
                step("update", "vm-x", { planned: planned("live") }),
            ],
            expect: (r) => {
                assert.equal(r.otherChanges, 1);
                assert.deepEqual(
                    r.changes.map((c) => c.name),
                    ["vm-x"],
                );
            },
        },
        {
            name: "Unchanged resources count as none and sort last",
            steps: [step("same", "vm-a"), step("update", "vm-b", { planned: planned("live") })],
            expect: (r) => {
                assert.deepEqual(
                    r.changes.map((c) => c.name),
                    ["vm-b", "vm-a"],
                );
                assert.equal(r.totals.none, 1);
            },
        },
    ];
    for (const c of cases) it(c.name, () => c.expect(buildReport({ steps: c.steps })));

    it("Error diagnostics of the preview are kept, with the resource name", () => {
        const r = buildReport({
            steps: [],
            diagnostics: [
                {
                    severity: "error",
                    message: "boom\n",
                    urn: "urn:pulumi:dev::p::pulumi-nodejs:dynamic/kubevirt:VirtualMachine::vm-a",
                },
                { severity: "warning", message: "ignored" },
            ],
        });
        assert.deepEqual(r.errors, ["vm-a: boom"]);
    });
});

describe("report: preview helpers", () => {
    const ops: { ops: string[]; op: string }[] = [
        { ops: ["same"], op: "same" },
        { ops: ["update"], op: "update" },
        { ops: ["create"], op: "create" },
        { ops: ["import"], op: "create" },
        { ops: ["delete"], op: "delete" },
        { ops: ["replace"], op: "replace" },
        { ops: ["create-replacement", "replace", "delete-replaced"], op: "replace" },
        { ops: ["read"], op: "same" },
    ];
    for (const c of ops)
        it(`Ops ${c.ops.join("+")} collapse to ${c.op}`, () =>
            assert.equal(collapseOps(c.ops), c.op));

    it("A URN splits into type and name, also under a parent", () => {
        assert.deepEqual(
            splitUrn(
                "urn:pulumi:dev::p::a:b:Parent$pulumi-nodejs:dynamic/kubevirt:VirtualMachine::vm-1",
            ),
            {
                type: "pulumi-nodejs:dynamic/kubevirt:VirtualMachine",
                name: "vm-1",
            },
        );
    });

    const bad: { name: string; text: string; message: RegExp }[] = [
        {
            name: "Empty input is rejected with a hint",
            text: "  ",
            message: /is empty; expected the output of `pulumi preview --json`/,
        },
        {
            name: "Invalid JSON is rejected with a hint",
            text: "{oops",
            message: /is not valid JSON .*pulumi preview --json/,
        },
        { name: "JSON without steps is rejected", text: '{"a":1}', message: /has no 'steps' list/ },
        {
            name: "A step without op and urn is rejected",
            text: '{"steps":[{"op":"same"}]}',
            message: /steps\[0\] has no 'op' and 'urn'/,
        },
    ];
    for (const c of bad) {
        it(c.name, () =>
            assert.throws(
                () => parsePreview(c.text, "preview.json"),
                (e: Error) => e instanceof ReportInputError && c.message.test(e.message),
            ),
        );
    }

    it("A real preview parses", () =>
        assert.ok(parsePreview(fixtureText("vmChanges.preview.json"), "f").steps.length > 0));
});
