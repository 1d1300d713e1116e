import assert from "node:assert/strict";
import type { Impact } from "../../../../provider/diff/types";
import type { KubeObject } from "../../../../provider/k8s/client";
import { planGeneric } from "../../../../provider/resources/generic/objects";
import {
    dataSourceKind,
    dataSourceOutputs,
} from "../../../../provider/resources/dataSource/definition";
import { dataSourceReady } from "../../../../provider/resources/dataSource/readiness";

const base = () => ({
    metadata: { name: "fedora", namespace: "os" },
    spec: { source: { pvc: { namespace: "os", name: "fedora-41" } } },
});
const ds = (status?: Record<string, any>): KubeObject => ({
    apiVersion: "cdi.kubevirt.io/v1beta1",
    kind: "DataSource",
    metadata: { name: "fedora" },
    spec: base().spec,
    ...(status ? { status } : {}),
});

describe("DataSource policy", () => {
    const cases: { name: string; change: (d: any) => void; impact: Impact; note?: RegExp }[] = [
        {
            name: "Repointing the source is live; new VMs clone the new source",
            change: (d) => (d.spec.source.pvc.name = "fedora-42"),
            impact: "live",
            note: /VMs created later clone the new source; existing DVs keep their data/,
        },
        {
            name: "Switching pvc to snapshot is live",
            change: (d) => (d.spec.source = { snapshot: { namespace: "os", name: "s" } }),
            impact: "live",
        },
        {
            name: "A label is metadata only",
            change: (d) => (d.metadata.labels = { a: "b" }),
            impact: "metadata",
        },
        {
            name: "Renaming replaces",
            change: (d) => (d.metadata.name = "fedora2"),
            impact: "replace",
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            const news = base();
            c.change(news);
            const plan = planGeneric(dataSourceKind, base(), news);
            assert.equal(plan.impact, c.impact);
            if (c.note)
                assert.ok(
                    plan.notes.some((n) => c.note!.test(n)),
                    JSON.stringify(plan.notes),
                );
        });
    }
});

describe("DataSource readiness", () => {
    const cases: { name: string; obj: KubeObject | undefined; ok: boolean; message: string }[] = [
        {
            name: "Missing is not ready",
            obj: undefined,
            ok: false,
            message: "DataSource does not exist yet",
        },
        {
            name: "No status waits for its source",
            obj: ds(),
            ok: false,
            message: "not ready: waiting for pvc os/fedora-41",
        },
        {
            name: "Ready=False shows the reason",
            obj: ds({
                conditions: [
                    {
                        type: "Ready",
                        status: "False",
                        reason: "ImportInProgress",
                        message: "Import of os/fedora-41 is ImportInProgress",
                    },
                ],
            }),
            ok: false,
            message:
                "not ready (ImportInProgress: Import of os/fedora-41 is ImportInProgress): waiting for pvc os/fedora-41",
        },
        {
            name: "Ready=True publishes the resolved source",
            obj: ds({
                source: { pvc: { namespace: "os", name: "fedora-41" } },
                conditions: [{ type: "Ready", status: "True" }],
            }),
            ok: true,
            message: "Ready: publishes pvc os/fedora-41",
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            const v = dataSourceReady(c.obj);
            assert.equal(v.ok, c.ok);
            assert.equal(v.message, c.message);
        });
    }
    it("outputs readiness and the resolved source", () => {
        assert.deepEqual(
            dataSourceOutputs(
                ds({
                    source: { pvc: { namespace: "os", name: "x" } },
                    conditions: [{ type: "Ready", status: "True" }],
                }),
            ),
            { status: { ready: true, source: "pvc os/x" } },
        );
        assert.deepEqual(dataSourceOutputs(undefined), {
            status: { ready: false, source: "no source" },
        });
    });
});
