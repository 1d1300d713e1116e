// Package engine is an empty placeholder for kubevirt.io/virt-template-engine.
//
// KubeVirt v1.9.0 lists this module in its go.mod (virtctl uses it to process templates on
// the client side), so the module graph of anything built against KubeVirt must resolve it.
// The Go module proxy does not serve it, and neither virt-controller nor virt-api imports
// any of its packages, so a module with no API is enough for the bed's builds.
package engine
