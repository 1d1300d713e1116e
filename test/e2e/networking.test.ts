/**
 * Host networking through the real pulumi CLI against the local cluster (simulated nmstate):
 * a bond + VLAN-filtering bridge + VLAN policy comes up Available on every node, a NAD on the
 * bridge validates and previews its changes per CNI key, a degraded policy fails with the failing
 * node's reason and a fixed rerun recovers, and removing the policy first removes its interfaces
 * from the nodes (checked in NodeNetworkState). Every step ends with a preview showing no changes.
 */
import assert from "node:assert/strict";
import { changesIn, stepFor, TestStack, type ResourceDecl } from "./harness";
import {
    bond,
    desiredState,
    dhcp4,
    linuxBridge,
    noIp,
    trunk,
    vlan,
} from "../../sdk/network/nmstate";
import { cnvBridgeConfig, sriovConfig } from "../../sdk/network/cni";
import { getNodeNetworkState, listNodeNetworkStates } from "../../sdk/network/nodeNetworkState";
import { missingNetworkNotes } from "../../provider/resources/networkAttachmentDefinition/lookup";

const nodes = ["node-a", "node-b", "node-c"];
const nncpRef = (name: string) => ({
    apiVersion: "nmstate.io/v1",
    kind: "NodeNetworkConfigurationPolicy",
    name,
});

async function expectNoChanges(s: TestStack): Promise<void> {
    const p = await s.previewJson();
    assert.deepEqual(
        changesIn(p),
        {},
        `second preview must show no changes: ${JSON.stringify(p.changeSummary)}`,
    );
}

/** Interface names per node, from NodeNetworkState via the SDK lookup. */
async function interfacesByNode(s: TestStack): Promise<Record<string, string[]>> {
    const all = await listNodeNetworkStates({ kubeconfig: s.kubeconfig });
    return Object.fromEntries(all.map((n) => [n.node, n.interfaces.map((i) => i.name)]));
}

async function conditionStatus(
    s: TestStack,
    name: string,
    type: string,
): Promise<string | undefined> {
    const p = await s.kube.get(nncpRef(name));
    return ((p?.status as any)?.conditions ?? []).find((c: any) => c.type === type)?.status;
}

async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
    const t = Date.now();
    try {
        return await fn();
    } finally {
        console.log(`      [timing] ${label}: ${((Date.now() - t) / 1000).toFixed(1)}s`);
    }
}

const stackState = (mtu?: number) =>
    desiredState({
        interfaces: [
            bond({
                name: "bond0",
                mode: "active-backup",
                ports: ["eth1", "eth2"],
                options: { miimon: "100" },
                ipv4: noIp(),
                ...(mtu ? { mtu } : {}),
            }),
            linuxBridge({
                name: "br-vm",
                ports: [{ name: "bond0", vlan: trunk([[100, 199], 300]) }],
                ipv4: noIp(),
            }),
            vlan({ base: "br-vm", id: 300, ipv4: dhcp4() }),
        ],
    });

const policy = (
    name: string,
    spec: Record<string, unknown>,
    extra: Record<string, unknown> = {},
): ResourceDecl => ({ type: "NodeNetworkConfigurationPolicy", name, args: { spec, ...extra } });

const sriovNad: ResourceDecl = {
    type: "NetworkAttachmentDefinition",
    name: "sriov-net",
    args: {
        metadata: { namespace: "default" },
        resourceName: "openshift.io/mlxnics",
        spec: { config: sriovConfig({ name: "sriov-net", vlan: 30, spoofchk: "on" }) },
    },
};

const nad = (name: string, vlanId: number): ResourceDecl => ({
    type: "NetworkAttachmentDefinition",
    name,
    args: {
        metadata: { namespace: "default" },
        spec: {
            config: cnvBridgeConfig({ name, bridge: "br-vm", vlan: vlanId, macspoofchk: true }),
        },
    },
});

describe("Host networking: bond + bridge + VLAN policy with a NAD", function () {
    this.timeout(600_000);
    let s: TestStack;
    const name = "e2e-net-stack";
    const spec = (mtu?: number) => ({
        nodeSelector: { "node-role.kubernetes.io/worker": "" },
        desiredState: stackState(mtu),
    });

    before(async () => {
        s = await TestStack.create("e2e-networking-stack");
    });
    after(async () => {
        if (s) await s.destroy();
    });

    it("previews which interfaces delete will remove from which nodes, comes up Available on every node, refreshes clean", async () => {
        s.declare([policy(name, spec()), nad("vm-vlan", 100), sriovNad]);
        const p = await s.previewJson();
        assert.equal(stepFor(p, name)?.op, "create");
        const notes: string[] = stepFor(p, name)?.newState?.inputs?.plannedImpact?.notes ?? [];
        assert.ok(
            notes.some((n) =>
                /removes interfaces bond0 \(bond\), br-vm \(linux-bridge\), br-vm.300 \(vlan\) from nodes node-a, node-b, node-c/.test(
                    n,
                ),
            ),
            JSON.stringify(notes),
        );
        await timed("up (policy on 3 nodes + NAD)", () => s.up());
        assert.equal(await conditionStatus(s, name, "Available"), "True");
        const out = await s.outputs();
        assert.equal(out.resources[name].status.state, "Available");
        const ifaces = await interfacesByNode(s);
        for (const n of nodes)
            for (const i of ["bond0", "br-vm", "br-vm.300"])
                assert.ok(ifaces[n]?.includes(i), `${i} on ${n}: ${ifaces[n]}`);
        const a = await getNodeNetworkState("node-a", { kubeconfig: s.kubeconfig });
        assert.deepEqual(a.interfaces.find((i) => i.name === "bond0")?.ports, ["eth1", "eth2"]);
        assert.deepEqual(a.interfaces.find((i) => i.name === "br-vm.300")?.vlan, {
            base: "br-vm",
            id: 300,
        });
        const sriov = await s.kube.get({
            apiVersion: "k8s.cni.cncf.io/v1",
            kind: "NetworkAttachmentDefinition",
            namespace: "default",
            name: "sriov-net",
        });
        assert.equal(
            sriov?.metadata.annotations?.["k8s.v1.cni.cncf.io/resourceName"],
            "openshift.io/mlxnics",
        );
        await expectNoChanges(s);
        await s.must(["refresh", "--yes", "--skip-preview"]);
        await expectNoChanges(s);
    });

    it("VMs referencing the NAD get no warning; a missing NAD is reported", async () => {
        const vm = (namespace: string, networkName: string) => ({
            metadata: { namespace },
            spec: { template: { spec: { networks: [{ name: "vlan", multus: { networkName } }] } } },
        });
        assert.deepEqual(await missingNetworkNotes(s.kube, vm("default", "vm-vlan")), []);
        assert.deepEqual(await missingNetworkNotes(s.kube, vm("team-a", "default/vm-vlan")), []);
        const [hint] = await missingNetworkNotes(s.kube, vm("team-a", "vm-vlan"));
        assert.match(
            hint ?? "",
            /team-a\/vm-vlan does not exist.*reference it as "default\/vm-vlan"/,
        );
    });

    it("a bond MTU change and a NAD VLAN change are previewed as live and applied", async () => {
        s.declare([policy(name, spec(9000)), nad("vm-vlan", 120), sriovNad]);
        const p = await s.previewJson();
        const pp = stepFor(p, name)?.newState?.inputs?.plannedImpact;
        assert.equal(pp?.impact, "live");
        assert.ok(
            pp.reasons.some(
                (r: any) =>
                    /bond0/.test(r.path) && /nmstate reconfigures the matching nodes/.test(r.why),
            ),
            JSON.stringify(pp.reasons),
        );
        const np = stepFor(p, "vm-vlan")?.newState?.inputs?.plannedImpact;
        assert.ok(
            np.reasons.some((r: any) => /vlan 100→120/.test(r.why)),
            JSON.stringify(np.reasons),
        );
        assert.ok(np.notes.some((n: string) => /restart or migrate/.test(n)));
        await timed("up (policy update + NAD update)", () => s.up());
        const a = await getNodeNetworkState("node-a", { kubeconfig: s.kubeconfig });
        assert.equal(a.interfaces.find((i) => i.name === "bond0")?.mtu, 9000);
        assert.equal(await conditionStatus(s, name, "Available"), "True");
        await expectNoChanges(s);
    });

    it("removing the policy first removes bond0, br-vm and br-vm.300 from every node (state: absent)", async () => {
        s.declare([nad("vm-vlan", 120), sriovNad]);
        await timed("up (absent dance + delete)", () => s.up());
        assert.equal(await s.kube.get(nncpRef(name)), undefined, "policy deleted");
        const ifaces = await interfacesByNode(s);
        for (const n of nodes) {
            for (const i of ["bond0", "br-vm", "br-vm.300"])
                assert.ok(!ifaces[n]?.includes(i), `${i} still on ${n}: ${ifaces[n]}`);
            for (const i of ["eth0", "eth1", "eth2"])
                assert.ok(ifaces[n]?.includes(i), `NIC ${i} kept on ${n}`);
        }
        await expectNoChanges(s);
    });
});

describe("Host networking: a degraded policy fails with the node's reason, a fixed rerun recovers", function () {
    this.timeout(600_000);
    let s: TestStack;
    const name = "e2e-net-degraded";
    const degrade = {
        "sim.pulumi-kubevirt.io/degrade": "linux-bridge br-deg: port eth9 does not exist",
        "sim.pulumi-kubevirt.io/degrade-nodes": "node-b",
    };
    const spec = (port: string) => ({
        desiredState: desiredState({
            interfaces: [linuxBridge({ name: "br-deg", ports: [port] })],
        }),
    });

    before(async () => {
        s = await TestStack.create("e2e-networking-degraded");
    });
    after(async () => {
        if (s) await s.destroy();
    });

    it("up fails naming node-b and nmstate's reason; the policy is Degraded", async () => {
        s.declare([policy(name, spec("eth9"), { metadata: { annotations: degrade } })]);
        const r = await timed("up (degraded)", () => s.pulumi(["up", "--yes", "--skip-preview"]));
        assert.notEqual(r.code, 0, "up must fail");
        assert.match(
            r.stdout + r.stderr,
            /NodeNetworkConfigurationPolicy e2e-net-degraded failed: 1\/3 nodes failed to configure; node-b: .*port eth9 does not exist/,
        );
        assert.equal(await conditionStatus(s, name, "Degraded"), "True");
    });

    it("the fixed policy (port eth2) applies on the next up and is Available", async () => {
        s.declare([policy(name, spec("eth2"))]);
        const p = await s.previewJson();
        assert.equal(stepFor(p, name)?.newState?.inputs?.plannedImpact?.impact, "live");
        await timed("up (recovery)", () => s.up());
        assert.equal(await conditionStatus(s, name, "Available"), "True");
        const b = await getNodeNetworkState("node-b", { kubeconfig: s.kubeconfig });
        assert.deepEqual(b.interfaces.find((i) => i.name === "br-deg")?.ports, ["eth2"]);
        await expectNoChanges(s);
    });

    it("destroy removes br-deg from the nodes before deleting the policy", async () => {
        const { kubeconfig } = s;
        await timed("destroy (absent dance)", () => s.destroy());
        s = undefined as unknown as TestStack;
        for (const n of await listNodeNetworkStates({ kubeconfig }))
            assert.ok(!n.interfaces.some((i) => i.name === "br-deg"), `br-deg still on ${n.node}`);
    });
});
