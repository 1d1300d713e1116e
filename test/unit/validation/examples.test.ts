/**
 * Every pinned upstream example must pass our validation: a false positive here would block a
 * manifest that KubeVirt/CDI/nmstate/Multus accept. See test/fixtures/upstream/README.md.
 */
import assert from "node:assert/strict";
import * as path from "node:path";
import { checkDataVolume } from "../../../provider/validation/rules/dataVolume";
import { validate, validateAll } from "../../../provider/validation/validator";
import { exampleFiles, examplesDir, loadYaml, Manifest } from "./helpers";

/** Documents of `kind` in the given files, labelled `file#index` for test names. */
function docsOfKind(files: string[], kind: string): { label: string; doc: Manifest }[] {
    return files.flatMap((f) =>
        loadYaml(f)
            .map((doc, i) => ({ label: `${path.basename(f)}#${i}`, doc }))
            .filter(({ doc }) => doc.kind === kind),
    );
}

/** One `it` per document, asserting no failures from schema + cross-field rules. */
function expectAllClean(kind: string, files: string[], min: number): void {
    const docs = docsOfKind(files, kind);
    it(`found at least ${min} ${kind} example(s)`, () =>
        assert.ok(docs.length >= min, `only ${docs.length}`));
    for (const { label, doc } of docs) {
        it(`${label} (${doc.metadata?.name}) is valid`, () =>
            assert.deepEqual(validateAll(kind, doc), []));
    }
}

/**
 * `oc process` lite: substitutes `${NAME}` with the parameter value, or a fixed stand-in for
 * `generate: expression` parameters, so the embedded objects can be validated as real manifests.
 */
function processTemplate(template: Manifest): Manifest[] {
    const values = new Map<string, string>();
    for (const p of template.parameters ?? []) values.set(p.name, p.value ?? "generated-value");
    const text = JSON.stringify(template.objects).replace(
        /\$\{([a-zA-Z0-9_]+?)\}/g,
        (m, k: string) => values.get(k) ?? m,
    );
    return JSON.parse(text) as Manifest[];
}

describe("validation: upstream examples", () => {
    describe("KubeVirt VMs (examples/kubevirt/vm-*.yaml, cdi/vm-dv.yaml)", () =>
        expectAllClean(
            "VirtualMachine",
            [...exampleFiles("kubevirt", /^vm-.*\.yaml$/), ...exampleFiles("cdi", /^vm-dv\.yaml$/)],
            4,
        ));

    describe("CDI DataVolumes (examples/cdi/*.yaml), schema", () => {
        const docs = docsOfKind(exampleFiles("cdi", /\.yaml$/), "DataVolume");
        it("found all 6 DataVolumes", () => assert.equal(docs.length, 6));
        for (const { label, doc } of docs) {
            it(`${label} (${doc.metadata?.name}) passes the schema`, () =>
                assert.deepEqual(validate("DataVolume", doc), []));
        }
    });

    describe("CDI DataVolumes, cross-field rules", () => {
        for (const { label, doc } of docsOfKind(exampleFiles("cdi", /\.yaml$/), "DataVolume")) {
            // clone-datavolume.yaml has `storage:` (null). The apiserver drops the null, and
            // cdi-apiserver's webhook then rejects the DV ("Missing Data volume PVC"), so the
            // rule is right to flag it even though the schema accepts it.
            const expected = label.startsWith("clone-datavolume")
                ? [
                      {
                          property: "spec.storage",
                          reason: "one of 'spec.storage' or 'spec.pvc' must be set",
                      },
                  ]
                : [];
            it(`${label} ${expected.length ? "is flagged for its null storage" : "passes the rules"}`, () =>
                assert.deepEqual(checkDataVolume(doc), expected));
        }
    });

    describe("nmstate NNCPs (examples/nmstate)", () =>
        expectAllClean("NodeNetworkConfigurationPolicy", exampleFiles("nmstate", /\.yaml$/), 7));

    describe("Multus NADs (examples/multus, examples/user-guide)", () =>
        expectAllClean(
            "NetworkAttachmentDefinition",
            [...exampleFiles("multus", /\.yaml$/), ...exampleFiles("user-guide", /\.yaml$/)],
            3,
        ));

    describe("snapshot / restore / clone (examples/user-guide)", () => {
        const files = exampleFiles("user-guide", /\.yaml$/);
        expectAllClean("VirtualMachineSnapshot", files, 1);
        expectAllClean("VirtualMachineRestore", files, 1);
        expectAllClean("VirtualMachineClone", files, 1);
    });

    describe("virt-template VirtualMachineTemplates (examples/virt-template)", () =>
        expectAllClean(
            "VirtualMachineTemplate",
            exampleFiles("virt-template", /virtualmachinetemplate\.yaml$/),
            2,
        ));

    describe("user-guide Template and processed List", () => {
        const guide = exampleFiles("user-guide", /^(template-|processed-).*\.yaml$/);
        expectAllClean("Template", guide, 1);
        const listed = guide
            .flatMap(loadYaml)
            .filter((d) => d.kind === "List")
            .flatMap((l) => l.items as Manifest[]);
        it("the processed List holds a valid VM", () => {
            assert.equal(listed.length, 1);
            assert.deepEqual(validateAll("VirtualMachine", listed[0]), []);
        });
    });

    describe("common-templates v0.34.1 bundle", () => {
        const file = path.join(examplesDir(), "common-templates", "common-templates-v0.34.1.yaml");
        const templates = loadYaml(file).filter((d) => d.kind === "Template");

        it("holds 173 Templates", () => assert.equal(templates.length, 173));
        it("every Template matches the Template schema", () => {
            const bad = templates
                .map((t) => ({ name: t.metadata.name, failures: validate("Template", t) }))
                .filter((r) => r.failures.length);
            assert.deepEqual(bad, []);
        });
        it("every processed object is a valid VirtualMachine (schema + rules)", () => {
            const objects = templates.flatMap(processTemplate);
            assert.equal(objects.length, 173);
            const bad = objects
                .map((o) => ({ name: o.metadata?.name, failures: validateAll(o.kind, o) }))
                .filter((r) => r.failures.length);
            assert.deepEqual(bad, []);
        });
    });
});
