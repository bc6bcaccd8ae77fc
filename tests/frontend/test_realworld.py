"""Regressions found by running the frontend over real-world model code
(generated SDKs, app models). Each case is a minimal inline snippet in the
style of the code that broke."""

from __future__ import annotations

import textwrap
import time

from codegen.frontends.python import parse_module
from codegen.frontends.python.prune import prune_function_bodies
from tests.frontend.helpers import field, ok, sources


def test_function_bodies_do_not_cost_parse_time() -> None:
    # An SDK client module: thousands of lines of methods, no models.
    method = '''
        def create(
            self,
            *,
            model: str,
            extra_body: Body | None = None,
        ) -> Completion:
            """Create a completion."""
            return self._post(
                "/completions",
                body=maybe_transform({"model": model}, params),
                options=make_request_options(extra_body=extra_body),
            )
    '''
    body = textwrap.indent(textwrap.dedent(method), "    ")
    text = "class Completions(SyncAPIResource):\n" + body * 400
    start = time.perf_counter()
    summary = parse_module(sources({"app/client.py": text})[0])
    assert time.perf_counter() - start < 1.0
    assert [c.name for c in summary.classes] == ["Completions"]


def test_pruning_keeps_positions_and_computed_fields() -> None:
    schema = ok('''
        from pydantic import BaseModel, computed_field, field_validator


        def helper(x: "Unknown") -> int:
            return 1


        class Order(BaseModel):
            """An order."""

            qty: int

            @field_validator("qty")
            @classmethod
            def check(cls, v: int) -> int:
                if v < 0:
                    raise ValueError("negative")
                return v

            @computed_field  # kept: it is on the wire
            @property
            def double(self) -> int:
                """Twice qty."""
                return self.qty * 2

            note: str = "x"
        ''')
    double = field(schema, "Order", "double")
    assert double.docs.description == "Twice qty."
    assert (double.location.line, field(schema, "Order", "note").location.line) == (
        23,
        27,
    )


def test_pruning_leaves_unparsable_and_one_line_functions() -> None:
    assert prune_function_bodies("def f(:\n    pass\n") == "def f(:\n    pass\n"
    text = "class A:\n    @computed_field\n    def f(self) -> int: return 1\n"
    assert prune_function_bodies(text) == text
