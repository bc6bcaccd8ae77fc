"""Reading `Field(...)`, `dataclasses.field(...)` and model configuration."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from codegen.frontends.python import exprs as ex
from codegen.frontends.python.alias_generators import GENERATORS
from codegen.frontends.python.context import Context, Scope
from codegen.frontends.python.known import V1_SPELLINGS
from codegen.frontends.python.type_exprs import CONSTRAINT_KEYS, LEGACY_CONSTRAINT_KEYS

if TYPE_CHECKING:
    from collections.abc import Callable

    from codegen.frontends.python.definitions import Definitions

#: Field() keywords accepted and deliberately ignored: they do not change
#: the wire shape (json_schema_extra is not carried into the IR).
#: Config keys that change the JSON format of values, with the values
#: that keep pydantic's default (which typepact describes).
_WIRE_FORMAT_KEYS: dict[str, tuple[str | None, ...]] = {
    "ser_json_timedelta": ("iso8601",),
    "ser_json_bytes": ("utf8",),
    "ser_json_temporal": ("iso8601",),
}

#: Database options of `sqlmodel.Field`.
_SQLMODEL_FIELD_KEYS = frozenset(
    {
        "primary_key",
        "foreign_key",
        "unique",
        "index",
        "nullable",
        "ondelete",
        "sa_type",
        "sa_column",
        "sa_column_args",
        "sa_column_kwargs",
        "schema_extra",
        "max_digits",
        "decimal_places",
    }
)

_IGNORED_FIELD_KEYS = frozenset(
    {
        "json_schema_extra",
        "frozen",
        "validate_default",
        "repr",
        "strict",
        "coerce_numbers_to_str",
        "allow_inf_nan",
        "union_mode",
        "fail_fast",
        "field_title_generator",
        "kw_only",
        "init_var",
        "exclude_if",
        "hash",
        "compare",
        "metadata",
        "doc",
    }
)


@dataclass(slots=True)  # read per field: plain slots are faster and lighter
class FieldSpec:
    """What a `Field(...)`/`field(...)` call says, before config applies."""

    default: ex.Expr | None = None
    has_default: bool = False
    alias: str | None = None
    validation_alias: str | None = None
    serialization_alias: str | None = None
    alias_priority: int | None = None
    constraints: dict[str, Any] = field(default_factory=dict)
    discriminator: str | None = None
    title: str | None = None
    description: str | None = None
    examples: tuple[Any, ...] | None = None
    deprecated: bool | str | None = None
    exclude: bool = False
    init: bool = True

    def merge(self, later: FieldSpec) -> FieldSpec:
        """pydantic merges Annotated Field()s and the assigned one; later
        keys win. Spelled out field by field (a new field must be added
        here): it runs for most fields, and a generic loop over
        `__dataclass_fields__` cost more than the rest of the field."""

        def pick(mine: Any, theirs: Any) -> Any:
            return mine if theirs is None else theirs

        return FieldSpec(
            default=pick(self.default, later.default),
            has_default=self.has_default or later.has_default,
            alias=pick(self.alias, later.alias),
            validation_alias=pick(self.validation_alias, later.validation_alias),
            serialization_alias=pick(
                self.serialization_alias, later.serialization_alias
            ),
            alias_priority=pick(self.alias_priority, later.alias_priority),
            constraints={**self.constraints, **later.constraints},
            discriminator=pick(self.discriminator, later.discriminator),
            title=pick(self.title, later.title),
            description=pick(self.description, later.description),
            examples=pick(self.examples, later.examples),
            deprecated=pick(self.deprecated, later.deprecated),
            exclude=self.exclude or later.exclude,
            init=self.init and later.init,
        )


@dataclass(slots=True)
class ConfigSpec:
    """Model configuration that changes the wire; None means "not set"."""

    extra: str | None = None
    frozen: bool | None = None
    #: (alias, validation_alias, serialization_alias) generators.
    generator: tuple[Callable[[str], str] | None, ...] | None = None
    validate_by_alias: bool | None = None
    #: `ConfigDict(title=...)`: the model's title in schemas.
    title: str | None = None

    def merge(self, child: ConfigSpec) -> ConfigSpec:
        return ConfigSpec(
            title=child.title if child.title is not None else self.title,
            extra=child.extra if child.extra is not None else self.extra,
            frozen=child.frozen if child.frozen is not None else self.frozen,
            generator=(
                child.generator if child.generator is not None else self.generator
            ),
            validate_by_alias=(
                child.validate_by_alias
                if child.validate_by_alias is not None
                else self.validate_by_alias
            ),
        )


def _string(value: ex.Expr) -> str | None:
    return (
        value.value
        if isinstance(value, ex.Constant) and isinstance(value.value, str)
        else None
    )


class FieldReader:
    """Mixin for `Definitions`."""

    ctx: Context

    def read_field_call(
        self: Definitions, call: ex.Call, scope: Scope, *, in_annotated: bool = False
    ) -> FieldSpec:
        spec = FieldSpec()
        report = self.ctx.report
        sqlmodel = self.ctx.canonical_of(call, scope) == "sqlmodel.Field"
        if call.args:
            self._set_default(spec, call.args[0])
            for extra in call.args[1:]:
                report(
                    "TP104",
                    "Field() takes one positional argument",
                    path=scope.path,
                    at=extra,
                )
        for key, value in call.kwargs:
            key = LEGACY_CONSTRAINT_KEYS.get(key, key)
            if sqlmodel and key == "regex":  # SQLModel passes it on as pattern
                key = "pattern"
            if key == "default":
                self._set_default(spec, value)
            elif key == "default_factory":
                spec.has_default = True
            elif key in ("alias", "serialization_alias"):
                text = _string(value)
                if text is None:
                    report(
                        "TP104", f"`{key}` must be a string", path=scope.path, at=value
                    )
                setattr(spec, key, text)
            elif key == "validation_alias":
                spec.validation_alias = self._validation_alias(value, scope)
            elif key == "alias_priority":
                if isinstance(value, ex.Constant) and isinstance(value.value, int):
                    spec.alias_priority = value.value
            elif key in ("title", "description"):
                text = _string(value)
                if text is None and not (
                    isinstance(value, ex.Constant) and value.value is None
                ):
                    report(
                        "TP104",
                        f"`{key}` must be a literal string",
                        path=scope.path,
                        at=value,
                    )
                setattr(spec, key, text)
            elif key == "examples":
                examples = self.literal_value(value, scope)
                if not examples[0] or not isinstance(examples[1], list):
                    report(
                        "TP104",
                        "`examples` must be a literal list",
                        path=scope.path,
                        at=value,
                    )
                else:
                    spec.examples = tuple(examples[1])
            elif key == "deprecated":
                spec.deprecated = self.deprecation(value, scope)
            elif key == "exclude":
                spec.exclude = isinstance(value, ex.Constant) and value.value is True
                if not (
                    isinstance(value, ex.Constant) and isinstance(value.value, bool)
                ):
                    report(
                        "TP104",
                        "`exclude` must be True or False",
                        path=scope.path,
                        at=value,
                    )
            elif key == "init":
                spec.init = not (
                    isinstance(value, ex.Constant) and value.value is False
                )
            elif key == "discriminator":
                text = _string(value)
                name = (
                    self.ctx.canonical_of(value, scope)
                    if isinstance(value, ex.Call)
                    else None
                )
                if name == "pydantic.Discriminator" and isinstance(value, ex.Call):
                    # Discriminator("tag") names a field; a callable picks the
                    # member at runtime, and the wire sees a plain union.
                    first = value.args[0] if value.args else None
                    text = _string(first) if first is not None else None
                elif text is None:
                    report(
                        "TP103",
                        "only a field name is supported as discriminator",
                        path=scope.path,
                        at=value,
                        hint="use Field(discriminator='tag') with a Literal tag field",
                    )
                spec.discriminator = text
            elif key in CONSTRAINT_KEYS:
                literal = self.constraint_value(key, value, scope)
                if literal is not None:
                    spec.constraints[key] = literal
            elif key in V1_SPELLINGS:
                report(
                    "TP104",
                    f"`{key}` is pydantic v1's name; pydantic v2 rejects it",
                    path=scope.path,
                    at=value,
                    hint=f"rename it to `{V1_SPELLINGS[key]}`",
                )
            elif key in _SQLMODEL_FIELD_KEYS and sqlmodel:
                pass
            elif key not in _IGNORED_FIELD_KEYS:
                # pydantic v2 keeps unknown keywords as JSON schema extras
                # (deprecated, with a warning): no wire effect.
                report(
                    "TP104",
                    f"unknown argument `{key}` to Field() is ignored",
                    path=scope.path,
                    at=value,
                    severity="warning",
                    hint="move it into json_schema_extra={...}",
                )
        # `Annotated[int, Field(default=1)]` is a default to pydantic v2 too.
        del in_annotated
        return spec

    @staticmethod
    def _set_default(spec: FieldSpec, value: ex.Expr) -> None:
        if isinstance(value, ex.Constant) and value.is_ellipsis:
            return  # Field(...) means required
        spec.default = value
        spec.has_default = True

    def _validation_alias(
        self: Definitions, value: ex.Expr, scope: Scope
    ) -> str | None:
        text = _string(value)
        if text is not None:
            return text
        name = (
            self.ctx.canonical_of(value, scope) if isinstance(value, ex.Call) else None
        )
        if (
            name == "pydantic.AliasChoices"
            and isinstance(value, ex.Call)
            and value.args
        ):
            # pydantic's own JSON schema documents the first choice.
            first = value.args[0]
            text = _string(first)
            if text is not None:
                return text
        self.ctx.report(
            "TP104",
            f"validation_alias `{ex.show(value)}` cannot be expressed",
            path=scope.path,
            at=value,
            hint="use a string or AliasChoices of strings; AliasPath reads nested keys",
        )
        return None

    def deprecation(
        self: Definitions, value: ex.Expr, scope: Scope
    ) -> bool | str | None:
        match value:
            case ex.Constant(value=bool() as flag):
                return True if flag else None
            case ex.Constant(value=str() as message):
                return message
            case ex.Call(args=(ex.Constant(value=str() as message), *_)):
                return message
        self.ctx.report(
            "TP104", "`deprecated` must be a literal", path=scope.path, at=value
        )
        return True

    def read_dataclass_field(
        self: Definitions, call: ex.Call, scope: Scope
    ) -> FieldSpec:
        spec = FieldSpec()
        for key, value in call.kwargs:
            if key == "default":
                self._set_default(spec, value)
            elif key == "default_factory":
                spec.has_default = True
            elif key == "init":
                spec.init = not (
                    isinstance(value, ex.Constant) and value.value is False
                )
            elif key not in _IGNORED_FIELD_KEYS:
                self.ctx.report(
                    "TP104",
                    f"unknown argument `{key}` to field()",
                    path=scope.path,
                    at=value,
                )
        return spec

    # -- configuration ---------------------------------------------------

    def read_config(
        self: Definitions, items: list[tuple[str, ex.Expr]], scope: Scope
    ) -> ConfigSpec:
        config = ConfigSpec()
        for key, value in items:
            if key == "extra":
                text = _string(value)
                if text is None and isinstance(value, ex.Name):
                    name = self.ctx.canonical_of(value, scope) or ""
                    text = (
                        name.rsplit(".", 1)[-1]
                        if name.startswith("pydantic.Extra.")
                        else None
                    )
                if text not in ("forbid", "allow", "ignore"):
                    self.ctx.report(
                        "TP104",
                        f"unsupported extra policy `{ex.show(value)}`",
                        path=scope.path,
                        at=value,
                    )
                else:
                    config.extra = text
            elif key == "title":
                if isinstance(value, ex.Constant) and isinstance(value.value, str):
                    config.title = value.value
            elif key == "frozen":
                config.frozen = isinstance(value, ex.Constant) and value.value is True
            elif key == "allow_mutation":  # pydantic v1 spelling of frozen
                config.frozen = isinstance(value, ex.Constant) and value.value is False
            elif key == "alias_generator":
                config.generator = self._generator(value, scope)
            elif key in _WIRE_FORMAT_KEYS and _string(value) not in (
                _WIRE_FORMAT_KEYS[key]
            ):
                self.ctx.report(
                    "TP103",
                    f"`{key}={ex.show(value)}` changes how values are written; "
                    "typepact describes pydantic's default format",
                    path=scope.path,
                    at=value,
                    severity="warning",
                    hint="give overrides for the fields it affects",
                )
            elif key == "validate_by_alias":
                config.validate_by_alias = not (
                    isinstance(value, ex.Constant) and value.value is False
                )
        return config

    def _generator(
        self: Definitions, value: ex.Expr, scope: Scope
    ) -> tuple[Callable[[str], str] | None, ...] | None:
        if isinstance(value, ex.Constant) and value.value is None:
            return None
        name = self.ctx.canonical_of(value, scope)
        if isinstance(value, ex.Name) and name in GENERATORS:
            return (GENERATORS[name], None, None)
        if isinstance(value, ex.Call) and name == "pydantic.AliasGenerator":
            slots: dict[str, Callable[[str], str] | None] = {}
            for index, (key, item) in enumerate(
                [
                    *zip(
                        ("alias", "validation_alias", "serialization_alias"),
                        value.args,
                        strict=False,
                    ),
                    *value.kwargs,
                ]
            ):
                del index
                inner = (
                    self.ctx.canonical_of(item, scope)
                    if isinstance(item, ex.Name)
                    else None
                )
                if inner in GENERATORS:
                    slots[key] = GENERATORS[inner]
                elif not (isinstance(item, ex.Constant) and item.value is None):
                    self._bad_generator(item, scope)
                    return None
            return (
                slots.get("alias"),
                slots.get("validation_alias"),
                slots.get("serialization_alias"),
            )
        self._bad_generator(value, scope)
        return None

    def _bad_generator(self: Definitions, value: ex.Expr, scope: Scope) -> None:
        self.ctx.report(
            "TP103",
            f"alias generator `{ex.show(value)}` cannot be followed without running it",
            path=scope.path,
            at=value,
            hint="use pydantic.alias_generators.to_camel/to_pascal/to_snake "
            "(or AliasGenerator of them), or explicit aliases",
        )
