import assert from "node:assert/strict";
import {
    describeChange,
    diffValues,
    formatPath,
    matchPath,
    parsePath,
    type PathChange,
} from "../../../provider/diff/paths";

const T = "spec.template.spec";
const brief = (cs: PathChange[]) => cs.map((c) => [c.path, c.kind]);

describe("paths.diffValues", () => {
    const cases: {
        name: string;
        old: unknown;
        new: unknown;
        want: [string, PathChange["kind"]][];
    }[] = [
        {
            name: "Equal values with different key order give no change",
            old: { a: 1, b: { c: 2 } },
            new: { b: { c: 2 }, a: 1 },
            want: [],
        },
        {
            name: "A nested scalar change is reported at its leaf",
            old: { a: { b: 1 } },
            new: { a: { b: 2 } },
            want: [["a.b", "changed"]],
        },
        {
            name: "A new scalar key is reported as added",
            old: { a: 1 },
            new: { a: 1, b: 2 },
            want: [["b", "added"]],
        },
        {
            name: "A new object is walked down to its leaves",
            old: { a: 1 },
            new: { a: 1, b: { c: 1, d: 2 } },
            want: [
                ["b.c", "added"],
                ["b.d", "added"],
            ],
        },
        {
            name: "A new empty object is reported on itself",
            old: {},
            new: { masquerade: {} },
            want: [["masquerade", "added"]],
        },
        {
            name: "A keyed list appearing is reported per element",
            old: {},
            new: { volumes: [{ name: "a" }, { name: "b" }] },
            want: [
                ["volumes[a]", "added"],
                ["volumes[b]", "added"],
            ],
        },
        {
            name: "A dropped key is reported as removed",
            old: { a: 1, b: 2 },
            new: { a: 1 },
            want: [["b", "removed"]],
        },
        {
            name: "Inserting into a name-keyed list is attributed to the new element, not shifted indexes",
            old: { disks: [{ name: "a" }, { name: "b" }] },
            new: { disks: [{ name: "x" }, { name: "a" }, { name: "b" }] },
            want: [["disks[x]", "added"]],
        },
        {
            name: "A field change inside a keyed element is attributed by name",
            old: { interfaces: [{ name: "default" }, { name: "nic1", state: "up" }] },
            new: { interfaces: [{ name: "default" }, { name: "nic1", state: "down" }] },
            want: [["interfaces[nic1].state", "changed"]],
        },
        {
            name: "Removing a keyed element is reported on that element",
            old: { volumes: [{ name: "a" }, { name: "b" }] },
            new: { volumes: [{ name: "b" }] },
            want: [["volumes[a]", "removed"]],
        },
        {
            name: "Moving keyed elements is reported once as a reorder of the list",
            old: { disks: [{ name: "a" }, { name: "b" }] },
            new: { disks: [{ name: "b" }, { name: "a" }] },
            want: [["disks", "reordered"]],
        },
        {
            name: "dataVolumeTemplates are keyed by metadata.name",
            old: { dvt: [{ metadata: { name: "root" }, spec: { size: 1 } }] },
            new: { dvt: [{ metadata: { name: "root" }, spec: { size: 2 } }] },
            want: [["dvt[root].spec.size", "changed"]],
        },
        {
            name: "Lists without names are compared as a whole",
            old: { tolerations: [{ key: "a" }] },
            new: { tolerations: [{ key: "a" }, { key: "b" }] },
            want: [["tolerations", "changed"]],
        },
        {
            name: "Keys that are not identifiers are quoted",
            old: { annotations: {} },
            new: { annotations: { "kubevirt.io/x": "1" } },
            want: [['annotations["kubevirt.io/x"]', "added"]],
        },
    ];
    for (const c of cases)
        it(c.name, () => assert.deepEqual(brief(diffValues(c.old, c.new)), c.want));
});

describe("paths.matchPath", () => {
    const cases: { name: string; pattern: string; path: string; want: boolean }[] = [
        {
            name: "An exact pattern matches its path",
            pattern: `${T}.domain.cpu.sockets`,
            path: `${T}.domain.cpu.sockets`,
            want: true,
        },
        {
            name: "An exact pattern does not match a sibling",
            pattern: `${T}.domain.cpu.sockets`,
            path: `${T}.domain.cpu.cores`,
            want: false,
        },
        {
            name: "** matches any depth",
            pattern: `${T}.**`,
            path: `${T}.domain.devices.disks[root].disk.bus`,
            want: true,
        },
        {
            name: "** matches zero segments",
            pattern: "metadata.labels.**",
            path: "metadata.labels",
            want: true,
        },
        {
            name: "** does not match outside its prefix",
            pattern: `${T}.**`,
            path: "spec.runStrategy",
            want: false,
        },
        {
            name: "* matches exactly one segment",
            pattern: "metadata.labels.*",
            path: 'metadata.labels["app.kubernetes.io/name"]',
            want: true,
        },
        {
            name: "* does not match two segments",
            pattern: "metadata.labels.*",
            path: "metadata.labels.a.b",
            want: false,
        },
        {
            name: "[*] matches a keyed element",
            pattern: `${T}.volumes[*]`,
            path: `${T}.volumes[data]`,
            want: true,
        },
        {
            name: "[*] does not match a plain key",
            pattern: `${T}.volumes[*]`,
            path: `${T}.volumes.data`,
            want: false,
        },
        {
            name: "[*].** matches inside a keyed element",
            pattern: `${T}.volumes[*].**`,
            path: `${T}.volumes[data].dataVolume.name`,
            want: true,
        },
        {
            name: "A named element pattern matches only that name",
            pattern: "x.interfaces[nic1].state",
            path: "x.interfaces[nic2].state",
            want: false,
        },
    ];
    for (const c of cases) it(c.name, () => assert.equal(matchPath(c.pattern, c.path), c.want));
});

describe("paths formatting", () => {
    const paths = [
        'spec.template.metadata.annotations["kubevirt.io/pci-topology-version"]',
        "spec.dataVolumeTemplates[my.dv].spec.storage",
        `${T}.domain.devices.interfaces[nic1].state`,
    ];
    for (const p of paths)
        it(`Path ${p} survives parse and format`, () => assert.equal(formatPath(parsePath(p)), p));

    const labels: { name: string; old: unknown; new: unknown; want: string }[] = [
        {
            name: "A scalar change is labelled old→new",
            old: { s: 2 },
            new: { s: 4 },
            want: "s 2→4",
        },
        {
            name: "A keyed element addition is labelled on its list",
            old: { disks: [] },
            new: { disks: [{ name: "data" }] },
            want: "disks changed ('data' added)",
        },
        {
            name: "A sub-tree change is labelled changed",
            old: { a: [1] },
            new: { a: [2] },
            want: "a changed",
        },
    ];
    for (const c of labels) {
        it(c.name, () =>
            assert.equal(describeChange(diffValues(c.old, c.new)[0] as PathChange), c.want),
        );
    }
});
