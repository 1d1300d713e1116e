import assert from "node:assert/strict";
import { RolloutGate, RolloutHaltedError, type Release } from "../../../provider/rollout/gate";
import type { Disruption, RolloutSpec } from "../../../provider/rollout/types";

/** Lets queued promise callbacks run. */
const tick = () => new Promise((r) => setImmediate(r));

/** Starts `n` acquisitions and reports which were granted so far. */
function contend(gate: RolloutGate, spec: RolloutSpec, kind: Disruption, n: number) {
    const granted: Release[] = [];
    const refused: Error[] = [];
    for (let i = 0; i < n; i++)
        gate.acquire(spec, kind, `vm-${i}`).then(
            (r) => granted.push(r),
            (e: Error) => refused.push(e),
        );
    return { granted, refused };
}

describe("rollout gate", () => {
    const budgets: {
        name: string;
        spec: RolloutSpec;
        kind: Disruption;
        n: number;
        first: number;
    }[] = [
        {
            name: "maxUnavailable 3 lets 3 of 10 restarts start",
            spec: { group: "g", maxUnavailable: 3 },
            kind: "restart",
            n: 10,
            first: 3,
        },
        {
            name: "default restart budget is 1",
            spec: { group: "g" },
            kind: "restart",
            n: 4,
            first: 1,
        },
        {
            name: "maxMigrating 2 lets 2 of 5 migrations start",
            spec: { group: "g", maxMigrating: 2 },
            kind: "migrate",
            n: 5,
            first: 2,
        },
        {
            name: "no migration budget: all start (KubeVirt paces them)",
            spec: { group: "g" },
            kind: "migrate",
            n: 6,
            first: 6,
        },
    ];
    for (const c of budgets) {
        it(c.name, async () => {
            const { granted } = contend(new RolloutGate(), c.spec, c.kind, c.n);
            await tick();
            assert.equal(granted.length, c.first);
        });
    }

    it("a release lets the next waiter in, never exceeding the budget", async () => {
        const gate = new RolloutGate();
        const { granted } = contend(gate, { group: "g", maxUnavailable: 2 }, "restart", 5);
        await tick();
        for (let done = 0; done < 5; done++) {
            assert.ok(gate.active("g").restart <= 2);
            granted[done]();
            await tick();
        }
        assert.equal(granted.length, 5);
        assert.equal(gate.active("g").restart, 0);
    });

    it("restarts go in waves: a wave closes when its first VM is done, the next opens when all are", async () => {
        const gate = new RolloutGate();
        const said: string[] = [];
        const granted: Release[] = [];
        for (let i = 0; i < 7; i++)
            void gate
                .acquire({ group: "web", maxUnavailable: 3 }, "restart", `vm-${i}`, (m) =>
                    said.push(`vm-${i} ${m}`),
                )
                .then((r) => granted.push(r));
        await tick();
        assert.equal(granted.length, 3);
        granted[0]();
        await tick();
        assert.equal(granted.length, 3, "a closed wave takes no one in");
        granted[1]();
        granted[2]();
        await tick();
        assert.equal(granted.length, 6, "the next wave opens once the whole wave is back");
        assert.deepEqual(
            said
                .filter((m) => /restart wave/.test(m))
                .map((m) => m.replace(/ rollout group 'web':/, "")),
            [
                "vm-0 restart wave 1",
                "vm-1 restart wave 1",
                "vm-2 restart wave 1",
                "vm-3 restart wave 2",
                "vm-4 restart wave 2",
                "vm-5 restart wave 2",
            ],
        );
    });

    it("migrations roll: a finished one lets the next start at once", async () => {
        const gate = new RolloutGate();
        const { granted } = contend(gate, { group: "g", maxMigrating: 2 }, "migrate", 4);
        await tick();
        granted[0]();
        await tick();
        assert.equal(granted.length, 3);
    });

    it("restart and migration budgets are separate", async () => {
        const gate = new RolloutGate();
        const spec = { group: "g", maxUnavailable: 1, maxMigrating: 1 };
        const r = contend(gate, spec, "restart", 2);
        const m = contend(gate, spec, "migrate", 2);
        await tick();
        assert.deepEqual([r.granted.length, m.granted.length], [1, 1]);
    });

    it("a halt refuses queued and later VMs, naming the one that failed", async () => {
        const gate = new RolloutGate();
        const spec = { group: "web", maxUnavailable: 1 };
        const { granted, refused } = contend(gate, spec, "restart", 3);
        await tick();
        gate.halt("web", "VirtualMachine default/vm-0", new Error("timed out"));
        await tick();
        assert.equal(granted.length, 1);
        assert.equal(refused.length, 2);
        assert.ok(
            refused.every(
                (e) =>
                    e instanceof RolloutHaltedError &&
                    /stopped after VirtualMachine default\/vm-0 failed \(timed out\)/.test(
                        e.message,
                    ),
            ),
        );
        await assert.rejects(
            gate.acquire(spec, "restart", "vm-9"),
            /vm-9: not updated: rollout group 'web'/,
        );
    });

    it("a release called twice returns one permit", async () => {
        const gate = new RolloutGate();
        const { granted } = contend(gate, { group: "g", maxUnavailable: 1 }, "restart", 3);
        await tick();
        granted[0]();
        granted[0]();
        await tick();
        assert.equal(granted.length, 2, "the second call must not let a third VM in");
        assert.equal(gate.active("g").restart, 1);
    });
});
