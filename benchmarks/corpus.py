"""A deterministic synthetic model corpus for benchmarks.

`python benchmarks/corpus.py OUT --models 1000 --modules 100` writes a
package of pydantic models that exercises what real code uses: nested and
cross-module references, enums, literals, discriminated unions, generics,
constraints, aliases, defaults, optional fields and inheritance. The same
seed always gives the same files.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

SCALARS = [
    "str",
    "int",
    "float",
    "bool",
    "datetime",
    "date",
    "UUID",
    "Decimal",
    "EmailStr",
    "HttpUrl",
]
CONSTRAINED = [
    "Annotated[str, Field(min_length=1, max_length=120)]",
    "Annotated[int, Field(ge=0, le=10_000)]",
    "Annotated[float, Field(gt=0)]",
    'Annotated[str, Field(pattern=r"^[A-Z]{3}$")]',
    "conint(ge=1, lt=100)",
    "constr(min_length=2)",
]

HEADER = """\
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import Enum, StrEnum
from typing import Annotated, Generic, Literal, TypeVar, Union
from uuid import UUID

from pydantic import (
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    HttpUrl,
    conint,
    constr,
)
from pydantic.alias_generators import to_camel
"""


def build(out: Path, models: int, modules: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    package = out / "corpus"
    if package.exists():
        shutil.rmtree(package)
    package.mkdir(parents=True)
    (package / "__init__.py").write_text('"""Synthetic benchmark models."""\n')
    per_module = max(1, models // modules)
    defined: list[tuple[int, str]] = []  # (module index, class name)
    count = 0
    for m in range(modules):
        lines = [HEADER]
        imports: set[tuple[int, str]] = set()
        body: list[str] = []
        if m == 0:
            body.append(
                "T = TypeVar('T')\n\n\n"
                "class Page(BaseModel, Generic[T]):\n"
                '    """One page of results."""\n\n'
                "    items: list[T]\n"
                "    total: int = Field(ge=0)\n"
                "    next_cursor: str | None = None\n"
            )
        body.append(
            f"class Status{m}(StrEnum):\n"
            '    ACTIVE = "active"\n    PAUSED = "paused"\n    CLOSED = "closed"\n'
        )
        local: list[str] = []
        for i in range(per_module):
            if count >= models:
                break
            count += 1
            name = f"Model{m}x{i}"
            fields: list[str] = []
            for f in range(rng.randint(4, 10)):
                roll = rng.random()
                if roll < 0.35:
                    annotation = rng.choice(SCALARS)
                elif roll < 0.5:
                    annotation = rng.choice(CONSTRAINED)
                elif roll < 0.6:
                    annotation = f"list[{rng.choice(SCALARS)}]"
                elif roll < 0.65:
                    annotation = f"dict[str, {rng.choice(SCALARS)}]"
                elif roll < 0.7:
                    annotation = f"Status{m}"
                elif roll < 0.75:
                    annotation = 'Literal["a", "b", "c"]'
                elif roll < 0.85 and (local or defined):
                    if local and (not defined or rng.random() < 0.5):
                        annotation = rng.choice(local)
                    else:
                        mod, other = rng.choice(defined)
                        imports.add((mod, other))
                        annotation = other
                elif roll < 0.9 and defined:
                    mod, other = rng.choice(defined)
                    imports.add((mod, other))
                    annotation = f"list[{other}]"
                elif roll < 0.93 and defined:
                    imports.add((0, "Page"))
                    mod, other = rng.choice(defined)
                    imports.add((mod, other))
                    annotation = f"Page[{other}]"
                else:
                    annotation = "int | str"
                default = ""
                if rng.random() < 0.3:
                    annotation = f"{annotation} | None"
                    default = " = None"
                fields.append(f"    field_{f}: {annotation}{default}")
            config = ""
            if rng.random() < 0.3:
                config = (
                    "    model_config = ConfigDict("
                    "alias_generator=to_camel, populate_by_name=True)\n\n"
                )
            elif rng.random() < 0.2:
                config = '    model_config = ConfigDict(extra="forbid")\n\n'
            base = "BaseModel"
            if local and rng.random() < 0.1:
                base = local[0]
            body.append(
                f"class {name}({base}):\n"
                f'    """Model {name}."""\n\n' + config + "\n".join(fields) + "\n"
            )
            local.append(name)
        if len(local) >= 2:
            body.append(
                f"class Kind{m}A(BaseModel):\n"
                f'    kind: Literal["a"] = "a"\n    value: {local[0]}\n\n\n'
                f"class Kind{m}B(BaseModel):\n"
                f'    kind: Literal["b"] = "b"\n    value: {local[1]}\n\n\n'
                f"class Event{m}(BaseModel):\n"
                f"    payload: Annotated[Union[Kind{m}A, Kind{m}B], "
                'Field(discriminator="kind")]\n'
            )
        for mod, other in sorted(imports):
            if mod != m:
                lines.append(f"from .module_{mod:04d} import {other}")
        text = "\n".join(lines) + "\n\n" + "\n\n".join(body)
        (package / f"module_{m:04d}.py").write_text(text)
        defined.extend((m, name) for name in local)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--models", type=int, default=1000)
    parser.add_argument("--modules", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    build(args.out, args.models, args.modules, args.seed)


if __name__ == "__main__":
    main()
