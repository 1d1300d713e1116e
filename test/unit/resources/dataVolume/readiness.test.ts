import assert from "node:assert/strict";
import type { KubeObject } from "../../../../provider/k8s/client";
import {
    claimExpanded,
    dataVolumeReady,
    leftFailed,
} from "../../../../provider/resources/dataVolume/readiness";

const dv = (status: Record<string, any> | undefined): KubeObject => ({
    apiVersion: "cdi.kubevirt.io/v1beta1",
    kind: "DataVolume",
    metadata: { name: "d" },
    ...(status ? { status } : {}),
});
const http = { spec: { source: { http: { url: "u" } } } };
const upload = { spec: { source: { upload: {} } } };
const running = (status: string, reason: string, message: string) => ({
    type: "Running",
    status,
    reason,
    message,
});

interface Case {
    name: string;
    inputs?: Record<string, any>;
    obj: KubeObject | undefined;
    ok: boolean;
    failed?: boolean;
    message: string | RegExp;
}

const cases: Case[] = [
    {
        name: "A missing DataVolume is not ready yet",
        obj: undefined,
        ok: false,
        message: "DataVolume does not exist yet",
    },
    { name: "No status yet reads as Pending", obj: dv(undefined), ok: false, message: "Pending" },
    {
        name: "Succeeded is ready",
        obj: dv({ phase: "Succeeded", progress: "100.0%" }),
        ok: true,
        message: "Succeeded 100.0%",
    },
    {
        name: "WaitForFirstConsumer is ready (a VM must consume it)",
        obj: dv({ phase: "WaitForFirstConsumer", progress: "N/A" }),
        ok: true,
        message: /WaitForFirstConsumer: usable/,
    },
    {
        name: "PendingPopulation is ready",
        obj: dv({ phase: "PendingPopulation" }),
        ok: true,
        message: /PendingPopulation: usable/,
    },
    {
        name: "UploadReady is ready for an upload source",
        inputs: upload,
        obj: dv({ phase: "UploadReady" }),
        ok: true,
        message: /UploadReady/,
    },
    {
        name: "UploadReady is not ready for an import",
        obj: dv({ phase: "UploadReady" }),
        ok: false,
        message: "UploadReady",
    },
    {
        name: "Import progress is shown with its percentage",
        obj: dv({
            phase: "ImportInProgress",
            progress: "45.67%",
            conditions: [running("True", "Pod is running", "")],
        }),
        ok: false,
        message: "ImportInProgress 45.67%",
    },
    {
        name: "A clone waiting for its DataSource says why",
        obj: dv({
            phase: "Pending",
            progress: "N/A",
            conditions: [
                running("False", "DataSourceNotReady", "DataSource os/fedora is not ready"),
            ],
        }),
        ok: false,
        message: "Pending (DataSourceNotReady: DataSource os/fedora is not ready)",
    },
    {
        name: "Importer restarts are counted",
        obj: dv({ phase: "ImportInProgress", progress: "10.00%", restartCount: 2 }),
        ok: false,
        message: "ImportInProgress 10.00%; importer restarted 2×",
    },
    {
        name: "Failed is terminal with the importer's reason",
        obj: dv({
            phase: "Failed",
            conditions: [
                running("False", "ImportFailed", "Unable to connect to http data source: 404"),
                { type: "Ready", status: "False" },
            ],
        }),
        ok: false,
        failed: true,
        message: "phase Failed: ImportFailed: Unable to connect to http data source: 404",
    },
    {
        name: "Failed without a Running reason falls back to Ready",
        obj: dv({
            phase: "Failed",
            conditions: [{ type: "Ready", status: "False", reason: "Error" }],
        }),
        ok: false,
        failed: true,
        message: "phase Failed: Error",
    },
    {
        name: "Failed with no conditions still fails",
        obj: dv({ phase: "Failed" }),
        ok: false,
        failed: true,
        message: "phase Failed: no reason reported",
    },
];

describe("DataVolume readiness", () => {
    for (const c of cases) {
        it(c.name, () => {
            const v = dataVolumeReady(c.inputs ?? http)(c.obj);
            assert.equal(v.ok, c.ok);
            assert.equal(v.failed ?? false, c.failed ?? false);
            if (typeof c.message === "string") assert.equal(v.message, c.message);
            else assert.match(v.message, c.message);
        });
    }
    it("A stale Failed phase keeps the retry wait going; any other phase ends it", () => {
        assert.equal(leftFailed(dv({ phase: "Failed" })).ok, false);
        assert.equal(leftFailed(dv({ phase: "ImportScheduled" })).ok, true);
    });
});

const pvc = (status: Record<string, any>): KubeObject => ({
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name: "d" },
    status,
});

describe("PVC expansion readiness", () => {
    const table: {
        name: string;
        obj: KubeObject | undefined;
        ok: boolean;
        failed?: boolean;
        message: RegExp;
    }[] = [
        {
            name: "Capacity at the new size is done",
            obj: pvc({ capacity: { storage: "20Gi" } }),
            ok: true,
            message: /expanded to 20Gi/,
        },
        {
            name: "Capacity above it (rounding up) is done",
            obj: pvc({ capacity: { storage: "21474836480" } }),
            ok: true,
            message: /expanded/,
        },
        {
            name: "FileSystemResizePending is done (kubelet finishes on mount)",
            obj: pvc({
                capacity: { storage: "10Gi" },
                conditions: [{ type: "FileSystemResizePending", status: "True" }],
            }),
            ok: true,
            message: /file system grows/,
        },
        {
            name: "Resizing shows progress",
            obj: pvc({
                capacity: { storage: "10Gi" },
                conditions: [{ type: "Resizing", status: "True" }],
            }),
            ok: false,
            message: /resizing .*capacity 10Gi, requested 20Gi/,
        },
        {
            name: "Old capacity waits for the provisioner",
            obj: pvc({ capacity: { storage: "10Gi" } }),
            ok: false,
            message: /waiting for the storage provisioner/,
        },
        {
            name: "A PVC that vanishes fails",
            obj: undefined,
            ok: false,
            failed: true,
            message: /disappeared/,
        },
    ];
    for (const c of table) {
        it(c.name, () => {
            const v = claimExpanded("20Gi")(c.obj);
            assert.equal(v.ok, c.ok);
            assert.equal(v.failed ?? false, c.failed ?? false);
            assert.match(v.message, c.message);
        });
    }
});
