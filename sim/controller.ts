/** The contract between the loop and each simulated controller. */
import type { KubeObject } from "../provider/k8s/client";
import { noop, type Action, type Result } from "./actions";
import type { SimConfig } from "./config";
import type { Gvk } from "./kinds";
import type { Store } from "./store";

export interface Ctx {
    /** Wall clock in ms, passed in so reconcilers are deterministic under test. */
    now: number;
    /** Ms since this key last advanced a paced step (or since it was first seen). */
    sinceStep: number;
    config: SimConfig;
}

export interface Watch {
    gvk: Gvk;
    /** Keys of the controller's primary kind to reconcile when `obj` changes. */
    map: (obj: KubeObject, store: Store) => string[];
}

export interface ControllerDef {
    name: string;
    primary: Gvk;
    watches: Watch[];
    /** Pure: read the store, return the writes. Called with the key even after the object is gone. */
    reconcile: (key: string, store: Store, ctx: Ctx) => Result;
}

/** Requeue delay to wait out the rest of a step, or undefined when the step may happen now. */
export function waitStep(ctx: Ctx, delay: number): number | undefined {
    return ctx.sinceStep >= delay ? undefined : Math.max(1, delay - ctx.sinceStep);
}

/** Runs `step` once the key's step delay has passed (marking the step), else waits out the rest. */
export function paced(ctx: Ctx, delay: number, step: () => Action[]): Result {
    const wait = waitStep(ctx, delay);
    return wait !== undefined ? noop(wait) : { actions: step(), stepped: true };
}
