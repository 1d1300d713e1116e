import { checkDataVolume } from "../../../provider/validation/rules/dataVolume";
import { UNKNOWN } from "../../../provider/validation/types";
import { Case, Manifest, runCases } from "./helpers";

const base: Manifest = {
    spec: {
        source: { http: { url: "https://example.com/disk.qcow2" } },
        storage: { accessModes: ["ReadWriteOnce"] },
    },
};

const source = (m: Manifest, s: object) => {
    m.spec.source = s;
};

const cases: Case[] = [
    { name: "https URL", modify: () => {} },
    {
        name: "registry docker:// URL",
        modify: (m) =>
            source(m, { registry: { url: "docker://quay.io/containerdisks/fedora:41" } }),
    },
    {
        name: "registry oci-archive:// URL",
        modify: (m) => source(m, { registry: { url: "oci-archive:///images/fedora.tar" } }),
    },
    {
        name: "registry by image stream (no URL)",
        modify: (m) => source(m, { registry: { imageStream: "fedora", pullMethod: "node" } }),
    },
    { name: "unknown URL at preview", modify: (m) => source(m, { http: { url: UNKNOWN } }) },
    {
        name: "HTTP URL that does not parse",
        modify: (m) => source(m, { http: { url: "htp//example.com/disk.img" } }),
        expect: {
            property: "spec.source.http.url",
            reason: `"htp//example.com/disk.img" is not an absolute URL`,
        },
    },
    {
        name: "HTTP source with an ftp URL",
        modify: (m) => source(m, { http: { url: "ftp://example.com/disk.img" } }),
        expect: {
            property: "spec.source.http.url",
            reason: "has scheme 'ftp://'; allowed: http://, https://",
        },
    },
    {
        name: "registry URL without scheme",
        modify: (m) => source(m, { registry: { url: "quay.io/containerdisks/fedora:41" } }),
        expect: {
            property: "spec.source.registry.url",
            reason: "is not an absolute URL (allowed: docker://, oci-archive://)",
        },
    },
    {
        name: "unknown access mode",
        modify: (m) => {
            m.spec.storage.accessModes = ["ReadWriteOnce", "ReadWriteSometimes"];
        },
        expect: {
            property: "spec.storage.accessModes[1]",
            reason: `invalid value "ReadWriteSometimes"`,
        },
    },
];

describe("validation: DataVolume source URLs and access modes", () =>
    runCases(base, cases, checkDataVolume));
