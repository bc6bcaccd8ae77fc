"""The OpenAPI document's JSON writer (`openapi.to_json`) against `json`
itself: the same text byte for byte, with schemas' keywords sorted as
`canonical` sorts them, however the lists and dicts inside are shared."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from emitters.openapi import canonical, to_json

_SCALARS = st.none() | st.booleans() | st.integers() | st.text(max_size=6)
_KEYS = st.sampled_from(
    ["type", "title", "properties", "items", "anyOf", "enum", "default", "é", "a"]
)


def _values(pool: list[Any]) -> st.SearchStrategy[Any]:
    """JSON values whose lists and dicts may be the very objects in `pool`
    (the emitter shares one schema between many properties)."""

    def shared(fresh: Any) -> st.SearchStrategy[Any]:
        pool.append(fresh)
        return st.sampled_from(pool)

    return st.recursive(
        _SCALARS,
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=4)
        ).flatmap(shared),
        max_leaves=20,
    )


@st.composite
def _documents(draw: st.DrawFn) -> dict[str, Any]:
    pool: list[Any] = []
    values = _values(pool)
    schemas = draw(st.dictionaries(st.text(max_size=4), values, max_size=5))
    return {
        "openapi": "3.1.0",
        "info": draw(st.dictionaries(_KEYS, values, max_size=2)),
        "paths": {},
        "components": {"schemas": schemas},
    }


@settings(max_examples=300, deadline=None)
@given(_documents())
def test_the_writer_spells_what_json_spells(document: dict[str, Any]) -> None:
    assert (
        to_json(document) == json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    )
    components = document["components"]["schemas"]
    sorted_document = {
        **document,
        "components": {"schemas": {k: canonical(v) for k, v in components.items()}},
    }
    expected = json.dumps(sorted_document, indent=2, ensure_ascii=False) + "\n"
    assert to_json(document, sort_components=True) == expected


def test_one_object_under_two_keys_is_ordered_as_each_key_wants() -> None:
    shared = {"b": 1, "a": 2}
    document = {
        "components": {
            "schemas": {
                "M": {"properties": {"x": shared}, "default": shared, "items": shared}
            }
        }
    }
    text = to_json(document, sort_components=True)
    assert json.loads(text) == document
    # Under `properties` the names keep their order; elsewhere keywords sort.
    assert '"x": {\n            "a": 2,\n            "b": 1\n' in text
    assert '"default": {\n          "b": 1,\n          "a": 2\n' in text
    assert '"items": {\n          "a": 2,\n          "b": 1\n' in text
