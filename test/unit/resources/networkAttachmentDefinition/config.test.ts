import assert from "node:assert/strict";
import { exampleFiles, loadYaml, runCases, type Manifest } from "../../validation/helpers";
import {
    checkNadConfig,
    describeConfigChange,
} from "../../../../provider/resources/networkAttachmentDefinition/config";
import { networkAttachmentDefinitionKind as nadKind } from "../../../../provider/resources/networkAttachmentDefinition/definition";
import { planGeneric } from "../../../../provider/resources/generic/objects";

const config = (o: unknown) => JSON.stringify(o);
const base: Manifest = {
    apiVersion: "k8s.cni.cncf.io/v1",
    kind: "NetworkAttachmentDefinition",
    metadata: { name: "vlan10", namespace: "vms" },
    spec: {
        config: config({
            cniVersion: "0.3.1",
            name: "vlan10",
            type: "cnv-bridge",
            bridge: "br1",
            vlan: 10,
        }),
    },
};

describe("NetworkAttachmentDefinition config check", () => {
    runCases(
        base,
        [
            { name: "a single-plugin config is valid", modify: () => undefined },
            {
                name: "no config is valid (Multus reads a node-local file)",
                modify: (m) => delete m.spec.config,
            },
            {
                name: "a plugin list is valid",
                modify: (m) =>
                    (m.spec.config = config({
                        cniVersion: "0.3.1",
                        plugins: [{ type: "bridge" }, { type: "tuning" }],
                    })),
            },
            {
                name: "broken JSON is rejected",
                modify: (m) => (m.spec.config = '{ "cniVersion": '),
                expect: { property: "spec.config", reason: "is not valid JSON" },
            },
            {
                name: "a JSON array is rejected",
                modify: (m) => (m.spec.config = "[]"),
                expect: { property: "spec.config", reason: "must be a JSON object" },
            },
            {
                name: "a missing cniVersion is rejected",
                modify: (m) => (m.spec.config = config({ type: "bridge" })),
                expect: { property: "spec.config", reason: "needs a string 'cniVersion'" },
            },
            {
                name: "neither type nor plugins is rejected",
                modify: (m) => (m.spec.config = config({ cniVersion: "1.0.0" })),
                expect: {
                    property: "spec.config",
                    reason: "needs 'type' (a single plugin) or 'plugins'",
                },
            },
            {
                name: "an empty plugin list is rejected",
                modify: (m) => (m.spec.config = config({ cniVersion: "1.0.0", plugins: [] })),
                expect: { property: "spec.config", reason: "non-empty list" },
            },
            {
                name: "a plugin without type is rejected",
                modify: (m) =>
                    (m.spec.config = config({ cniVersion: "1.0.0", plugins: [{ bridge: "br1" }] })),
                expect: { property: "spec.config", reason: "plugins[0] needs a string 'type'" },
            },
            {
                name: "an OVN network naming another NAD is rejected",
                modify: (m) =>
                    (m.spec.config = config({
                        cniVersion: "0.3.1",
                        name: "blue",
                        type: "ovn-k8s-cni-overlay",
                        topology: "layer2",
                        netAttachDefName: "vms/other",
                    })),
                expect: {
                    property: "spec.config",
                    reason: "'netAttachDefName' must be \"vms/vlan10\"",
                },
            },
        ],
        checkNadConfig as (m: Manifest) => never,
    );

    describe("every upstream NAD example passes", () => {
        const docs = [
            ...exampleFiles("multus", /\.yaml$/),
            ...exampleFiles("user-guide", /^nad-.*\.yaml$/),
        ]
            .flatMap(loadYaml)
            .filter((d) => d.kind === "NetworkAttachmentDefinition");
        it("found the 3 upstream NADs", () => assert.equal(docs.length, 3));
        for (const d of docs)
            it(`${d.metadata.name} is clean`, () =>
                assert.deepEqual(
                    checkNadConfig({
                        ...d,
                        metadata: { ...d.metadata, namespace: "default" },
                    } as never),
                    [],
                ));
    });
});

describe("NetworkAttachmentDefinition plans", () => {
    const withConfig = (o: unknown, extra: Manifest = {}) => ({
        ...structuredClone(base),
        ...extra,
        spec: { config: typeof o === "string" ? o : config(o) },
    });
    const cases: { name: string; news: Manifest; impact: string; why: RegExp }[] = [
        {
            name: "a VLAN change names the key and is live for new attachments",
            news: withConfig({
                cniVersion: "0.3.1",
                name: "vlan10",
                type: "cnv-bridge",
                bridge: "br1",
                vlan: 20,
            }),
            impact: "live",
            why: /CNI config: vlan 10→20 \(used by new attachments\)/,
        },
        {
            name: "reformatting the same JSON is metadata only",
            news: withConfig(JSON.stringify(JSON.parse(base.spec.config), null, 2)),
            impact: "metadata",
            why: /formatting only/,
        },
        {
            name: "a resourceName change is live",
            news: {
                ...structuredClone(base),
                metadata: {
                    ...base.metadata,
                    annotations: { "k8s.v1.cni.cncf.io/resourceName": "openshift.io/nics" },
                },
            },
            impact: "live",
            why: /device resource changed/,
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            const plan = planGeneric(nadKind, base, c.news);
            assert.equal(plan.impact, c.impact);
            assert.ok(
                plan.reasons.some((r) => c.why.test(r.why)),
                JSON.stringify(plan.reasons),
            );
        });
    }

    it("describeConfigChange lists added and removed keys", () =>
        assert.equal(
            describeConfigChange(config({ a: 1, b: 2 }), config({ a: 1, c: 3 })).text,
            "CNI config: b removed, c added",
        ));
});
