/** The API client's retry policy: which failures are retried, after how long, and when it gives up. */
import assert from "node:assert/strict";
import {
    retryAfterMs,
    retryDecision,
    retryLimits,
    type FailedAttempt,
} from "../../../provider/k8s/apiErrors";

const now = Date.parse("2026-01-01T00:00:00Z");
const at = (a: Partial<FailedAttempt>): FailedAttempt => ({
    method: "GET",
    attempt: 1,
    elapsedMs: 0,
    rand: 0.5,
    nowMs: now,
    reachedBefore: true,
    ...a,
});

// [what, attempt, expected delay in ms or "give up"]
const cases: [string, Partial<FailedAttempt>, number | "give up"][] = [
    ["429 without Retry-After backs off (base × ¾ at rand 0.5)", { status: 429 }, 188],
    ["429 honours Retry-After seconds", { status: 429, retryAfter: "3" }, 3000],
    [
        "429 honours a Retry-After date",
        { status: 429, retryAfter: new Date(now + 2000).toUTCString() },
        2000,
    ],
    ["an unreadable Retry-After falls back to backoff", { status: 503, retryAfter: "soon" }, 188],
    ["503 on POST is retried: the server did not act", { status: 503, method: "POST" }, 188],
    ["429 on POST is retried", { status: 429, method: "POST", retryAfter: "1" }, 1000],
    ["500 on PATCH (apply) is retried", { status: 500, method: "PATCH" }, 188],
    [
        "500 on POST gives up: the create may have happened",
        { status: 500, method: "POST" },
        "give up",
    ],
    [
        "500 on PATCH that is the schema's verdict (untyped apply body) gives up",
        {
            status: 500,
            method: "PATCH",
            body: '{"kind":"Status","message":"failed to create typed patch object (/x; kubevirt.io/v1, Kind=KubeVirt): .name: field not declared in schema"}',
        },
        "give up",
    ],
    [
        "500 on PATCH from a webhook that could not be called is retried",
        {
            status: 500,
            method: "PATCH",
            body: '{"message":"failed calling webhook \\"x.kubevirt.io\\""}',
        },
        188,
    ],
    ["502 on DELETE is retried", { status: 502, method: "DELETE" }, 188],
    ["504 on PUT is retried", { status: 504, method: "PUT" }, 188],
    ["connection reset on GET is retried", { errorCode: "ECONNRESET" }, 188],
    ["connection reset on POST gives up", { errorCode: "ECONNRESET", method: "POST" }, "give up"],
    [
        "connection refused on POST is retried: nothing was sent",
        { errorCode: "ECONNREFUSED", method: "POST" },
        188,
    ],
    ["no answer in time on GET is retried", { errorCode: "ETIMEDOUT" }, 188],
    [
        "a server never reached (offline preview) is not retried",
        { errorCode: "ECONNREFUSED", reachedBefore: false },
        "give up",
    ],
    ["…but a status from it is, once it answers", { status: 503, reachedBefore: false }, 188],
    ["an unknown socket error gives up", { errorCode: "ECERTEXPIRED" }, "give up"],
    ["backoff doubles per attempt", { status: 503, attempt: 3 }, 750],
    ["backoff is capped", { status: 503, attempt: 7, rand: 0.99 }, 7960],
    ["jitter spreads the delay (rand 0)", { status: 503, attempt: 2, rand: 0 }, 250],
    [
        "the attempt limit ends retries",
        { status: 503, attempt: retryLimits.maxAttempts },
        "give up",
    ],
    [
        "the time budget ends retries",
        { status: 429, retryAfter: "10", elapsedMs: retryLimits.budgetMs - 5000 },
        "give up",
    ],
    ["400 Bad Request is permanent", { status: 400 }, "give up"],
    ["401 Unauthorized is permanent", { status: 401 }, "give up"],
    ["403 Forbidden is permanent", { status: 403 }, "give up"],
    ["404 Not Found is permanent", { status: 404 }, "give up"],
    ["409 Conflict is permanent", { status: 409, method: "PATCH" }, "give up"],
    ["410 Gone is permanent (the watcher re-lists)", { status: 410 }, "give up"],
    ["422 Invalid is permanent", { status: 422, method: "PATCH" }, "give up"],
];

describe("retryDecision", () => {
    for (const [what, attempt, want] of cases) {
        it(what, () => {
            const d = retryDecision(at(attempt));
            assert.deepEqual(
                d,
                want === "give up" ? { retry: false } : { retry: true, delayMs: want },
            );
        });
    }
});

describe("retryAfterMs", () => {
    const table: [string | undefined, number | undefined][] = [
        [undefined, undefined],
        ["", undefined],
        ["0", 0],
        [" 5 ", 5000],
        ["later", undefined],
        [new Date(now - 1000).toUTCString(), 0],
    ];
    for (const [header, want] of table)
        it(`${JSON.stringify(header)} → ${want}`, () =>
            assert.equal(retryAfterMs(header, now), want));
});
