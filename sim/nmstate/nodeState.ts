/**
 * NodeNetworkState: one per node, its `status.currentState` starting with eth0–eth2 and changed by
 * every successfully applied desiredState: interfaces with `state: absent` are removed, others
 * merged by name (added or updated). Deleting a policy leaves the node as it is (docs/semantics.md#nodenetworkconfigurationpolicy "Deletion").
 */
import type { KubeObject } from "../../provider/k8s/client";
import { Nns, controllerRef } from "../kinds";
import { isPlainObject, type Json } from "../util/json";
import { macFor } from "../util/ids";
import { k8sTime } from "../util/time";

export function initialInterfaces(node: string, index: number): Json[] {
    const eth = (name: string, ipv4: Json): Json => ({
        name,
        type: "ethernet",
        state: "up",
        "mac-address": macFor(`${node}/${name}`).toUpperCase(),
        mtu: 1500,
        ipv4,
        ipv6: { enabled: false },
    });
    return [
        eth("eth0", {
            enabled: true,
            dhcp: true,
            address: [{ ip: `192.168.122.${10 + index}`, "prefix-length": 24 }],
        }),
        eth("eth1", { enabled: false }),
        eth("eth2", { enabled: false }),
    ];
}

export function buildNodeState(node: KubeObject): KubeObject {
    return {
        apiVersion: Nns.apiVersion,
        kind: Nns.kind,
        metadata: {
            name: node.metadata.name,
            ownerReferences: [{ ...controllerRef(node), blockOwnerDeletion: false }],
        },
    };
}

export function initialNodeStateStatus(node: string, index: number, now: number): Json {
    return {
        currentState: {
            interfaces: initialInterfaces(node, index),
            routes: { config: [], running: [] },
            "dns-resolver": { config: {}, running: {} },
        },
        lastSuccessfulUpdateTime: k8sTime(now),
        handlerNmstateVersion: "nmstate 2.2.41 (sim)",
        hostNetworkManagerVersion: "1.48.10 (sim)",
        conditions: [
            {
                type: "Available",
                status: "True",
                reason: "SuccessfullyConfigured",
                message: "successfully reconciled",
                lastTransitionTime: k8sTime(now),
                lastHeartbeatTime: k8sTime(now),
            },
        ],
    };
}

/** `current` interfaces after applying a desiredState's interfaces. */
export function applyInterfaces(current: Json[], desired: Json[] | undefined): Json[] {
    let out = current.map((i) => ({ ...i }));
    for (const want of desired ?? []) {
        if (!want?.name) continue;
        if (want.state === "absent") {
            out = out.filter((i) => i.name !== want.name);
            continue;
        }
        const idx = out.findIndex((i) => i.name === want.name);
        const merged = deepMerge(idx >= 0 ? out[idx] : { state: "up" }, want);
        if (idx >= 0) out[idx] = merged;
        else out.push(merged);
    }
    return out;
}

function deepMerge(a: Json, b: Json): Json {
    if (!isPlainObject(a) || !isPlainObject(b)) return b;
    const out: Json = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = deepMerge(a[k], v);
    return out;
}
