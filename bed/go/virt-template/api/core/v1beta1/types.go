package v1beta1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

// ConditionReady is the condition type the virt-template controller sets to True once a
// template can be used. KubeVirt refuses to export a template that is not Ready.
const ConditionReady = "Ready"

// VirtualMachineTemplate is a namespaced template from which VirtualMachines are created.
// The JSON field names below are those of the template.kubevirt.io CRD; they are what the
// API server sends, so they must not be renamed.
type VirtualMachineTemplate struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec   VirtualMachineTemplateSpec   `json:"spec"`
	Status VirtualMachineTemplateStatus `json:"status,omitempty"`
}

// VirtualMachineTemplateSpec is the content of a template.
type VirtualMachineTemplateSpec struct {
	// VirtualMachine is the embedded VirtualMachine manifest, possibly holding ${NAME}
	// placeholders, so it is kept as raw JSON rather than as a typed VirtualMachine.
	VirtualMachine *runtime.RawExtension `json:"virtualMachine"`

	// Parameters are the placeholders the manifest may refer to.
	Parameters []Parameter `json:"parameters,omitempty"`

	// Message is free text shown to whoever processes the template.
	Message string `json:"message,omitempty"`
}

// Parameter is one ${Name} placeholder of a template. KubeVirt reads Name and Value to resolve
// placeholders in exported templates; the other fields are kept so that a template read and
// written back by a client using this package loses nothing.
type Parameter struct {
	Name        string `json:"name"`
	DisplayName string `json:"displayName,omitempty"`
	Description string `json:"description,omitempty"`
	// Value is the value substituted for ${Name}; empty when the value is to be generated.
	Value string `json:"value,omitempty"`
	// Generate names a value generator ("expression"), From is its input.
	Generate string `json:"generate,omitempty"`
	From     string `json:"from,omitempty"`
	// Required means processing fails if no value is given or generated.
	Required bool `json:"required,omitempty"`
}

// VirtualMachineTemplateStatus is what the virt-template controller reports about a template.
type VirtualMachineTemplateStatus struct {
	Conditions []metav1.Condition `json:"conditions,omitempty"`
}

// VirtualMachineTemplateList is the body of a list response for virtualmachinetemplates.
type VirtualMachineTemplateList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`

	Items []VirtualMachineTemplate `json:"items"`
}
