// Package v1beta1 defines the template.kubevirt.io/v1beta1 VirtualMachineTemplate type, as far
// as KubeVirt v1.9.0's virt-controller and virt-api use it.
package v1beta1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"

	api "kubevirt.io/virt-template-api/core"
)

var (
	// GroupVersion identifies this API version. KubeVirt stamps it on exported templates.
	GroupVersion = schema.GroupVersion{Group: api.GroupName, Version: "v1beta1"}

	// SchemeGroupVersion is the same value under the name client code conventionally uses.
	SchemeGroupVersion = GroupVersion

	// SchemeBuilder collects the functions that register this version's types.
	SchemeBuilder = runtime.NewSchemeBuilder(addKnownTypes)

	// AddToScheme registers VirtualMachineTemplate and its list type in a scheme.
	AddToScheme = SchemeBuilder.AddToScheme
)

// addKnownTypes maps the kinds to Go types. The kind names come from the type names, so they
// are "VirtualMachineTemplate" and "VirtualMachineTemplateList" as in the CRD. The meta/v1
// option types (ListOptions, GetOptions, ...) are added too so that a REST client built on a
// scheme holding only this group can encode query parameters.
func addKnownTypes(scheme *runtime.Scheme) error {
	scheme.AddKnownTypes(GroupVersion,
		&VirtualMachineTemplate{},
		&VirtualMachineTemplateList{},
	)
	metav1.AddToGroupVersion(scheme, GroupVersion)
	return nil
}
