// Package virttemplate is a clientset for the virt-template API (template.kubevirt.io).
//
// It carries only the v1beta1 group client, the one KubeVirt v1.9.0's virt-controller uses
// (NewForConfig, then TemplateV1beta1().RESTClient() for its VirtualMachineTemplate informer).
package virttemplate

import (
	"fmt"
	"net/http"

	"k8s.io/client-go/discovery"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/util/flowcontrol"

	templatev1beta1 "kubevirt.io/virt-template-client-go/virttemplate/typed/core/v1beta1"
)

// Interface is the clientset's API, so callers can substitute a fake.
type Interface interface {
	Discovery() discovery.DiscoveryInterface
	TemplateV1beta1() templatev1beta1.TemplateV1beta1Interface
}

// Clientset bundles a discovery client and the template.kubevirt.io group clients.
type Clientset struct {
	*discovery.DiscoveryClient
	templateV1beta1 *templatev1beta1.TemplateV1beta1Client
}

var _ Interface = &Clientset{}

// TemplateV1beta1 returns the client for template.kubevirt.io/v1beta1.
func (c *Clientset) TemplateV1beta1() templatev1beta1.TemplateV1beta1Interface {
	return c.templateV1beta1
}

// Discovery returns the discovery client (nil for a nil Clientset).
func (c *Clientset) Discovery() discovery.DiscoveryInterface {
	if c == nil {
		return nil
	}
	return c.DiscoveryClient
}

// NewForConfig builds a clientset from a rest.Config. The config is copied, not modified.
// One http.Client is made here and shared by all group clients and discovery.
func NewForConfig(c *rest.Config) (*Clientset, error) {
	config := *c
	if config.UserAgent == "" {
		config.UserAgent = rest.DefaultKubernetesUserAgent()
	}
	httpClient, err := rest.HTTPClientFor(&config)
	if err != nil {
		return nil, err
	}
	return NewForConfigAndClient(&config, httpClient)
}

// NewForConfigAndClient builds a clientset that sends all requests through httpClient.
// The config's QPS/Burst become one rate limiter shared by every client in the set, so the
// set as a whole, not each group, stays within the configured budget.
func NewForConfigAndClient(c *rest.Config, httpClient *http.Client) (*Clientset, error) {
	config := *c
	if config.RateLimiter == nil && config.QPS > 0 {
		if config.Burst <= 0 {
			return nil, fmt.Errorf("burst is required to be greater than 0 when RateLimiter is not set and QPS is set to greater than 0")
		}
		config.RateLimiter = flowcontrol.NewTokenBucketRateLimiter(config.QPS, config.Burst)
	}

	var cs Clientset
	var err error
	if cs.templateV1beta1, err = templatev1beta1.NewForConfigAndClient(&config, httpClient); err != nil {
		return nil, err
	}
	if cs.DiscoveryClient, err = discovery.NewDiscoveryClientForConfigAndClient(&config, httpClient); err != nil {
		return nil, err
	}
	return &cs, nil
}

// NewForConfigOrDie is NewForConfig that panics on error.
func NewForConfigOrDie(c *rest.Config) *Clientset {
	cs, err := NewForConfig(c)
	if err != nil {
		panic(err)
	}
	return cs
}

// New builds a clientset whose group clients all use the given REST client.
func New(c rest.Interface) *Clientset {
	return &Clientset{
		DiscoveryClient: discovery.NewDiscoveryClient(c),
		templateV1beta1: templatev1beta1.New(c),
	}
}
