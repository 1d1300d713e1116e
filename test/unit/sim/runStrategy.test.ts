import assert from "node:assert/strict";
import {
    decideRun,
    isSetToStart,
    trimStateChangeRequests,
} from "../../../sim/kubevirt/runStrategy";
import type {
    StateChangeRequest,
    VirtualMachine,
    VirtualMachineInstance,
} from "../../../sim/kubevirt/types";

function vm(spec: Record<string, unknown>, status: Record<string, unknown> = {}): VirtualMachine {
    return {
        apiVersion: "kubevirt.io/v1",
        kind: "VirtualMachine",
        metadata: { name: "v", namespace: "ns" },
        spec,
        status,
    } as VirtualMachine;
}
function vmi(phase: string, extra: Record<string, unknown> = {}): VirtualMachineInstance {
    return {
        apiVersion: "kubevirt.io/v1",
        kind: "VirtualMachineInstance",
        metadata: { name: "v", namespace: "ns", uid: "vmi-1", ...extra },
        spec: {},
        status: { phase },
    } as VirtualMachineInstance;
}
const stopReq: StateChangeRequest[] = [{ action: "Stop", uid: "vmi-1" }];
const startReq: StateChangeRequest[] = [{ action: "Start" }];

interface Case {
    name: string;
    vm: VirtualMachine;
    vmi?: VirtualMachineInstance;
    want: string;
    startRequest?: boolean;
    alwaysPatch?: boolean;
}

const cases: Case[] = [
    { name: "Always without a VMI starts one", vm: vm({ runStrategy: "Always" }), want: "start" },
    {
        name: "Always with a running VMI does nothing",
        vm: vm({ runStrategy: "Always" }),
        vmi: vmi("Running"),
        want: "none",
    },
    {
        name: "Always with a Succeeded VMI stops it (to restart)",
        vm: vm({ runStrategy: "Always" }),
        vmi: vmi("Succeeded"),
        want: "stop",
    },
    {
        name: "Always with a Failed VMI stops it (to restart)",
        vm: vm({ runStrategy: "Always" }),
        vmi: vmi("Failed"),
        want: "stop",
    },
    {
        name: "Always waits while the VMI is being deleted",
        vm: vm({ runStrategy: "Always" }),
        vmi: vmi("Running", { deletionTimestamp: "t" }),
        want: "none",
    },
    {
        name: "Always restarts on a stop request for this VMI",
        vm: vm({ runStrategy: "Always" }, { stateChangeRequests: stopReq }),
        vmi: vmi("Running"),
        want: "stop",
    },
    { name: "running: true means Always", vm: vm({ running: true }), want: "start" },
    {
        name: "running: false means Halted",
        vm: vm({ running: false }),
        vmi: vmi("Running"),
        want: "stop",
    },
    {
        name: "Halted stops a running VMI",
        vm: vm({ runStrategy: "Halted" }),
        vmi: vmi("Running"),
        want: "stop",
    },
    { name: "Halted without a VMI does nothing", vm: vm({ runStrategy: "Halted" }), want: "none" },
    {
        name: "Halted with a start request flips runStrategy to Always",
        vm: vm({ runStrategy: "Halted" }, { stateChangeRequests: startReq }),
        want: "none",
        alwaysPatch: true,
    },
    { name: "Manual never starts on its own", vm: vm({ runStrategy: "Manual" }), want: "none" },
    {
        name: "Manual starts on a start request",
        vm: vm({ runStrategy: "Manual" }, { stateChangeRequests: startReq }),
        want: "start",
    },
    {
        name: "Manual stops on a stop request",
        vm: vm({ runStrategy: "Manual" }, { stateChangeRequests: stopReq }),
        vmi: vmi("Running"),
        want: "stop",
    },
    {
        name: "Manual leaves a Succeeded VMI alone",
        vm: vm({ runStrategy: "Manual" }),
        vmi: vmi("Succeeded"),
        want: "none",
    },
    {
        name: "RerunOnFailure starts a new VM",
        vm: vm({ runStrategy: "RerunOnFailure" }),
        want: "start",
    },
    {
        name: "RerunOnFailure does not restart a deleted VMI",
        vm: vm({ runStrategy: "RerunOnFailure" }, { runStrategy: "RerunOnFailure" }),
        want: "none",
    },
    {
        name: "RerunOnFailure starts when switched from another strategy",
        vm: vm({ runStrategy: "RerunOnFailure" }, { runStrategy: "Halted" }),
        want: "start",
    },
    {
        name: "RerunOnFailure restarts a Failed VMI via a start request",
        vm: vm({ runStrategy: "RerunOnFailure" }),
        vmi: vmi("Failed"),
        want: "stop",
        startRequest: true,
    },
    {
        name: "RerunOnFailure leaves a guest shutdown down",
        vm: vm({ runStrategy: "RerunOnFailure" }),
        vmi: vmi("Succeeded"),
        want: "stop",
        startRequest: false,
    },
    {
        name: "RerunOnFailure starts on its start request",
        vm: vm(
            { runStrategy: "RerunOnFailure" },
            { runStrategy: "RerunOnFailure", stateChangeRequests: startReq },
        ),
        want: "start",
    },
    { name: "Once starts a VM without a VMI", vm: vm({ runStrategy: "Once" }), want: "start" },
    {
        name: "Once never restarts a finished VMI",
        vm: vm({ runStrategy: "Once" }),
        vmi: vmi("Succeeded"),
        want: "none",
    },
    {
        name: "Once leaves a Failed VMI alone",
        vm: vm({ runStrategy: "Once" }),
        vmi: vmi("Failed"),
        want: "none",
    },
];

describe("run strategy → VMI decision (syncRunStrategy)", () => {
    for (const c of cases) {
        it(c.name, () => {
            const d = decideRun(c.vm, c.vmi);
            assert.equal(d.action, c.want);
            if (c.startRequest !== undefined) assert.equal(!!d.addStartRequest, c.startRequest);
            assert.equal(!!d.setRunStrategyAlways, !!c.alwaysPatch);
        });
    }
});

describe("isSetToStart", () => {
    const table: [string, VirtualMachine, VirtualMachineInstance | undefined, boolean][] = [
        ["Always is set to start", vm({ runStrategy: "Always" }), undefined, true],
        ["Halted is not", vm({ runStrategy: "Halted" }), undefined, false],
        ["Manual without a start request is not", vm({ runStrategy: "Manual" }), undefined, false],
        [
            "RerunOnFailure with a Succeeded VMI is not",
            vm({ runStrategy: "RerunOnFailure" }),
            vmi("Succeeded"),
            false,
        ],
        ["Once with a VMI is not", vm({ runStrategy: "Once" }), vmi("Running"), false],
    ];
    for (const [name, v, i, want] of table) it(name, () => assert.equal(isSetToStart(v, i), want));
});

describe("trimStateChangeRequests", () => {
    const table: [string, StateChangeRequest[], VirtualMachineInstance | undefined, number][] = [
        ["a stop request is dropped once the VMI is gone", [...stopReq, ...startReq], undefined, 1],
        ["a stop request stays while its VMI runs", stopReq, vmi("Running"), 1],
        [
            "a stop request for an older VMI is dropped",
            [{ action: "Stop", uid: "old" }],
            vmi("Running"),
            0,
        ],
        ["a start request is dropped once a VMI runs", startReq, vmi("Running"), 0],
        ["a start request stays while the old VMI is final", startReq, vmi("Failed"), 1],
    ];
    for (const [name, reqs, i, left] of table)
        it(name, () => assert.equal(trimStateChangeRequests(reqs, i)?.length ?? 0, left));
});
