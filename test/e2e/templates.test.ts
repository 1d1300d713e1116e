/**
 * Templates and instancetypes through the real pulumi CLI on the local bed:
 * 1. a Template, a VirtualMachineTemplate, a common template (fedora-server-small), a golden
 *    image + DataSource, cluster instancetypes, a preference and a plain VM sized by them;
 * 2. TemplatedVirtualMachines from each template (inline as the SDK passes a same-stack Template,
 *    by reference for the common template and the VirtualMachineTemplate), with a generated NAME
 *    and password that stay the same run after run and never reach the state in plain text;
 * 3. a template parameter change previewed and carried out as a live migration;
 * 4. a template edit (live for the template, metadata-only for the VM made from it);
 * 5. an instancetype edit (live for the object, no change to the VM using it).
 * Each step ends with a preview that must show no changes.
 */
import assert from "node:assert/strict";
import { changesIn, stepFor, TestStack, type ResourceDecl } from "./harness";
import { commonTemplate } from "../unit/templates/helpers";

const ns = "default";
const kv = "kubevirt.io/v1";

const webTemplate = (label = "a") => ({
    apiVersion: "template.openshift.io/v1",
    kind: "Template",
    metadata: { name: "e2e-tpl-web", namespace: ns },
    labels: { "e2e/tier": label },
    message: "VM ${NAME} ready",
    parameters: [
        { name: "NAME", required: true },
        { name: "CPU_SOCKETS", value: "1" },
    ],
    objects: [
        {
            apiVersion: kv,
            kind: "VirtualMachine",
            metadata: { name: "${NAME}", namespace: "hardcoded-is-stripped" },
            spec: {
                runStrategy: "Always",
                template: {
                    spec: {
                        domain: {
                            cpu: { sockets: "${{CPU_SOCKETS}}", cores: 1 },
                            memory: { guest: "2Gi" },
                            devices: {
                                disks: [{ name: "root", disk: { bus: "virtio" } }],
                                interfaces: [{ name: "default", masquerade: {} }],
                            },
                        },
                        networks: [{ name: "default", pod: {} }],
                        volumes: [
                            {
                                name: "root",
                                containerDisk: { image: "quay.io/containerdisks/fedora:41" },
                            },
                        ],
                    },
                },
            },
        },
    ],
});

const vmt = {
    metadata: { name: "e2e-tpl-vmt", namespace: ns },
    spec: {
        parameters: [
            { name: "NAME", required: true },
            { name: "SUFFIX", generate: "expression", from: "[a-z0-9]{5}" },
        ],
        virtualMachine: {
            metadata: { name: "${NAME}-${SUFFIX}" },
            spec: {
                runStrategy: "Halted",
                template: {
                    spec: {
                        domain: { devices: {} },
                        volumes: [
                            {
                                name: "root",
                                containerDisk: { image: "quay.io/containerdisks/fedora:41" },
                            },
                        ],
                    },
                },
            },
        },
    },
};

const fedora = () => {
    const t = commonTemplate("fedora-server-small");
    return {
        metadata: { ...t.metadata, name: "e2e-tpl-fedora-server-small", namespace: ns },
        objects: t.objects,
        parameters: t.parameters,
    };
};

const base = (opts: { label?: string; guest?: number } = {}): ResourceDecl[] => [
    {
        type: "Template",
        name: "e2e-tpl-web",
        args: (({ apiVersion: _a, kind: _k, ...rest }) => rest)(webTemplate(opts.label)),
    },
    { type: "VirtualMachineTemplate", name: "e2e-tpl-vmt", args: vmt },
    { type: "Template", name: "e2e-tpl-fedora", args: fedora() },
    {
        type: "DataVolume",
        name: "e2e-tpl-golden",
        args: {
            metadata: { namespace: ns },
            spec: {
                source: { registry: { url: "docker://quay.io/containerdisks/fedora:41" } },
                storage: { resources: { requests: { storage: "5Gi" } } },
            },
        },
    },
    {
        type: "DataSource",
        name: "e2e-tpl-fedora-ds",
        args: {
            metadata: { namespace: ns },
            spec: { source: { pvc: { namespace: ns, name: "e2e-tpl-golden" } } },
        },
    },
    {
        type: "VirtualMachineClusterInstancetype",
        name: "e2e-tpl-small",
        args: { spec: { cpu: { guest: opts.guest ?? 1 }, memory: { guest: "2Gi" } } },
    },
    {
        type: "VirtualMachineClusterInstancetype",
        name: "e2e-tpl-medium",
        args: { spec: { cpu: { guest: 2 }, memory: { guest: "4Gi" } } },
    },
    {
        type: "VirtualMachinePreference",
        name: "e2e-tpl-pref",
        args: { metadata: { namespace: ns }, spec: { devices: { preferredDiskBus: "virtio" } } },
    },
    {
        type: "VirtualMachine",
        name: "e2e-tpl-plain",
        args: {
            metadata: { namespace: ns },
            spec: {
                runStrategy: "Always",
                instancetype: { name: "e2e-tpl-small" },
                preference: { kind: "VirtualMachinePreference", name: "e2e-tpl-pref" },
                template: {
                    spec: {
                        domain: { devices: { disks: [{ name: "root", disk: {} }] } },
                        volumes: [
                            {
                                name: "root",
                                containerDisk: { image: "quay.io/containerdisks/fedora:41" },
                            },
                        ],
                    },
                },
            },
        },
    },
];

const templated = (sockets = "1", label = "a"): ResourceDecl[] => [
    {
        type: "TemplatedVirtualMachine",
        name: "e2e-tpl-web-vm",
        args: {
            template: webTemplate(label),
            parameters: { NAME: "e2e-tpl-web-1", CPU_SOCKETS: sockets },
        },
    },
    {
        type: "TemplatedVirtualMachine",
        name: "e2e-tpl-fedora-vm",
        args: {
            template: { name: "e2e-tpl-fedora-server-small", namespace: ns },
            parameters: { DATA_SOURCE_NAME: "e2e-tpl-fedora-ds", DATA_SOURCE_NAMESPACE: ns },
        },
    },
    {
        type: "TemplatedVirtualMachine",
        name: "e2e-tpl-vmt-vm",
        args: {
            template: { kind: "VirtualMachineTemplate", name: "e2e-tpl-vmt" },
            parameters: { NAME: "e2e-tpl-vmt" },
        },
    },
];

async function expectNoChanges(s: TestStack): Promise<void> {
    const p = await s.previewJson();
    assert.deepEqual(
        changesIn(p),
        {},
        `second preview must show no changes: ${JSON.stringify(p.changeSummary)}`,
    );
}

/** `preview --json` lists unchanged resources as "same" steps or not at all. */
const unchanged = (p: Awaited<ReturnType<TestStack["previewJson"]>>, name: string) =>
    [undefined, "same"].includes(stepFor(p, name)?.op);

const vmRef = (name: string) => ({ apiVersion: kv, kind: "VirtualMachine", name, namespace: ns });
const vmiRef = (name: string) => ({
    apiVersion: kv,
    kind: "VirtualMachineInstance",
    name,
    namespace: ns,
});

describe("Templates and instancetypes through the pulumi CLI", function () {
    this.timeout(600_000);
    let s: TestStack;
    let fedoraName = "";

    before(async () => {
        s = await TestStack.create("e2e-templates");
    });
    after(async () => {
        if (s) await s.destroy();
    });

    it("creates templates, instancetypes, a preference and a VM sized by them; a second preview is clean", async () => {
        s.declare(base());
        await s.up();
        for (const kind of ["VirtualMachineClusterInstancetype"])
            assert.ok(
                await s.kube.get({
                    apiVersion: "instancetype.kubevirt.io/v1beta1",
                    kind,
                    name: "e2e-tpl-small",
                }),
            );
        assert.ok(
            await s.kube.get({
                apiVersion: "template.openshift.io/v1",
                kind: "Template",
                name: "e2e-tpl-fedora-server-small",
                namespace: ns,
            }),
        );
        assert.ok(
            await s.kube.get({
                apiVersion: "template.kubevirt.io/v1beta1",
                kind: "VirtualMachineTemplate",
                name: "e2e-tpl-vmt",
                namespace: ns,
            }),
        );
        assert.equal(
            ((await s.kube.get(vmRef("e2e-tpl-plain")))?.spec as any)?.instancetype?.name,
            "e2e-tpl-small",
        );
        await expectNoChanges(s);
    });

    it("previews and creates VMs from each template; generated values are pinned and secret", async () => {
        s.declare([...base(), ...templated()]);
        const p = await s.previewJson();
        for (const n of ["e2e-tpl-web-vm", "e2e-tpl-fedora-vm", "e2e-tpl-vmt-vm"])
            assert.equal(stepFor(p, n)?.op, "create", n);
        assert.equal(
            stepFor(p, "e2e-tpl-web-vm")?.newState?.inputs?.spec?.template?.spec?.domain?.cpu
                ?.sockets,
            1,
            "${{CPU_SOCKETS}} rendered as a number in preview",
        );
        await s.up();
        const web = await s.kube.get(vmRef("e2e-tpl-web-1"));
        assert.equal(web?.metadata.labels?.["e2e/tier"], "a", "template labels merged");
        assert.ok(await s.kube.get(vmiRef("e2e-tpl-web-1")), "web VM running");
        const fedoraVms = (await s.kube.list(kv, "VirtualMachine", ns)).filter(
            (v) => v.metadata.labels?.["vm.kubevirt.io/template"] === "fedora-server-small",
        );
        assert.equal(fedoraVms.length, 1);
        fedoraName = fedoraVms[0]?.metadata.name as string;
        assert.match(fedoraName, /^fedora-[a-z0-9]{16}$/);
        const dv = await s.kube.get({
            apiVersion: "cdi.kubevirt.io/v1beta1",
            kind: "DataVolume",
            name: fedoraName,
            namespace: ns,
        });
        assert.ok(
            dv,
            "the VM's DataVolume was created from its dataVolumeTemplates (sourceRef DataSource)",
        );
        assert.ok(
            (await s.kube.list(kv, "VirtualMachine", ns)).some((v) =>
                /^e2e-tpl-vmt-[a-z0-9]{5}$/.test(v.metadata.name ?? ""),
            ),
            "VM from the VirtualMachineTemplate",
        );
        await expectNoChanges(s);
        assert.ok(await s.kube.get(vmRef(fedoraName)), "the generated name did not change");
    });

    it("keeps the generated password out of the VM spec and out of the state in plain text, also across a refresh", async () => {
        const secret = await s.kube.get({
            apiVersion: "v1",
            kind: "Secret",
            name: `${fedoraName}-cloudinit`,
            namespace: ns,
        });
        const userData = Buffer.from(
            String((secret as any)?.data?.userdata ?? ""),
            "base64",
        ).toString();
        const password = /password: (\S+)/.exec(userData)?.[1];
        assert.match(password ?? "", /^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/);
        const vm = await s.kube.get(vmRef(fedoraName));
        assert.doesNotMatch(JSON.stringify(vm?.spec), new RegExp(password as string));
        const state = (await s.must(["stack", "export"])).stdout;
        assert.doesNotMatch(
            state,
            new RegExp(password as string),
            "password must not appear in plain text in the state",
        );
        await s.must(["refresh", "--yes", "--skip-preview"]);
        assert.doesNotMatch(
            (await s.must(["stack", "export"])).stdout,
            new RegExp(password as string),
            "nor after a refresh",
        );
        await expectNoChanges(s);
        assert.ok(await s.kube.get(vmRef(fedoraName)), "refresh kept the pinned values: same VM");
    });

    it("a template parameter change (CPU_SOCKETS 1→2) previews as a live migration and migrates", async () => {
        const before = { vmi: await s.kube.get(vmiRef("e2e-tpl-web-1")) };
        s.declare([...base(), ...templated("2")]);
        const p = await s.previewJson();
        const plan = stepFor(p, "e2e-tpl-web-vm")?.newState?.inputs?.plannedImpact;
        assert.equal(plan?.impact, "liveMigrate", JSON.stringify(plan));
        assert.ok(
            plan.reasons.some((r: any) => /cpu\.sockets/.test(r.path)),
            JSON.stringify(plan.reasons),
        );
        assert.equal(
            unchanged(p, "e2e-tpl-fedora-vm"),
            true,
            "the other templated VMs are untouched",
        );
        assert.match(await s.previewText(), /will live-migrate/);
        await s.up();
        const vmi = await s.kube.get(vmiRef("e2e-tpl-web-1"));
        assert.equal(vmi?.metadata.uid, before.vmi?.metadata.uid, "same VMI (not restarted)");
        assert.notEqual(
            (vmi?.status as any)?.nodeName,
            (before.vmi?.status as any)?.nodeName,
            "migrated to another node",
        );
        await expectNoChanges(s);
    });

    it("a template edit is live for the template and metadata-only for the VM made from it", async () => {
        const vmi = await s.kube.get(vmiRef("e2e-tpl-web-1"));
        s.declare([...base({ label: "b" }), ...templated("2", "b")]);
        const p = await s.previewJson();
        const tplPlan = stepFor(p, "e2e-tpl-web")?.newState?.inputs?.plannedImpact;
        assert.equal(tplPlan?.impact, "live");
        assert.match(
            tplPlan.reasons[0].why,
            /affects VMs processed later; existing VMs are not changed/,
        );
        assert.equal(
            stepFor(p, "e2e-tpl-web-vm")?.newState?.inputs?.plannedImpact?.impact,
            "metadata",
        );
        await s.up();
        assert.equal(
            (await s.kube.get(vmRef("e2e-tpl-web-1")))?.metadata.labels?.["e2e/tier"],
            "b",
        );
        assert.equal((await s.kube.get(vmiRef("e2e-tpl-web-1")))?.metadata.uid, vmi?.metadata.uid);
        await expectNoChanges(s);
    });

    it("an instancetype edit is live for the object and leaves the VM using it alone", async () => {
        s.declare([...base({ label: "b", guest: 2 }), ...templated("2", "b")]);
        const p = await s.previewJson();
        const plan = stepFor(p, "e2e-tpl-small")?.newState?.inputs?.plannedImpact;
        assert.equal(plan?.impact, "live");
        assert.match(
            plan.notes.join(" "),
            /existing VMs keep the revision captured at their start/,
        );
        assert.equal(
            unchanged(p, "e2e-tpl-plain"),
            true,
            "the VM using the instancetype is untouched",
        );
        await s.up();
        await expectNoChanges(s);
    });
});
