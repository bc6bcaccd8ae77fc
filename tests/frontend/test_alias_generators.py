from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import alias_generators as real

from codegen.frontends.python import alias_generators as port

names = st.text(alphabet="abcXYZ019_-", max_size=12) | st.from_regex(
    r"[a-z_][a-zA-Z0-9_]{0,15}", fullmatch=True
)


@settings(max_examples=400, deadline=None)
@given(names)
def test_generators_match_pydantic(name: str) -> None:
    assert port.to_camel(name) == real.to_camel(name)
    assert port.to_pascal(name) == real.to_pascal(name)
    assert port.to_snake(name) == real.to_snake(name)
