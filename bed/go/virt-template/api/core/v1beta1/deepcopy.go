package v1beta1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

// Deep-copy methods, written by hand instead of generated: informers and listers hand out
// shared objects, and KubeVirt calls DeepCopy before modifying one, so every pointer, slice
// and raw byte buffer below must be duplicated rather than shared.

// DeepCopyInto copies t into out, sharing no memory with t.
func (t *VirtualMachineTemplate) DeepCopyInto(out *VirtualMachineTemplate) {
	*out = *t
	t.ObjectMeta.DeepCopyInto(&out.ObjectMeta)
	t.Spec.DeepCopyInto(&out.Spec)
	t.Status.DeepCopyInto(&out.Status)
}

// DeepCopy returns an independent copy of t (nil for nil).
func (t *VirtualMachineTemplate) DeepCopy() *VirtualMachineTemplate {
	if t == nil {
		return nil
	}
	out := new(VirtualMachineTemplate)
	t.DeepCopyInto(out)
	return out
}

// DeepCopyObject makes VirtualMachineTemplate a runtime.Object.
func (t *VirtualMachineTemplate) DeepCopyObject() runtime.Object {
	if c := t.DeepCopy(); c != nil {
		return c
	}
	return nil
}

// DeepCopyInto copies s into out, sharing no memory with s.
func (s *VirtualMachineTemplateSpec) DeepCopyInto(out *VirtualMachineTemplateSpec) {
	*out = *s
	if s.VirtualMachine != nil {
		out.VirtualMachine = new(runtime.RawExtension)
		s.VirtualMachine.DeepCopyInto(out.VirtualMachine)
	}
	if s.Parameters != nil {
		// Parameter holds only strings and a bool, so copying the elements is enough.
		out.Parameters = make([]Parameter, len(s.Parameters))
		copy(out.Parameters, s.Parameters)
	}
}

// DeepCopy returns an independent copy of s (nil for nil).
func (s *VirtualMachineTemplateSpec) DeepCopy() *VirtualMachineTemplateSpec {
	if s == nil {
		return nil
	}
	out := new(VirtualMachineTemplateSpec)
	s.DeepCopyInto(out)
	return out
}

// DeepCopyInto copies p into out; Parameter has no reference fields.
func (p *Parameter) DeepCopyInto(out *Parameter) {
	*out = *p
}

// DeepCopy returns a copy of p (nil for nil).
func (p *Parameter) DeepCopy() *Parameter {
	if p == nil {
		return nil
	}
	out := new(Parameter)
	p.DeepCopyInto(out)
	return out
}

// DeepCopyInto copies s into out, sharing no memory with s.
func (s *VirtualMachineTemplateStatus) DeepCopyInto(out *VirtualMachineTemplateStatus) {
	*out = *s
	if s.Conditions != nil {
		// metav1.Condition contains a metav1.Time, so copy each element through its own method.
		out.Conditions = make([]metav1.Condition, len(s.Conditions))
		for i := range s.Conditions {
			s.Conditions[i].DeepCopyInto(&out.Conditions[i])
		}
	}
}

// DeepCopy returns an independent copy of s (nil for nil).
func (s *VirtualMachineTemplateStatus) DeepCopy() *VirtualMachineTemplateStatus {
	if s == nil {
		return nil
	}
	out := new(VirtualMachineTemplateStatus)
	s.DeepCopyInto(out)
	return out
}

// DeepCopyInto copies l into out, sharing no memory with l.
func (l *VirtualMachineTemplateList) DeepCopyInto(out *VirtualMachineTemplateList) {
	*out = *l
	l.ListMeta.DeepCopyInto(&out.ListMeta)
	if l.Items != nil {
		out.Items = make([]VirtualMachineTemplate, len(l.Items))
		for i := range l.Items {
			l.Items[i].DeepCopyInto(&out.Items[i])
		}
	}
}

// DeepCopy returns an independent copy of l (nil for nil).
func (l *VirtualMachineTemplateList) DeepCopy() *VirtualMachineTemplateList {
	if l == nil {
		return nil
	}
	out := new(VirtualMachineTemplateList)
	l.DeepCopyInto(out)
	return out
}

// DeepCopyObject makes VirtualMachineTemplateList a runtime.Object.
func (l *VirtualMachineTemplateList) DeepCopyObject() runtime.Object {
	if c := l.DeepCopy(); c != nil {
		return c
	}
	return nil
}
