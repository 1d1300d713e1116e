/** How the conformance suite reads KubeVirt's behaviour and pulumi's errors (pure parts). */
import assert from "node:assert/strict";
import { agrees, classify, type Snapshot } from "../../e2e/conformance/observe";
import { upErrors } from "../../e2e/conformance/fixtures";

const snap = (s: Partial<Snapshot> = {}): Snapshot => ({
    vmUid: "vm1",
    vmiUid: "vmi1",
    node: "node-a",
    vmiSpec: "{}",
    vmiMeta: "{}",
    migrations: [],
    ...s,
});

describe("conformance: classifying what KubeVirt did", () => {
    const cases: {
        name: string;
        after: Partial<Snapshot>;
        before?: Partial<Snapshot>;
        err?: string;
        want: string;
    }[] = [
        {
            name: "an admission error is a rejection",
            after: {},
            err: "admission webhook denied",
            want: "rejected",
        },
        { name: "a new VM uid is a replacement", after: { vmUid: "vm2" }, want: "replace" },
        {
            name: "RestartRequired appearing is a restart",
            after: { restartRequired: "a non-live-updatable field was changed" },
            want: "restart",
        },
        { name: "a new VMI uid is a restart", after: { vmiUid: "vmi2" }, want: "restart" },
        {
            name: "a new migration is a live migration",
            after: { migrations: ["kubevirt-workload-update-x:Succeeded"], node: "node-b" },
            want: "liveMigrate",
        },
        {
            name: "an old migration is not counted again",
            before: { migrations: ["m1:Succeeded"] },
            after: { migrations: ["m1:Succeeded"] },
            want: "none",
        },
        {
            name: "a VMI spec change in place is live",
            after: { vmiSpec: '{"nodeSelector":{}}' },
            want: "live",
        },
        {
            name: "a stop is live (the declared state is applied)",
            after: { vmiUid: undefined, vmiSpec: undefined },
            want: "live",
        },
        { name: "nothing touched is none", after: {}, want: "none" },
    ];
    for (const c of cases) {
        it(c.name, () =>
            assert.equal(classify(snap(c.before), snap(c.after), c.err).observed, c.want),
        );
    }

    it("metadata plans agree with an untouched VMI; other classes must match exactly", () => {
        assert.ok(agrees("metadata", "none"));
        assert.ok(agrees("liveMigrate", "liveMigrate"));
        assert.ok(!agrees("live", "liveMigrate"));
        assert.ok(!agrees("restart", "rejected"));
    });

    it("reads per-resource errors from pulumi up output", () => {
        const out =
            'Diagnostics:\n  kubevirt:index:VirtualMachine (c-one):\n    error: admission webhook "x" denied the request: nope\n\n  pulumi:pulumi:Stack (p-dev):\n    error: update failed\n';
        assert.deepEqual(
            [...upErrors(out)],
            [
                ["c-one", 'admission webhook "x" denied the request: nope'],
                ["p-dev", "update failed"],
            ],
        );
    });
});
