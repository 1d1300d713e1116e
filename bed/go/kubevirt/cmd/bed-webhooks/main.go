// bed-webhooks prints the admission webhook configurations that virt-operator would install for
// virt-api, taken from virt-operator's own generator so that the bed runs exactly KubeVirt's rules.
// On the bed there is no Service in front of virt-api, so each webhook is pointed at a URL on
// loopback instead, with the bed's CA bundle.
//
// Usage: bed-webhooks <base-url> <ca-file>   (writes a v1 List as JSON on stdout)
package main

import (
	"encoding/json"
	"fmt"
	"os"

	admissionv1 "k8s.io/api/admissionregistration/v1"

	"kubevirt.io/kubevirt/pkg/virt-operator/resource/generate/components"
)

const installNamespace = "kubevirt"

func toURL(base string, ref *admissionv1.ServiceReference) *string {
	u := base
	if ref != nil && ref.Path != nil {
		u += *ref.Path
	}
	return &u
}

func repoint(cfgs []*admissionv1.WebhookClientConfig, base string, ca []byte) {
	for _, cc := range cfgs {
		cc.URL = toURL(base, cc.Service)
		cc.Service = nil
		cc.CABundle = ca
	}
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: bed-webhooks <base-url> <ca-file>")
		os.Exit(2)
	}
	ca, err := os.ReadFile(os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, "bed-webhooks:", err)
		os.Exit(1)
	}
	mutating := components.NewVirtAPIMutatingWebhookConfiguration(installNamespace)
	validating := components.NewVirtAPIValidatingWebhookConfiguration(installNamespace)
	var cfgs []*admissionv1.WebhookClientConfig
	for i := range mutating.Webhooks {
		cfgs = append(cfgs, &mutating.Webhooks[i].ClientConfig)
	}
	for i := range validating.Webhooks {
		cfgs = append(cfgs, &validating.Webhooks[i].ClientConfig)
	}
	repoint(cfgs, os.Args[1], ca)
	list := map[string]any{"apiVersion": "v1", "kind": "List", "items": []any{mutating, validating}}
	out, _ := json.MarshalIndent(list, "", "  ")
	fmt.Println(string(out))
}
