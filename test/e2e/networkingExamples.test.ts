/**
 * Upstream examples and our example program through the real pulumi CLI (simulated nmstate):
 * - every nmstate NodeNetworkConfigurationPolicy example (test/fixtures/upstream/examples/nmstate) is
 *   applied on its own, becomes Available, and re-previews clean; removing it leaves no interface
 *   it created on the nodes. They are applied one at a time because they configure the same
 *   NICs (eth1/eth2) in incompatible ways, as alternatives of one another.
 * - every NetworkAttachmentDefinition example (multus/, user-guide/nad-*) applies and re-previews
 *   clean.
 * - examples/host-network-bond-bridge runs: policy Available, NAD and a VM on the VLAN, clean
 *   re-preview, and destroy removes the host interfaces.
 * The NMState operator CR example is not a kind this provider manages and is skipped.
 */
import assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";
import { repoRoot } from "../../bed/processes";
import { examplesDir } from "../unit/validation/helpers";
import { changesIn, stepFor, TestStack, type ResourceDecl } from "./harness";
import { listNodeNetworkStates } from "../../sdk/network/nodeNetworkState";
import { removalTargets } from "../../provider/resources/nodeNetworkConfigurationPolicy/removal";

type Manifest = Record<string, any>;

const examples = examplesDir();

function docs(sub: string, pattern: RegExp, kind: string): Manifest[] {
    const dir = path.join(examples, sub);
    return fs
        .readdirSync(dir)
        .filter((f) => pattern.test(f))
        .sort()
        .flatMap((f) =>
            YAML.parseAllDocuments(fs.readFileSync(path.join(dir, f), "utf8")).map(
                (d) => d.toJS() as Manifest,
            ),
        )
        .filter((d) => d?.kind === kind);
}

/** An upstream manifest as a declared SDK resource (NADs go to "default"). */
function toDecl(m: Manifest): ResourceDecl {
    const metadata =
        m.kind === "NetworkAttachmentDefinition"
            ? { ...m.metadata, namespace: m.metadata.namespace ?? "default" }
            : m.metadata;
    return { type: m.kind, name: m.metadata.name, args: { metadata, spec: m.spec } };
}

async function expectNoChanges(s: TestStack): Promise<void> {
    const p = await s.previewJson();
    assert.deepEqual(
        changesIn(p),
        {},
        `second preview must show no changes: ${JSON.stringify(p.changeSummary)}`,
    );
}

async function interfaceNames(s: TestStack): Promise<Set<string>> {
    const all = await listNodeNetworkStates({ kubeconfig: s.kubeconfig });
    return new Set(all.flatMap((n) => n.interfaces.map((i) => `${n.node}/${i.name}`)));
}

describe("Upstream nmstate and Multus examples apply and re-preview clean", function () {
    this.timeout(600_000);
    let s: TestStack;

    before(async () => {
        s = await TestStack.create("e2e-networking-examples");
    });
    after(async () => {
        if (s) await s.destroy();
    });

    const policies = docs("nmstate", /\.yaml$/, "NodeNetworkConfigurationPolicy");
    it("finds the 7 upstream policies", () => assert.equal(policies.length, 7));

    for (const m of policies) {
        it(`${m.metadata.name}: Available on every node, clean re-preview, its interfaces removed on delete`, async () => {
            const t = Date.now();
            s.declare([toDecl(m)]);
            await s.up();
            const p = await s.kube.get({
                apiVersion: "nmstate.io/v1",
                kind: "NodeNetworkConfigurationPolicy",
                name: m.metadata.name,
            });
            assert.ok(
                ((p?.status as any)?.conditions ?? []).some(
                    (c: any) => c.type === "Available" && c.status === "True",
                ),
                JSON.stringify(p?.status),
            );
            await expectNoChanges(s);
            s.declare([]);
            await s.up();
            const left = await interfaceNames(s);
            for (const iface of removalTargets(m.spec.desiredState, undefined)) {
                assert.ok(
                    ![...left].some((k) => k.endsWith(`/${iface.name}`)),
                    `${iface.name} left on a node`,
                );
            }
            console.log(
                `      [timing] ${m.metadata.name}: ${((Date.now() - t) / 1000).toFixed(1)}s (up, preview, removal)`,
            );
        });
    }

    const nads = [
        ...docs("multus", /\.yaml$/, "NetworkAttachmentDefinition"),
        ...docs("user-guide", /^nad-.*\.yaml$/, "NetworkAttachmentDefinition"),
    ];
    it("every upstream NAD (3) applies and re-previews clean", async () => {
        assert.equal(nads.length, 3);
        s.declare(nads.map(toDecl));
        await s.up();
        for (const m of nads) {
            const live = await s.kube.get({
                apiVersion: "k8s.cni.cncf.io/v1",
                kind: "NetworkAttachmentDefinition",
                namespace: "default",
                name: m.metadata.name,
            });
            assert.equal((live?.spec as any)?.config, m.spec.config);
        }
        await expectNoChanges(s);
    });
});

describe("examples/host-network-bond-bridge", function () {
    this.timeout(600_000);
    let s: TestStack;

    before(async () => {
        s = await TestStack.create("e2e-networking-example");
        const main = path.join(
            repoRoot,
            "dist",
            "examples",
            "host-network-bond-bridge",
            "index.js",
        );
        fs.writeFileSync(
            path.join(s.dir, "index.js"),
            `module.exports = require(${JSON.stringify(main)});\n`,
        );
    });
    after(async () => {
        if (s) await s.destroy();
    });

    it("brings up the policy, the NAD and a VM on the VLAN; re-previews clean", async () => {
        const p = await s.previewJson();
        assert.equal(stepFor(p, "bond-bridge")?.op, "create");
        await s.up();
        const out = await s.outputs();
        assert.equal(out.policyState, "Available");
        assert.deepEqual(out.hostInterfaces, [
            "bond0 bond up",
            "br-vm linux-bridge up",
            "br-vm.300 vlan up",
        ]);
        assert.match(
            out.removalOnDestroy,
            /removes interfaces bond0 \(bond\), br-vm \(linux-bridge\), br-vm.300 \(vlan\)/,
        );
        assert.equal(out.vmStatus, "Running");
        await expectNoChanges(s);
    });

    it("a VLAN change previews the NAD as live, naming the CNI key", async () => {
        await s.must(["config", "set", "vlanId", "120"]);
        const text = await s.previewText();
        assert.match(text, /vlan 100→120/);
        await s.up();
        await expectNoChanges(s);
    });

    it("destroy removes the host interfaces from the nodes", async () => {
        const { kubeconfig } = s;
        await s.destroy();
        s = undefined as unknown as TestStack;
        const all = await listNodeNetworkStates({ kubeconfig });
        for (const n of all)
            assert.deepEqual(
                n.interfaces.filter((i) => ["bond0", "br-vm", "br-vm.300"].includes(i.name)),
                [],
                n.node,
            );
    });
});
