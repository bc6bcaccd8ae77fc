"""Records (codegen/records.py): the IR's and the parse results' objects are
immutable values, whatever makes them fast."""

from __future__ import annotations

import gc
import pickle

import pytest

from codegen import ir
from codegen.diagnostics import Diagnostic
from codegen.frontends.python import exprs as ex
from codegen.records import replace


def _field() -> ir.Field:
    return ir.Field(
        name="total",
        input_name="total",
        output_name="total",
        type=ir.UnionType(members=(ir.PrimitiveType(name="int"), ir.NullType())),
        location=ir.SourceLocation(path="app/m.py", line=3, column=5),
    )


def test_records_cannot_be_changed() -> None:
    f = _field()
    with pytest.raises(AttributeError):
        f.name = "other"  # type: ignore[misc]
    changed = replace(f, name="other")
    assert (changed.name, f.name) == ("other", "total")
    assert changed.type is f.type


def test_records_are_values() -> None:
    assert _field() == _field() and hash(_field()) == hash(_field())
    assert _field() != replace(_field(), output_name="sum")
    # Same fields, other class: not equal (a Name is not an Unsupported).
    assert ex.Name(dotted="x", line=1, column=1) != ex.Unsupported(
        text="x", line=1, column=1
    )
    assert len({ir.AnyType(), ir.NullType(), ir.AnyType()}) == 2


def test_type_expressions_and_definitions_name_their_kind() -> None:
    assert ir.PrimitiveType(name="str").kind == "primitive"
    assert ir.TypeParamType(name="T").kind == "type_param"
    model = ir.ModelDef(id="m:M", name="M", origin="pydantic", fields=())
    assert model.kind == "model"


def test_records_survive_pickling() -> None:
    # Diagnostics (with their locations) come back from forked emitters.
    diagnostic = Diagnostic(
        code="TP204", message="m", location=_field().location, target="openapi"
    )
    assert pickle.loads(pickle.dumps(diagnostic)) == diagnostic
    assert pickle.loads(pickle.dumps(_field())) == _field()


def test_records_are_left_to_reference_counting() -> None:
    # Frozen records cannot form cycles, so the cyclic collector, which a
    # cold run's hundreds of thousands of them would keep busy, skips them.
    assert not gc.is_tracked(_field())
