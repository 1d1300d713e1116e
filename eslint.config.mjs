// Lint: ESLint's and typescript-eslint's recommended rules over every hand-written source file.
// Generated files (sdk/types, schema, bed/crds/generated, test/fixtures) are not linted: their
// generators (scripts/gen*.ts) are, and `npm run gen` rewrites them.
import eslint from "@eslint/js";
import tseslint from "typescript-eslint";

const nodeGlobals = {
    require: "readonly",
    module: "writable",
    process: "readonly",
    __dirname: "readonly",
    console: "readonly",
};

export default tseslint.config(
    {
        ignores: [
            "dist/**",
            "node_modules/**",
            ".bed/**",
            "sdk/types/**",
            "schema/**",
            "bed/crds/generated/**",
            "test/fixtures/**",
        ],
    },
    eslint.configs.recommended,
    tseslint.configs.recommended,
    {
        rules: {
            // A leading underscore marks a deliberately unused name: a parameter an interface
            // requires, or a key dropped from an object by destructuring (`const { a: _a, ...rest }`).
            "@typescript-eslint/no-unused-vars": [
                "error",
                {
                    argsIgnorePattern: "^_",
                    varsIgnorePattern: "^_",
                    destructuredArrayIgnorePattern: "^_",
                    caughtErrorsIgnorePattern: "^_",
                },
            ],
        },
    },
    {
        // Plain CommonJS scripts run by node directly (mocha reporter, the language host shim):
        // `require` is their module system.
        files: ["**/*.js"],
        languageOptions: { sourceType: "commonjs", globals: nodeGlobals },
        rules: { "@typescript-eslint/no-require-imports": "off" },
    },
    {
        // The serialized provider shim: its text is stored in every stack's state and must not
        // change (CONTRIBUTING), and it must `require` the package by name when the engine runs it.
        files: ["provider/shim.ts"],
        rules: {
            "@typescript-eslint/no-require-imports": "off",
            "@typescript-eslint/no-explicit-any": "off",
        },
    },
    {
        // Tests read untyped JSON (stack outputs, CLI --json, objects from the API server) and
        // poke at it freely; typing every probe would hide what the test checks.
        files: ["test/**"],
        rules: { "@typescript-eslint/no-explicit-any": "off" },
    },
);
