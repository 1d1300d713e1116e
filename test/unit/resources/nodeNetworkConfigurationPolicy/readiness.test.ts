import assert from "node:assert/strict";
import type { KubeObject } from "../../../../provider/k8s/client";
import {
    enactmentInfo,
    isUpdatable,
    judgePolicy,
    progressText,
    shortReason,
    untilSettled,
    type EnactmentInfo,
} from "../../../../provider/resources/nodeNetworkConfigurationPolicy/readiness";

type C = [type: string, status: string, reason: string, message?: string];
function policy(generation: number, ...conds: C[]): KubeObject {
    return {
        apiVersion: "nmstate.io/v1",
        kind: "NodeNetworkConfigurationPolicy",
        metadata: { name: "p", generation },
        status: {
            conditions: conds.map(([type, status, reason, message]) => ({
                type,
                status,
                reason,
                message,
            })),
        },
    };
}
const available = (gen: number, msg = "3/3 nodes successfully configured") =>
    policy(
        gen,
        ["Degraded", "False", "SuccessfullyConfigured"],
        ["Available", "True", "SuccessfullyConfigured", msg],
        ["Progressing", "False", "SuccessfullyConfigured"],
    );
const degraded = (gen: number) =>
    policy(
        gen,
        ["Degraded", "True", "FailedToConfigure", "1/3 nodes failed to configure"],
        ["Available", "False", "FailedToConfigure"],
    );
const progressing = (gen: number) =>
    policy(
        gen,
        ["Available", "Unknown", "ConfigurationProgressing"],
        [
            "Progressing",
            "True",
            "ConfigurationProgressing",
            "Policy is progressing 1/3 nodes finished",
        ],
    );
const ignored = (gen: number) =>
    policy(
        gen,
        ["Ignored", "True", "NoMatchingNode", "Policy does not match any node"],
        ["Available", "False", "NoMatchingNode"],
    );
const e = (
    node: string,
    generation: number,
    state: EnactmentInfo["state"],
    message = "",
): EnactmentInfo => ({ node, generation, state, message });
const allAvailable = (gen: number) =>
    ["node-a", "node-b", "node-c"].map((n) => e(n, gen, "Available"));

describe("NodeNetworkConfigurationPolicy readiness", () => {
    describe("judgePolicy", () => {
        const cases: {
            name: string;
            policy: KubeObject;
            enactments?: EnactmentInfo[];
            ok: boolean;
            failed?: boolean;
            message: RegExp;
        }[] = [
            {
                name: "Available with every enactment current is ready",
                policy: available(2),
                enactments: allAvailable(2),
                ok: true,
                message: /^3\/3 nodes configured$/,
            },
            {
                name: "Available from the previous generation is stale",
                policy: available(2),
                enactments: allAvailable(1),
                ok: false,
                message: /waiting for nmstate to report on generation 2/,
            },
            {
                name: "Available while one node still progresses is stale",
                policy: available(2),
                enactments: [...allAvailable(2).slice(0, 2), e("node-c", 2, "Progressing")],
                ok: false,
                message: /generation 2/,
            },
            {
                name: "Available with no enactment at all is stale (nmstate has not run for this policy)",
                policy: available(1),
                enactments: [],
                ok: false,
                message: /generation 1/,
            },
            {
                name: "Available without readable enactments trusts the conditions",
                policy: available(1),
                ok: true,
                message: /3\/3 nodes successfully configured/,
            },
            {
                name: "Degraded fails with each failing node's reason",
                policy: degraded(3),
                enactments: [
                    e("node-a", 3, "Available"),
                    e(
                        "node-b",
                        3,
                        "Failing",
                        "error reconciling on node node-b: link eth9 not found",
                    ),
                    e("node-c", 3, "Aborted"),
                ],
                ok: false,
                failed: true,
                message:
                    /1\/3 nodes failed to configure; node-b: error reconciling on node node-b: link eth9 not found; node-c: aborted/,
            },
            {
                name: "Degraded from the previous generation is stale (a rerun is not failed early)",
                policy: degraded(4),
                enactments: [e("node-b", 3, "Failing", "x")],
                ok: false,
                message: /generation 4/,
            },
            {
                name: "Progressing waits and shows nodes done / total",
                policy: progressing(1),
                enactments: [],
                ok: false,
                message: /^1\/3 nodes configured$/,
            },
            {
                name: "Ignored (no matching node) is ready",
                policy: ignored(1),
                enactments: [],
                ok: true,
                message: /matches no node/,
            },
            {
                name: "Ignored while old enactments remain is stale",
                policy: ignored(2),
                enactments: [e("node-a", 1, "Available")],
                ok: false,
                message: /generation 2/,
            },
            {
                name: "No conditions yet waits for nmstate",
                policy: policy(1),
                enactments: [],
                ok: false,
                message: /waiting for nmstate to process the policy/,
            },
        ];
        for (const c of cases) {
            it(c.name, () => {
                const v = judgePolicy(c.policy, c.enactments);
                assert.equal(v.ok, c.ok);
                assert.equal(Boolean(v.failed), Boolean(c.failed));
                assert.match(v.message, c.message);
            });
        }
    });

    describe("isUpdatable (nmstate's admission rule)", () => {
        const cases: { name: string; policy: KubeObject | undefined; want: boolean }[] = [
            { name: "a settled Available policy may be updated", policy: available(1), want: true },
            {
                name: "a Degraded policy may be updated (that is how it is fixed)",
                policy: degraded(1),
                want: true,
            },
            { name: "a progressing policy may not", policy: progressing(1), want: false },
            { name: "a policy nmstate has not processed may not", policy: policy(1), want: false },
            { name: "a missing policy may (apply recreates it)", policy: undefined, want: true },
        ];
        for (const c of cases) it(c.name, () => assert.equal(isUpdatable(c.policy), c.want));
    });

    describe("untilSettled", () => {
        it("is done on Available, Degraded and Ignored", () =>
            assert.deepEqual(
                [available(1), degraded(1), ignored(1)].map((p) => untilSettled(p).ok),
                [true, true, true],
            ));
        it("keeps waiting while progressing", () =>
            assert.equal(untilSettled(progressing(1)).ok, false));
        it("fails when the policy disappears", () =>
            assert.equal(untilSettled(undefined).failed, true));
    });

    it("progressText turns nmstate's progress message into nodes done / total", () =>
        assert.equal(progressText(progressing(1)), "1/3 nodes configured"));

    it("shortReason keeps the nmstate error out of a long nmstatectl dump", () =>
        assert.equal(
            shortReason(
                "error reconciling ... failed to execute nmstatectl set: 'exit status 1' NmstateError: InvalidArgument: bond0 has no port",
            ),
            "NmstateError: InvalidArgument: bond0 has no port",
        ));

    it("enactmentInfo reads node, generation and the true condition", () =>
        assert.deepEqual(
            enactmentInfo({
                apiVersion: "nmstate.io/v1beta1",
                kind: "NodeNetworkConfigurationEnactment",
                metadata: { name: "node-b.p", labels: { "nmstate.io/node": "node-b" } },
                status: {
                    policyGeneration: 2,
                    conditions: [
                        { type: "Failing", status: "True", message: "boom" },
                        { type: "Available", status: "False" },
                    ],
                },
            }),
            { node: "node-b", generation: 2, state: "Failing", message: "boom" },
        ));
});
