package v1beta1

import (
	"context"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/client-go/rest"

	api "kubevirt.io/virt-template-api/core"
	templatev1beta1 "kubevirt.io/virt-template-api/core/v1beta1"
	"kubevirt.io/virt-template-client-go/virttemplate/scheme"
)

// VirtualMachineTemplatesGetter is implemented by group clients that serve templates.
type VirtualMachineTemplatesGetter interface {
	VirtualMachineTemplates(namespace string) VirtualMachineTemplateInterface
}

// VirtualMachineTemplateInterface is the set of calls on the virtualmachinetemplates resource.
// The CRD has a status subresource, hence UpdateStatus.
type VirtualMachineTemplateInterface interface {
	Create(ctx context.Context, t *templatev1beta1.VirtualMachineTemplate, opts metav1.CreateOptions) (*templatev1beta1.VirtualMachineTemplate, error)
	Update(ctx context.Context, t *templatev1beta1.VirtualMachineTemplate, opts metav1.UpdateOptions) (*templatev1beta1.VirtualMachineTemplate, error)
	UpdateStatus(ctx context.Context, t *templatev1beta1.VirtualMachineTemplate, opts metav1.UpdateOptions) (*templatev1beta1.VirtualMachineTemplate, error)
	Delete(ctx context.Context, name string, opts metav1.DeleteOptions) error
	DeleteCollection(ctx context.Context, opts metav1.DeleteOptions, listOpts metav1.ListOptions) error
	Get(ctx context.Context, name string, opts metav1.GetOptions) (*templatev1beta1.VirtualMachineTemplate, error)
	List(ctx context.Context, opts metav1.ListOptions) (*templatev1beta1.VirtualMachineTemplateList, error)
	Watch(ctx context.Context, opts metav1.ListOptions) (watch.Interface, error)
	Patch(ctx context.Context, name string, pt types.PatchType, data []byte, opts metav1.PatchOptions, subresources ...string) (*templatev1beta1.VirtualMachineTemplate, error)
}

// virtualMachineTemplates issues the requests; ns may be "" for cluster-wide list/watch.
type virtualMachineTemplates struct {
	client rest.Interface
	ns     string
}

const resource = api.PluralResourceName

// timeoutOf turns ListOptions.TimeoutSeconds into a client-side request timeout, so that a
// list or watch the caller bounded is also cut off locally if the server does not end it.
func timeoutOf(opts metav1.ListOptions) time.Duration {
	if opts.TimeoutSeconds == nil {
		return 0
	}
	return time.Duration(*opts.TimeoutSeconds) * time.Second
}

func (c *virtualMachineTemplates) Get(ctx context.Context, name string, opts metav1.GetOptions) (*templatev1beta1.VirtualMachineTemplate, error) {
	out := &templatev1beta1.VirtualMachineTemplate{}
	err := c.client.Get().Namespace(c.ns).Resource(resource).Name(name).
		VersionedParams(&opts, scheme.ParameterCodec).Do(ctx).Into(out)
	return out, err
}

func (c *virtualMachineTemplates) List(ctx context.Context, opts metav1.ListOptions) (*templatev1beta1.VirtualMachineTemplateList, error) {
	out := &templatev1beta1.VirtualMachineTemplateList{}
	err := c.client.Get().Namespace(c.ns).Resource(resource).
		VersionedParams(&opts, scheme.ParameterCodec).Timeout(timeoutOf(opts)).Do(ctx).Into(out)
	return out, err
}

func (c *virtualMachineTemplates) Watch(ctx context.Context, opts metav1.ListOptions) (watch.Interface, error) {
	opts.Watch = true
	return c.client.Get().Namespace(c.ns).Resource(resource).
		VersionedParams(&opts, scheme.ParameterCodec).Timeout(timeoutOf(opts)).Watch(ctx)
}

func (c *virtualMachineTemplates) Create(ctx context.Context, t *templatev1beta1.VirtualMachineTemplate, opts metav1.CreateOptions) (*templatev1beta1.VirtualMachineTemplate, error) {
	out := &templatev1beta1.VirtualMachineTemplate{}
	err := c.client.Post().Namespace(c.ns).Resource(resource).
		VersionedParams(&opts, scheme.ParameterCodec).Body(t).Do(ctx).Into(out)
	return out, err
}

func (c *virtualMachineTemplates) Update(ctx context.Context, t *templatev1beta1.VirtualMachineTemplate, opts metav1.UpdateOptions) (*templatev1beta1.VirtualMachineTemplate, error) {
	out := &templatev1beta1.VirtualMachineTemplate{}
	err := c.client.Put().Namespace(c.ns).Resource(resource).Name(t.Name).
		VersionedParams(&opts, scheme.ParameterCodec).Body(t).Do(ctx).Into(out)
	return out, err
}

// UpdateStatus writes only .status, through the CRD's status subresource.
func (c *virtualMachineTemplates) UpdateStatus(ctx context.Context, t *templatev1beta1.VirtualMachineTemplate, opts metav1.UpdateOptions) (*templatev1beta1.VirtualMachineTemplate, error) {
	out := &templatev1beta1.VirtualMachineTemplate{}
	err := c.client.Put().Namespace(c.ns).Resource(resource).Name(t.Name).SubResource("status").
		VersionedParams(&opts, scheme.ParameterCodec).Body(t).Do(ctx).Into(out)
	return out, err
}

func (c *virtualMachineTemplates) Delete(ctx context.Context, name string, opts metav1.DeleteOptions) error {
	return c.client.Delete().Namespace(c.ns).Resource(resource).Name(name).
		Body(&opts).Do(ctx).Error()
}

func (c *virtualMachineTemplates) DeleteCollection(ctx context.Context, opts metav1.DeleteOptions, listOpts metav1.ListOptions) error {
	return c.client.Delete().Namespace(c.ns).Resource(resource).
		VersionedParams(&listOpts, scheme.ParameterCodec).Timeout(timeoutOf(listOpts)).
		Body(&opts).Do(ctx).Error()
}

func (c *virtualMachineTemplates) Patch(ctx context.Context, name string, pt types.PatchType, data []byte, opts metav1.PatchOptions, subresources ...string) (*templatev1beta1.VirtualMachineTemplate, error) {
	out := &templatev1beta1.VirtualMachineTemplate{}
	err := c.client.Patch(pt).Namespace(c.ns).Resource(resource).Name(name).SubResource(subresources...).
		VersionedParams(&opts, scheme.ParameterCodec).Body(data).Do(ctx).Into(out)
	return out, err
}
