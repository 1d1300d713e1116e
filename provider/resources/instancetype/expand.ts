/**
 * Instancetype-expanded template specs of both sides of a VM update, for the VM classifier
 * (`classifyVmUpdate`'s `expanded` argument; docs/semantics.md#live-updatable-fields "instancetype name change whose only
 * effective delta is sockets or memory").
 *
 * Which copy of an instancetype/preference a side runs with (docs/semantics.md#instancetypes-and-preferences revision pinning):
 * - the old side runs the ControllerRevision KubeVirt captured at start (the VM's
 *   `revisionName`, or `status.instancetypeRef/preferenceRef.controllerRevisionRef.name`), or the
 *   current object when no revision can be read;
 * - the new side keeps that same copy when the reference (name and kind) is unchanged, because
 *   KubeVirt keeps the revision until the name or kind changes; otherwise it gets the current object.
 *
 * Returns undefined when nothing is referenced or a referenced object cannot be read (e.g. it is
 * created later in the same run): the classifier then assumes a restart.
 */
import type { KubeClient, KubeObject, ObjectRef } from "../../k8s/client";
import type { ExpandedTemplateSpecs } from "../virtualMachine/policy";
import { expandTemplateSpec } from "./apply";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const apiVersion = "instancetype.kubevirt.io/v1beta1";

/** The two things a VM can reference. */
type Which = "instancetype" | "preference";

const kinds: Record<Which, { namespaced: string; cluster: string }> = {
    instancetype: {
        namespaced: "VirtualMachineInstancetype",
        cluster: "VirtualMachineClusterInstancetype",
    },
    preference: {
        namespaced: "VirtualMachinePreference",
        cluster: "VirtualMachineClusterPreference",
    },
};

/** The object a VM's `spec.instancetype`/`spec.preference` matcher points at; empty kind = cluster kind. */
export function matcherRef(
    which: Which,
    matcher: Obj | undefined,
    namespace: string | undefined,
): ObjectRef | undefined {
    if (!matcher || typeof matcher.name !== "string" || matcher.name === "") return undefined;
    const k = kinds[which];
    const given = String(matcher.kind ?? "").toLowerCase();
    const namespaced =
        given === k.namespaced.toLowerCase() || given === `${k.namespaced.toLowerCase()}s`;
    return namespaced
        ? { apiVersion, kind: k.namespaced, name: matcher.name, namespace }
        : { apiVersion, kind: k.cluster, name: matcher.name };
}

const sameRef = (a: ObjectRef | undefined, b: ObjectRef | undefined) =>
    a?.kind === b?.kind && a?.name === b?.name && a?.namespace === b?.namespace;

const specOf = (o: Obj | undefined): Obj | undefined =>
    o && typeof o.spec === "object" ? (o.spec as Obj) : undefined;

/** The spec stored in a ControllerRevision (`data` holds the whole instancetype object). */
async function revisionSpec(
    client: KubeClient,
    name: unknown,
    namespace: string | undefined,
): Promise<Obj | undefined> {
    if (typeof name !== "string" || name === "" || !namespace) return undefined;
    const rev = await client.get({
        apiVersion: "apps/v1",
        kind: "ControllerRevision",
        name,
        namespace,
    });
    return specOf(rev?.data as Obj | undefined);
}

/** The copy the running VM uses: its pinned revision, else the current object. */
async function pinnedSpec(
    client: KubeClient,
    which: Which,
    vm: Obj,
    live: KubeObject | undefined,
): Promise<Obj | undefined> {
    const ns = vm.metadata?.namespace as string | undefined;
    const ref = matcherRef(which, vm.spec?.[which], ns);
    if (!ref) return undefined;
    const status = (live?.status ?? {}) as Obj;
    const revName =
        vm.spec?.[which]?.revisionName ?? status[`${which}Ref`]?.controllerRevisionRef?.name;
    return (await revisionSpec(client, revName, ns)) ?? specOf(await client.get(ref));
}

interface Side {
    instancetype?: Obj;
    preference?: Obj;
}

async function newSide(
    client: KubeClient,
    which: Which,
    oldVm: Obj,
    newVm: Obj,
    old: Obj | undefined,
): Promise<Obj | undefined> {
    const ns = newVm.metadata?.namespace as string | undefined;
    const ref = matcherRef(which, newVm.spec?.[which], ns);
    if (!ref) return undefined;
    if (sameRef(ref, matcherRef(which, oldVm.spec?.[which], oldVm.metadata?.namespace)) && old)
        return old;
    return specOf(await client.get(ref));
}

/** Each referenced object must be readable; an unreadable one makes the expansion unknown. */
function complete(vm: Obj, side: Side): boolean {
    return (["instancetype", "preference"] as const).every(
        (w) => !matcherRef(w, vm.spec?.[w], undefined) || side[w] !== undefined,
    );
}

/** Both sides' expanded `spec.template.spec`, or undefined when it cannot be known. */
export async function expandedTemplateSpecs(
    client: KubeClient,
    oldVm: Obj,
    newVm: Obj,
): Promise<ExpandedTemplateSpecs | undefined> {
    const refers = (vm: Obj) =>
        matcherRef("instancetype", vm.spec?.instancetype, undefined) ||
        matcherRef("preference", vm.spec?.preference, undefined);
    if (!refers(oldVm) && !refers(newVm)) return undefined;
    try {
        const ref = {
            apiVersion: "kubevirt.io/v1",
            kind: "VirtualMachine",
            name: oldVm.metadata?.name,
            namespace: oldVm.metadata?.namespace,
        };
        const live = ref.name ? await client.get(ref) : undefined;
        const old: Side = {
            instancetype: await pinnedSpec(client, "instancetype", oldVm, live),
            preference: await pinnedSpec(client, "preference", oldVm, live),
        };
        const next: Side = {
            instancetype: await newSide(client, "instancetype", oldVm, newVm, old.instancetype),
            preference: await newSide(client, "preference", oldVm, newVm, old.preference),
        };
        if (!complete(oldVm, old) || !complete(newVm, next)) return undefined;
        return {
            old: expandTemplateSpec(oldVm.spec?.template?.spec, old.instancetype, old.preference),
            new: expandTemplateSpec(newVm.spec?.template?.spec, next.instancetype, next.preference),
        };
    } catch {
        return undefined;
    }
}
