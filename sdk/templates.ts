/** SDK classes and functions of the templates area. */
export {
    Template,
    type TemplateArgs,
    VirtualMachineTemplate,
    type VirtualMachineTemplateArgs,
} from "./templates/template";
export {
    VirtualMachineInstancetype,
    type VirtualMachineInstancetypeArgs,
    VirtualMachineClusterInstancetype,
    type VirtualMachineClusterInstancetypeArgs,
    VirtualMachinePreference,
    type VirtualMachinePreferenceArgs,
    VirtualMachineClusterPreference,
    type VirtualMachineClusterPreferenceArgs,
} from "./templates/instancetype";
export {
    TemplatedVirtualMachine,
    type TemplatedVirtualMachineArgs,
    type TemplateRef,
} from "./templates/templatedVirtualMachine";
export {
    processTemplate,
    processVirtualMachineTemplate,
    TemplateError,
    type OpenShiftTemplate,
    type VirtualMachineTemplateManifest,
    type ProcessedTemplate,
    type ProcessOptions,
} from "./templates/process";
