/**
 * A namespace user without cluster-wide rights (the bed's restricted token): a forbidden create
 * fails with a message naming the object and the 403; once granted VM rights in its namespace,
 * the user can manage VMs even though it cannot read the cluster-scoped KubeVirt CR (the plan
 * then uses KubeVirt 1.9 defaults).
 */
import assert from "node:assert/strict";
import { changesIn, stepFor, TestStack, type ResourceDecl } from "./harness";
import { startCluster } from "./cluster";

const ns = "team-a";
const vm = (sockets: number): ResourceDecl => ({
    type: "VirtualMachine",
    name: "team-vm",
    args: {
        metadata: { namespace: ns },
        spec: {
            runStrategy: "Always",
            template: {
                spec: {
                    domain: {
                        cpu: { sockets },
                        memory: { guest: "1Gi" },
                        devices: { interfaces: [{ name: "default", masquerade: {} }] },
                    },
                    networks: [{ name: "default", pod: {} }],
                },
            },
        },
    },
});

describe("A namespace-restricted user through the pulumi CLI", function () {
    this.timeout(600_000);
    let s: TestStack;
    before(async () => {
        const st = await startCluster();
        s = await TestStack.create("e2e-rbac");
        await s.kube.apply(
            { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } },
            { force: true, fieldManager: "e2e-setup" },
        );
        await s.must(["config", "set", "kubevirt:kubeconfig", st.restrictedKubeconfig]);
    });
    after(async () => {
        if (s) await s.destroy();
    });

    it("a forbidden create fails naming the VM and the 403, and leaves nothing behind", async () => {
        s.declare([vm(1)]);
        const r = await s.pulumi(["up", "--yes", "--skip-preview"]);
        assert.notEqual(r.code, 0);
        assert.match(
            r.stdout + r.stderr,
            /VirtualMachine team-a\/team-vm failed \(403 Forbidden\)/,
        );
        assert.equal(
            await s.kube.get({
                apiVersion: "kubevirt.io/v1",
                kind: "VirtualMachine",
                name: "team-vm",
                namespace: ns,
            }),
            undefined,
        );
    });

    it("with VM rights in its namespace only, it creates and live-migrates a VM on default facts", async () => {
        const rules = [
            {
                apiGroups: ["kubevirt.io"],
                resources: [
                    "virtualmachines",
                    "virtualmachineinstances",
                    "virtualmachineinstancemigrations",
                ],
                verbs: ["*"],
            },
            { apiGroups: [""], resources: ["secrets", "events"], verbs: ["*"] },
            {
                apiGroups: ["k8s.cni.cncf.io"],
                resources: ["network-attachment-definitions"],
                verbs: ["get", "list"],
            },
        ];
        await s.kube.apply(
            {
                apiVersion: "rbac.authorization.k8s.io/v1",
                kind: "Role",
                metadata: { name: "vm-admin", namespace: ns },
                rules,
            },
            { force: true, fieldManager: "e2e-setup" },
        );
        await s.kube.apply(
            {
                apiVersion: "rbac.authorization.k8s.io/v1",
                kind: "RoleBinding",
                metadata: { name: "vm-admin", namespace: ns },
                roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "vm-admin" },
                subjects: [
                    { apiGroup: "rbac.authorization.k8s.io", kind: "User", name: "restricted" },
                ],
            },
            { force: true, fieldManager: "e2e-setup" },
        );
        await s.up();
        s.declare([vm(2)]);
        assert.equal(
            stepFor(await s.previewJson(), "team-vm")?.newState?.inputs?.plannedImpact?.impact,
            "liveMigrate",
        );
        await s.up();
        assert.deepEqual(changesIn(await s.previewJson()), {});
    });
});
