/**
 * The no-read shortcut of planning: only a change to the declared VM or its cloud-init needs live
 * facts; anything else (timeouts, policies, outputs carried along) plans "none" without a request.
 */
import assert from "node:assert/strict";
import { declaresNoChange, planUpdate } from "../../../../provider/resources/virtualMachine/plan";
import { unknownValue, type OpContext } from "../../../../provider/kindProvider";

const base = () => ({
    metadata: { name: "vm", namespace: "default", labels: { a: "1" } },
    spec: { runStrategy: "Always", template: { spec: { domain: { cpu: { sockets: 1 } } } } },
    cloudInit: { userData: "#cloud-config" },
    timeouts: { create: 60 },
});

const cases: { name: string; change: (p: any) => void; same: boolean }[] = [
    { name: "identical inputs", change: () => undefined, same: true },
    { name: "only timeouts changed", change: (p) => (p.timeouts = { create: 120 }), same: true },
    {
        name: "only restartPolicy changed",
        change: (p) => (p.restartPolicy = "onChange"),
        same: true,
    },
    {
        name: "a spec field changed",
        change: (p) => (p.spec.template.spec.domain.cpu.sockets = 2),
        same: false,
    },
    { name: "a label changed", change: (p) => (p.metadata.labels.a = "2"), same: false },
    {
        name: "cloud-init changed",
        change: (p) => (p.cloudInit.userData = "#cloud-config\n# x"),
        same: false,
    },
    {
        name: "spec unknown in preview",
        change: (p) => (p.spec.template.spec.domain.cpu.sockets = unknownValue),
        same: false,
    },
];

describe("VirtualMachine plan: no change, no reads", () => {
    for (const c of cases) {
        it(c.name, () => {
            const news = base();
            c.change(news);
            assert.equal(declaresNoChange(base(), news), c.same);
        });
    }

    it("planUpdate answers 'none' without touching the cluster when nothing declared changed", async () => {
        const untouchable = new Proxy(
            {},
            {
                get: () => {
                    throw new Error("the cluster was read");
                },
            },
        );
        const ctx = {
            client: untouchable,
            config: {},
            say: () => undefined,
        } as unknown as OpContext;
        const news = { ...base(), timeouts: { create: 5 } };
        assert.equal((await planUpdate(ctx, base(), news)).impact, "none");
    });
});
