/**
 * When a DataSource is published: CDI sets condition Ready=True once its source (a PVC whose
 * import finished, a VolumeSnapshot, or another ready DataSource) can be cloned (docs/semantics.md#datasource-and-storageprofile).
 * There is no terminal failure: a missing source may still be created (often by the same stack),
 * so the wait shows the condition's reason until it is ready or the timeout passes.
 *
 * x-refs: CDI pkg/controller/datasource-controller.go, doc/os-image-poll-and-update.md.
 */
import type { Condition } from "../../await/awaiter";

interface Cond {
    type?: string;
    status?: string;
    reason?: string;
    message?: string;
}

/** The source the DataSource resolved to, as "pvc ns/name" (status.source, else spec.source). */
export function describeSource(
    source: Record<string, { namespace?: string; name?: string } | undefined> | undefined,
): string {
    const [kind, ref] = Object.entries(source ?? {}).find(([, v]) => v) ?? [];
    return kind && ref
        ? `${kind} ${ref.namespace ? `${ref.namespace}/` : ""}${ref.name}`
        : "no source";
}

/** Ready=True, else the condition's reason and message as progress. */
export const dataSourceReady: Condition = (obj) => {
    if (!obj) return { ok: false, message: "DataSource does not exist yet" };
    const status = (obj.status ?? {}) as {
        conditions?: Cond[];
        source?: Record<string, { namespace?: string; name?: string }>;
    };
    const ready = (status.conditions ?? []).find((c) => c.type === "Ready");
    const src = describeSource(
        status.source ??
            (
                obj.spec as
                    { source?: Record<string, { namespace?: string; name?: string }> } | undefined
            )?.source,
    );
    if (ready?.status === "True") return { ok: true, message: `Ready: publishes ${src}` };
    const why = [ready?.reason, ready?.message].filter((x) => x).join(": ");
    return { ok: false, message: `not ready${why ? ` (${why})` : ""}: waiting for ${src}` };
};
