// `node json_schema_to_zod.cjs IN.json OUT.ts`: every entry of IN's `$defs`
// through json-schema-to-zod's jsonSchemaToZod, one exported const each;
// a `$ref` becomes z.lazy(() => <Name>) (json-schema-to-zod leaves $ref
// resolution to the caller since v2). json-schema-to-zod resolves from
// NODE_PATH (benchmarks/.work/node/node_modules).
"use strict";
const fs = require("fs");
const { jsonSchemaToZod } = require("json-schema-to-zod");

const [input, output] = process.argv.slice(2);
const defs = JSON.parse(fs.readFileSync(input, "utf8"))["$defs"];
const name = (ref) => ref.split("/").pop().replace(/[^A-Za-z0-9_$]/g, "_");
const parserOverride = (schema) => {
  if (typeof schema.$ref === "string") {
    return `z.lazy(() => ${name(schema.$ref)})`;
  }
  return undefined;
};
const parts = ['import { z } from "zod";', ""];
for (const key of Object.keys(defs).sort()) {
  const code = jsonSchemaToZod(defs[key], { parserOverride });
  parts.push(`export const ${name(key)}: z.ZodTypeAny = ${code};`);
}
fs.writeFileSync(output, parts.join("\n") + "\n");
