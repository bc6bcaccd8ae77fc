"""The five properties of DESIGN.md ("the contract is the wire"), checked on
random model packages and values. See docs/agreement.md."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, note, settings
from hypothesis import strategies as st

from codegen import ir
from tests.node_validator import NodeValidator
from tests.property import known
from tests.property.conftest import PROFILE, profile_settings
from tests.property.fixpoint import differences
from tests.property.genir import GenPackage, packages
from tests.property.harness import (
    Project,
    imported,
    openapi_validator,
    project,
    pydantic_accepts,
    pydantic_schema_validator,
    zod_batch,
)
from tests.property.report import TALLY
from tests.property.values import Mutation, all_mutations, default_value, model_value

pytestmark = pytest.mark.node

#: Deep runs stop drawing new packages after this many minutes per test.
DEEP_MINUTES = float(os.environ.get("TYPEPACT_DEEP_MINUTES", "20"))
#: Each protobuf example runs protoc: fewer of them in ci.
PROTOBUF_EXAMPLES = (
    min(profile_settings().max_examples, 20)
    if PROFILE == "ci"
    else profile_settings().max_examples
)


def _in_rounds(test: str, share: float, round_: Callable[[], None]) -> None:
    """Run a property once (`ci`), or in rounds of the profile's examples
    until its share of TYPEPACT_DEEP_MINUTES is used (`deep`): hypothesis
    has no time budget, and stopping inside a round would make its data
    generation look inconsistent to it."""
    if PROFILE != "deep":
        round_()
        return
    budget = DEEP_MINUTES * share * 60
    started = time.monotonic()
    while time.monotonic() - started < budget:
        round_()
        _checkpoint()


def _checkpoint() -> None:
    if PROFILE == "deep":
        TALLY.write(os.environ.get("PYTEST_XDIST_WORKER"))


@st.composite
def model_values(draw: st.DrawFn, package: GenPackage, target: str) -> dict[str, Any]:
    return model_value(draw, package, target, (), 0)


def _show(proj: Project) -> None:
    note(f"models source:\n{proj.source}")


# --------------------------------------------------------------------------
# Properties 1-3: response soundness, request soundness, precision
# --------------------------------------------------------------------------


def test_wire_properties(node_validator: NodeValidator) -> None:
    _in_rounds("wire", 0.7, lambda: _wire_round(node_validator=node_validator))


@profile_settings()
@given(data=st.data())
def _wire_round(data: st.DataObject, node_validator: NodeValidator) -> None:
    package = data.draw(packages(default_value), label="package")
    with project(package) as proj:
        _show(proj)
        assert not proj.errors(), "typepact failed on a valid package:\n" + "\n".join(
            proj.errors()
        )
        TALLY.packages += 1
        with imported(package, proj.root) as module:
            failures = _check_wire(data, proj, module, node_validator)
    _checkpoint()
    assert not failures, "\n\n".join(failures)


def _check_wire(
    data: st.DataObject, proj: Project, module: Any, node: NodeValidator
) -> list[str]:
    package = proj.package
    failures: list[str] = []
    cases: list[tuple[str, Any, str]] = []  # (model, value, kind)
    for model in package.roots():
        name = model.definition.name
        TALLY.models += 1
        cls = getattr(module, name)
        valid = data.draw(
            st.lists(
                model_values(package, model.definition.id), min_size=1, max_size=3
            ),
            label=f"valid {name}",
        )
        for value in valid:
            accepted, detail = pydantic_accepts(cls, value)
            assert accepted, f"generator bug: pydantic rejects {value!r}:\n{detail}"
            cases.append((name, value, "valid"))
        mutations: list[Mutation] = []
        for value in valid[:2]:
            mutations += all_mutations(
                package, ir.RefType(target=model.definition.id), value
            )
        if mutations:
            picks = data.draw(
                st.lists(st.integers(0, len(mutations) - 1), unique=True, max_size=8),
                label=f"mutations of {name}",
            )
            cases += [(name, mutations[i].value, mutations[i].kind) for i in picks]

    # pydantic first: its verdicts and instances decide what goes to Node.
    verdicts: list[dict[str, bool]] = []
    dumps: list[Any] = []
    #: pydantic's dump has an extra written over a field (known.py).
    shadowed: list[bool] = []
    schemas: dict[str, Any] = {}
    openapi: dict[tuple[str, str], Any] = {}
    for name, value, _ in cases:
        cls = getattr(module, name)
        if name not in schemas:
            schemas[name] = pydantic_schema_validator(cls)
            for side in ("input", "output"):
                openapi[name, side] = openapi_validator(
                    proj.document, proj.component(name, side)
                )
        accepted, instance = pydantic_accepts(cls, value)
        pyschema, pyschema_strict = schemas[name].verdict(value)
        typepact, typepact_strict = openapi[name, "input"].verdict(value)
        if pyschema != pyschema_strict or typepact != typepact_strict:
            TALLY.known[known.NAIVE_DATETIME] += 1
        verdicts.append(
            {"pydantic": accepted, "pydantic_schema": pyschema, "openapi": typepact}
        )
        dumps.append(
            instance.model_dump(mode="json", by_alias=True) if accepted else None
        )
        shadowed.append(accepted and known.extra_shadows_field(instance))

    # One Node request for the whole example.
    entries = [(proj.zod_name(name, "input"), value) for name, value, _ in cases]
    outputs = [
        (proj.zod_name(name, "output"), dumped)
        for (name, _, _), dumped in zip(cases, dumps, strict=True)
        if dumped is not None
    ]
    answers = zod_batch(node, proj, entries + outputs)
    zod_in, zod_out = answers[: len(entries)], iter(answers[len(entries) :])

    TALLY.values += len(cases) + len(outputs)
    TALLY.verdicts += 4 * len(cases) + 2 * len(outputs)
    for (name, value, kind), verdict, zod, dumped, shadows in zip(
        cases, verdicts, zod_in, dumps, shadowed, strict=True
    ):
        verdict["zod"] = zod
        void = known.void_judges(value)
        if void:
            TALLY.known[known.UNSAFE_INT] += 1
        TALLY.judge(verdict, kind, void)
        text = json.dumps(value)
        # 2. Request soundness: what the input Zod schema accepts, pydantic
        # accepts.
        TALLY.request_checks += 1
        if zod and not verdict["pydantic"] and "zod" not in void:
            failures.append(
                f"REQUEST SOUNDNESS: {name}: Zod {proj.zod_name(name, 'input')} "
                f"accepts {text} [{kind}], pydantic rejects it"
            )
        # 3. Precision: what pydantic's JSON Schema rejects, typepact's
        # schemas reject.
        if not verdict["pydantic_schema"]:
            for judge in ("zod", "openapi"):
                if verdict[judge] and judge not in void:
                    reason = known.precision_difference(kind, verdict)
                    if (
                        reason is None
                        and verdict["pydantic"]
                        and schemas[name].tolerant.is_valid(value)
                    ):
                        # Only multipleOf's exactness made pydantic's schema
                        # reject what pydantic accepts.
                        reason = known.MULTIPLE_OF_TOLERANCE
                    if reason:
                        TALLY.known[reason] += 1
                    else:
                        failures.append(
                            f"PRECISION: {name}: pydantic's JSON Schema rejects "
                            f"{text} [{kind}], {judge} accepts it"
                        )
        # 1. Response soundness.
        if dumped is None:
            continue
        zod_ok = next(zod_out)
        TALLY.response_checks += 1
        out_text = json.dumps(dumped)
        if not zod_ok and shadows:
            TALLY.known[known.EXTRA_SHADOWS_FIELD] += 1
        elif not zod_ok and "zod" not in known.void_judges(dumped):
            failures.append(
                f"RESPONSE SOUNDNESS: {name}: Zod {proj.zod_name(name, 'output')} "
                f"rejects pydantic's dump {out_text} (of {text})"
            )
        judge = openapi[name, "output"]
        accepted_out, strict_out = judge.verdict(dumped)
        if accepted_out != strict_out:
            TALLY.known[known.NAIVE_DATETIME] += 1
        if not accepted_out and judge.tolerant.is_valid(dumped):
            TALLY.known[known.MULTIPLE_OF_TOLERANCE] += 1
        elif not accepted_out and shadows:
            TALLY.known[known.EXTRA_SHADOWS_FIELD] += 1
        elif not accepted_out:
            errors = judge.errors(dumped)
            failures.append(
                f"RESPONSE SOUNDNESS: {name}: OpenAPI "
                f"{proj.component(name, 'output')} rejects pydantic's dump "
                f"{out_text} (of {text}): {errors}"
            )
    TALLY.soundness_failures += [f for f in failures if "SOUNDNESS" in f]
    return failures


# --------------------------------------------------------------------------
# Property 4: protobuf round trip
# --------------------------------------------------------------------------


def _protobuf_support() -> Any:
    """tests/protobuf/support.py, or a skip naming why it cannot be used."""
    try:
        from tests.protobuf import support
    except Exception as exc:  # pragma: no cover - depends on the checkout
        pytest.skip(f"protobuf round trip unavailable: {exc!r}")
    return support


def test_protobuf_round_trip() -> None:
    _in_rounds("protobuf", 0.2, _protobuf_round)


@settings(profile_settings(), max_examples=PROTOBUF_EXAMPLES)
@given(data=st.data())
def _protobuf_round(data: st.DataObject) -> None:
    support = _protobuf_support()
    from google.protobuf import json_format

    from tests.golden_support import GoldenCase

    package = data.draw(packages(default_value), label="package")
    with project(package, protobuf=True) as proj:
        _show(proj)
        codes = sorted(
            {d.code for d in proj.result.diagnostics if d.severity == "error"}
        )
        if codes:
            # Packages protobuf cannot carry are refused with a diagnostic
            # (docs/protobuf.md); they must be protobuf's own refusals.
            assert all(c in known.PROTOBUF_REFUSALS for c in codes), proj.errors()
            TALLY.protobuf[f"refused ({', '.join(codes)})"] += 1
            return
        warnings = "\n".join(
            d.format_text()
            for d in proj.result.diagnostics
            if d.severity == "warning" and d.code == "TP204"
        )
        with support.temp_dir() as work:
            compiled = support.compile_protobuf(
                GoldenCase(package.name, proj.root), Path(work)
            )
            failures = []
            with imported(package, proj.root) as module:
                for model in package.roots():
                    name = model.definition.name
                    cls = compiled.classes[f"{compiled.package}.{name}"]
                    values = data.draw(
                        st.lists(
                            model_values(package, model.definition.id),
                            min_size=1,
                            max_size=2,
                        ),
                        label=f"values of {name}",
                    )
                    for value in values:
                        trip = support._round_trip(
                            name, getattr(module, name), cls, value, json_format
                        )
                        status = trip.status
                        if status == "known":
                            TALLY.known[f"protobuf: {trip.detail}"] += 1
                        if status == "fail":
                            reason = known.protobuf_loss(
                                package, trip.detail, value, warnings
                            )
                            if reason:
                                TALLY.known[reason] += 1
                                status = "known"
                            else:
                                failures.append(
                                    f"PROTOBUF: {name}: {json.dumps(value)}\n"
                                    + trip.detail
                                )
                        TALLY.protobuf[status] += 1
    _checkpoint()
    assert not failures, "\n\n".join(failures)


# --------------------------------------------------------------------------
# Property 5: frontend fixpoint
# --------------------------------------------------------------------------


def test_frontend_fixpoint() -> None:
    _in_rounds("fixpoint", 0.1, _fixpoint_round)


@profile_settings()
@given(package=packages(default_value))
def _fixpoint_round(package: GenPackage) -> None:
    with project(package) as proj:
        _show(proj)
        assert not proj.errors(), "\n".join(proj.errors())
        problems = differences(package.schema(), proj.result.schema)
    TALLY.fixpoint["same IR" if not problems else "different IR"] += 1
    assert not problems, "\n".join(problems)
