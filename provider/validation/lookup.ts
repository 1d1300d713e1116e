/**
 * The I/O half of references.ts: asks the cluster whether referenced objects exist, once per
 * object per provider process, and remembers which objects this process has checked, i.e. which
 * the running stack declares. One provider process serves one CLI run, so both live exactly as
 * long as a preview or an up.
 *
 * Only a definite "not found" counts as missing: an unreachable cluster, a missing CRD or a
 * forbidden read say nothing, so previews keep working offline and with narrow RBAC.
 */
import type { KubeClient, ObjectRef } from "../k8s/client";
import { type ClusterRef, refKey } from "./references";

const answers = new Map<string, Promise<boolean | undefined>>();
const declared = new Set<string>();
const declaredBodies = new Map<string, object>();

/**
 * Records that the stack declares `ref` (called by every kind's check), with the declared object
 * when known: a VM checked later may need a fact of an object that does not exist yet.
 */
export function noteDeclared(ref: ObjectRef, body?: object): void {
    declared.add(refKey(ref));
    if (body) declaredBodies.set(refKey(ref), body);
}

/** The object the stack declares at `ref`, as its check saw it (undefined: not declared or not known). */
export function declaredBody(ref: ObjectRef): object | undefined {
    return declaredBodies.get(refKey(ref));
}

/** What the stack has declared so far in this process. */
export function declaredObjects(): ReadonlySet<string> {
    return declared;
}

/** True/false when the cluster answered, undefined when it could not say. Cached per process. */
function exists(client: () => KubeClient, ref: ObjectRef): Promise<boolean | undefined> {
    const key = refKey(ref);
    let answer = answers.get(key);
    if (!answer) {
        answer = Promise.resolve()
            .then(() => client().get(ref))
            .then(
                (o) => o !== undefined,
                () => undefined,
            );
        answers.set(key, answer);
    }
    return answer;
}

/** Keys of the references the cluster definitely does not hold. */
export async function missingRefs(
    client: () => KubeClient,
    refs: ClusterRef[],
): Promise<Set<string>> {
    const found = await Promise.all(
        refs.map(async (r) => [refKey(r.ref), await exists(client, r.ref)] as const),
    );
    return new Set(found.filter(([, there]) => there === false).map(([key]) => key));
}

/** Forgets cached answers and declarations (tests). */
export function resetLookups(): void {
    answers.clear();
    declared.clear();
    declaredBodies.clear();
}
