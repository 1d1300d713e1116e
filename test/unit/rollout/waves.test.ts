import assert from "node:assert/strict";
import { describeWaves, planWaves, type RolloutMember } from "../../../provider/rollout/waves";

const many = (n: number, m: Omit<RolloutMember, "name">): RolloutMember[] =>
    Array.from({ length: n }, (_, i) => ({ name: `vm-${i}`, ...m }));
const web = { group: "web", maxUnavailable: 3 };

describe("rollout waves as preview and the report state them", () => {
    const cases: { name: string; members: RolloutMember[]; want: string[] }[] = [
        {
            name: "12 restarts, 3 at a time",
            members: many(12, { rollout: web, disruption: "restart" }),
            want: ["rollout group 'web': 12 VMs restart in 4 waves of 3"],
        },
        {
            name: "a last, smaller wave still counts",
            members: many(7, { rollout: web, disruption: "restart" }),
            want: ["rollout group 'web': 7 VMs restart in 3 waves of 3"],
        },
        {
            name: "fewer restarts than the budget go at once",
            members: many(2, { rollout: web, disruption: "restart" }),
            want: ["rollout group 'web': 2 VMs restart at once"],
        },
        {
            name: "default budget is one VM at a time",
            members: many(3, { rollout: { group: "db" }, disruption: "restart" }),
            want: ["rollout group 'db': 3 VMs restart in 3 waves of 1"],
        },
        {
            name: "migrations are paced by KubeVirt's cluster limit when the group sets none",
            members: many(40, { rollout: web, disruption: "migrate" }),
            want: ["rollout group 'web': 40 migrations, 5 at a time by cluster limit"],
        },
        {
            name: "a group budget below the cluster limit paces migrations",
            members: many(10, {
                rollout: { group: "web", maxMigrating: 2 },
                disruption: "migrate",
            }),
            want: ["rollout group 'web': 10 migrations, 2 at a time by group limit"],
        },
        {
            name: "restarts and migrations in one group",
            members: [
                ...many(12, { rollout: web, disruption: "restart" }),
                ...many(40, { rollout: web, disruption: "migrate" }),
            ],
            want: [
                "rollout group 'web': 12 VMs restart in 4 waves of 3; 40 migrations, 5 at a time by cluster limit",
            ],
        },
        {
            name: "VMs outside any group restart at once",
            members: many(4, { disruption: "restart" }),
            want: ["no rollout group: 4 VMs restart at once"],
        },
        { name: "undisrupted VMs are left out", members: many(4, { rollout: web }), want: [] },
        {
            name: "members that disagree: the smallest budget wins",
            members: [
                { name: "a", rollout: { group: "g", maxUnavailable: 4 }, disruption: "restart" },
                ...many(5, { rollout: { group: "g", maxUnavailable: 2 }, disruption: "restart" }),
            ],
            want: ["rollout group 'g': 6 VMs restart in 3 waves of 2"],
        },
    ];
    for (const c of cases)
        it(c.name, () => assert.deepEqual(planWaves(c.members).map(describeWaves), c.want));
});
