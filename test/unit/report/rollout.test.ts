import assert from "node:assert/strict";
import { buildReport } from "../../../provider/report/preview";
import { renderMarkdown } from "../../../provider/report/render";
import { renderText } from "../../../provider/report/renderText";
import { planned, step } from "./helpers";

const restart = planned("restart", [
    { path: "spec.template.spec.domain.devices.rng", impact: "restart", why: "w" },
]);
const migrate = planned("liveMigrate", [
    { path: "spec.template.spec.domain.cpu.sockets", impact: "liveMigrate", why: "w" },
]);
const web = { group: "web", maxUnavailable: 3 };

const vms = (n: number, plan: ReturnType<typeof planned>, inputs: Record<string, unknown>) =>
    Array.from({ length: n }, (_, i) =>
        step("update", `vm-${inputs.tag ?? "x"}-${i}`, { planned: plan, new: inputs }),
    );

describe("report: rollout waves", () => {
    const cases: {
        name: string;
        steps: ReturnType<typeof step>[];
        want: RegExp[];
        absent?: RegExp;
    }[] = [
        {
            name: "12 restarts under onChange in a group of 3 are 4 waves",
            steps: vms(12, restart, { restartPolicy: "onChange", rollout: web }),
            want: [/rollout group 'web': 12 VMs restart in 4 waves of 3/],
        },
        {
            name: "restarts and migrations of one group share a line",
            steps: [
                ...vms(12, restart, { restartPolicy: "onChange", rollout: web, tag: "r" }),
                ...vms(40, migrate, { rollout: web, tag: "m" }),
            ],
            want: [/12 VMs restart in 4 waves of 3; 40 migrations, 5 at a time by cluster limit/],
        },
        {
            name: "restarts left pending (restartPolicy never) are not waves",
            steps: [
                ...vms(3, restart, { rollout: web, tag: "r" }),
                ...vms(2, migrate, { rollout: web, tag: "m" }),
            ],
            want: [/rollout group 'web': 2 migrations at once/],
            absent: /restart in|restart at once/,
        },
        {
            name: "a stack with no groups gets no rollout section",
            steps: vms(4, migrate, {}),
            want: [],
            absent: /Rollout/,
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            const r = buildReport({ steps: c.steps });
            for (const text of [renderMarkdown(r), renderText(r)]) {
                for (const w of c.want) assert.match(text, w);
                if (c.absent) assert.doesNotMatch(text, c.absent);
            }
        });
    }
});
