"""Compile generated TypeScript and Zod with the pinned tools, for tests.

Used by tests/emitters and by the golden tests:

- `compile_ts(files)` type-checks a set of .ts files; returns tsc's
  error lines (empty when clean).
- `equivalence_source(schema, types_module, schemas_module)` writes a .ts
  file proving, for every definition, that `z.output<typeof XSchema>` and
  `X` are mutually assignable, and `z.input<typeof XInputSchema>` and
  `XInput` (or `X`, where the shapes agree) likewise; generic schemas are
  instantiated with `string`.
- `check_equivalence(schema, ts_source, zod_source)` compiles the three
  files in one tsc run and returns the errors.
- `run_zod(zod_source, cases)` compiles the Zod file to JavaScript and runs
  every `(schema expression, JSON value)` case in one Node process;
  returns whether each value parsed.

Flags: `--strict` plus `--noUncheckedIndexedAccess` (users turn it on;
generated code must not rely on index access being defined) and
`--noImplicitOverride`/`--noFallthroughCasesInSwitch` (free). Not
`--exactOptionalPropertyTypes`: Zod's `.optional()` infers `T | undefined`,
so `z.infer` and an interface with `key?: T` only agree without it, and
JSON has no `undefined` to tell them apart. `--skipLibCheck` keeps the run
fast; zod's own .d.ts files are checked upstream.

Each call starts at most one tsc and one node process.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

from codegen import ir
from codegen.passes import naming, shapes

NODE_DIR = Path(__file__).resolve().parent / "node"
NODE_MODULES = NODE_DIR / "node_modules"
TSC = NODE_MODULES / ".bin" / "tsc"

TSC_FLAGS = (
    "--strict",
    "--noUncheckedIndexedAccess",
    "--noImplicitOverride",
    "--noFallthroughCasesInSwitch",
    "--skipLibCheck",
    "--target",
    "es2022",
    "--module",
    "esnext",
    "--moduleResolution",
    "bundler",
)

#: What a generic schema is instantiated with in the equivalence check.
GENERIC_ARG_ZOD = "z.ZodString"
GENERIC_ARG_TS = "string"


def _workdir() -> tempfile.TemporaryDirectory[str]:
    tmp = tempfile.TemporaryDirectory(prefix="typepact-tsc-")
    root = Path(tmp.name)
    os.symlink(NODE_MODULES, root / "node_modules")
    (root / "package.json").write_text('{"type": "module"}\n')
    return tmp


def _tsc(root: Path, names: list[str], extra: tuple[str, ...] = ()) -> list[str]:
    result = subprocess.run(
        [str(TSC), *TSC_FLAGS, *extra, *names],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    return [line for line in result.stdout.splitlines() if line.strip()]


def compile_ts(files: dict[str, str]) -> list[str]:
    """Type-check `files` (name -> source) together; tsc's error lines."""
    with _workdir() as tmp:
        root = Path(tmp)
        for name, text in files.items():
            (root / name).write_text(text)
        return _tsc(root, sorted(files), ("--noEmit",))


def _instantiation(definition: ir.Definition) -> tuple[str, str]:
    params: tuple[str, ...] = getattr(definition, "type_params", ())
    if not params:
        return "", ""
    return (
        "<" + ", ".join(GENERIC_ARG_ZOD for _ in params) + ">",
        "<" + ", ".join(GENERIC_ARG_TS for _ in params) + ">",
    )


def equivalence_source(
    schema: ir.Schema,
    types_module: str = "./types",
    schemas_module: str = "./schemas",
    skip: frozenset[str] = frozenset(),
) -> str:
    """A .ts file that compiles only if every Zod schema infers exactly the
    matching interface. `skip`: definition ids to leave out."""
    names, _ = naming.assign_names(schema)
    lines = [
        'import { z } from "zod";',
        f'import type * as T from "{types_module}";',
        f'import * as S from "{schemas_module}";',
        "",
    ]
    for def_id in sorted(schema.definitions):
        if def_id in skip:
            continue
        zod_args, ts_args = _instantiation(schema.definitions[def_id])
        for direction in ("output", "input"):
            ts_name = names.name(def_id, direction)
            zod_name = ts_name + "Schema"
            if zod_args:
                zod_type = f"ReturnType<typeof S.{zod_name}{zod_args}>"
            else:
                zod_type = f"typeof S.{zod_name}"
            inferred = f"z.{direction}<{zod_type}>"
            declared = f"T.{ts_name}{ts_args}"
            fn = f"{ts_name}_{direction}".replace("$", "_")
            lines.append(
                f"export function {fn}(a: {inferred}, b: {declared}): "
                f"[{declared}, {inferred}] {{\n  return [a, b];\n}}"
            )
    return "\n".join(lines) + "\n"


def check_equivalence(
    schema: ir.Schema,
    ts_source: str,
    zod_source: str,
    skip: frozenset[str] = frozenset(),
) -> list[str]:
    """Compile the TypeScript output, the Zod output and the equivalence
    proof in one tsc run; the errors."""
    return compile_ts(
        {
            "types.ts": ts_source,
            "schemas.ts": zod_source,
            "check.ts": equivalence_source(schema, skip=skip),
        }
    )


_RUNNER = """\
import { readFileSync } from "node:fs";
import * as S from "./schemas.js";
const cases = JSON.parse(readFileSync("cases.json", "utf8"));
const out = [];
for (const [expr, value] of cases) {
  const schema = new Function("S", `return S.${expr};`)(S);
  out.push(schema.safeParse(value).success);
}
console.log(JSON.stringify(out));
"""


def run_zod(zod_source: str, cases: list[tuple[str, object]]) -> list[bool]:
    """Parse each JSON value with the schema named by its expression
    (`"UserSchema"`, `"PageSchema(S.UserSchema)"`; module members are `S.`
    inside arguments). One tsc and one node process for all cases."""
    with _workdir() as tmp:
        root = Path(tmp)
        (root / "schemas.ts").write_text(zod_source)
        errors = _tsc(root, ["schemas.ts"], ("--outDir", "."))
        if errors:
            raise AssertionError("Zod output does not compile:\n" + "\n".join(errors))
        (root / "cases.json").write_text(json.dumps(cases))
        (root / "run.mjs").write_text(_RUNNER)
        result = subprocess.run(
            ["node", "run.mjs"], cwd=root, capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            raise AssertionError(f"node failed:\n{result.stderr}")
        verdicts: list[bool] = json.loads(result.stdout)
        return verdicts


def definitions_with_input(schema: ir.Schema) -> frozenset[str]:
    """Ids that get an Input variant (handy in assertions)."""
    return shapes.differing_definitions(schema)
