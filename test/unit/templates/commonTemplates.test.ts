/**
 * Every KubeVirt common template (v0.34.1, 173 Templates) processes into exactly one
 * VirtualMachine that our validation accepts, with nothing left unsubstituted and a generated
 * NAME of the advertised shape. These are the templates SSP installs into `openshift`.
 */
import assert from "node:assert/strict";
import { processTemplate, type OpenShiftTemplate } from "../../../provider/templates/process";
import { expressionToRegExp } from "../../../provider/templates/expression";
import { validateAll } from "../../../provider/validation/validator";
import { commonTemplates } from "./helpers";

describe("templates: all 173 common templates render", () => {
    const templates = commonTemplates() as (OpenShiftTemplate & { metadata: { name: string } })[];

    it("the file holds 173 Templates", () => assert.equal(templates.length, 173));

    for (const t of templates) {
        it(`${t.metadata.name} yields one valid VirtualMachine with no leftover references`, () => {
            const r = processTemplate(t);
            assert.equal(r.objects.length, 1);
            const vm = r.objects[0] as Record<string, any>;
            assert.equal(vm.kind, "VirtualMachine");
            assert.doesNotMatch(JSON.stringify(vm), /\$\{/, "no ${...} left");
            const nameParam = t.parameters?.find((p) => p.name === "NAME");
            assert.match(vm.metadata.name, expressionToRegExp(nameParam?.from ?? ""));
            assert.equal(r.generated.NAME, vm.metadata.name);
            assert.deepEqual(validateAll("VirtualMachine", vm), []);
        });
    }

    it("processing twice with the first run's generated values pinned gives identical objects", () => {
        for (const t of templates.slice(0, 20)) {
            const first = processTemplate(t);
            const second = processTemplate(t, {}, { pinned: first.generated });
            assert.deepEqual(second.objects, first.objects);
        }
    });
});
