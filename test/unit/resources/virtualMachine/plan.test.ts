import assert from "node:assert/strict";
import { planFor } from "../../../../provider/resources/virtualMachine/plan";
import { defaultClusterFacts } from "../../../../provider/diff/types";
import { unknownValue } from "../../../../provider/kindProvider";

const base = () => ({
    metadata: { name: "vm-1", namespace: "ns" },
    spec: {
        runStrategy: "Always",
        template: {
            spec: {
                domain: { cpu: { sockets: 2, cores: 1 }, memory: { guest: "2Gi" }, devices: {} },
            },
        },
    },
});
const running = { running: true, maxSockets: 8, maxGuest: "8Gi", migratable: true };

describe("VM planned impact (plannedImpact property)", () => {
    const cases = [
        { name: "Identical inputs plan nothing", change: (_: any) => undefined, impact: "none" },
        {
            name: "A quantity written differently plans nothing",
            change: (v: any) => {
                v.spec.template.spec.domain.memory.guest = "2048Mi";
            },
            impact: "none",
        },
        {
            name: "Raising sockets on a running VM plans a live migration",
            change: (v: any) => {
                v.spec.template.spec.domain.cpu.sockets = 4;
            },
            impact: "liveMigrate",
        },
        {
            name: "Changing cores on a running VM plans a restart",
            change: (v: any) => {
                v.spec.template.spec.domain.cpu.cores = 2;
            },
            impact: "restart",
        },
        {
            name: "Changing cloud-init data touches only the Secret",
            change: (v: any) => {
                v.cloudInit = { userData: "#cloud-config" };
            },
            impact: "metadata",
        },
        {
            name: "A value unknown until apply is assumed to need a restart",
            change: (v: any) => {
                v.spec.template.spec.domain.cpu.cores = unknownValue;
            },
            impact: "restart",
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            const news: any = base();
            c.change(news);
            const p = planFor(base(), news, running, defaultClusterFacts);
            assert.equal(p.impact, c.impact, JSON.stringify(p));
            if (c.impact !== "none") assert.match(p.summary, /^vm-1: /);
        });
    }
});
