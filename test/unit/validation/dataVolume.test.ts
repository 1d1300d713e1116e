import assert from "node:assert/strict";
import { UNKNOWN } from "../../../provider/validation/types";
import { validateAll } from "../../../provider/validation/validator";
import {
    checkDataVolume,
    checkDataVolumeSpec,
} from "../../../provider/validation/rules/dataVolume";
import { Case, Manifest, runCases } from "./helpers";

const baseDv: Manifest = {
    apiVersion: "cdi.kubevirt.io/v1beta1",
    kind: "DataVolume",
    metadata: { name: "dv1", namespace: "apps" },
    spec: {
        source: { http: { url: "https://example.com/disk.qcow2" } },
        storage: { resources: { requests: { storage: "5Gi" } } },
    },
};

const cases: Case[] = [
    { name: "base is valid", modify: () => {} },
    { name: "upload: {} counts as a source", modify: (m) => (m.spec.source = { upload: {} }) },
    {
        name: "sourceRef alone",
        modify: (m) =>
            (m.spec = { sourceRef: { kind: "DataSource", name: "fedora" }, storage: {} }),
    },
    {
        name: "pvc instead of storage",
        modify: (m) => ((m.spec.pvc = { accessModes: ["ReadWriteOnce"] }), delete m.spec.storage),
    },
    {
        name: "storage: null is dropped like the apiserver does",
        modify: (m) => ((m.spec.pvc = { accessModes: ["ReadWriteOnce"] }), (m.spec.storage = null)),
    },
    {
        name: "external population without source",
        modify: (m) => (
            (m.spec.storage.dataSourceRef = { kind: "VolumeImportSource", name: "src" }),
            delete m.spec.source
        ),
    },
    {
        name: "source and sourceRef",
        modify: (m) => (m.spec.sourceRef = { kind: "DataSource", name: "fedora" }),
        expect: {
            property: "spec.sourceRef",
            reason: "'spec.source' and 'spec.sourceRef' are mutually exclusive",
        },
    },
    {
        name: "neither source nor sourceRef",
        modify: (m) => delete m.spec.source,
        expect: {
            property: "spec.source",
            reason: "one of 'spec.source' or 'spec.sourceRef' must be set",
        },
    },
    {
        name: "external population plus source",
        modify: (m) => (m.spec.storage.dataSourceRef = { kind: "VolumeImportSource", name: "src" }),
        expect: { property: "spec.source", reason: "cannot be combined with external population" },
    },
    {
        name: "two source types",
        modify: (m) =>
            (m.spec.source.registry = { url: "docker://quay.io/containerdisks/fedora:41" }),
        expect: {
            property: "spec.source",
            reason: "sets 2 source types (http, registry); exactly one is allowed",
        },
    },
    {
        name: "empty source",
        modify: (m) => (m.spec.source = {}),
        expect: { property: "spec.source", reason: "must set exactly one source type" },
    },
    {
        name: "pvc and storage",
        modify: (m) => (m.spec.pvc = { accessModes: ["ReadWriteOnce"] }),
        expect: {
            property: "spec.pvc",
            reason: "'spec.pvc' and 'spec.storage' are mutually exclusive",
        },
    },
    {
        name: "neither pvc nor storage",
        modify: (m) => delete m.spec.storage,
        expect: {
            property: "spec.storage",
            reason: "one of 'spec.storage' or 'spec.pvc' must be set",
        },
    },
    {
        name: "http source needs url (schema)",
        modify: (m) => (m.spec.source.http = {}),
        expect: {
            property: "spec.source.http.url",
            reason: "missing required property 'spec.source.http.url'",
        },
    },
    {
        name: "unknown field in source (schema)",
        modify: (m) => (m.spec.source.http.uri = "x"),
        expect: {
            property: "spec.source.http.uri",
            reason: "unknown property 'uri' in 'spec.source.http'",
        },
    },
    {
        name: "contentType enum (schema)",
        modify: (m) => (m.spec.contentType = "iso"),
        expect: { property: "spec.contentType", reason: `allowed values: "kubevirt", "archive"` },
    },
    { name: "unknown source", modify: (m) => (m.spec.source = UNKNOWN) },
    { name: "unknown spec", modify: (m) => (m.spec = UNKNOWN) },
];

describe("validation: DataVolume", () => {
    runCases(baseDv, cases, (m) => validateAll("DataVolume", m));

    it("checkDataVolumeSpec prefixes properties with the given path", () => {
        const failures = checkDataVolumeSpec(
            { source: { blank: {} } },
            "spec.dataVolumeTemplates[3].spec",
        );
        assert.deepEqual(
            failures.map((f) => f.property),
            ["spec.dataVolumeTemplates[3].spec.storage"],
        );
    });

    it("rules tolerate garbage input", () => {
        for (const junk of [undefined, null, 1, "x", { spec: [] }])
            assert.deepEqual(checkDataVolume(junk), []);
    });
});
