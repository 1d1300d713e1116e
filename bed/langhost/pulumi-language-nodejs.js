#!/usr/bin/env node
// A minimal Node.js language host for the test bed.
//
// Why this exists: Pulumi's own Go language host is an untagged module whose release pseudo-versions
// the Go module proxy reachable here does not serve, so the bed cannot build it. The engine only
// needs a gRPC LanguageRuntime that reports the port on stdout and, on Run, starts
// @pulumi/pulumi's `cmd/run` script with the monitor/engine addresses (and, like Pulumi's host, with
// TypeScript on unless Pulumi.yaml says `typescript: false`); that is all this does.
// Users with a normal Pulumi install never run this file.
"use strict";

const path = require("path");
const fs = require("fs");
const { spawn } = require("child_process");

const sdkRoot = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const grpc = require(require.resolve("@grpc/grpc-js", { paths: [sdkRoot] }));
const langRpc = require(path.join(sdkRoot, "proto/language_grpc_pb.js"));
const langProto = require(path.join(sdkRoot, "proto/language_pb.js"));
const pluginProto = require(path.join(sdkRoot, "proto/plugin_pb.js"));
const sdkVersion = require(path.join(sdkRoot, "package.json")).version;

/** Exit code @pulumi/pulumi's run script uses after it has already shown the user the error. */
const LOGGED_ERROR_EXIT = 32;

const engineAddress = process.argv.slice(2).find((a) => /^[\w.\-[\]:]+:\d+$/.test(a)) || "";

function runScriptFor(programDir) {
    try {
        const local = require.resolve("@pulumi/pulumi/package.json", { paths: [programDir] });
        return path.join(path.dirname(local), "cmd", "run");
    } catch {
        return path.join(sdkRoot, "cmd", "run");
    }
}

function runArgs(req) {
    const info = req.getInfo();
    const programDir = (info && info.getProgramDirectory()) || req.getPwd() || process.cwd();
    const entry = (info && info.getEntryPoint()) || req.getProgram() || ".";
    const args = [runScriptFor(programDir)];
    const flag = (k, v) => {
        if (v !== undefined && v !== "") args.push(`--${k}`, String(v));
    };
    flag("monitor", req.getMonitorAddress());
    flag("engine", engineAddress);
    flag("organization", req.getOrganization());
    flag("project", req.getProject());
    flag("stack", req.getStack());
    flag("root-directory", info && info.getRootDirectory());
    flag("pwd", req.getPwd());
    if (req.getDryrun()) args.push("--dry-run");
    flag("parallel", req.getParallel());
    args.push(path.isAbsolute(entry) ? entry : path.join(programDir, entry));
    args.push(...req.getArgsList());
    return args;
}

/** Pulumi.yaml `runtime.options`, as the engine passes them in ProgramInfo. */
function runtimeOptions(req) {
    const info = req.getInfo();
    const options = info && info.hasOptions() ? info.getOptions().toJavaScript() : {};
    return options || {};
}

/**
 * As Pulumi's own host does: TypeScript is on unless `typescript: false`, and @pulumi/pulumi's run
 * script then registers ts-node (the project's, or its vendored copy), so index.ts runs as is.
 */
function typescriptEnv(options) {
    const env = {};
    if (options.typescript !== false) env.PULUMI_NODEJS_TYPESCRIPT = "true";
    if (typeof options.tsconfig === "string" && options.tsconfig)
        env.PULUMI_NODEJS_TSCONFIG_PATH = options.tsconfig;
    return env;
}

function runEnv(req) {
    const config = {};
    req.getConfigMap().forEach((v, k) => (config[k] = v));
    return {
        ...process.env,
        ...typescriptEnv(runtimeOptions(req)),
        PULUMI_CONFIG: JSON.stringify(config),
        PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(req.getConfigsecretkeysList()),
    };
}

function run(call, callback) {
    const req = call.request;
    const child = spawn(process.execPath, runArgs(req), {
        cwd: req.getPwd() || process.cwd(),
        env: runEnv(req),
        stdio: ["ignore", "inherit", "inherit"],
    });
    const res = new langProto.RunResponse();
    child.on("error", (err) => {
        res.setError(`could not start the Node.js program: ${err.message}`);
        callback(null, res);
    });
    child.on("exit", (code, signal) => {
        if (code === LOGGED_ERROR_EXIT) res.setBail(true);
        else if (code !== 0)
            res.setError(
                `Program exited with ${signal ? `signal ${signal}` : `non-zero exit code: ${code}`}`,
            );
        callback(null, res);
    });
}

const empty = (Type) => (_call, callback) => callback(null, new Type());

const impl = {
    handshake: empty(langProto.LanguageHandshakeResponse),
    getRequiredPlugins: empty(langProto.GetRequiredPluginsResponse),
    getRequiredPackages: empty(langProto.GetRequiredPackagesResponse),
    run,
    getPluginInfo: (_call, callback) => {
        const info = new pluginProto.PluginInfo();
        info.setVersion(sdkVersion);
        callback(null, info);
    },
    installDependencies: (call) => call.end(),
    runtimeOptionsPrompts: empty(langProto.RuntimeOptionsResponse),
    about: (_call, callback) => {
        const res = new langProto.AboutResponse();
        res.setExecutable(process.execPath);
        res.setVersion(process.version);
        callback(null, res);
    },
    getProgramDependencies: empty(langProto.GetProgramDependenciesResponse),
};

const server = new grpc.Server();
server.addService(langRpc.LanguageRuntimeService, impl);
server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => {
    if (err) {
        process.stderr.write(`language host could not listen: ${err.message}\n`);
        process.exit(1);
    }
    fs.writeSync(1, `${port}\n`);
});
