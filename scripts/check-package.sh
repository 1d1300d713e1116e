#!/usr/bin/env bash
# Fails when the npm tarball would ship what users must not get (the simulator, the test bed, tests,
# scripts, examples, TypeScript sources, source maps) or lacks what the package needs at run time
# (the compiled provider/sdk/cli, schema/). `npm pack --dry-run` runs prepack, i.e. the package build.
# Prints the tarball's size and file count.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

json=$(npm pack --dry-run --json --loglevel=error 2>/dev/null)
PACK_JSON=$json node - <<'JS'
const [pack] = JSON.parse(process.env.PACK_JSON);
const files = pack.files.map((f) => f.path);
const forbidden = /^(dist\/)?(sim|bed|test|scripts|examples)\/|^tsconfig|(?<!\.d)\.ts$|\.map$/;
const bad = files.filter((f) => forbidden.test(f));
const required = ["package.json", "dist/sdk/index.js", "dist/sdk/index.d.ts", "dist/provider/index.js", "dist/cli/main.js", "schema/index.json", "schema/virtualMachine.schema.json"];
const missing = required.filter((f) => !files.includes(f));
const kb = (n) => `${(n / 1024).toFixed(0)} kB`;
console.log(`check-package: ${pack.filename}: ${files.length} files, ${kb(pack.size)} packed, ${kb(pack.unpackedSize)} unpacked`);
if (bad.length || missing.length) {
    if (bad.length) console.error(`check-package: FAILED. The tarball must not contain:\n${bad.map((f) => `    ${f}`).join("\n")}`);
    if (missing.length) console.error(`check-package: FAILED. The tarball lacks:\n${missing.map((f) => `    ${f}`).join("\n")}`);
    console.error("Fix package.json \"files\" or tsconfig.build.json (the package build compiles provider, sdk and cli only).");
    process.exit(1);
}
JS
