"""Cases the property tests found, kept as plain tests: a fixed bug stays
fixed, and a documented difference (docs/protobuf.md) behaves exactly as
documented and is recognised by tests/protobuf/support.py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import codegen
from tests.protobuf.support import KNOWN_READ_ONLY, KNOWN_VALUE_KEYS, RoundTrip


def _compile(tmp_path: Path, source: str, targets: dict[str, object]) -> dict[str, str]:
    (tmp_path / "input" / "bugs").mkdir(parents=True)
    (tmp_path / "input" / "bugs" / "__init__.py").write_text("")
    (tmp_path / "input" / "bugs" / "models.py").write_text(source)
    config = codegen.config_from_mapping(
        {"sources": ["input"], "cache": False, "targets": targets}, root=tmp_path
    )
    result = codegen.compile(config)
    assert not [d for d in result.diagnostics if d.severity == "error"]
    for rel, text in result.files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    return dict(result.files)


VALUE_ALIASES = """
from __future__ import annotations

from pydantic import BaseModel, Field


class Node(BaseModel):
    next: Node | None = Field(validation_alias="in-next")
"""


def test_protobuf_value_content_is_kept_as_written(tmp_path: Path) -> None:
    """`next: Node | None` (required, nullable) is carried as a Value, whose
    JSON the message keeps as written: pydantic wrote the response key
    `next` inside it, so that is what comes back."""
    trip, printed = _protobuf_round_trip(
        tmp_path, VALUE_ALIASES, "Node", {"in-next": {"in-next": None}}
    )
    assert (trip.status, trip.detail) == ("known", KNOWN_VALUE_KEYS)
    assert printed == {"in-next": {"next": None}}


def _protobuf_round_trip(
    tmp_path: Path, source: str, name: str, value: object
) -> tuple[RoundTrip, object]:
    """pydantic -> message -> pydantic through tests/protobuf/support.py;
    also what the message printed."""
    from google.protobuf import json_format

    from tests.protobuf import support

    trip, model, cls = _protobuf_setup(tmp_path, source, name, value)
    instance = model.model_validate_json(json.dumps(value))
    message = json_format.Parse(instance.model_dump_json(by_alias=True), cls())
    return trip, json_format.MessageToDict(message, **support.print_flags())


def _protobuf_trip_only(
    tmp_path: Path, source: str, name: str, value: object
) -> RoundTrip:
    return _protobuf_setup(tmp_path, source, name, value)[0]


def _protobuf_setup(
    tmp_path: Path, source: str, name: str, value: object
) -> tuple[RoundTrip, Any, Any]:
    """The round trip's verdict, the pydantic model and the message class."""
    from google.protobuf import json_format

    from tests.golden_support import GoldenCase
    from tests.protobuf import support

    (tmp_path / "pyproject.toml").write_text(
        '[tool.typepact]\nsources = ["input"]\ncache = false\n\n'
        '[tool.typepact.targets.protobuf]\nout = "proto"\npackage = "bugs.v1"\n'
    )
    (tmp_path / "input" / "bugs").mkdir(parents=True)
    (tmp_path / "input" / "bugs" / "__init__.py").write_text("")
    (tmp_path / "input" / "bugs" / "models.py").write_text(source)
    compiled = support.compile_protobuf(GoldenCase("bugs", tmp_path), tmp_path / "work")
    namespace: dict[str, object] = {}
    exec(compile(source, "models.py", "exec"), namespace)
    model = namespace[name]
    model.model_rebuild(_types_namespace=namespace)  # type: ignore[attr-defined]
    cls = compiled.classes[f"bugs.v1.{name}"]
    return support._round_trip(name, model, cls, value, json_format), model, cls


CONSTRAINED_ARG = """
from typing import Annotated, Generic, TypeVar

from pydantic import BaseModel, Field

T = TypeVar("T")


class Box(BaseModel, Generic[T]):
    item: T


class Plain(BaseModel):
    box: Box[int]


class Even(BaseModel):
    box: Box[Annotated[int, Field(multiple_of=2)]]
"""


def test_openapi_constrained_type_argument_name(tmp_path: Path) -> None:
    """Fixed (39a927d), found by the property tests: Box[int] and
    Box[Annotated[int, Field(multiple_of=2)]] were both named Box_int_."""
    _compile(tmp_path, CONSTRAINED_ARG, {"openapi": {"out": "out/openapi.json"}})


COMPUTED_FORBID = """
from pydantic import BaseModel, ConfigDict, computed_field


class Total(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @computed_field
    @property
    def amount(self) -> int:
        return 3
"""
COMPUTED_ALLOW = COMPUTED_FORBID.replace('extra="forbid"', 'extra="allow"')


def test_protobuf_read_only_field_is_printed_back(tmp_path: Path) -> None:
    """A computed field is in the message (read-only, like an AIP-203
    OUTPUT_ONLY field): a message read from pydantic's response prints it
    back. pydantic alone then refuses it (forbid) or keeps it as an extra
    (allow); a server reading a request drops it, and then the round trip
    holds."""
    for source, extra in ((COMPUTED_FORBID, "forbid"), (COMPUTED_ALLOW, "allow")):
        work = tmp_path / extra
        work.mkdir()
        trip, printed = _protobuf_round_trip(work, source, "Total", {})
        assert (trip.status, trip.detail) == ("known", KNOWN_READ_ONLY)
        assert printed == {"amount": "3"}


COMPUTED_BELOW_ALIAS = """
from pydantic import BaseModel, ConfigDict, Field, computed_field


class Inner(BaseModel):
    model_config = ConfigDict(extra="allow")
    name: str

    @computed_field
    @property
    def label(self) -> str:
        return "computed"


class Outer(BaseModel):
    inner: Inner = Field(validation_alias="in-inner")
"""


def test_protobuf_read_only_field_below_a_request_key(tmp_path: Path) -> None:
    """Found by the property tests (a harness bug): the message prints the
    request key `in-inner`, and the computed field below it must still be
    recognised as read-only there, not kept as an extra of `Inner`."""
    trip, printed = _protobuf_round_trip(
        tmp_path, COMPUTED_BELOW_ALIAS, "Outer", {"in-inner": {"name": "x"}}
    )
    assert printed == {"in-inner": {"name": "x", "label": "computed"}}
    assert (trip.status, trip.detail) == ("known", KNOWN_READ_ONLY)


NAIVE_UNDER_JSON_NAME = """
from datetime import datetime

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel


class Event(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel)
    starts_at: datetime
"""


def test_protobuf_naive_datetime_under_a_camel_case_key(tmp_path: Path) -> None:
    """Found by the property tests (a harness bug): protobuf's ParseError
    names the field by its JSON name (`startsAt`), which the harness must
    map back to the proto field to recognise the naive-datetime loss."""
    from tests.protobuf.support import KNOWN_NAIVE

    trip = _protobuf_trip_only(
        tmp_path, NAIVE_UNDER_JSON_NAME, "Event", {"startsAt": "2000-01-01T00:00:00"}
    )
    assert (trip.status, trip.detail) == ("known", KNOWN_NAIVE)


VALUE_KEYS_DEFAULTED = """
from __future__ import annotations

from pydantic import BaseModel, Field


class Base(BaseModel):
    pass


class Node(Base):
    next: Node | None
    extra: Base | None = Field(default=None, validation_alias="in-extra")
"""


def test_protobuf_value_keys_under_a_defaulted_field(tmp_path: Path) -> None:
    """Found by the deep run (a harness gap): inside the Value that carries
    `next`, the message keeps pydantic's response key `extra`; the field
    has a default, so pydantic reads past the key instead of refusing it.
    That is the documented Value difference, not a loss."""
    value = {"next": {"next": None, "in-extra": {}}, "in-extra": {}}
    trip, printed = _protobuf_round_trip(tmp_path, VALUE_KEYS_DEFAULTED, "Node", value)
    assert printed == {"next": {"next": None, "extra": {}}, "in-extra": {}}
    assert (trip.status, trip.detail) == ("known", KNOWN_VALUE_KEYS)


SHADOWING_EXTRA = """
from pydantic import BaseModel, ConfigDict, Field


class Item(BaseModel):
    model_config = ConfigDict(extra="allow")
    size: int | None = Field(default=None, validation_alias="in-size")
"""


def test_an_extra_written_over_a_field_is_recognised(tmp_path: Path) -> None:
    """Found by the deep run: `size` is read under `in-size`, so a `size`
    key is an extra, and pydantic's dump writes it over the field. The dump
    then breaks pydantic's own serialization schema; the property tests
    name this difference instead of reporting unsound contracts."""
    import jsonschema

    from tests.property import known

    namespace: dict[str, Any] = {}
    exec(compile(SHADOWING_EXTRA, "models.py", "exec"), namespace)
    item_cls = namespace["Item"]
    shadowed = item_cls.model_validate({"size": "not a size"})
    assert shadowed.model_dump(mode="json", by_alias=True) == {"size": "not a size"}
    schema = item_cls.model_json_schema(mode="serialization")
    assert not jsonschema.Draft202012Validator(schema).is_valid({"size": "not a size"})
    assert known.extra_shadows_field(shadowed)
    assert not known.extra_shadows_field(item_cls.model_validate({"in-size": 3}))
    assert not known.extra_shadows_field(item_cls.model_validate({"other": 3}))


NAIVE_IN_A_NESTED_MESSAGE = """
from datetime import datetime

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel


class Slot(BaseModel):
    starts_at: datetime


class Event(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel)
    main_slot: Slot
    slots: list[Slot] = []
"""


def test_protobuf_naive_datetime_in_a_nested_message(tmp_path: Path) -> None:
    """Found by the deep run (a harness bug): a nested message's ParseError
    repeats "Failed to parse" for each level; the path to follow is the
    innermost one, through lists too."""
    from tests.protobuf.support import KNOWN_NAIVE

    naive = {"starts_at": "2000-01-01T00:00:00"}
    aware = {"starts_at": "2000-01-01T00:00:00Z"}
    values = ({"mainSlot": naive}, {"mainSlot": aware, "slots": [aware, naive]})
    for n, value in enumerate(values):
        work = tmp_path / str(n)
        work.mkdir()
        trip = _protobuf_trip_only(work, NAIVE_IN_A_NESTED_MESSAGE, "Event", value)
        assert (trip.status, trip.detail) == ("known", KNOWN_NAIVE)
