/**
 * Another writer. A field the stack declares is changed by someone else (a `kubectl edit`-like
 * merge patch under another field manager) between two runs, and a controller keeps rewriting
 * one: a plain preview/up compare with the state and do not see it; after a refresh the preview
 * shows the drift and `up` restores the declared value (the provider applies with force, so the
 * user's value is never lost to a conflict); fields the stack does not declare stay the writer's.
 */
import assert from "node:assert/strict";
import { TestStack, type PreviewJson, type ResourceDecl } from "./harness";
import { ns, until, vm } from "./faultsFixtures";

const labelled = (team: string): ResourceDecl => {
    const d = vm("ow-vm", { runStrategy: "Halted" });
    (d.args as any).metadata.labels = { team };
    return d;
};
/** What a preview does to `name` besides refreshing it ("same" when it lists nothing else). */
const opFor = (p: PreviewJson, name: string): string =>
    p.steps.filter((st) => st.urn.endsWith(`::${name}`) && st.op !== "refresh").pop()?.op ?? "same";
const ref = { apiVersion: "kubevirt.io/v1", kind: "VirtualMachine", name: "ow-vm", namespace: ns };

describe("Faults: another writer changes what the stack declares", function () {
    this.timeout(900_000);
    let s: TestStack;
    const labels = async () => (await s.kube.get(ref))?.metadata.labels ?? {};
    const preview = async (refresh: boolean) =>
        JSON.parse(
            (await s.must(["preview", "--json", ...(refresh ? ["--refresh"] : [])])).stdout,
        ) as PreviewJson;
    before(async () => {
        s = await TestStack.create("e2e-faults-writers");
        s.declare([labelled("a")]);
        await s.up();
    });
    after(async () => {
        if (s) await s.destroy();
    });

    it("an edit by another field manager: refresh shows it, up restores it, the writer's own fields stay", async () => {
        await s.kube.mergePatch(
            ref,
            { metadata: { labels: { team: "b", "edited-by": "someone" } } },
            undefined,
            "kubectl-edit",
        );
        assert.equal(
            opFor(await preview(false), "ow-vm"),
            "same",
            "without refresh the drift is invisible (state still says team=a)",
        );
        const p = await preview(true);
        assert.equal(
            opFor(p, "ow-vm"),
            "update",
            `after refresh the drift shows: ${JSON.stringify(p.changeSummary)}`,
        );
        await s.must(["up", "--yes", "--skip-preview", "--refresh"]);
        assert.equal((await labels()).team, "a", "the declared value is back");
        assert.equal(
            (await labels())["edited-by"],
            "someone",
            "a field the stack does not declare stays the other writer's",
        );
        assert.equal(opFor(await preview(true), "ow-vm"), "same");
    });

    it("a controller rewriting a declared field: every refresh shows it again, never silently dropped", async () => {
        let stop = false;
        // A stand-in controller: whenever team is not "ctrl", it sets it back under its own manager.
        const controller = (async () => {
            while (!stop) {
                if ((await labels()).team !== "ctrl")
                    await s.kube
                        .mergePatch(
                            ref,
                            { metadata: { labels: { team: "ctrl" } } },
                            undefined,
                            "some-controller",
                        )
                        .catch(() => undefined);
                await new Promise((r) => setTimeout(r, 300));
            }
        })();
        try {
            await until("the controller to write", async () => (await labels()).team === "ctrl");
            const r = await s.must(["up", "--yes", "--skip-preview", "--refresh"]);
            assert.match(
                r.stdout,
                /ow-vm.*updated|updated.*ow-vm|1 updated/s,
                "up applied the declared value",
            );
            await until(
                "the controller to write again",
                async () => (await labels()).team === "ctrl",
            );
            assert.equal(
                opFor(await preview(true), "ow-vm"),
                "update",
                "the next refresh shows the fight again",
            );
        } finally {
            stop = true;
            await controller;
        }
        await s.must(["up", "--yes", "--skip-preview", "--refresh"]);
        assert.equal((await labels()).team, "a");
    });
});
