// Package v1beta1 is a typed REST client for the template.kubevirt.io/v1beta1 API.
//
// KubeVirt's virt-controller builds an informer on RESTClient() of this group; the
// VirtualMachineTemplates accessor gives typed CRUD calls over the same REST client.
package v1beta1

import (
	"net/http"

	"k8s.io/client-go/rest"

	templatev1beta1 "kubevirt.io/virt-template-api/core/v1beta1"
	"kubevirt.io/virt-template-client-go/virttemplate/scheme"
)

// TemplateV1beta1Interface is what the clientset's TemplateV1beta1() returns.
type TemplateV1beta1Interface interface {
	RESTClient() rest.Interface
	VirtualMachineTemplatesGetter
}

// TemplateV1beta1Client talks to /apis/template.kubevirt.io/v1beta1 on the API server.
type TemplateV1beta1Client struct {
	restClient rest.Interface
}

// VirtualMachineTemplates returns a client for the templates in one namespace
// (metav1.NamespaceAll, i.e. "", for list and watch across namespaces).
func (c *TemplateV1beta1Client) VirtualMachineTemplates(namespace string) VirtualMachineTemplateInterface {
	return &virtualMachineTemplates{client: c.restClient, ns: namespace}
}

// NewForConfig creates a client for this group from a rest.Config, which is not modified.
func NewForConfig(c *rest.Config) (*TemplateV1beta1Client, error) {
	config := *c
	setConfigDefaults(&config)
	httpClient, err := rest.HTTPClientFor(&config)
	if err != nil {
		return nil, err
	}
	return NewForConfigAndClient(&config, httpClient)
}

// NewForConfigAndClient is NewForConfig with a caller-supplied http.Client, so that several
// group clients can share one connection pool and transport.
func NewForConfigAndClient(c *rest.Config, h *http.Client) (*TemplateV1beta1Client, error) {
	config := *c
	setConfigDefaults(&config)
	client, err := rest.RESTClientForConfigAndClient(&config, h)
	if err != nil {
		return nil, err
	}
	return &TemplateV1beta1Client{restClient: client}, nil
}

// NewForConfigOrDie is NewForConfig that panics on error.
func NewForConfigOrDie(c *rest.Config) *TemplateV1beta1Client {
	client, err := NewForConfig(c)
	if err != nil {
		panic(err)
	}
	return client
}

// New wraps an existing REST client, e.g. a fake one in tests.
func New(c rest.Interface) *TemplateV1beta1Client {
	return &TemplateV1beta1Client{restClient: c}
}

// setConfigDefaults aims the config at this group's API path and decodes with this module's
// scheme. CodecFactoryForGeneratedClient is client-go's hook for generated clients: it adds
// CBOR only when the client-side feature gate for it is on. A CRD serves JSON, which the
// codecs always accept, so no content type is forced here.
func setConfigDefaults(config *rest.Config) {
	gv := templatev1beta1.SchemeGroupVersion
	config.GroupVersion = &gv
	config.APIPath = "/apis"
	config.NegotiatedSerializer = rest.CodecFactoryForGeneratedClient(scheme.Scheme, scheme.Codecs).WithoutConversion()
	if config.UserAgent == "" {
		config.UserAgent = rest.DefaultKubernetesUserAgent()
	}
}

// RESTClient returns the underlying REST client (nil for a nil receiver, as callers of
// generated clients expect).
func (c *TemplateV1beta1Client) RESTClient() rest.Interface {
	if c == nil {
		return nil
	}
	return c.restClient
}
