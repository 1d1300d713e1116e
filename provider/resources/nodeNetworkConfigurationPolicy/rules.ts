/**
 * Cross-field checks on a NodeNetworkConfigurationPolicy beyond its schema (desiredState is
 * free-form there). Only what nmstate would certainly reject is flagged, so raw nmstate the
 * builders do not model still passes: the name limit and nodeSelector values (nmstate admission,
 * docs/semantics.md#nodenetworkconfigurationpolicy), and interfaces without a name, with an unknown state, or declared twice. Pure.
 */
import type { KubeObject } from "../../k8s/client";
import { fail, type CheckFailure } from "../../validation/types";
import { unknownRemovalNames, type RemoveOnDelete } from "./removal";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const labelValue = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const states = ["up", "down", "absent", "ignore"];

function selectorFailures(selector: Json | undefined): CheckFailure[] {
    return Object.entries(selector ?? {}).flatMap(([k, v]) =>
        typeof v === "string" && v.length <= 63 && labelValue.test(v)
            ? []
            : [
                  fail(
                      `spec.nodeSelector[${JSON.stringify(k)}]`,
                      `nodeSelector value ${JSON.stringify(v)} is not a valid label value (at most 63 characters: letters, digits, '-', '_', '.')`,
                  ),
              ],
    );
}

function interfaceFailures(interfaces: unknown): CheckFailure[] {
    if (interfaces === undefined) return [];
    const where = "spec.desiredState.interfaces";
    if (!Array.isArray(interfaces))
        return [fail(where, "'spec.desiredState.interfaces' must be a list")];
    const out: CheckFailure[] = [];
    const seen = new Set<string>();
    interfaces.forEach((i: Json, n) => {
        const at = `${where}[${n}]`;
        if (!i || typeof i !== "object" || typeof i.name !== "string" || i.name === "") {
            out.push(fail(`${at}.name`, `interface ${n} needs a 'name'`));
            return;
        }
        if (i.state !== undefined && !states.includes(i.state)) {
            out.push(
                fail(
                    `${at}.state`,
                    `interface '${i.name}' has state ${JSON.stringify(i.state)}; allowed: ${states.join(", ")}`,
                ),
            );
        }
        // OVS allows an ovs-interface named like its bridge, so identity is name + type.
        const key = `${i.name}\u0000${i.type ?? ""}`;
        if (seen.has(key))
            out.push(
                fail(at, `interface '${i.name}'${i.type ? ` (${i.type})` : ""} is declared twice`),
            );
        seen.add(key);
    });
    return out;
}

/** Failures of a policy manifest. */
export function checkNncp(obj: KubeObject): CheckFailure[] {
    const spec = (obj.spec ?? {}) as Json;
    const out: CheckFailure[] = [];
    const name = obj.metadata.name ?? "";
    if (name.length > 63)
        out.push(
            fail(
                "metadata.name",
                `policy name '${name}' is ${name.length} characters; nmstate allows at most 63`,
            ),
        );
    out.push(...selectorFailures(spec.nodeSelector));
    out.push(...interfaceFailures(spec.desiredState?.interfaces));
    return out;
}

/** Failures of the `removeOnDelete` option against the declared interfaces. */
export function checkRemoveOnDelete(
    desiredState: Json | undefined,
    removeOnDelete: RemoveOnDelete | unknown,
): CheckFailure[] {
    if (removeOnDelete === undefined || typeof removeOnDelete === "boolean") return [];
    if (!Array.isArray(removeOnDelete) || removeOnDelete.some((n) => typeof n !== "string")) {
        return [
            fail(
                "removeOnDelete",
                "'removeOnDelete' must be true, false, or a list of interface names",
            ),
        ];
    }
    return unknownRemovalNames(desiredState, removeOnDelete).map((n) =>
        fail(
            "removeOnDelete",
            `'removeOnDelete' names interface '${n}', which spec.desiredState does not declare`,
        ),
    );
}
