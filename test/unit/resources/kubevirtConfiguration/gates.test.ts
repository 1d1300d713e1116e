import assert from "node:assert/strict";
import {
    nextGates,
    releasedGates,
} from "../../../../provider/resources/kubevirtConfiguration/gates";

describe("KubeVirtConfiguration feature gates (an atomic list owned gate by gate)", () => {
    const cases: {
        name: string;
        live: string[];
        declared: string[];
        added: string[];
        list: string[];
        nowAdded: string[];
    }[] = [
        {
            name: "a new gate is appended to the cluster's and counted as ours",
            live: ["A"],
            declared: ["B"],
            added: [],
            list: ["A", "B"],
            nowAdded: ["B"],
        },
        {
            name: "a gate the cluster already has is declared but not ours",
            live: ["A"],
            declared: ["A"],
            added: [],
            list: ["A"],
            nowAdded: [],
        },
        {
            name: "a gate we added and no longer declare is removed",
            live: ["A", "B"],
            declared: [],
            added: ["B"],
            list: ["A"],
            nowAdded: [],
        },
        {
            name: "a gate others set stays when we stop declaring it",
            live: ["A", "B"],
            declared: [],
            added: [],
            list: ["A", "B"],
            nowAdded: [],
        },
        {
            name: "a gate of ours someone removed is put back and stays ours",
            live: ["A"],
            declared: ["B"],
            added: ["B"],
            list: ["A", "B"],
            nowAdded: ["B"],
        },
    ];
    for (const c of cases)
        it(c.name, () =>
            assert.deepEqual(nextGates(c.live, c.declared, c.added), {
                list: c.list,
                added: c.nowAdded,
            }),
        );

    const released: [string, string[], string[], string[]][] = [
        ["releasing keeps the gates others set", ["A", "B"], ["B"], ["A"]],
        ["releasing with nothing added keeps the list", ["A", "B"], [], ["A", "B"]],
        ["releasing the only gates leaves none", ["B"], ["B"], []],
    ];
    for (const [name, live, added, want] of released)
        it(name, () => assert.deepEqual(releasedGates(live, added), want));
});
