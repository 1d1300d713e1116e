/**
 * Readiness of a NodeNetworkConfigurationPolicy (docs/semantics.md#nodenetworkconfigurationpolicy), pure.
 *
 * Success: `Available=True` (every matching node configured), or `Ignored=True` (no node matches;
 * nmstate has nothing to do). Failure: `Degraded=True`, explained per node from the enactments
 * (`Failing`/`Aborted` messages: nmstate rolled those nodes back). Anything else is progress,
 * shown as "n/m nodes configured".
 *
 * Stale status: a policy has no observedGeneration, and the status of the previous generation is
 * visible until nmstate reacts (the real webhook resets conditions on spec changes; a cluster or
 * simulator without it does not). An enactment records the policy generation it applied, so a
 * verdict counts only when the enactments agree with it for the current generation.
 *
 * x-refs: kubernetes-nmstate pkg/policyconditions/conditions.go, api/v1beta1 enactment types,
 * docs/content/user-guide/103-troubleshooting.md.
 */
import type { KubeObject } from "../../k8s/client";
import type { Condition, Verdict } from "../../await/awaiter";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A policy's overall state, by its True condition. */
export type PolicyState = "Available" | "Degraded" | "Progressing" | "Ignored" | "Unknown";

/** Label nmstate puts on each enactment naming its policy. */
export const policyLabel = "nmstate.io/policy";
const nodeLabel = "nmstate.io/node";

function condition(obj: KubeObject | Json | undefined, type: string): Json | undefined {
    const list: Json[] = obj?.status?.conditions ?? [];
    return list.find((c) => c.type === type);
}

const isTrue = (obj: KubeObject | Json | undefined, type: string) =>
    condition(obj, type)?.status === "True";

/** The policy's state by its conditions, with nmstate's own message. */
export function policyState(policy: KubeObject): { state: PolicyState; message: string } {
    for (const state of ["Degraded", "Available", "Ignored", "Progressing"] as const) {
        if (isTrue(policy, state))
            return { state, message: String(condition(policy, state)?.message ?? "") };
    }
    return { state: "Unknown", message: "waiting for nmstate to process the policy" };
}

/**
 * nmstate's admission rule: a spec update is accepted only when `Available` has a reason other
 * than ConfigurationProgressing ("policy X is still in progress" otherwise).
 */
export function isUpdatable(policy: KubeObject | undefined): boolean {
    if (!policy) return true;
    const reason = condition(policy, "Available")?.reason;
    return typeof reason === "string" && reason !== "" && reason !== "ConfigurationProgressing";
}

/** Waits until nmstate would accept an update (or the policy is gone). */
export const untilUpdatable: Condition = (obj) =>
    isUpdatable(obj)
        ? { ok: true, message: "" }
        : {
              ok: false,
              message: `waiting for the policy to finish (${progressText(obj)}); nmstate rejects updates while one is in progress`,
          };

/** One node's enactment, reduced to what readiness needs. */
export interface EnactmentInfo {
    node: string;
    generation?: number;
    state: "Available" | "Failing" | "Aborted" | "Progressing" | "Pending" | "Unknown";
    message: string;
}

/** The readiness view of one NodeNetworkConfigurationEnactment. */
export function enactmentInfo(nnce: KubeObject): EnactmentInfo {
    const node =
        nnce.metadata.labels?.[nodeLabel] ?? String(nnce.metadata.name ?? "").split(".")[0] ?? "";
    const generation = (nnce.status as Json | undefined)?.policyGeneration as number | undefined;
    for (const state of ["Failing", "Aborted", "Available", "Progressing", "Pending"] as const) {
        if (isTrue(nnce, state))
            return {
                node,
                generation,
                state,
                message: String(condition(nnce, state)?.message ?? ""),
            };
    }
    return { node, generation, state: "Unknown", message: "" };
}

/** "n/m nodes configured" from the policy's progress message, or its state. */
export function progressText(policy: KubeObject | undefined): string {
    if (!policy) return "policy not found";
    const { state, message } = policyState(policy);
    const m = /(\d+)\/(\d+) nodes/.exec(message);
    if (m && state === "Progressing") return `${m[1]}/${m[2]} nodes configured`;
    return message ? `${state}: ${message}` : state;
}

/**
 * Waits until the policy reports a settled state (Available, Degraded or Ignored). Whether that
 * state is current and what it means is decided by {@link judgePolicy} with the enactments.
 */
export const untilSettled: Condition = (obj) => {
    if (!obj)
        return { ok: false, failed: true, message: "the policy was deleted while waiting for it" };
    // Settled states are reported by judgePolicy, which knows whether they are current.
    const settled = ["Available", "Degraded", "Ignored"].includes(policyState(obj).state);
    return { ok: settled, message: settled ? "" : progressText(obj) };
};

/** nmstate failure messages embed the whole nmstatectl output; keep the part that explains. */
export function shortReason(message: string, max = 400): string {
    const i = message.indexOf("NmstateError");
    const s = (i >= 0 ? message.slice(i) : message).replace(/\s+/g, " ").trim();
    return s.length > max ? `${s.slice(0, max - 3)}...` : s;
}

/** Per-node failure lines of the current generation, "node-b: <reason>". */
export function nodeFailures(enactments: EnactmentInfo[], generation: number): string[] {
    return enactments
        .filter(
            (e) => e.generation === generation && (e.state === "Failing" || e.state === "Aborted"),
        )
        .sort((a, b) => a.node.localeCompare(b.node))
        .map(
            (e) =>
                `${e.node}: ${e.state === "Aborted" ? "aborted (not attempted after another node failed)" : shortReason(e.message)}`,
        );
}

const wait = (message: string): Verdict => ({ ok: false, message });

/**
 * The verdict on a settled-looking policy, confirmed by its enactments (omit them when they cannot
 * be read; the conditions alone then decide). A verdict the enactments contradict is stale.
 */
export function judgePolicy(policy: KubeObject, enactments?: EnactmentInfo[]): Verdict {
    const gen = policy.metadata.generation ?? 1;
    const { state, message } = policyState(policy);
    const current = enactments?.filter((e) => e.generation === gen);
    const stale = `waiting for nmstate to report on generation ${gen} (${progressText(policy)})`;
    switch (state) {
        case "Available": {
            if (!enactments || !current) return { ok: true, message: message || "Available" };
            const done = current.filter((e) => e.state === "Available").length;
            // Available means at least one node was configured, so no enactment means stale status.
            if (
                enactments.length === 0 ||
                current.length !== enactments.length ||
                done !== current.length
            )
                return wait(stale);
            return { ok: true, message: `${done}/${enactments.length} nodes configured` };
        }
        case "Degraded": {
            const failures = nodeFailures(enactments ?? [], gen);
            if (enactments && failures.length === 0) return wait(stale);
            const detail = failures.length ? `; ${failures.join("; ")}` : "";
            return { ok: false, failed: true, message: `${message || "Degraded"}${detail}` };
        }
        case "Ignored":
            if (enactments && enactments.length > 0) return wait(stale);
            return {
                ok: true,
                message: "the nodeSelector matches no node; nmstate ignores the policy",
            };
        default:
            return wait(progressText(policy));
    }
}

/** The `status` output: state, message and conditions of the live policy. */
export function policyStatusOutput(live: KubeObject | undefined): Json {
    if (!live) return { status: { state: "Unknown", message: "", conditions: [] } };
    const { state, message } = policyState(live);
    const conditions = ((live.status as Json | undefined)?.conditions ?? []).map((c: Json) => ({
        type: c.type,
        status: c.status,
        reason: c.reason ?? "",
        message: c.message ?? "",
    }));
    return { status: { state, message, conditions } };
}
