// One long-lived Node process that loads generated Zod schemas and runs
// JSON values through them, driven by tests/node_validator.py.
//
// Protocol: one JSON object per line on stdin, one answer per line on stdout.
//
//   {"id": 1, "op": "validate", "module": "/abs/schemas.ts",
//    "export": "PageSchema", "args": ["UserSchema"], "values": [...]}
//   -> {"id": 1, "ok": true, "results": [{"success": true, "issues": []}, ...]}
//
//   {"id": 2, "op": "exports", "module": "/abs/schemas.ts"}
//   -> {"id": 2, "ok": true, "exports": ["UserSchema", ...]}
//
//   {"id": 3, "op": "ping"} -> {"id": 3, "ok": true, "versions": {...}}
//
// A failure answers {"id": ..., "ok": false, "error": "..."} and the process
// keeps serving. `args` apply a generic schema function (`PageSchema`) to
// other exports of the same module; an arg is an export name, a nested
// {"export": ..., "args": [...]}, or a zod factory such as "z.int".
//
// TypeScript modules are transpiled with the pinned `typescript` package
// into tests/node/.build/<content hash>/, below this folder, so that `zod`
// resolves to the pinned install in tests/node/node_modules. Sibling .ts
// files are transpiled too, so relative imports between outputs work.

import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath, pathToFileURL } from "node:url";

import ts from "typescript";
import * as z from "zod";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BUILD = path.join(HERE, ".build", "modules");
const ZOD_VERSION = JSON.parse(
  fs.readFileSync(path.join(HERE, "node_modules", "zod", "package.json"), "utf8"),
).version;

/** Cache: absolute .ts/.mjs path + content hash -> loaded module namespace. */
const loaded = new Map();

function rewriteSpecifiers(code) {
  // `./types` or `./types.js` -> `./types.mjs`, the name we write below.
  return code.replace(
    /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(["'])(\.{1,2}\/[^"']+?)(?:\.(?:js|ts|mjs))?\2/g,
    (_match, head, quote, spec) => `${head}${quote}${spec}.mjs${quote}`,
  );
}

function transpileFolder(folder) {
  const sources = fs
    .readdirSync(folder)
    .filter((name) => name.endsWith(".ts") && !name.endsWith(".d.ts"))
    .sort();
  const hash = createHash("sha256");
  const texts = new Map();
  for (const name of sources) {
    const text = fs.readFileSync(path.join(folder, name), "utf8");
    texts.set(name, text);
    hash.update(name).update("\0").update(text).update("\0");
  }
  hash.update(ts.version);
  const out = path.join(BUILD, hash.digest("hex").slice(0, 20));
  fs.mkdirSync(out, { recursive: true });
  for (const [name, text] of texts) {
    const target = path.join(out, name.replace(/\.ts$/, ".mjs"));
    if (fs.existsSync(target)) continue;
    const result = ts.transpileModule(text, {
      fileName: name,
      reportDiagnostics: true,
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        isolatedModules: true,
        useDefineForClassFields: true,
      },
    });
    const problems = (result.diagnostics ?? []).filter(
      (d) => d.category === ts.DiagnosticCategory.Error,
    );
    if (problems.length > 0) {
      const text = problems
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))
        .join("\n");
      throw new Error(`cannot transpile ${path.join(folder, name)}:\n${text}`);
    }
    // Write beside, then rename: parallel test workers may race here.
    const temp = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(temp, rewriteSpecifiers(result.outputText));
    fs.renameSync(temp, target);
  }
  return out;
}

async function loadModule(modulePath) {
  const absolute = path.resolve(modulePath);
  const content = fs.readFileSync(absolute, "utf8");
  const key = `${absolute}\0${createHash("sha256").update(content).digest("hex")}`;
  if (loaded.has(key)) return loaded.get(key);
  let target = absolute;
  if (absolute.endsWith(".ts")) {
    const out = transpileFolder(path.dirname(absolute));
    target = path.join(out, path.basename(absolute).replace(/\.ts$/, ".mjs"));
  }
  const namespace = await import(pathToFileURL(target).href);
  loaded.set(key, namespace);
  return namespace;
}

function resolveSchema(namespace, spec) {
  if (typeof spec === "string" && spec.startsWith("z.")) {
    const factory = z[spec.slice(2)];
    if (typeof factory !== "function") throw new Error(`zod has no ${spec}()`);
    return factory();
  }
  const name = typeof spec === "string" ? spec : spec.export;
  const args = typeof spec === "string" ? [] : (spec.args ?? []);
  if (!(name in namespace)) {
    const known = Object.keys(namespace).sort().join(", ");
    throw new Error(`the module does not export ${name}; it exports: ${known}`);
  }
  let value = namespace[name];
  if (typeof value === "function") {
    if (args.length === 0) {
      throw new Error(`${name} is a generic schema function: pass its args`);
    }
    value = value(...args.map((arg) => resolveSchema(namespace, arg)));
  } else if (args.length > 0) {
    throw new Error(`${name} is not a generic schema function but got args`);
  }
  if (!value || typeof value.safeParse !== "function") {
    throw new Error(`${name} is not a Zod schema`);
  }
  return value;
}

function describeIssue(issue) {
  return { code: issue.code, path: issue.path.map(String), message: issue.message };
}

async function handle(request) {
  switch (request.op) {
    case "ping":
      return { versions: { node: process.version, typescript: ts.version, zod: ZOD_VERSION } };
    case "exports": {
      const namespace = await loadModule(request.module);
      return { exports: Object.keys(namespace).sort() };
    }
    case "validate": {
      const namespace = await loadModule(request.module);
      const schema = resolveSchema(namespace, {
        export: request.export,
        args: request.args ?? [],
      });
      const results = request.values.map((value) => {
        const parsed = schema.safeParse(value);
        return parsed.success
          ? { success: true, issues: [] }
          : { success: false, issues: parsed.error.issues.map(describeIssue) };
      });
      return { results };
    }
    default:
      throw new Error(`unknown op ${JSON.stringify(request.op)}`);
  }
}

function reply(message) {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
// Requests are answered in order, one at a time: the Python side waits for
// each answer before it sends the next request.
for await (const line of lines) {
  if (line.trim() === "") continue;
  let id = null;
  try {
    const request = JSON.parse(line);
    id = request.id ?? null;
    reply({ id, ok: true, ...(await handle(request)) });
  } catch (error) {
    reply({ id, ok: false, error: error instanceof Error ? error.stack ?? error.message : String(error) });
  }
}
