import assert from "node:assert/strict";
import {
    extractCloudInit,
    mergeMetadata,
    renderTemplate,
} from "../../../../provider/resources/templatedVirtualMachine/render";
import {
    isInline,
    processRemotely,
    resolveSource,
    templateRef,
} from "../../../../provider/resources/templatedVirtualMachine/source";
import type { KubeClient } from "../../../../provider/k8s/client";
import { KubeApiError } from "../../../../provider/errors";

const withVolume = (volume: any) => ({
    runStrategy: "Halted",
    template: { spec: { volumes: [{ name: "root", containerDisk: { image: "x" } }, volume] } },
});

describe("TemplatedVirtualMachine: cloud-init leaves the rendered spec", () => {
    const cases: { name: string; volume: any; given?: any; expectVolume: any; expectData?: any }[] =
        [
            {
                name: "inline userData moves to the secret input and the volume points at the Secret",
                volume: {
                    name: "cloudinitdisk",
                    cloudInitNoCloud: { userData: "#cloud-config\npassword: p" },
                },
                expectVolume: {
                    name: "cloudinitdisk",
                    cloudInitNoCloud: { secretRef: { name: "vm-cloudinit" } },
                },
                expectData: { userData: "#cloud-config\npassword: p" },
            },
            {
                name: "networkData moves too, with its own secret reference",
                volume: {
                    name: "cloudinitdisk",
                    cloudInitNoCloud: { userData: "u", networkData: "n" },
                },
                expectVolume: {
                    name: "cloudinitdisk",
                    cloudInitNoCloud: {
                        secretRef: { name: "vm-cloudinit" },
                        networkDataSecretRef: { name: "vm-cloudinit" },
                    },
                },
                expectData: { userData: "u", networkData: "n" },
            },
            {
                name: "base64 user data is left alone (rewriting it would change what the guest sees)",
                volume: { name: "cloudinitdisk", cloudInitNoCloud: { userDataBase64: "eA==" } },
                expectVolume: {
                    name: "cloudinitdisk",
                    cloudInitNoCloud: { userDataBase64: "eA==" },
                },
            },
            {
                name: "a config drive is left alone",
                volume: { name: "cloudinitdisk", cloudInitConfigDrive: { userData: "u" } },
                expectVolume: { name: "cloudinitdisk", cloudInitConfigDrive: { userData: "u" } },
            },
            {
                name: "a cloud-init volume with another name is left alone",
                volume: { name: "seed", cloudInitNoCloud: { userData: "u" } },
                expectVolume: { name: "seed", cloudInitNoCloud: { userData: "u" } },
            },
            {
                name: "the user's own cloudInit wins and replaces even a config drive",
                volume: { name: "cloudinitdisk", cloudInitConfigDrive: { userData: "u" } },
                given: { userData: "mine" },
                expectVolume: {
                    name: "cloudinitdisk",
                    cloudInitNoCloud: { secretRef: { name: "vm-cloudinit" } },
                },
                expectData: { userData: "mine" },
            },
        ];
    for (const c of cases) {
        it(c.name, () => {
            const r = extractCloudInit(withVolume(c.volume), "vm", c.given);
            assert.deepEqual(r.spec.template.spec.volumes[1], c.expectVolume);
            assert.deepEqual(r.cloudInit, c.expectData);
        });
    }
});

describe("TemplatedVirtualMachine: metadata", () => {
    const cases: { name: string; rendered: any; overrides: any; expect: any }[] = [
        {
            name: "the rendered name and the default namespace",
            rendered: { name: "a" },
            overrides: undefined,
            expect: { name: "a", namespace: "dflt" },
        },
        {
            name: "a namespace from a ${NS} parameter is kept",
            rendered: { name: "a", namespace: "team" },
            overrides: {},
            expect: { name: "a", namespace: "team" },
        },
        {
            name: "overrides win and labels/annotations merge",
            rendered: { name: "a", labels: { x: "1", y: "1" } },
            overrides: { name: "b", labels: { y: "2" }, annotations: { n: "v" } },
            expect: {
                name: "b",
                namespace: "dflt",
                labels: { x: "1", y: "2" },
                annotations: { n: "v" },
            },
        },
        {
            name: "empty label maps are dropped",
            rendered: { name: "a", labels: {} },
            overrides: { annotations: {} },
            expect: { name: "a", namespace: "dflt" },
        },
    ];
    for (const c of cases)
        it(c.name, () =>
            assert.deepEqual(mergeMetadata(c.rendered, c.overrides, "dflt"), c.expect),
        );
});

describe("TemplatedVirtualMachine: template sources", () => {
    const vmt = {
        metadata: { name: "t", namespace: "ns", uid: "u1" },
        spec: {
            parameters: [{ name: "N", value: "x" }],
            virtualMachine: { metadata: { name: "${N}" }, spec: {} },
        },
    };
    const client =
        (over: Partial<KubeClient> & Record<string, unknown>): (() => KubeClient) =>
        () =>
            over as unknown as KubeClient;

    it("tells inline manifests from references", () => {
        assert.equal(isInline({ objects: [] }), true);
        assert.equal(isInline({ spec: { virtualMachine: {} } }), true);
        assert.equal(isInline({ name: "fedora-server-small", namespace: "openshift" }), false);
    });

    it("a reference defaults to a Template in the given namespace", () => {
        assert.deepEqual(templateRef({ name: "x" }, "dflt"), {
            apiVersion: "template.openshift.io/v1",
            kind: "Template",
            name: "x",
            namespace: "dflt",
        });
        assert.throws(
            () => templateRef({ name: "x", kind: "Pod" }, "dflt"),
            /allowed: Template, VirtualMachineTemplate/,
        );
    });

    it("a missing template is an error that says how to fix it", async () => {
        await assert.rejects(
            resolveSource(
                client({ get: async () => undefined }),
                { name: "gone", namespace: "ns" },
                "dflt",
            ),
            /Template ns\/gone: not found in the cluster; create it first, or pass the Template/,
        );
    });

    it("server-side processing is used when the client can POST to the process subresource", async () => {
        let called = "";
        const c = client({
            postSubresourceApi: async (
                g: string,
                v: string,
                _r: unknown,
                plural: string,
                sub: string,
                body: any,
            ) => {
                called = `${g}/${v}/${plural}/${sub} ${JSON.stringify(body)}`;
                return { virtualMachine: { metadata: { name: "from-server" } } };
            },
        });
        const vm = await processRemotely(
            c,
            { kind: "VirtualMachineTemplate", manifest: vmt, subject: "s" },
            { N: "x" },
        );
        assert.equal(vm?.metadata.name, "from-server");
        assert.equal(
            called,
            'subresources.template.kubevirt.io/v1beta1/virtualmachinetemplates/process {"parameters":{"N":"x"}}',
        );
    });

    it("a 404 from the process subresource falls back to client-side processing", async () => {
        const c = client({
            postSubresourceApi: async () => {
                throw new KubeApiError("not found", 404, "NotFound");
            },
        });
        assert.equal(
            await processRemotely(
                c,
                { kind: "VirtualMachineTemplate", manifest: vmt, subject: "s" },
                {},
            ),
            undefined,
        );
    });

    it("inline templates and OpenShift Templates are always processed client side", async () => {
        const c = client({ postSubresourceApi: async () => assert.fail("must not be called") });
        assert.equal(
            await processRemotely(
                c,
                {
                    kind: "VirtualMachineTemplate",
                    manifest: { ...vmt, metadata: { name: "t" } },
                    subject: "s",
                },
                {},
            ),
            undefined,
        );
        assert.equal(
            await processRemotely(
                c,
                {
                    kind: "Template",
                    manifest: { metadata: { name: "t", uid: "u" }, objects: [] },
                    subject: "s",
                },
                {},
            ),
            undefined,
        );
    });

    it("a template that yields no VirtualMachine is an error naming it", () => {
        assert.throws(
            () =>
                renderTemplate(
                    {
                        kind: "Template",
                        manifest: {
                            objects: [
                                { apiVersion: "v1", kind: "Service", metadata: { name: "s" } },
                            ],
                        },
                        subject: "Template ns/t",
                    },
                    {},
                    {},
                ),
            /^TemplateError: Template ns\/t: yields 0 VirtualMachines/,
        );
    });

    it("other objects in a template are reported as not created", () => {
        const manifest = {
            objects: [
                { apiVersion: "v1", kind: "Service", metadata: { name: "svc" } },
                {
                    apiVersion: "kubevirt.io/v1",
                    kind: "VirtualMachine",
                    metadata: { name: "vm" },
                    spec: {},
                },
            ],
        };
        assert.deepEqual(
            renderTemplate({ kind: "Template", manifest, subject: "t" }, {}, {}).ignored,
            ["Service svc"],
        );
    });
});
