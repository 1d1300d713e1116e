/**
 * The template engine: pure processing of OpenShift Templates and virt-template
 * VirtualMachineTemplates (docs/semantics.md#openshift-templates, docs/semantics.md#virtualmachinetemplate). No I/O; the provider resources that fetch
 * templates from the cluster live in provider/resources/{template,virtualMachineTemplate,templatedVirtualMachine}.
 */
export { processTemplate, processVirtualMachineTemplate, stripNamespace } from "./process";
export type {
    OpenShiftTemplate,
    VirtualMachineTemplateManifest,
    ProcessedTemplate,
    ProcessOptions,
} from "./process";
export { resolveParameters } from "./parameters";
export type { TemplateParameter, ResolveOptions, ResolvedParameters } from "./parameters";
export {
    substituteString,
    substituteValue,
    referencedParameters,
    hasParameterReference,
} from "./substitute";
export type { ParameterValues, Substituted } from "./substitute";
export {
    generateFromExpression,
    expressionToRegExp,
    expressionProblem,
    alphabetOf,
    cryptoRandom,
    ExpressionError,
} from "./expression";
export type { RandomSource } from "./expression";
export { TemplateError } from "./errors";
