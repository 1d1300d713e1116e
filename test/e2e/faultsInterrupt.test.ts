/**
 * An interrupted CLI. Ctrl-C (SIGINT to `pulumi up`) while the provider waits for a VM, a
 * DataVolume import or a live migration: the provider hears the engine's Cancel and stops
 * waiting at once instead of after its 10-minute timeout, each waiting resource is recorded with
 * what it has (partial state), and the rerun converges. `kill -9` of the CLI: the provider
 * notices its parent is gone and exits (no process left writing to the cluster), and the rerun,
 * after clearing the pending operations, converges the same way.
 */
import assert from "node:assert/strict";
import { TestStack } from "./harness";
import {
    dv,
    expectConverged,
    expectNoChanges,
    ns,
    providerPids,
    stackState,
    startPulumi,
    until,
    vm,
} from "./faultsFixtures";
import { alive } from "../../bed/processes";

// Less than the provider's default create timeout (600 s): a run still waiting then was not cancelled.
const beforeProviderTimeout = 480_000;
const stuck = () => [
    dv("int-disk", { cloneOf: "int-src" }),
    vm("int-vm", { dataVolume: "int-disk", cloudInit: true }),
];
const fixed = () => [dv("int-src"), ...stuck()];
const waiting = (out: string, what: string) =>
    new RegExp(`\\[kubevirt\\] ${what}: .*waiting`, "i").test(out) ||
    new RegExp(`\\[kubevirt\\] ${what}: `).test(out);

describe("Faults: an interrupted pulumi CLI", function () {
    this.timeout(1_800_000);
    let s: TestStack;
    before(async () => {
        s = await TestStack.create("e2e-faults-interrupt");
    });
    after(async () => {
        if (s) await s.destroy();
    });

    it("Ctrl-C during a VM create and a DataVolume import stops the waits at once; the rerun converges", async () => {
        s.declare(stuck());
        const run = startPulumi(s, ["up", "--yes", "--skip-preview"]);
        await until(
            "both waits to start",
            () =>
                waiting(run.output(), "DataVolume default/int-disk") &&
                waiting(run.output(), "VirtualMachine default/int-vm"),
        );
        run.child.kill("SIGINT");
        const r = await Promise.race([
            run.exited,
            new Promise<undefined>((res) =>
                setTimeout(() => res(undefined), beforeProviderTimeout),
            ),
        ]);
        assert.ok(r, "pulumi up ended before the provider's timeout");
        console.log(
            r.stdout
                .split("\n")
                .filter((l) => /error|cancel/i.test(l))
                .slice(0, 12)
                .join("\n"),
        );
        assert.notEqual(r.code, 0);
        assert.match(
            r.stdout + r.stderr,
            /stopped waiting for DataVolume default\/int-disk .*cancelled/,
        );
        const st = await stackState(s);
        assert.deepEqual(st.pending, [], "a cancelled run leaves no pending operations");
        assert.deepEqual(
            st.names.sort(),
            ["int-disk", "int-vm"],
            "both recorded with what they have (partial state)",
        );
        s.declare(fixed());
        await s.up();
        await expectConverged(s, "int-", fixed());
        await expectNoChanges(s);
    });

    it("Ctrl-C during a live migration stops the wait; the migration finishes and the rerun converges", async () => {
        s.declare([...fixed(), vm("int-mig")]);
        await s.up();
        const vmi = {
            apiVersion: "kubevirt.io/v1",
            kind: "VirtualMachineInstance",
            name: "int-mig",
            namespace: ns,
        };
        await s.kube.mergePatch(vmi, {
            metadata: { annotations: { "sim.pulumi-kubevirt.io/hold-migration": "true" } },
        });
        s.declare([...fixed(), vm("int-mig", { sockets: 2 })]);
        const run = startPulumi(s, ["up", "--yes", "--skip-preview"]);
        await until("a migration of int-mig to run", async () =>
            (await s.kube.list("kubevirt.io/v1", "VirtualMachineInstanceMigration", ns)).some(
                (m) =>
                    m.metadata.labels?.["kubevirt.io/vmi-name"] === "int-mig" &&
                    (m.status as any)?.phase === "Running",
            ),
        );
        run.child.kill("SIGINT");
        const r = await Promise.race([
            run.exited,
            new Promise<undefined>((res) =>
                setTimeout(() => res(undefined), beforeProviderTimeout),
            ),
        ]);
        assert.ok(r, "pulumi up ended before the provider's timeout");
        console.log(
            r.stdout
                .split("\n")
                .filter((l) => /error|cancel/i.test(l))
                .slice(0, 12)
                .join("\n"),
        );
        assert.notEqual(r.code, 0);
        assert.match(r.stdout + r.stderr, /stopped waiting for .*int-mig.*cancelled/);
        await s.kube.mergePatch(vmi, {
            metadata: { annotations: { "sim.pulumi-kubevirt.io/hold-migration": null } },
        });
        await s.up();
        const live = await s.kube.get(vmi);
        assert.equal((live?.spec as any)?.domain?.cpu?.sockets, 2, "the VMI runs with 2 sockets");
        await expectConverged(s, "int-", [...fixed(), vm("int-mig")]);
        await expectNoChanges(s);
    });

    it("kill -9 of the CLI: the provider exits by itself; after clearing pending operations the rerun converges", async () => {
        s.declare([
            ...fixed(),
            vm("int-mig", { sockets: 2 }),
            dv("int-disk2", { cloneOf: "int-src2" }),
            vm("int-vm2", { dataVolume: "int-disk2" }),
        ]);
        const run = startPulumi(s, ["up", "--yes", "--skip-preview"]);
        await until(
            "the waits to start",
            () =>
                waiting(run.output(), "VirtualMachine default/int-vm2") &&
                providerPids(run.child.pid!).length > 0,
        );
        const providers = providerPids(run.child.pid!);
        run.child.kill("SIGKILL");
        await run.exited;
        await until(
            "the orphaned provider to exit",
            () => providers.every((p) => !alive(p)),
            120_000,
        );
        const st = await stackState(s);
        const pending = st.pending as { type: string; resource: { urn: string } }[];
        console.log(
            `      pending operations after kill -9: ${pending.map((p) => `${p.type} ${p.resource.urn.split("::").pop()}`).join(", ")}`,
        );
        assert.ok(pending.length > 0, "kill -9 leaves the in-flight creates pending");
        const again = await s.pulumi(["up", "--yes", "--skip-preview"]);
        assert.notEqual(again.code, 0, "the killed run left the stack locked");
        assert.match(again.stdout + again.stderr, /locked by 1 lock.*pulumi cancel/s);
        await s.must(["cancel", "--yes"]);
        await s.must(["refresh", "--yes", "--clear-pending-creates"]);
        const decls = [
            ...fixed(),
            vm("int-mig", { sockets: 2 }),
            dv("int-src2"),
            dv("int-disk2", { cloneOf: "int-src2" }),
            vm("int-vm2", { dataVolume: "int-disk2" }),
        ];
        s.declare(decls);
        await s.up();
        await expectConverged(s, "int-", decls);
        await expectNoChanges(s);
    });
});
