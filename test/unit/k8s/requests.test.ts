/** The client's pure request pieces and its discovery cache, without a server. */
import assert from "node:assert/strict";
import { apiBase, decodeObject, describe as ref, query } from "../../../provider/k8s/requests";
import { Discovery } from "../../../provider/k8s/discovery";
import type { RawResponse } from "../../../provider/k8s/requests";
import { CrdMissingError, KubeApiError } from "../../../provider/errors";

describe("k8s request pieces", () => {
    const queries: [Record<string, string | number | undefined>, string][] = [
        [{}, ""],
        [{ a: undefined, b: "" }, ""],
        [
            { fieldManager: "pulumi kubevirt", dryRun: "All" },
            "?fieldManager=pulumi%20kubevirt&dryRun=All",
        ],
        [{ limit: 5 }, "?limit=5"],
    ];
    for (const [params, want] of queries)
        it(`query ${JSON.stringify(params)} is '${want}'`, () => assert.equal(query(params), want));

    const bases: [string, string][] = [
        ["v1", "/api/v1"],
        ["kubevirt.io/v1", "/apis/kubevirt.io/v1"],
    ];
    for (const [v, want] of bases)
        it(`${v} lives under ${want}`, () => assert.equal(apiBase(v), want));

    it("names namespaced and cluster-scoped objects", () => {
        assert.equal(ref({ apiVersion: "v1", kind: "Pod", name: "p", namespace: "ns" }), "ns/p");
        assert.equal(ref({ apiVersion: "v1", kind: "Node", name: "n" }), "n");
    });

    it("decodes a 2xx body and turns a failure into a typed error naming the object", () => {
        const pod = { apiVersion: "v1", kind: "Pod", name: "p", namespace: "ns" };
        const ok = decodeObject({ status: 200, body: '{"kind":"Pod"}' }, "GET", pod);
        assert.equal(ok.kind, "Pod");
        const status = JSON.stringify({ kind: "Status", reason: "Forbidden", message: "no" });
        assert.throws(
            () => decodeObject({ status: 403, body: status }, "apply", pod),
            (e: unknown) => e instanceof KubeApiError && /apply Pod ns\/p/.test(e.message),
        );
    });
});

describe("k8s discovery", () => {
    const served = JSON.stringify({
        resources: [
            { name: "virtualmachines", kind: "VirtualMachine", namespaced: true },
            { name: "virtualmachines/status", kind: "VirtualMachine", namespaced: true },
            { name: "kubevirts", kind: "KubeVirt", namespaced: true },
        ],
    });
    function discovery(answers: RawResponse[]) {
        const asked: string[] = [];
        const d = new Discovery(async (path) => {
            asked.push(path);
            return answers.shift() ?? { status: 500, body: "" };
        });
        return { d, asked };
    }

    it("maps kinds to paths from one request per group version, subresources left out", async () => {
        const { d, asked } = discovery([{ status: 200, body: served }]);
        const vm = { apiVersion: "kubevirt.io/v1", kind: "VirtualMachine", namespace: "ns" };
        assert.equal(
            await d.objectPath({ ...vm, name: "a b" }),
            "/apis/kubevirt.io/v1/namespaces/ns/virtualmachines/a%20b",
        );
        assert.equal(
            await d.collectionPath("kubevirt.io/v1", "VirtualMachine"),
            "/apis/kubevirt.io/v1/virtualmachines",
        );
        assert.deepEqual(asked, ["/apis/kubevirt.io/v1"]);
    });

    it("asks again for a group version that was not served yet (a CRD being installed)", async () => {
        const { d, asked } = discovery([
            { status: 404, body: "" },
            { status: 200, body: served },
        ]);
        await assert.rejects(d.collectionPath("kubevirt.io/v1", "KubeVirt"), CrdMissingError);
        assert.equal(
            await d.collectionPath("kubevirt.io/v1", "KubeVirt", "kubevirt"),
            "/apis/kubevirt.io/v1/namespaces/kubevirt/kubevirts",
        );
        assert.equal(asked.length, 2);
    });
});
