/**
 * Cross-field rules for template parameters that the schema cannot express, so a template that
 * could never be processed fails the preview instead of failing later, when a VM is made from it
 * (openshift-apiserver's template validation; virt-template's CRD pattern for `from`).
 */
import { fail, isUnknown, type CheckFailure } from "../../validation/types";
import { expressionProblem } from "../../templates/expression";

type Json = Record<string, unknown>;

const parameterName = /^[a-zA-Z0-9_]+$/;

function checkName(p: Json, at: string, seen: Set<string>): CheckFailure[] {
    const name = p.name;
    if (typeof name !== "string" || isUnknown(name)) return [];
    const out: CheckFailure[] = [];
    if (!parameterName.test(name))
        out.push(
            fail(
                `${at}.name`,
                `'${at}.name' is '${name}'; parameter names may only contain letters, digits and '_' (they are referenced as \${${name}})`,
            ),
        );
    if (seen.has(name)) out.push(fail(`${at}.name`, `'${at}.name' '${name}' is defined twice`));
    seen.add(name);
    return out;
}

function checkGenerator(p: Json, at: string): CheckFailure[] {
    if (p.generate === undefined || isUnknown(p.generate)) return [];
    if (p.generate !== "expression")
        return [
            fail(
                `${at}.generate`,
                `'${at}.generate' is '${String(p.generate)}'; the only generator is "expression"`,
            ),
        ];
    if (typeof p.from !== "string" || p.from === "")
        return [
            fail(
                `${at}.from`,
                `'${at}.from' is required with generate: expression, e.g. "[a-z0-9]{8}"`,
            ),
        ];
    if (isUnknown(p.from)) return [];
    const problem = expressionProblem(p.from);
    return problem
        ? [fail(`${at}.from`, `'${at}.from' ('${p.from}') cannot generate a value: ${problem}`)]
        : [];
}

function checkParameter(p: Json, at: string, seen: Set<string>): CheckFailure[] {
    return [...checkName(p, at, seen), ...checkGenerator(p, at)];
}

/** Failures of a parameter list found at `base` (e.g. "parameters" or "spec.parameters"). */
export function checkParameters(params: unknown, base: string): CheckFailure[] {
    if (!Array.isArray(params)) return [];
    const seen = new Set<string>();
    return params.flatMap((p, i) =>
        p && typeof p === "object" ? checkParameter(p as Json, `${base}[${i}]`, seen) : [],
    );
}
