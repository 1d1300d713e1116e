import assert from "node:assert/strict";
import { templateKind } from "../../../../provider/resources/template/definition";
import { virtualMachineTemplateKind } from "../../../../provider/resources/virtualMachineTemplate/definition";
import { planGeneric, declared } from "../../../../provider/resources/generic/objects";
import { validate } from "../../../../provider/validation/validator";
import { commonTemplates } from "../../templates/helpers";
import { examplesDir, loadYaml } from "../../validation/helpers";
import * as path from "node:path";

const base = (): any => ({
    metadata: { name: "tpl", namespace: "default" },
    objects: [
        {
            apiVersion: "kubevirt.io/v1",
            kind: "VirtualMachine",
            metadata: { name: "${NAME}" },
            spec: { runStrategy: "Halted" },
        },
    ],
    parameters: [
        { name: "NAME", generate: "expression", from: "vm-[a-z0-9]{8}" },
        { name: "SIZE", value: "2Gi" },
    ],
    labels: { team: "a" },
});

describe("Template kind: every common template is a valid Template", () => {
    for (const t of commonTemplates()) {
        it(`${t.metadata?.name} passes the schema and the parameter rules`, () => {
            const obj = declared(templateKind, t);
            assert.deepEqual(
                [...validate("Template", obj), ...(templateKind.rules?.(obj) ?? [])],
                [],
            );
        });
    }
});

describe("Template kind: parameter rules", () => {
    const cases: {
        name: string;
        edit: (t: any) => void;
        expect?: { property: string; reason: RegExp };
    }[] = [
        { name: "a good template passes", edit: () => undefined },
        {
            name: "a generator other than expression fails",
            edit: (t) => (t.parameters[0].generate = "random"),
            expect: {
                property: "parameters[0].generate",
                reason: /only generator is "expression"/,
            },
        },
        {
            name: "generate without from fails",
            edit: (t) => delete t.parameters[0].from,
            expect: {
                property: "parameters[0].from",
                reason: /required with generate: expression/,
            },
        },
        {
            name: "a from that cannot generate fails",
            edit: (t) => (t.parameters[0].from = "[a-z]{300}"),
            expect: { property: "parameters[0].from", reason: /range must be within/ },
        },
        {
            name: "a parameter name with a dash fails",
            edit: (t) => (t.parameters[1].name = "MY-SIZE"),
            expect: {
                property: "parameters[1].name",
                reason: /only contain letters, digits and '_'/,
            },
        },
        {
            name: "a duplicate parameter name fails",
            edit: (t) => (t.parameters[1].name = "NAME"),
            expect: { property: "parameters[1].name", reason: /defined twice/ },
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            const t = base();
            c.edit(t);
            const failures = templateKind.rules?.(declared(templateKind, t)) ?? [];
            if (!c.expect) return assert.deepEqual(failures, []);
            assert.equal(failures.length, 1, JSON.stringify(failures));
            assert.equal(failures[0]?.property, c.expect.property);
            assert.match(failures[0]?.reason ?? "", c.expect.reason);
        });
    }
});

describe("Template kind: plans", () => {
    const cases: { name: string; edit: (t: any) => void; impact: string; why?: RegExp }[] = [
        {
            name: "changing an object is live and says existing VMs are not changed",
            edit: (t) => (t.objects[0].spec.runStrategy = "Always"),
            impact: "live",
            why: /existing VMs are not changed/,
        },
        {
            name: "changing a parameter value is live",
            edit: (t) => (t.parameters[1].value = "4Gi"),
            impact: "live",
        },
        {
            name: "adding a parameter is live",
            edit: (t) => t.parameters.push({ name: "X", value: "1" }),
            impact: "live",
        },
        {
            name: "changing template labels is live",
            edit: (t) => (t.labels.team = "b"),
            impact: "live",
        },
        { name: "a message is live", edit: (t) => (t.message = "hi"), impact: "live" },
        {
            name: "an annotation is metadata only",
            edit: (t) => (t.metadata.annotations = { a: "b" }),
            impact: "metadata",
        },
        {
            name: "a rename replaces the template",
            edit: (t) => (t.metadata.name = "tpl2"),
            impact: "replace",
        },
        { name: "no change is none", edit: () => undefined, impact: "none" },
    ];
    for (const c of cases) {
        it(c.name, () => {
            const t = base();
            c.edit(t);
            const plan = planGeneric(templateKind, base(), t);
            assert.equal(plan.impact, c.impact);
            if (c.why) assert.match(plan.reasons[0]?.why ?? "", c.why);
        });
    }
});

describe("VirtualMachineTemplate kind", () => {
    const sample = loadYaml(
        path.join(examplesDir(), "virt-template", "template_v1beta1_virtualmachinetemplate.yaml"),
    )[0] as any;

    it("the upstream v1beta1 sample passes the schema and rules", () => {
        const obj = declared(virtualMachineTemplateKind, {
            ...sample,
            metadata: { ...sample.metadata, namespace: "default" },
        });
        assert.deepEqual(
            [
                ...validate("VirtualMachineTemplate", obj),
                ...(virtualMachineTemplateKind.rules?.(obj) ?? []),
            ],
            [],
        );
    });

    it("a spec change is live for VMs made later", () => {
        const next = structuredClone(sample);
        next.spec.virtualMachine.spec.runStrategy = "Halted";
        const plan = planGeneric(virtualMachineTemplateKind, sample, next);
        assert.equal(plan.impact, "live");
        assert.match(plan.reasons[0]?.why ?? "", /affects VMs processed later/);
    });

    it("a bad generator in spec.parameters is reported at its path", () => {
        const bad = structuredClone(sample);
        bad.spec.parameters[0] = { name: "NAME", generate: "expression", from: "[z-a]{3}" };
        const failures =
            virtualMachineTemplateKind.rules?.(declared(virtualMachineTemplateKind, bad)) ?? [];
        assert.equal(failures[0]?.property, "spec.parameters[0].from");
    });
});
