/**
 * The process-wide permit pool behind rollout groups (see types.ts).
 *
 * Restarts go in waves: the first VMs to ask (up to the budget) form a wave, and once one of
 * them is done the wave closes; the next wave opens only when all of it is Ready again. That is
 * the readiness gate between waves, and what lets a failure stop the rollout at a wave boundary.
 * Migrations roll instead (a finished one lets the next start), as KubeVirt paces its own.
 *
 * One provider process serves every dynamic resource of a run, so an in-memory pool sees the
 * whole group. A failure halts the group: VMs still waiting for a permit fail at once, before
 * anything is applied to them, so a bad change stops at the wave that showed it and the rerun
 * continues from there.
 */
import { KubevirtProviderError } from "../errors";
import { permitsOf, type Disruption, type RolloutSpec } from "./types";

/** A VM was not updated because an earlier one in its rollout group failed. */
export class RolloutHaltedError extends KubevirtProviderError {
    override name = "RolloutHaltedError";
    constructor(
        readonly group: string,
        readonly who: string,
        readonly failed: string,
        cause: unknown,
    ) {
        super(
            `${who}: not updated: rollout group '${group}' stopped after ${failed} failed ` +
                `(${cause instanceof Error ? cause.message : String(cause)}); fix that and run up again`,
            { cause },
        );
    }
}

interface Waiter {
    kind: Disruption;
    who: string;
    grant(wave: number): void;
    refuse(err: Error): void;
}

interface Group {
    spec: RolloutSpec;
    active: Record<Disruption, number>;
    /** Restart waves opened so far, and whether the current one still takes VMs. */
    wave: number;
    waveOpen: boolean;
    queue: Waiter[];
    halted?: { failed: string; cause: unknown };
}

export type Release = () => void;

export class RolloutGate {
    private readonly groups = new Map<string, Group>();

    /** Wait for a permit; `say` hears why we wait. Resolves to the function that returns it. */
    acquire(
        spec: RolloutSpec,
        kind: Disruption,
        who: string,
        say?: (m: string) => void,
    ): Promise<Release> {
        const g = this.group(spec);
        if (g.halted)
            return Promise.reject(
                new RolloutHaltedError(spec.group, who, g.halted.failed, g.halted.cause),
            );
        return new Promise<Release>((resolve, reject) => {
            const waiter: Waiter = {
                kind,
                who,
                refuse: reject,
                grant: (wave) => {
                    if (kind === "restart")
                        say?.(`rollout group '${spec.group}': restart wave ${wave}`);
                    resolve(this.releaser(g, kind));
                },
            };
            g.queue.push(waiter);
            this.pump(g);
            if (g.queue.includes(waiter)) {
                say?.(
                    `waiting for rollout group '${spec.group}': ${g.active[kind]} of ${permitsOf(g.spec, kind)} ${kind === "restart" ? "restarts" : "migrations"} in progress`,
                );
            }
        });
    }

    /** Stop the group: queued and later VMs fail untouched. */
    halt(group: string, failed: string, cause: unknown): void {
        const g = this.groups.get(group);
        if (!g || g.halted) return;
        g.halted = { failed, cause };
        for (const w of g.queue.splice(0))
            w.refuse(new RolloutHaltedError(group, w.who, failed, cause));
    }

    /** Active permits per group and kind, for progress lines and tests. */
    active(group: string): Record<Disruption, number> {
        return { ...(this.groups.get(group)?.active ?? { restart: 0, migrate: 0 }) };
    }

    /**
     * VMs of one group may disagree on the budgets (a rename in progress, a typo): the smallest
     * wins, so the group never disrupts more than any of its members allows.
     */
    private group(spec: RolloutSpec): Group {
        let g = this.groups.get(spec.group);
        if (!g) {
            g = {
                spec: { ...spec },
                active: { restart: 0, migrate: 0 },
                wave: 0,
                waveOpen: false,
                queue: [],
            };
            this.groups.set(spec.group, g);
        }
        for (const k of ["maxUnavailable", "maxMigrating"] as const) {
            if (spec[k] !== undefined)
                g.spec[k] = Math.min(spec[k] as number, g.spec[k] ?? Number.POSITIVE_INFINITY);
        }
        return g;
    }

    /** Grant permits in arrival order while budgets (and, for restarts, the open wave) allow. */
    private pump(g: Group): void {
        if (g.active.restart === 0 && !g.waveOpen && g.queue.some((w) => w.kind === "restart")) {
            g.wave++;
            g.waveOpen = true;
        }
        for (const w of [...g.queue]) {
            if (g.active[w.kind] >= permitsOf(g.spec, w.kind)) continue;
            if (w.kind === "restart" && !g.waveOpen) continue;
            g.queue.splice(g.queue.indexOf(w), 1);
            g.active[w.kind]++;
            w.grant(g.wave);
        }
    }

    private releaser(g: Group, kind: Disruption): Release {
        let done = false;
        return () => {
            if (done) return;
            done = true;
            g.active[kind]--;
            // The first VM of a wave to finish closes it: late arrivals wait for the next wave.
            if (kind === "restart") g.waveOpen = false;
            this.pump(g);
        };
    }
}

/** The provider process's one pool. */
export const rolloutGate = new RolloutGate();
