import assert from "node:assert/strict";
import {
    processTemplate,
    processVirtualMachineTemplate,
    type OpenShiftTemplate,
} from "../../../provider/templates/process";
import { TemplateError } from "../../../provider/templates/errors";

const zeros = () => 0;

function base(): OpenShiftTemplate & { objects: any[]; parameters: any[] } {
    return {
        metadata: { name: "tpl", namespace: "openshift" },
        labels: { "template.kubevirt.io/type": "base", "app-${NAME}": "${NAME}" },
        message: "VM ${NAME} password ${PASSWORD}",
        parameters: [
            { name: "NAME", generate: "expression", from: "vm-[a-z]{4}" },
            { name: "PASSWORD", generate: "expression", from: "[a-z0-9]{6}" },
            { name: "SOCKETS", value: "2" },
            { name: "DS", required: true },
        ],
        objects: [
            {
                apiVersion: "kubevirt.io/v1",
                kind: "VirtualMachine",
                metadata: {
                    name: "${NAME}",
                    namespace: "hardcoded",
                    labels: { app: "${NAME}", "template.kubevirt.io/type": "mine" },
                },
                spec: {
                    runStrategy: "Halted",
                    template: {
                        metadata: { labels: { "kubevirt.io/domain": "${NAME}" } },
                        spec: { domain: { cpu: { sockets: "${{SOCKETS}}" } } },
                    },
                    dataVolumeTemplates: [
                        {
                            metadata: { name: "${NAME}" },
                            spec: { sourceRef: { kind: "DataSource", name: "${DS}" } },
                        },
                    ],
                },
            },
        ],
    };
}

describe("templates: processTemplate (OpenShift)", () => {
    it("substitutes, generates, converts ${{X}} and merges template labels into metadata.labels only", () => {
        const r = processTemplate(base(), { DS: "fedora" }, { random: zeros });
        const vm = r.objects[0];
        assert.equal(vm.metadata.name, "vm-aaaa");
        assert.equal(vm.spec.template.spec.domain.cpu.sockets, 2);
        assert.equal(vm.spec.dataVolumeTemplates[0].spec.sourceRef.name, "fedora");
        assert.deepEqual(vm.metadata.labels, {
            app: "vm-aaaa",
            "template.kubevirt.io/type": "base",
            "app-vm-aaaa": "vm-aaaa",
        });
        assert.deepEqual(
            vm.spec.template.metadata.labels,
            { "kubevirt.io/domain": "vm-aaaa" },
            "not into the VM's pod template",
        );
        assert.equal(r.message, "VM vm-aaaa password 000000");
        assert.deepEqual(r.generated, { NAME: "vm-aaaa", PASSWORD: "000000" });
    });

    it("strips a hardcoded namespace", () => {
        const r = processTemplate(base(), { DS: "x" }, { random: zeros });
        assert.equal("namespace" in r.objects[0].metadata, false);
    });

    it("keeps a namespace that contains a parameter reference, substituted", () => {
        const t = base();
        t.parameters.push({ name: "NS", value: "team-a" });
        t.objects[0].metadata.namespace = "${NS}";
        assert.equal(
            processTemplate(t, { DS: "x" }, { random: zeros }).objects[0].metadata.namespace,
            "team-a",
        );
    });

    it("supplied values win over template values and over generation", () => {
        const r = processTemplate(
            base(),
            { DS: "x", NAME: "given", SOCKETS: "4" },
            { random: zeros },
        );
        assert.equal(r.objects[0].metadata.name, "given");
        assert.equal(r.objects[0].spec.template.spec.domain.cpu.sockets, 4);
        assert.deepEqual(r.generated, { PASSWORD: "000000" });
    });

    it("pinned generated values are reused instead of generating again", () => {
        const r = processTemplate(
            base(),
            { DS: "x" },
            { random: zeros, pinned: { NAME: "vm-pinned", PASSWORD: "secret" } },
        );
        assert.equal(r.objects[0].metadata.name, "vm-pinned");
        assert.deepEqual(r.generated, { NAME: "vm-pinned", PASSWORD: "secret" });
    });

    it("a pinned value is ignored once the parameter no longer generates", () => {
        const t = base();
        t.parameters[0] = { name: "NAME", value: "fixed" };
        const r = processTemplate(t, { DS: "x" }, { random: zeros, pinned: { NAME: "vm-pinned" } });
        assert.equal(r.objects[0].metadata.name, "fixed");
        assert.equal(r.generated.NAME, undefined);
    });

    const failures: {
        name: string;
        supplied: Record<string, string>;
        edit?: (t: any) => void;
        message: RegExp;
    }[] = [
        {
            name: "a missing required parameter names the parameter and the template",
            supplied: {},
            message:
                /^Template openshift\/tpl: parameters\[3\]: parameter DS is required and must be specified$/,
        },
        {
            name: "an unknown supplied parameter is an error listing the defined ones",
            supplied: { DS: "x", NOPE: "1" },
            message:
                /unknown parameter name "NOPE" \(the template defines: NAME, PASSWORD, SOCKETS, DS\)/,
        },
        {
            name: "an unknown generator is an error",
            supplied: { DS: "x" },
            edit: (t) => (t.parameters[0].generate = "uuid"),
            message: /unknown generator name 'uuid' for parameter NAME/,
        },
        {
            name: "a bad expression is an error naming the parameter",
            supplied: { DS: "x" },
            edit: (t) => (t.parameters[0].from = "[a-z]{0}"),
            message: /parameter NAME cannot be generated from '\[a-z\]\{0\}'/,
        },
        {
            name: "all problems are reported together",
            supplied: { NOPE: "1" },
            message: /NOPE.*; .*DS is required/,
        },
    ];
    for (const c of failures) {
        it(c.name, () => {
            const t = base();
            c.edit?.(t);
            assert.throws(
                () => processTemplate(t, c.supplied, { random: zeros }),
                (e: unknown) => e instanceof TemplateError && c.message.test(e.message),
            );
        });
    }

    it("an empty supplied value still lets the parameter generate (oc process -p X=)", () => {
        assert.equal(
            processTemplate(base(), { DS: "x", NAME: "" }, { random: zeros }).objects[0].metadata
                .name,
            "vm-aaaa",
        );
    });

    it("legacy v1 OpenShift kinds are groupified", () => {
        const t: OpenShiftTemplate = {
            objects: [
                { apiVersion: "v1", kind: "Route", metadata: { name: "r" } },
                { apiVersion: "v1", kind: "Service", metadata: { name: "s" } },
            ],
        };
        assert.deepEqual(
            processTemplate(t).objects.map((o) => o.apiVersion),
            ["route.openshift.io/v1", "v1"],
        );
    });

    it("does not modify the template it is given", () => {
        const t = base();
        const copy = structuredClone(t);
        processTemplate(t, { DS: "x" }, { random: zeros });
        assert.deepEqual(t, copy);
    });
});

describe("templates: processVirtualMachineTemplate (virt-template)", () => {
    const vmt = () => ({
        metadata: { name: "vmt", namespace: "default" },
        spec: {
            message: "created ${NAME}",
            parameters: [
                { name: "NAME", required: true },
                { name: "CORES", value: "2" },
                { name: "SUFFIX", generate: "expression", from: "[a-z]{3}" },
            ],
            virtualMachine: {
                apiVersion: "x/v1",
                kind: "Other",
                metadata: { name: "${NAME}-${SUFFIX}", namespace: "hard" },
                spec: { template: { spec: { domain: { cpu: { cores: "${{CORES}}" } } } } },
            },
        },
    });

    it("yields one kubevirt.io/v1 VirtualMachine with substitutions and no hardcoded namespace", () => {
        const r = processVirtualMachineTemplate(vmt(), { NAME: "web" }, { random: zeros });
        assert.equal(r.objects.length, 1);
        const vm = r.objects[0];
        assert.equal(vm.apiVersion, "kubevirt.io/v1");
        assert.equal(vm.kind, "VirtualMachine");
        assert.deepEqual(vm.metadata, { name: "web-aaa" });
        assert.equal(vm.spec.template.spec.domain.cpu.cores, 2);
        assert.equal(r.message, "created web");
    });

    it("an unknown supplied parameter uses virt-template's wording", () => {
        assert.throws(
            () => processVirtualMachineTemplate(vmt(), { NAME: "a", X: "1" }),
            /parameter X not found in template/,
        );
    });

    it("a reference to an undefined parameter is an error", () => {
        const t = vmt();
        (t.spec.virtualMachine.spec as any).runStrategy = "${STRATEGY}";
        assert.throws(
            () => processVirtualMachineTemplate(t, { NAME: "a" }),
            /references undefined parameter STRATEGY/,
        );
    });

    it("an empty virtualMachine is an error", () => {
        const t = vmt();
        (t.spec as any).virtualMachine = {};
        assert.throws(() => processVirtualMachineTemplate(t), /spec.virtualMachine is required/);
    });
});
