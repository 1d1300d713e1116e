/**
 * Pure template processing, the same engine the provider uses (`oc process --local` semantics):
 * useful to inspect what a template yields, or to build VMs by hand.
 */
export { processTemplate, processVirtualMachineTemplate } from "../../provider/templates/process";
export type {
    OpenShiftTemplate,
    VirtualMachineTemplateManifest,
    ProcessedTemplate,
    ProcessOptions,
} from "../../provider/templates/process";
export { TemplateError } from "../../provider/templates/errors";
