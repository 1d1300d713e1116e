import assert from "node:assert/strict";
import {
    absentDesiredState,
    nodeMatches,
    removalNote,
    removalTargets,
    unknownRemovalNames,
    type RemoveOnDelete,
} from "../../../../provider/resources/nodeNetworkConfigurationPolicy/removal";

const state = {
    interfaces: [
        { name: "bond0", type: "bond", state: "up" },
        { name: "br1", type: "linux-bridge", state: "up" },
        { name: "bond0.100", type: "vlan" },
        { name: "eth1", type: "ethernet", state: "up" },
        { name: "old-br", type: "linux-bridge", state: "absent" },
    ],
};

describe("NodeNetworkConfigurationPolicy removal on delete", () => {
    const cases: { name: string; opt: RemoveOnDelete; want: string[] }[] = [
        {
            name: "by default removes the interfaces the policy creates, not NICs or already-absent ones",
            opt: undefined,
            want: ["bond0", "br1", "bond0.100"],
        },
        { name: "true is the default", opt: true, want: ["bond0", "br1", "bond0.100"] },
        { name: "false removes nothing (upstream behaviour)", opt: false, want: [] },
        {
            name: "a list removes exactly those, NICs included",
            opt: ["br1", "eth1"],
            want: ["br1", "eth1"],
        },
    ];
    for (const c of cases)
        it(c.name, () =>
            assert.deepEqual(
                removalTargets(state, c.opt).map((t) => t.name),
                c.want,
            ),
        );

    it("the removal state marks only the targets absent, keeping their types", () =>
        assert.deepEqual(absentDesiredState(removalTargets(state, ["br1"])), {
            interfaces: [{ name: "br1", type: "linux-bridge", state: "absent" }],
        }));

    it("names in removeOnDelete must be declared", () =>
        assert.deepEqual(unknownRemovalNames(state, ["br1", "br9"]), ["br9"]));

    describe("nodeMatches (nodeSelector equality)", () => {
        const cases: {
            name: string;
            labels?: Record<string, string>;
            sel?: Record<string, string>;
            want: boolean;
        }[] = [
            { name: "an empty selector matches every node", labels: { a: "1" }, want: true },
            {
                name: "all keys must match",
                labels: { a: "1", b: "2" },
                sel: { a: "1", b: "2" },
                want: true,
            },
            {
                name: "a different value does not match",
                labels: { a: "1" },
                sel: { a: "2" },
                want: false,
            },
            {
                name: "an empty-valued role label matches",
                labels: { "node-role.kubernetes.io/worker": "" },
                sel: { "node-role.kubernetes.io/worker": "" },
                want: true,
            },
        ];
        for (const c of cases) it(c.name, () => assert.equal(nodeMatches(c.labels, c.sel), c.want));
    });

    describe("removalNote", () => {
        const targets = removalTargets(state, undefined);
        const cases: { name: string; note: () => string; want: RegExp }[] = [
            {
                name: "names interfaces and nodes",
                note: () => removalNote(targets, {}, ["node-a", "node-b"]),
                want: /removes interfaces bond0 \(bond\), br1 \(linux-bridge\), bond0.100 \(vlan\) from nodes node-a, node-b/,
            },
            {
                name: "falls back to the selector",
                note: () => removalNote(targets, { zone: "a" }),
                want: /from nodes matching zone=a/,
            },
            {
                name: "says all nodes without selector",
                note: () => removalNote(targets, undefined),
                want: /from all nodes/,
            },
            {
                name: "says when nothing is removed",
                note: () => removalNote([], undefined),
                want: /nothing is removed/,
            },
        ];
        for (const c of cases) it(c.name, () => assert.match(c.note(), c.want));
    });
});
