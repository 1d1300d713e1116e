// Package scheme holds the runtime.Scheme and codecs the virt-template clientset decodes with.
// It knows only the template.kubevirt.io types this module supports plus the meta/v1 option
// types, which is all a REST client for this group has to encode or decode.
package scheme

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/runtime/serializer"
	utilruntime "k8s.io/apimachinery/pkg/util/runtime"

	templatev1beta1 "kubevirt.io/virt-template-api/core/v1beta1"
)

var (
	// Scheme maps template.kubevirt.io kinds to Go types.
	Scheme = runtime.NewScheme()
	// Codecs serializes and deserializes objects of Scheme (JSON and YAML).
	Codecs = serializer.NewCodecFactory(Scheme)
	// ParameterCodec turns option structs such as metav1.ListOptions into query parameters.
	ParameterCodec = runtime.NewParameterCodec(Scheme)
)

// AddToScheme registers every API version this clientset serves into another scheme, for
// callers that want to decode template objects with their own scheme.
var (
	localSchemeBuilder = runtime.NewSchemeBuilder(templatev1beta1.AddToScheme)
	AddToScheme        = localSchemeBuilder.AddToScheme
)

func init() {
	// The unversioned meta types (Status, WatchEvent, options) under "v1", as generated
	// clientsets register them, so that error bodies and watch frames decode.
	metav1.AddToGroupVersion(Scheme, schema.GroupVersion{Version: "v1"})
	utilruntime.Must(AddToScheme(Scheme))
}
