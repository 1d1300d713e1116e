// Package api holds the API group and resource names of the virt-template API.
//
// KubeVirt imports this package only for these names: it matches VirtualMachineExport sources
// against GroupName, indexes exports by SingularResourceName and lists templates with
// PluralResourceName. They must equal the names in the VirtualMachineTemplate CRD.
package api

const (
	// GroupName is the API group of VirtualMachineTemplate.
	GroupName = "template.kubevirt.io"

	// SingularResourceName is the CRD's singular resource name.
	SingularResourceName = "virtualmachinetemplate"

	// PluralResourceName is the REST resource (URL path segment) for templates.
	PluralResourceName = SingularResourceName + "s"
)
