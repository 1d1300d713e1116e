// The peer provider's entry point. The upstream command embeds a schema that go:generate writes
// and the module zip leaves out; bench/build-peer.sh writes schema-embed.json beside this file
// in its build copy, and this program serves it.
package main

import (
	_ "embed"

	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/provider"
	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version"
)

//go:embed schema-embed.json
var schema []byte

//go:embed terraform-mapping-embed.json
var terraformMapping []byte

func main() {
	provider.Serve("kubernetes", version.Version, schema, terraformMapping)
}
