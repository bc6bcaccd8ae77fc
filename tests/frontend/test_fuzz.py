"""No exception escapes build_schema, whatever the source."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from codegen.frontends.python import PythonOptions, build_schema
from tests.frontend.helpers import sources

FRAGMENTS = [
    "from pydantic import BaseModel, Field\n",
    "from typing import *\n",
    "class M(BaseModel):\n",
    "    a: int\n",
    "    b: list[\n",
    "    c: Annotated[int, Field(gt='x')]\n",
    "    d: 'M | None' = None\n",
    "    e: Union[M, Field] = Field(discriminator=1)\n",
    "    f: dict[M] = {1: 2}\n",
    "    g: Literal[M.x] = lambda: 1\n",
    "X = X\n",
    "Y: TypeAlias = Y[int]\n",
    "class N(M, N):\n    pass\n",
    "from . import *\n",
    "from ...... import x\n",
    "    @computed_field\n    def h(self): ...\n",
    "type Z[T] = Z[T] | None\n",
    "\x00\n",
]


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=12), st.text(max_size=40))
def test_junk_never_raises(parts: list[str], junk: str) -> None:
    text = "".join(parts) + junk
    _, diagnostics = build_schema(
        sources({"app/__init__.py": "from .models import *\n", "app/models.py": text}),
        PythonOptions(overrides={"app.models:M.a": "str"}),
    )
    assert all(d.code != "TP108" for d in diagnostics), [d.message for d in diagnostics]
