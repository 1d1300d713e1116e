import assert from "node:assert/strict";
import type { KubeObject } from "../../../provider/k8s/client";
import { nextDvState, progressAt, sourceKind, type DvEnv } from "../../../sim/cdi/dvPhases";
import { T0 } from "./helpers";

function dv(spec: Record<string, unknown>): KubeObject {
    return {
        apiVersion: "cdi.kubevirt.io/v1beta1",
        kind: "DataVolume",
        metadata: { name: "disk", namespace: "ns", uid: "dv-uid" },
        spec,
    };
}

interface World {
    pvc?: "Pending" | "Bound" | "foreign";
    consumer: boolean;
    sourceProblem?: boolean;
    fail?: string;
    adoption?: boolean;
    wffc?: boolean;
}

/** Runs the phase machine like the controller would, applying PVC actions, and records each phase. */
function run(
    obj: KubeObject,
    world: World,
    maxSteps = 12,
    onStep?: (i: number, w: World) => void,
): string[] {
    const seen: string[] = [];
    for (let i = 0; i < maxSteps; i++) {
        onStep?.(i, world);
        const pvc = world.pvc
            ? {
                  apiVersion: "v1",
                  kind: "PersistentVolumeClaim",
                  metadata: {
                      name: "disk",
                      ownerReferences:
                          world.pvc === "foreign"
                              ? []
                              : [
                                    {
                                        apiVersion: "",
                                        kind: "DataVolume",
                                        name: "disk",
                                        uid: "dv-uid",
                                    },
                                ],
                  },
                  status: { phase: world.pvc === "foreign" ? "Bound" : world.pvc },
              }
            : undefined;
        const env: DvEnv = {
            ...(pvc ? { pvc } : {}),
            ownsPvc: world.pvc !== undefined && world.pvc !== "foreign",
            adoptionAllowed: !!world.adoption,
            wffc: !!world.wffc,
            consumerExists: world.consumer,
            ...(world.sourceProblem
                ? {
                      sourceProblem: {
                          reason: "NotFound",
                          message: "DataSource ns/fedora not found",
                      },
                  }
                : {}),
            ...(world.fail !== undefined ? { failMessage: world.fail } : {}),
            steps: 3,
            now: T0 + i * 1000,
        };
        const step = nextDvState(obj, env);
        if (step.pvc === "create") world.pvc = "Pending";
        if (step.pvc === "bind") world.pvc = "Bound";
        if (step.pvc === "adopt") world.pvc = "Bound";
        const label = `${step.status.phase}${step.status.progress && step.status.progress !== "N/A" ? ` ${step.status.progress}` : ""}${step.event ? ` [${step.event.reason}]` : ""}`;
        if (seen.at(-1) !== label) seen.push(label);
        obj = { ...obj, status: step.status };
    }
    return seen;
}

const http = {
    source: { http: { url: "https://example.com/disk.qcow2" } },
    storage: { resources: { requests: { storage: "10Gi" } } },
};

interface Case {
    name: string;
    spec: Record<string, unknown>;
    world: World;
    want: string[];
    onStep?: (i: number, w: World) => void;
}

const cases: Case[] = [
    {
        name: "an HTTP import goes Pending → ImportScheduled → ImportInProgress → Succeeded",
        spec: http,
        world: { consumer: false },
        want: [
            "Pending",
            "ImportScheduled",
            "ImportInProgress 0.00%",
            "ImportInProgress 33.33%",
            "ImportInProgress 66.67%",
            "Succeeded 100.0%",
        ],
    },
    {
        name: "a WaitForFirstConsumer import waits until a VMI uses it",
        spec: http,
        world: { consumer: false, wffc: true },
        onStep: (i, w) => (w.consumer = i >= 4),
        want: [
            "Pending",
            "WaitForFirstConsumer",
            "ImportScheduled",
            "ImportInProgress 0.00%",
            "ImportInProgress 33.33%",
            "ImportInProgress 66.67%",
            "Succeeded 100.0%",
        ],
    },
    {
        name: "a clone from a missing DataSource stays Pending",
        spec: { sourceRef: { kind: "DataSource", name: "fedora" }, storage: {} },
        world: { consumer: false, sourceProblem: true },
        want: ["Pending"],
    },
    {
        name: "a PVC clone goes through CloneScheduled and CloneInProgress",
        spec: { source: { pvc: { namespace: "ns", name: "golden" } } },
        world: { consumer: false },
        want: [
            "Pending",
            "CloneScheduled",
            "CloneInProgress 0.00%",
            "CloneInProgress 33.33%",
            "CloneInProgress 66.67%",
            "Succeeded 100.0%",
        ],
    },
    {
        name: "a blank disk succeeds quickly",
        spec: { source: { blank: {} } },
        world: { consumer: false },
        want: ["Pending", "ImportScheduled", "Succeeded 100.0%"],
    },
    {
        name: "an upload DataVolume waits in UploadReady",
        spec: { source: { upload: {} } },
        world: { consumer: false },
        want: ["Pending", "UploadScheduled", "UploadReady"],
    },
    {
        name: "an existing claim is adopted and Succeeded at once",
        spec: http,
        world: { consumer: false, pvc: "foreign", adoption: true },
        want: ["Succeeded 100.0%"],
    },
    {
        name: "the fail-import knob fails the import half-way with an event",
        spec: http,
        world: { consumer: false, fail: "404 Not Found" },
        want: [
            "Pending",
            "ImportScheduled",
            "ImportInProgress 0.00%",
            "ImportInProgress 33.33%",
            "Failed 33.33% [ImportFailed]",
            "Failed 33.33%",
        ],
    },
    {
        name: "removing the fail-import knob retries the import",
        spec: http,
        world: { consumer: false, fail: "boom" },
        onStep: (i, w) => {
            if (i === 6) delete w.fail;
        },
        want: [
            "Pending",
            "ImportScheduled",
            "ImportInProgress 0.00%",
            "ImportInProgress 33.33%",
            "Failed 33.33% [ImportFailed]",
            "Failed 33.33%",
            "ImportScheduled",
            "ImportInProgress 0.00%",
            "ImportInProgress 33.33%",
            "ImportInProgress 66.67%",
            "Succeeded 100.0%",
        ],
    },
];

describe("DataVolume phase sequence", () => {
    for (const c of cases)
        it(c.name, () => assert.deepEqual(run(dv(c.spec), { ...c.world }, 14, c.onStep), c.want));

    it("a failed import counts a restart and reports Running False ImportFailed", () => {
        let obj = dv(http);
        for (let i = 0; i < 8; i++) {
            const step = nextDvState(obj, {
                pvc: {
                    apiVersion: "v1",
                    kind: "PersistentVolumeClaim",
                    metadata: {},
                    status: { phase: "Bound" },
                },
                ownsPvc: true,
                adoptionAllowed: false,
                wffc: false,
                consumerExists: false,
                failMessage: "404 Not Found",
                steps: 3,
                now: T0,
            });
            obj = { ...obj, status: step.status };
        }
        const st = obj.status as {
            phase: string;
            restartCount: number;
            conditions: { type: string; status: string; reason?: string; message?: string }[];
        };
        assert.equal(st.phase, "Failed");
        assert.equal(st.restartCount, 1);
        assert.deepEqual(
            st.conditions.map((c) => [c.type, c.status, c.reason ?? "", c.message ?? ""]),
            [
                ["Bound", "True", "Bound", "PVC disk Bound"],
                ["Running", "False", "ImportFailed", "404 Not Found"],
                ["Ready", "False", "", ""],
            ],
        );
    });
});

describe("DataVolume helpers", () => {
    const kinds: [string, Record<string, unknown>, string][] = [
        ["http is an import", http, "import"],
        ["registry is an import", { source: { registry: { url: "docker://x" } } }, "import"],
        ["sourceRef is a clone", { sourceRef: { kind: "DataSource", name: "x" } }, "clone"],
        ["snapshot is a clone", { source: { snapshot: { name: "s" } } }, "clone"],
        ["blank is blank", { source: { blank: {} } }, "blank"],
        ["upload is upload", { source: { upload: {} } }, "upload"],
    ];
    for (const [name, spec, want] of kinds)
        it(name, () => assert.equal(sourceKind(spec as never), want));
    it("formats progress like CDI", () =>
        assert.deepEqual(
            [0, 1, 2, 3].map((i) => progressAt(i, 3)),
            ["0.00%", "33.33%", "66.67%", "100.0%"],
        ));
});
