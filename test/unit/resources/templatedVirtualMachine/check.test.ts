/**
 * TemplatedVirtualMachine check() with inline templates (no cluster needed): the rendered VM is
 * what the checked inputs carry, generated values are pinned, cloud-init leaves the spec, and
 * template mistakes come back as check failures naming the template.
 */
import assert from "node:assert/strict";
import { templatedVirtualMachineProvider as p } from "../../../../provider/resources/templatedVirtualMachine/provider";
import { unknownValue } from "../../../../provider/kindProvider";
import { commonTemplate } from "../../templates/helpers";
import { expressionToRegExp } from "../../../../provider/templates/expression";

const fedora = () => commonTemplate("fedora-server-small");
const volume = (inputs: any, name: string) =>
    inputs.spec.template.spec.volumes.find((v: any) => v.name === name);

describe("TemplatedVirtualMachine: check", () => {
    it("renders a common template: name from NAME, namespace defaulted, spec validated, no failures", async () => {
        const r = await p.check(
            {},
            { template: fedora(), parameters: { NAME: "vm-a", DATA_SOURCE_NAME: "fedora41" } },
        );
        assert.deepEqual(r.failures, []);
        const inputs = r.inputs as any;
        assert.equal(inputs.metadata.name, "vm-a");
        assert.equal(inputs.metadata.namespace, "default");
        assert.equal(inputs.metadata.labels["vm.kubevirt.io/template"], "fedora-server-small");
        assert.equal(inputs.spec.dataVolumeTemplates[0].spec.sourceRef.name, "fedora41");
        assert.equal(inputs.plannedImpact.impact, "none");
    });

    it("moves the inline cloud-init (with the generated password) into the secret cloudInit input", async () => {
        const r = await p.check({}, { template: fedora(), parameters: { NAME: "vm-a" } });
        const inputs = r.inputs as any;
        const password = inputs.generatedParameters.CLOUD_USER_PASSWORD;
        assert.match(password, expressionToRegExp("[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}"));
        assert.match(inputs.cloudInit.userData, new RegExp(`password: ${password}`));
        assert.deepEqual(volume(inputs, "cloudinitdisk"), {
            name: "cloudinitdisk",
            cloudInitNoCloud: { secretRef: { name: "vm-a-cloudinit" } },
        });
        assert.doesNotMatch(
            JSON.stringify(inputs.spec),
            new RegExp(password),
            "the password is not in the spec",
        );
    });

    it("generates NAME when not given and pins every generated value on the next check", async () => {
        const first = (await p.check({}, { template: fedora() })).inputs as any;
        assert.match(first.metadata.name, expressionToRegExp("fedora-[a-z0-9]{16}"));
        const second = (await p.check(first, { template: fedora() })).inputs as any;
        assert.deepEqual(second.generatedParameters, first.generatedParameters);
        assert.deepEqual(second.spec, first.spec);
        assert.equal(second.metadata.name, first.metadata.name);
        assert.deepEqual(second.cloudInit, first.cloudInit);
    });

    it("metadata overrides win over the rendered name, namespace and labels", async () => {
        const r = await p.check(
            {},
            {
                template: fedora(),
                parameters: { NAME: "vm-a" },
                metadata: { name: "other", namespace: "team", labels: { app: "mine" } },
            },
        );
        const inputs = r.inputs as any;
        assert.deepEqual(
            [inputs.metadata.name, inputs.metadata.namespace, inputs.metadata.labels.app],
            ["other", "team", "mine"],
        );
    });

    it("the user's own cloudInit replaces the template's", async () => {
        const r = await p.check(
            {},
            {
                template: fedora(),
                parameters: { NAME: "vm-a" },
                cloudInit: { userData: "#cloud-config\n" },
            },
        );
        assert.equal((r.inputs as any).cloudInit.userData, "#cloud-config\n");
    });

    const failures: { name: string; news: () => any; property: string; reason: RegExp }[] = [
        {
            name: "an unknown parameter is a failure on 'parameters'",
            news: () => ({ template: fedora(), parameters: { NOPE: "x" } }),
            property: "parameters",
            reason: /Template fedora-server-small: unknown parameter name "NOPE"/,
        },
        {
            name: "a missing required parameter is a failure on 'parameters'",
            news: () => ({
                template: {
                    ...fedora(),
                    parameters: [...fedora().parameters, { name: "REQ", required: true }],
                },
            }),
            property: "parameters",
            reason: /parameter REQ is required and must be specified/,
        },
        {
            name: "a template with two VMs is a failure on 'template'",
            news: () => ({
                template: { ...fedora(), objects: [...fedora().objects, ...fedora().objects] },
            }),
            property: "template",
            reason: /yields 2 VirtualMachines/,
        },
        {
            name: "a missing template is a failure",
            news: () => ({}),
            property: "template",
            reason: /'template' is required/,
        },
        {
            name: "a non-scalar parameter value is a failure",
            news: () => ({ template: fedora(), parameters: { NAME: { a: 1 } } }),
            property: "parameters.NAME",
            reason: /must be a string, number or boolean/,
        },
    ];
    for (const c of failures) {
        it(c.name, async () => {
            const r = await p.check({}, c.news());
            assert.equal(r.failures?.length, 1, JSON.stringify(r.failures));
            assert.equal(r.failures?.[0]?.property, c.property);
            assert.match(r.failures?.[0]?.reason ?? "", c.reason);
        });
    }

    it("numbers and booleans are accepted as parameter values (for ${{X}})", async () => {
        const t = {
            objects: [
                {
                    apiVersion: "kubevirt.io/v1",
                    kind: "VirtualMachine",
                    metadata: { name: "n" },
                    spec: {
                        runStrategy: "Halted",
                        template: { spec: { domain: { cpu: { sockets: "${{S}}" }, devices: {} } } },
                    },
                },
            ],
            parameters: [{ name: "S", value: "1" }],
        };
        const r = await p.check({}, { template: t, parameters: { S: 4 } });
        assert.deepEqual(r.failures, []);
        assert.equal((r.inputs as any).spec.template.spec.domain.cpu.sockets, 4);
    });

    it("unknown parameters (preview) give an unknown spec instead of failing", async () => {
        const r = await p.check({}, { template: fedora(), parameters: { NAME: unknownValue } });
        assert.deepEqual(r.failures, []);
        assert.equal((r.inputs as any).spec.template, unknownValue);
    });

    it("a VirtualMachineTemplate renders its VM (upstream sample shape)", async () => {
        const vmt = {
            apiVersion: "template.kubevirt.io/v1beta1",
            kind: "VirtualMachineTemplate",
            metadata: { name: "vmt" },
            spec: {
                parameters: [
                    { name: "NAME", required: true },
                    { name: "IMAGE", value: "quay.io/containerdisks/fedora:41" },
                ],
                virtualMachine: {
                    metadata: { name: "${NAME}" },
                    spec: {
                        runStrategy: "Always",
                        template: {
                            spec: {
                                domain: { devices: {} },
                                volumes: [{ name: "root", containerDisk: { image: "${IMAGE}" } }],
                            },
                        },
                    },
                },
            },
        };
        const r = await p.check({}, { template: vmt, parameters: { NAME: "from-vmt" } });
        assert.deepEqual(r.failures, []);
        assert.equal((r.inputs as any).metadata.name, "from-vmt");
        assert.equal(
            volume(r.inputs, "root").containerDisk.image,
            "quay.io/containerdisks/fedora:41",
        );
    });
});
