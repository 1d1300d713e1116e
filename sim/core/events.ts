/** core/v1 Events about simulated objects, as controllers record them. */
import type { KubeObject } from "../../provider/k8s/client";
import { Event } from "../kinds";
import { hash32 } from "../util/ids";
import { k8sTime } from "../util/time";

let seq = 0;

export function buildEvent(
    about: KubeObject,
    e: { type: string; reason: string; message: string },
    component: string,
    now: number,
): KubeObject {
    const t = k8sTime(now);
    const suffix = ((now * 1000 + (seq++ % 1000)) ^ hash32(e.message))
        .toString(16)
        .replace("-", "");
    return {
        apiVersion: Event.apiVersion,
        kind: Event.kind,
        metadata: {
            name: `${about.metadata.name}.${suffix}`,
            namespace: about.metadata.namespace ?? "default",
        },
        involvedObject: {
            apiVersion: about.apiVersion,
            kind: about.kind,
            name: about.metadata.name,
            namespace: about.metadata.namespace,
            uid: about.metadata.uid,
            resourceVersion: about.metadata.resourceVersion,
        },
        type: e.type,
        reason: e.reason,
        message: e.message,
        source: { component },
        reportingComponent: component,
        reportingInstance: `${component}-sim`,
        firstTimestamp: t,
        lastTimestamp: t,
        count: 1,
    };
}
