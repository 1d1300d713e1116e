import assert from "node:assert/strict";
import {
    generatedMarker,
    pageFileName,
    renderIndex,
    renderPage,
    type PageInput,
} from "../../../provider/report/docs/page";
import { kindDocFor } from "../../../provider/report/kindDocs";

const virtualMachineDoc = kindDocFor("VirtualMachine");
import { networkAttachmentDefinitionKind } from "../../../provider/resources/networkAttachmentDefinition/definition";
import { vmPolicySections } from "../../../provider/resources/virtualMachine/policy";

const input = (over: Partial<PageInput> = {}): PageInput => ({
    doc: kindDocFor("NetworkAttachmentDefinition"),
    schema: {
        description: "Upstream text. More.",
        properties: {
            spec: {
                type: "object",
                properties: { config: { type: "string", description: "CNI config." } },
            },
        },
    },
    index: {
        apiVersion: "k8s.cni.cncf.io/v1",
        file: "networkAttachmentDefinition.schema.json",
        namespaced: true,
        upstream: "multus v4",
    },
    sdk: {
        className: "NetworkAttachmentDefinition",
        description: "A NAD.",
        inputs: [{ name: "spec", type: "{ config?: string }", optional: false, description: "" }],
        outputs: [{ name: "uid", type: "string", optional: false, description: "" }],
    },
    ...over,
});

describe("docs: resource pages", () => {
    it("File names are the kind in camelCase", () =>
        assert.equal(pageFileName("VirtualMachine"), "virtualMachine.md"));

    it("A page starts with the generated marker and the kind", () => {
        const lines = renderPage(input()).split("\n");
        assert.deepEqual(lines.slice(0, 2), [generatedMarker, "# NetworkAttachmentDefinition"]);
    });

    const sections: { name: string; pattern: RegExp }[] = [
        {
            name: "The API, SDK and schema source are named",
            pattern:
                /\| API \| `k8s\.cni\.cncf\.io\/v1` NetworkAttachmentDefinition \(namespaced\) \|\n\| SDK \| `new kubevirt\.NetworkAttachmentDefinition\(name, args\)` \|/,
        },
        {
            name: "Inputs mark required ones",
            pattern: /\| `spec` \*\(required\)\* \| `\{ config\?: string \}` \|/,
        },
        {
            name: "Outputs get a shared description when the SDK has none",
            pattern:
                /\| `uid` \| `string` \| The Kubernetes uid of the object; a new uid means the object was replaced\. \|/,
        },
        {
            name: "The policy table is shown with its rules",
            pattern:
                /### Field policy\n\nEvery update of this kind\.\n\n\| Path pattern \| Impact \| Why \/ when \|\n\|---\|---\|---\|\n\| `metadata\.name` \| \*\*replace\*\*/,
        },
        {
            name: "Spec fields come from the schema",
            pattern: /## `spec` fields[\s\S]*\| `spec\.config` \| string \| CNI config\. \|/,
        },
    ];
    for (const c of sections) it(c.name, () => assert.match(renderPage(input()), c.pattern));

    it("A kind with a custom provider and no table says so", () => {
        const page = renderPage(input({ doc: kindDocFor("Mystery") }));
        assert.match(page, /has its own provider and publishes no policy table here/);
    });

    it("The VirtualMachine page has every situational table", () => {
        const page = renderPage(input({ doc: virtualMachineDoc }));
        for (const s of virtualMachineDoc.sections)
            assert.ok(page.includes(`### ${s.title}`), s.title);
    });

    it("Rendering is deterministic and ends with one newline", () => {
        const a = renderPage(input());
        assert.equal(a, renderPage(input()));
        assert.ok(a.endsWith("\n") && !a.endsWith("\n\n"));
    });

    it("The index links every page", () => {
        const idx = renderIndex([
            { kind: "VirtualMachine", apiVersion: "kubevirt.io/v1", description: "VMs" },
        ]);
        assert.match(
            idx,
            /\| \[VirtualMachine\]\(virtualMachine\.md\) \| `kubevirt\.io\/v1` \| VMs \|/,
        );
    });
});

describe("docs: kind discovery", () => {
    it("The VirtualMachine gets its situational tables, a generic kind its KindDef policy", () => {
        assert.equal(kindDocFor("VirtualMachine").sections, vmPolicySections);
        assert.equal(
            kindDocFor("NetworkAttachmentDefinition").sections[0]?.rules,
            networkAttachmentDefinitionKind.policy,
        );
    });
});
