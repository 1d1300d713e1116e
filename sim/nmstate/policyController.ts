/**
 * The simulated nmstate handler + policy controller for NodeNetworkConfigurationPolicy
 * (docs/semantics.md#nodenetworkconfigurationpolicy): the webhook timestamp annotation on each new generation, one enactment per
 * matching node (`<node>.<policy>`), batched rollout (`policyPlan.ts`), NodeNetworkState updates
 * on success, policy conditions aggregated exactly as nmstate does (`conditions.ts`).
 * Knobs: annotation `sim.pulumi-kubevirt.io/degrade: "<reason>"` (optionally
 * `sim.pulumi-kubevirt.io/degrade-nodes: "node-b,node-c"`) makes those nodes fail.
 * nmstate rejects spec updates while Progressing; the API server here cannot, so an update in
 * flight simply restarts the rollout for the new generation.
 */
import type { KubeObject } from "../../provider/k8s/client";
import { deleteAction, noop, statusUpdate, type Action, type Result } from "../actions";
import { delayFor } from "../config";
import { waitStep, type ControllerDef, type Ctx } from "../controller";
import { Nncp, Nnce, Nns, Node, keyOf, refOf } from "../kinds";
import type { Store } from "../store";
import { setConditions, type Condition } from "../util/conditions";
import type { Json } from "../util/json";
import { k8sTime } from "../util/time";
import {
    enactmentConditions,
    maxUnavailableNodes,
    policyConditions,
    type EnactmentView,
} from "./conditions";
import { applyInterfaces } from "./nodeState";
import { planStep, type PlannedNode } from "./policyPlan";

export const degradeAnnotation = "sim.pulumi-kubevirt.io/degrade";
export const degradeNodesAnnotation = "sim.pulumi-kubevirt.io/degrade-nodes";
export const webhookTimestampAnnotation = "nmstate.io/webhook-mutating-timestamp";
const policyLabel = "nmstate.io/policy";
const nodeLabel = "nmstate.io/node";

export const policyController: ControllerDef = {
    name: "nmstate/policy",
    primary: Nncp,
    watches: [
        { gvk: Nnce, map: (o) => [o.metadata.labels?.[policyLabel] ?? ""].filter(Boolean) },
        { gvk: Node, map: (_o, s) => s.list(Nncp).map(keyOf) },
    ],
    reconcile: reconcilePolicy,
};

export function matchingNodes(policy: KubeObject, nodes: KubeObject[]): string[] {
    const selector = ((policy.spec as Json)?.nodeSelector ?? {}) as Record<string, string>;
    return nodes
        .filter((n) => Object.entries(selector).every(([k, v]) => n.metadata.labels?.[k] === v))
        .map((n) => n.metadata.name ?? "")
        .sort();
}

export function failuresFor(policy: KubeObject, nodes: string[]): Map<string, string> {
    const reason = policy.metadata.annotations?.[degradeAnnotation];
    if (reason === undefined) return new Map();
    const only = policy.metadata.annotations?.[degradeNodesAnnotation]
        ?.split(",")
        .map((s) => s.trim())
        .filter(Boolean);
    return new Map(
        nodes
            .filter((n) => !only?.length || only.includes(n))
            .map((n) => [
                n,
                `error reconciling NodeNetworkConfigurationPolicy on node ${n}: ${reason}`,
            ]),
    );
}

export function reconcilePolicy(key: string, store: Store, ctx: Ctx): Result {
    const policy = store.get(Nncp, key);
    const enactments = store.list(Nnce).filter((e) => e.metadata.labels?.[policyLabel] === key);
    if (!policy)
        return { actions: enactments.map((e) => deleteAction(e, `policy ${key} deleted`)) };
    if (policy.metadata.deletionTimestamp) return noop();
    const gen = policy.metadata.generation ?? 1;
    const nodes = matchingNodes(policy, store.list(Node));
    const byNode = new Map(enactments.map((e) => [e.metadata.labels?.[nodeLabel] ?? "", e]));
    const actions: Action[] = enactments
        .filter((e) => !nodes.includes(e.metadata.labels?.[nodeLabel] ?? ""))
        .map((e) => deleteAction(e, "node no longer matches the policy"));
    const stamp = policy.metadata.annotations?.[webhookTimestampAnnotation] === undefined;
    const plan = planStep({
        nodes,
        enactments: new Map([...byNode].map(([n, e]) => [n, (e.status ?? {}) as EnactmentView])),
        generation: gen,
        failures: failuresFor(policy, nodes),
        batch: maxUnavailableNodes((policy.spec as Json)?.maxUnavailable, nodes.length),
    });
    if (!plan.done && !plan.newGeneration) {
        const wait = waitStep(ctx, delayFor(ctx.config, "nncp"));
        if (wait !== undefined) return { actions, requeueAfter: wait };
    }
    if (plan.newGeneration || stamp)
        actions.push(stampAction(policy, ctx, updatedWhileProgressing(enactments, gen)));
    const views = new Map([...byNode].map(([n, e]) => [n, (e.status ?? {}) as EnactmentView]));
    for (const [node, p] of plan.changes) {
        const step = enactmentStep(policy, node, byNode.get(node), p, gen, store, ctx);
        if (!step) return { actions, requeueAfter: 200 };
        actions.push(...step.actions);
        views.set(node, step.view);
    }
    actions.push(...policyStatus(policy, nodes.length, [...views.values()], gen, ctx));
    return { actions, stepped: !plan.done };
}

/** The nmstate webhook stamps every CREATE/UPDATE; the sim does it per new generation. */
function stampAction(policy: KubeObject, ctx: Ctx, racedProgressing: boolean): Action {
    const value = String(BigInt(ctx.now) * 1_000_000n);
    const why = racedProgressing
        ? `webhook mutating timestamp; NOTE spec updated while the previous generation was Progressing (nmstate would reject it: "policy ${policy.metadata.name} is still in progress"); restarting the rollout`
        : "webhook mutating timestamp";
    return {
        op: "patch",
        ref: refOf(policy),
        patch: { metadata: { annotations: { [webhookTimestampAnnotation]: value } } },
        why,
    };
}

function updatedWhileProgressing(enactments: KubeObject[], gen: number): boolean {
    return enactments.some((e) => {
        const st = (e.status ?? {}) as Json;
        return (
            st.policyGeneration !== undefined &&
            st.policyGeneration < gen &&
            (st.conditions ?? []).some((c: Json) => c.type === "Progressing" && c.status === "True")
        );
    });
}

/** The policy's interfaces applied to the node's reported state (undefined: no NodeNetworkState yet). */
function applyToNodeState(
    policy: KubeObject,
    node: string,
    store: Store,
    ctx: Ctx,
): Action[] | undefined {
    const nns = store.get(Nns, node);
    if (!nns) return undefined;
    const cur = ((nns.status as Json)?.currentState ?? {}) as Json;
    const interfaces = applyInterfaces(
        cur.interfaces ?? [],
        (policy.spec as Json)?.desiredState?.interfaces,
    );
    const status = {
        ...((nns.status as Json) ?? {}),
        currentState: { ...cur, interfaces },
        lastSuccessfulUpdateTime: k8sTime(ctx.now),
    };
    return statusUpdate(nns, status, `apply policy ${policy.metadata.name}`, "status");
}

function enactmentStep(
    policy: KubeObject,
    node: string,
    existing: KubeObject | undefined,
    p: PlannedNode,
    gen: number,
    store: Store,
    ctx: Ctx,
): { actions: Action[]; view: EnactmentView } | undefined {
    const actions: Action[] = [];
    if (p.state === "Available") {
        const applied = applyToNodeState(policy, node, store, ctx);
        if (!applied) return undefined;
        actions.push(...applied);
    }
    const conditions: Condition[] = setConditions(
        (existing?.status as Json)?.conditions,
        enactmentConditions(p.state, p.message),
        ctx.now,
    ).map((c) => ({ ...c, lastHeartbeatTime: k8sTime(ctx.now) }));
    const status = {
        ...((existing?.status as Json) ?? {}),
        desiredState: (policy.spec as Json)?.desiredState ?? {},
        policyGeneration: gen,
        conditions,
    };
    const why = `${p.state}${p.message ? `: ${p.message}` : ""}`;
    actions.push(...writeEnactment(existing, policy, node, status, why, store));
    return { actions, view: status };
}

/** The enactment's status written: patched when it exists, else created with it. */
function writeEnactment(
    existing: KubeObject | undefined,
    policy: KubeObject,
    node: string,
    status: Json,
    why: string,
    store: Store,
): Action[] {
    if (existing) return statusUpdate(existing, status, why, "status");
    const obj = buildEnactment(policy, node, store);
    return [
        { op: "create", obj, why: `enactment for node ${node}` },
        { op: "patch", ref: refOf(obj), patch: { status }, subresource: "status", why },
    ];
}

function buildEnactment(policy: KubeObject, node: string, store: Store): KubeObject {
    const n = store.get(Node, node);
    return {
        apiVersion: Nnce.apiVersion,
        kind: Nnce.kind,
        metadata: {
            name: `${node}.${policy.metadata.name}`,
            labels: { [policyLabel]: policy.metadata.name ?? "", [nodeLabel]: node },
            ...(n
                ? {
                      ownerReferences: [
                          { apiVersion: "v1", kind: "Node", name: node, uid: n.metadata.uid ?? "" },
                      ],
                  }
                : {}),
        },
    };
}

function policyStatus(
    policy: KubeObject,
    matching: number,
    views: EnactmentView[],
    gen: number,
    ctx: Ctx,
): Action[] {
    const agg = policyConditions(matching, views, gen);
    const conditions = setConditions(
        (policy.status as Json)?.conditions,
        agg.conditions,
        ctx.now,
    ).map((c) => ({ ...c, lastHeartbeatTime: c.lastTransitionTime }));
    const status = { ...((policy.status as Json) ?? {}), conditions };
    return statusUpdate(policy, status, agg.message, "status");
}
