/**
 * One awaiter drives every wait: GET the object, then watch from that resourceVersion (so no event
 * between the two is lost), evaluating a pure condition on each observed state until it is
 * satisfied, fails terminally, or the deadline passes. Watch streams end routinely (server
 * timeouts, 410 Gone); both are handled by re-watching or re-reading, never by failing.
 *
 * The last observed object is always returned or attached to the error, so a failure can show
 * what the cluster looked like.
 */
import type { KubeClient, KubeObject, ObjectRef, WatchEvent } from "../k8s/client";
import { AwaitCancelledError, AwaitFailedError, AwaitTimeoutError, KubeApiError } from "../errors";
import { cancelReason, cancelSignal } from "./cancel";
import { describe } from "../k8s/requests";
import { describeBudget, remainingMs, type Budget } from "./timeouts";

/** The verdict of a condition on one observed state. `obj` is undefined when the object is absent. */
export interface Verdict {
    /** The wait is over, successfully. */
    ok: boolean;
    /** The wait is over, unsuccessfully; `message` says why. */
    failed?: boolean;
    /** Progress text shown to the user, e.g. "VMI Scheduling on node-b". */
    message: string;
}

export type Condition = (obj: KubeObject | undefined) => Verdict;

export interface AwaitOptions {
    /** The operation's budget (the user's `timeouts`); the wait ends when it runs out. */
    budget?: Budget;
    /** A shorter limit for this wait alone (a grace period), or the limit when there is no budget. */
    timeoutMs?: number;
    /** Called with each new progress message (deduplicated). */
    onProgress?: (message: string) => void;
    /** Collects recent Warning events to attach to failures. */
    events?: () => Promise<string[]>;
    /** What is being waited for, for messages ("VirtualMachine default/vm-1 to be Ready"). */
    what: string;
}

/** What a wait on one object has seen so far. */
interface Watched {
    verdict: Verdict;
    last?: KubeObject;
    rv?: string;
}

const settled = (v: Verdict): boolean => v.ok || !!v.failed;

/** Wait until `cond` holds for the object `ref`. Resolves with the last observed object. */
export async function awaitObject(
    client: KubeClient,
    ref: ObjectRef,
    cond: Condition,
    opts: AwaitOptions,
): Promise<KubeObject | undefined> {
    const timeoutMs = limitMs(opts);
    const deadline = Date.now() + timeoutMs;
    const progress = dedup(opts.onProgress);
    const w: Watched = { verdict: { ok: false, message: "" } };
    const judge = (obj: KubeObject | undefined): void => {
        w.last = obj;
        w.verdict = cond(obj);
        progress(w.verdict.message);
    };
    judge(await client.get(ref));
    w.rv = w.last?.metadata.resourceVersion;
    const window = waitWindow(deadline);
    try {
        await watchObject(client, ref, w, judge, deadline, window.signal);
    } finally {
        window.close();
    }
    return objectOutcome(w, opts, window.cancelled.aborted, timeoutMs);
}

/**
 * An abort signal for one wait: it fires at the deadline, or on the engine's cancel (Ctrl-C),
 * which ends the wait like the deadline does but says so (`cancelled`).
 */
function waitWindow(deadline: number) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), Math.max(0, deadline - Date.now()));
    const cancelled = cancelSignal();
    const stop = () => controller.abort();
    if (cancelled.aborted) stop();
    cancelled.addEventListener("abort", stop);
    const close = () => {
        clearTimeout(timer);
        cancelled.removeEventListener("abort", stop);
    };
    return { signal: controller.signal, cancelled, close };
}

/** Watch `ref` from `w.rv`, judging each event, until the verdict settles or `signal` aborts. */
async function watchObject(
    client: KubeClient,
    ref: ObjectRef,
    w: Watched,
    judge: (obj: KubeObject | undefined) => void,
    deadline: number,
    signal: AbortSignal,
): Promise<void> {
    while (!settled(w.verdict) && !signal.aborted) {
        try {
            const opts = {
                fieldSelector: `metadata.name=${ref.name}`,
                resourceVersion: w.rv,
                timeoutSeconds: watchSeconds(deadline),
            };
            const onEvent = (ev: WatchEvent) => {
                judge(ev.type === "DELETED" ? undefined : ev.object);
                return settled(w.verdict) ? ("stop" as const) : undefined;
            };
            w.rv =
                (await client.watch(
                    ref.apiVersion,
                    ref.kind,
                    ref.namespace,
                    opts,
                    onEvent,
                    signal,
                )) ?? w.rv;
        } catch (err) {
            // 410 Gone (resourceVersion too old) or a broken stream: re-read and watch afresh.
            if (!(err instanceof KubeApiError) || err.code !== 410) await sleep(250);
            if (signal.aborted) break;
            judge(await client.get(ref));
            w.rv = w.last?.metadata.resourceVersion;
        }
    }
}

/** The last object when the wait succeeded, else the typed error saying how it ended. */
async function objectOutcome(
    w: Watched,
    opts: AwaitOptions,
    cancelled: boolean,
    timeoutMs: number,
): Promise<KubeObject | undefined> {
    const { verdict, last } = w;
    if (verdict.ok) return last;
    if (cancelled && !verdict.failed) throw cancelledError(opts, verdict.message, last);
    const events = opts.events ? await opts.events().catch(() => []) : [];
    if (verdict.failed)
        throw new AwaitFailedError(`${opts.what} failed: ${verdict.message}`, last, events);
    throw new AwaitTimeoutError(
        `${timedOut(opts, timeoutMs)}; last state: ${verdict.message}`,
        last,
        events,
    );
}

/** The error of a wait the engine's cancel (Ctrl-C) ended: what it waited for, and how to go on. */
export function cancelledError(
    opts: AwaitOptions,
    lastState: string,
    last: KubeObject | undefined,
): AwaitCancelledError {
    return new AwaitCancelledError(
        `stopped waiting for ${opts.what}: ${cancelReason()}; last state: ${lastState}. ` +
            "Nothing was rolled back: run `pulumi up` again to continue from what the cluster has",
        last,
    );
}

/** How long a wait may take: its own limit, capped by what is left of the operation's budget. */
export function limitMs(opts: AwaitOptions): number {
    if (opts.budget) return remainingMs(opts.budget, opts.timeoutMs);
    return opts.timeoutMs ?? 0;
}

/** "timed out after 5s waiting for X (timeouts.update: 5s)": the wait named, the user's budget quoted. */
export function timedOut(opts: AwaitOptions, timeoutMs: number): string {
    const budget = opts.budget ? ` (${describeBudget(opts.budget)})` : "";
    return `timed out after ${Math.round(timeoutMs / 1000)}s waiting for ${opts.what}${budget}`;
}

/** A set of objects selected by labels, for waits on "any object of a kind" (e.g. a migration to appear). */
export interface Selection {
    apiVersion: string;
    kind: string;
    namespace?: string;
    labelSelector: string;
}

/**
 * Wait until `cond` holds for the objects `sel` selects. A watch without a resourceVersion first
 * replays every existing object as ADDED, so each (re)watch rebuilds the set from scratch and no
 * object that appeared between two streams is missed.
 */
export async function awaitSelection(
    client: KubeClient,
    sel: Selection,
    cond: (objs: KubeObject[]) => Verdict,
    opts: AwaitOptions,
): Promise<KubeObject[]> {
    const timeoutMs = limitMs(opts);
    const deadline = Date.now() + timeoutMs;
    const progress = dedup(opts.onProgress);
    let verdict: Verdict = { ok: false, message: `no ${sel.kind} yet` };
    let objs = new Map<string, KubeObject>();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
        while (!verdict.ok && !verdict.failed && !controller.signal.aborted) {
            objs = new Map();
            await client
                .watch(
                    sel.apiVersion,
                    sel.kind,
                    sel.namespace,
                    { labelSelector: sel.labelSelector, timeoutSeconds: watchSeconds(deadline) },
                    (ev) => {
                        track(objs, ev);
                        verdict = cond([...objs.values()]);
                        progress(verdict.message);
                        return verdict.ok || verdict.failed ? "stop" : undefined;
                    },
                    controller.signal,
                )
                .catch(() => sleep(250));
        }
    } finally {
        clearTimeout(timer);
    }
    if (verdict.ok) return [...objs.values()];
    if (verdict.failed) throw new AwaitFailedError(`${opts.what} failed: ${verdict.message}`);
    throw new AwaitTimeoutError(`${timedOut(opts, timeoutMs)}; last state: ${verdict.message}`);
}

/** The selected set after one watch event. */
function track(objs: Map<string, KubeObject>, ev: WatchEvent): void {
    if (ev.type === "DELETED") objs.delete(String(ev.object.metadata.name));
    else if (ev.type !== "BOOKMARK") objs.set(String(ev.object.metadata.name), ev.object);
}

function watchSeconds(deadline: number): number {
    return Math.max(1, Math.min(30, Math.ceil((deadline - Date.now()) / 1000)));
}

function dedup(fn?: (m: string) => void): (m: string) => void {
    let prev = "";
    return (m) => {
        if (fn && m && m !== prev) fn(m);
        prev = m;
    };
}

export function sleep(ms: number): Promise<void> {
    return new Promise((r) => setTimeout(r, ms));
}

/** The last few Warning events about an object, as "Reason: message" lines. */
export async function warningEvents(
    client: KubeClient,
    ref: ObjectRef,
    max = 5,
): Promise<string[]> {
    const evs = await client.list("v1", "Event", ref.namespace, {
        fieldSelector: `involvedObject.name=${ref.name},involvedObject.kind=${ref.kind},type=Warning`,
    });
    return evs
        .sort((a, b) =>
            String(a.lastTimestamp ?? a.metadata.creationTimestamp).localeCompare(
                String(b.lastTimestamp ?? b.metadata.creationTimestamp),
            ),
        )
        .slice(-max)
        .map((e) => `${ref.kind} ${describe(ref)}: ${String(e.reason)}: ${String(e.message)}`);
}
