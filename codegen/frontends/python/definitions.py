"""Building IR definitions from class and assignment summaries."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from itertools import islice
from typing import Any, assert_never

from codegen import ir
from codegen.frontends.python import exprs as ex
from codegen.frontends.python import known
from codegen.frontends.python.context import Context, Scope
from codegen.frontends.python.extract import string_expression
from codegen.frontends.python.fields import ConfigSpec, FieldReader, FieldSpec
from codegen.frontends.python.known import QUALIFIERS
from codegen.frontends.python.names import DefRef, ExternalRef, Resolved
from codegen.frontends.python.summary import (
    AssignItem,
    ClassSummary,
    FieldItem,
    MethodItem,
    ModuleSummary,
    UnsupportedItem,
)
from codegen.frontends.python.type_exprs import TypeConverter, list_items
from codegen.records import Record, replace

MODEL_KINDS = ("pydantic", "pydantic_dataclass", "dataclass", "typeddict")
_ENUM_BASES = {
    "enum.Enum": "enum",
    "enum.IntEnum": "int",
    "enum.StrEnum": "strenum",
    "enum.ReprEnum": "enum",
}


class TypeInfo(Record, kw_only=True):
    """What a use of a user name needs: its type parameters, and whether it
    is a TypeVar rather than a definition."""

    type_params: tuple[str, ...] = ()
    type_var: bool = False


class ClassKind(Record):
    kind: str  # one of MODEL_KINDS, "enum", "root", "flag", "plain"
    #: For enums: "str", "int", "strenum" or "enum" (no mixin).
    flavour: str = "enum"


class Draft(Record, kw_only=True):
    """A field before the owning model's config (aliases) is applied.
    Immutable, as a subclass shares its bases' drafts."""

    name: str
    type: ir.TypeExpr
    spec: FieldSpec
    computed: bool = False
    #: TypedDict keys: required by totality / Required / NotRequired.
    required: bool | None = None
    in_output: bool = True
    doc: str | None = None
    default: Any = None
    default_is_literal: bool = False
    location: ir.SourceLocation | None = None


class Definitions(TypeConverter, FieldReader):
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._kinds: dict[str, ClassKind] = {}
        self._assign_kinds: dict[str, str] = {}
        self._params: dict[str, tuple[str, ...]] = {}
        self._fields: dict[str, tuple[dict[str, Draft], dict[str, Draft]]] = {}
        self._configs: dict[str, ConfigSpec] = {}
        self._enums: dict[str, ir.EnumDef] = {}
        self._aliases: dict[str, ir.AliasDef] = {}
        self._in_progress: set[str] = set()
        self._unknown_bases: set[str] = set()
        self.discriminated = False
        # Pure functions of the summaries (no diagnostics), asked for every
        # class and again for each subclass and field: worked out once.
        self._scopes: dict[str, Scope] = {}
        self._bases: dict[tuple[str, bool], list[tuple[str, ex.Expr]]] = {}
        self._type_infos: dict[str, TypeInfo | None] = {}

    @contextmanager
    def isolated(self, def_id: str) -> Iterator[None]:
        """Build `def_id` so that whatever else it builds on the way (a
        base's fields, an alias it constrains) is built again later, by
        itself, and reports its own problems then: the caller may drop
        everything `def_id` reported."""
        caches: list[dict[str, Any]] = [self._aliases, self._fields, self._configs]
        # Nothing else removes entries, and dicts keep insertion order: the
        # keys added meanwhile are those past the old length. (Copying the
        # key sets instead cost a pass over every cache per quiet
        # definition, quadratic in an SDK with thousands of them.)
        sizes = [len(cache) for cache in caches]
        reported = set(self._unknown_bases)
        try:
            yield
        finally:
            self._unknown_bases = reported
            for cache, size in zip(caches, sizes, strict=True):
                for key in list(islice(cache, size, None)):
                    if key != def_id:
                        del cache[key]

    # -- scopes ----------------------------------------------------------

    def class_scope(self, def_id: str) -> Scope:
        scope = self._scopes.get(def_id)
        if scope is None:
            summary, _ = self.ctx.classes[def_id]
            scope = self._scopes[def_id] = Scope(
                summary.module,
                summary.display_path,
                frozenset(self.class_params(def_id)),
            )
        return scope

    def _loc(self, summary: ModuleSummary, line: int, column: int) -> ir.SourceLocation:
        return ir.SourceLocation(path=summary.display_path, line=line, column=column)

    # -- classification --------------------------------------------------

    def class_kind(self, def_id: str) -> ClassKind:
        if def_id in self._kinds:
            return self._kinds[def_id]
        self._kinds[def_id] = ClassKind("plain")  # guards inheritance cycles
        summary, cls = self.ctx.classes[def_id]
        scope = self.ctx.module_scope(summary)
        kind = ClassKind("plain")
        mixin: str | None = None
        for base in cls.bases:
            found = self.ctx.resolve_expr(base, scope)
            if isinstance(found, ExternalRef):
                name = found.canonical
                if name in known.MODEL_BASES:
                    kind = ClassKind("pydantic")
                elif name in ("pydantic.v1.BaseModel", "pydantic.v1.main.BaseModel"):
                    self.ctx.report(
                        "TP103",
                        f"`{cls.name}` is a pydantic v1 model (pydantic.v1), "
                        "which typepact does not read",
                        path=summary.display_path,
                        at=(cls.line, cls.column),
                        hint="migrate it to pydantic v2's BaseModel, or exclude "
                        "the file from `sources`",
                    )
                elif name == "pydantic.RootModel":
                    kind = ClassKind("root")
                elif name == "typing.TypedDict":
                    kind = ClassKind("typeddict")
                elif name in _ENUM_BASES:
                    kind = ClassKind("enum", _ENUM_BASES[name])
                elif name in ("enum.Flag", "enum.IntFlag"):
                    kind = ClassKind("flag")
                elif name in ("builtins.str", "builtins.int"):
                    mixin = name.split(".")[1]
            elif (
                isinstance(found, DefRef)
                and not found.rest
                and found.id in self.ctx.classes
            ):
                inherited = self.class_kind(found.id)
                if inherited.kind in ("pydantic", "root", "typeddict", "enum", "flag"):
                    kind = inherited
            if kind.kind != "plain" and mixin is None:
                continue
        if kind.kind == "enum" and mixin is not None and kind.flavour == "enum":
            kind = ClassKind("enum", mixin)
        for decorator in cls.decorators:
            name = self.ctx.canonical_of(decorator, scope)
            if name == "dataclasses.dataclass" and kind.kind == "plain":
                kind = ClassKind("dataclass")
            elif name == "pydantic.dataclasses.dataclass" and kind.kind == "plain":
                kind = ClassKind("pydantic_dataclass")
        self._kinds[def_id] = kind
        return kind

    def assign_kind(self, def_id: str) -> str:
        """ "alias", "newtype", "typevar" or "constant"."""
        if def_id in self._assign_kinds:
            return self._assign_kinds[def_id]
        self._assign_kinds[def_id] = "constant"  # guards `A = B; B = A`
        summary, assign = self.ctx.assigns[def_id]
        scope = self.ctx.module_scope(summary)
        kind = "constant"
        call_name = (
            self.ctx.canonical_of(assign.value.func, scope)
            if isinstance(assign.value, ex.Call)
            else None
        )
        if assign.is_type_statement:
            kind = "alias"
        elif assign.annotation is not None:
            annotation = self.ctx.canonical_of(assign.annotation, scope)
            kind = "alias" if annotation == "typing.TypeAlias" else "constant"
        elif call_name == "typing.TypeVar":
            kind = "typevar"
        elif call_name == "typing.NewType":
            kind = "newtype"
        elif self._looks_like_type(assign.value, scope):
            kind = "alias"
        self._assign_kinds[def_id] = kind
        return kind

    def _looks_like_type(self, expr: ex.Expr, scope: Scope) -> bool:
        """Is a module-level value a type expression? Constants are not."""

        match expr:
            case ex.Name():
                found = self.ctx.resolve_expr(expr, scope)
                if isinstance(found, ExternalRef):
                    name = found.canonical
                    return (
                        name in known.PRIMITIVES
                        or name in known.ANY_TYPES
                        or name in known.LIST_FORMS | known.SET_FORMS | known.MAP_FORMS
                    )
                if isinstance(found, DefRef) and not found.rest:
                    if found.id in self.ctx.classes:
                        return self.class_kind(found.id).kind != "plain"
                    if found.id in self.ctx.assigns:
                        return self.assign_kind(found.id) in ("alias", "newtype")
                return False
            case ex.Subscript(value=head):
                found = self.ctx.resolve_expr(head, scope)
                if isinstance(found, ExternalRef):
                    return found.canonical.startswith(
                        ("typing.", "builtins.", "collections.")
                    )
                return isinstance(found, DefRef) and not found.rest
            case ex.BinOp(op="|", left=left, right=right):
                sides = [left, right]
                is_none = [
                    isinstance(s, ex.Constant) and s.value is None for s in sides
                ]
                return any(self._looks_like_type(s, scope) for s in sides) and all(
                    n or self._looks_like_type(s, scope)
                    for s, n in zip(sides, is_none, strict=True)
                )
        return False

    def type_info(self, def_id: str) -> TypeInfo | None:
        """Asked at every use of a user name; memoised (alias parameters
        are found by walking the alias each time otherwise)."""
        if def_id not in self._type_infos:
            self._type_infos[def_id] = self._find_type_info(def_id)
        return self._type_infos[def_id]

    def _find_type_info(self, def_id: str) -> TypeInfo | None:
        if def_id in self.ctx.overrides:
            return TypeInfo()
        if def_id in self.ctx.classes:
            kind = self.class_kind(def_id).kind
            if kind in ("plain", "flag"):
                return None
            return TypeInfo(type_params=self.class_params(def_id))
        if def_id in self.ctx.assigns:
            kind = self.assign_kind(def_id)
            if kind == "typevar":
                return TypeInfo(type_var=True)
            if kind in ("alias", "newtype"):
                return TypeInfo(type_params=self.alias_params(def_id))
        return None

    def report_unknown_base(self, def_id: str) -> bool:
        """For a class used as a type whose base typepact cannot see
        (`class Thing(CustomBase)` with `CustomBase` from a module outside
        the sources): one TP101 at the class, however many fields use it,
        instead of an error at every use. False for anything else."""
        if def_id not in self.ctx.classes:
            return False
        summary, cls = self.ctx.classes[def_id]
        scope = self.ctx.module_scope(summary)
        for base in cls.bases:
            head = base.value if isinstance(base, ex.Subscript) else base
            found = self.ctx.resolve_expr(head, scope)
            unseen = found is None or (
                isinstance(found, ExternalRef)
                and not known.is_known_module(found.canonical.rpartition(".")[0])
            )
            if not unseen:
                continue
            if def_id not in self._unknown_bases:
                self._unknown_bases.add(def_id)
                self.ctx.report(
                    "TP101",
                    f"base class `{ex.show(head)}` of `{cls.name}` is not in the "
                    f"sources, so typepact cannot tell what `{cls.name}` is",
                    path=summary.display_path,
                    at=head,
                    hint="add the module that defines it to `sources`, or give "
                    f'an override "{def_id}" = "<type>"',
                )
            return True
        return False

    def builtin_base(self, def_id: str) -> str | None:
        """`builtins.str` for a plain class deriving from str (through
        other plain classes too), and so on for int, float and bytes."""
        seen: set[str] = set()
        while def_id in self.ctx.classes and def_id not in seen:
            seen.add(def_id)
            summary, cls = self.ctx.classes[def_id]
            scope = self.ctx.module_scope(summary)
            next_id = None
            for base in cls.bases:
                found = self.ctx.resolve_expr(base, scope)
                if isinstance(found, ExternalRef) and found.canonical in (
                    "builtins.str",
                    "builtins.int",
                    "builtins.float",
                    "builtins.bytes",
                ):
                    return found.canonical
                if isinstance(found, DefRef) and not found.rest:
                    next_id = next_id or found.id
            if next_id is None or self.class_kind(next_id).kind != "plain":
                return None
            def_id = next_id
        return None

    def class_params(self, def_id: str) -> tuple[str, ...]:
        if def_id in self._params:
            return self._params[def_id]
        self._params[def_id] = ()
        summary, cls = self.ctx.classes[def_id]
        scope = self.ctx.module_scope(summary)
        params: list[str] = list(cls.type_params)
        if not params:
            explicit: list[str] | None = None
            implied: list[str] = []
            for base in cls.bases:
                if not isinstance(base, ex.Subscript):
                    continue
                names = self._type_vars_in(base.index, scope)
                if self.ctx.canonical_of(base.value, scope) in (
                    "typing.Generic",
                    "typing.Protocol",
                ):
                    explicit = names
                else:
                    implied.extend(n for n in names if n not in implied)
            params = explicit if explicit is not None else implied
        self._params[def_id] = tuple(params)
        return self._params[def_id]

    def _type_vars_in(self, expr: ex.Expr, scope: Scope) -> list[str]:
        found: list[str] = []
        self._collect_type_vars(expr, scope, found)
        return found

    def _collect_type_vars(self, node: ex.Expr, scope: Scope, found: list[str]) -> None:
        # A method, not a closure calling itself: such a closure is a
        # reference cycle holding `self`, which kept every cache of a run
        # alive until the cyclic collector found it.
        match node:
            case ex.Name(dotted=dotted):
                ref = self.ctx.resolve_name(dotted, scope)
                if (
                    isinstance(ref, DefRef)
                    and ref.id in self.ctx.assigns
                    and self.assign_kind(ref.id) == "typevar"
                ):
                    name = ref.id.split(":", 1)[1]
                    if name not in found:
                        found.append(name)
            case ex.Subscript(value=value, index=index):
                self._collect_type_vars(value, scope, found)
                self._collect_type_vars(index, scope, found)
            case ex.TupleExpr(items=items) | ex.ListExpr(items=items):
                for item in items:
                    self._collect_type_vars(item, scope, found)
            case ex.BinOp(left=left, right=right):
                self._collect_type_vars(left, scope, found)
                self._collect_type_vars(right, scope, found)
            case _:
                pass

    def alias_params(self, def_id: str) -> tuple[str, ...]:
        summary, assign = self.ctx.assigns[def_id]
        if assign.type_params:
            return assign.type_params
        if self.assign_kind(def_id) != "alias":
            return ()
        return tuple(self._type_vars_in(assign.value, self.ctx.module_scope(summary)))

    # -- overrides -------------------------------------------------------

    def override_type(
        self, key: str, scope: Scope, line: int, column: int
    ) -> ir.TypeExpr | None:
        text = self.ctx.overrides.get(key)
        if text is None:
            return None
        self.ctx.used_overrides.add(key)
        expr = string_expression(text, line, column)
        if isinstance(expr, ex.Unsupported):
            self.ctx.report(
                "TP107",
                f"override for `{key}` is not a Python type expression: {text!r}",
                path=scope.path,
                at=(line, column),
            )
            return ir.AnyType()
        return self.to_type(expr, replace(scope, prelude=True))

    def external_override(
        self, ref: ExternalRef, scope: Scope, at: ex.Expr
    ) -> ir.TypeExpr | None:
        if not self.ctx.overrides:
            return None  # the usual case; spares building both keys per use
        for key in (
            ref.key,
            f"{ref.canonical.rpartition('.')[0]}:{ref.canonical.rpartition('.')[2]}",
        ):
            if key in self.ctx.overrides:
                return self.override_type(key, scope, at.line, at.column)
        return None

    # -- aliases ---------------------------------------------------------

    def alias_def(self, def_id: str) -> ir.AliasDef:
        if def_id in self._aliases:
            return self._aliases[def_id]
        summary, assign = self.ctx.assigns[def_id]
        params = self.alias_params(def_id)
        scope = Scope(summary.module, summary.display_path, frozenset(params))
        self._in_progress.add(def_id)
        try:
            if def_id in self.ctx.overrides:
                type_ = self.override_type(def_id, scope, assign.line, assign.column)
            elif self.assign_kind(def_id) == "newtype":
                type_ = self._newtype(assign.value, assign.name, scope)
            else:
                type_ = self.to_type(assign.value, scope)
        finally:
            self._in_progress.discard(def_id)
        alias = ir.AliasDef(
            id=def_id,
            name=assign.name,
            type=type_ or ir.AnyType(),
            type_params=params,
            docs=ir.Docs(description=assign.doc),
            location=self._loc(summary, assign.line, assign.column),
        )
        self._aliases[def_id] = alias
        return alias

    def _newtype(self, call: ex.Expr, name: str, scope: Scope) -> ir.TypeExpr:
        assert isinstance(call, ex.Call)
        if len(call.args) != 2:
            self.ctx.report(
                "TP104", "NewType takes a name and a type", path=scope.path, at=call
            )
            return ir.AnyType()
        return self.to_type(call.args[1], scope)

    def alias_body(
        self, target: str, args: tuple[ir.TypeExpr, ...]
    ) -> ir.TypeExpr | None:
        """The type an alias stands for, with its parameters substituted, so
        constraints on a use can be merged into it."""
        if target in self._in_progress:
            return None
        if target in self.ctx.assigns and self.assign_kind(target) in (
            "alias",
            "newtype",
        ):
            alias = self.alias_def(target)
        elif target in self.ctx.overrides:
            alias = self.overridden_def(target)
        else:
            return None
        return substitute(alias.type, dict(zip(alias.type_params, args, strict=False)))

    def overridden_def(self, def_id: str) -> ir.AliasDef:
        """A user definition replaced by a type override."""
        if def_id in self._aliases:
            return self._aliases[def_id]
        if def_id in self.ctx.classes:
            summary, cls = self.ctx.classes[def_id]
            name, line, column = cls.name, cls.line, cls.column
        else:
            summary, assign = self.ctx.assigns[def_id]
            name, line, column = assign.name, assign.line, assign.column
        scope = self.ctx.module_scope(summary)
        self._in_progress.add(def_id)
        try:
            type_ = self.override_type(def_id, scope, line, column) or ir.AnyType()
        finally:
            self._in_progress.discard(def_id)
        alias = ir.AliasDef(
            id=def_id, name=name, type=type_, location=self._loc(summary, line, column)
        )
        self._aliases[def_id] = alias
        return alias

    # -- enums -----------------------------------------------------------

    def enum_member_value(self, resolved: Resolved | None) -> str | int | None:
        if not isinstance(resolved, DefRef) or len(resolved.rest) != 1:
            return None
        if (
            resolved.id not in self.ctx.classes
            or self.class_kind(resolved.id).kind != "enum"
        ):
            return None
        for member in self.enum_def(resolved.id).members:
            if member.name == resolved.rest[0]:
                return member.value
        return None

    def enum_def(self, def_id: str) -> ir.EnumDef:
        if def_id in self._enums:
            return self._enums[def_id]
        summary, cls = self.ctx.classes[def_id]
        scope = self.ctx.module_scope(summary)
        flavour = self.class_kind(def_id).flavour
        members: list[ir.EnumMember] = []
        last: Any = None
        rule = self._auto_rule(def_id)
        for item in cls.body:
            if not isinstance(item, AssignItem) or item.name.startswith("_"):
                continue
            value: Any
            if self._is_auto(item.value, scope, rule):
                if rule == "other":
                    self.ctx.report(
                        "TP103",
                        f"enum `{cls.name}` computes auto() values in "
                        "`_generate_next_value_`, which typepact does not run",
                        path=summary.display_path,
                        at=item.value,
                        hint="write the values out, or give an override for the enum",
                    )
                    break
                if rule is not None:
                    value = {
                        "name": item.name,
                        "lower": item.name.lower(),
                        "upper": item.name.upper(),
                    }[rule]
                elif flavour == "strenum":
                    value = item.name.lower()
                else:
                    value = (
                        last + 1
                        if isinstance(last, int) and not isinstance(last, bool)
                        else 1
                    )
                    last = value
                    value = str(value) if flavour == "str" else value
            elif isinstance(item.value, ex.Constant) and type(item.value.value) in (
                str,
                int,
            ):
                value = item.value.value
                last = value
                if flavour in ("str", "strenum") and isinstance(value, int):
                    value = str(value)
            elif isinstance(item.value, ex.Call | ex.Name) and self.ctx.canonical_of(
                item.value, scope
            ) in ("enum.nonmember", "builtins.property"):
                continue
            else:
                self.ctx.report(
                    "TP103",
                    f"enum member `{item.name}` must have a literal str or int value",
                    path=summary.display_path,
                    at=item.value,
                    hint="use a string or integer literal, or auto()",
                )
                continue
            if flavour == "int" and not isinstance(value, int):
                self.ctx.report(
                    "TP103",
                    f"IntEnum member `{item.name}` is not an int",
                    path=summary.display_path,
                    at=item.value,
                )
                continue
            if any(m.value == value and type(m.value) is type(value) for m in members):
                continue  # an alias of an earlier member, as Python treats it
            members.append(
                ir.EnumMember(
                    name=item.name, value=value, docs=ir.Docs(description=item.doc)
                )
            )
        kinds = {type(m.value) for m in members}
        if len(kinds) > 1:
            self.ctx.report(
                "TP103",
                f"enum `{cls.name}` mixes str and int values",
                path=summary.display_path,
                at=(cls.line, cls.column),
                hint="give every member a value of the same type",
            )
        value_type = (
            "int" if kinds == {int} or (not kinds and flavour == "int") else "str"
        )
        enum = ir.EnumDef(
            id=def_id,
            name=cls.name,
            value_type=value_type,
            members=tuple(members),
            docs=self._class_docs(cls, scope),
            location=self._loc(summary, cls.line, cls.column),
        )
        self._enums[def_id] = enum
        return enum

    def _auto_rule(self, def_id: str) -> str | None:
        """The nearest `_generate_next_value_` rule along the enum bases."""
        pending, seen = [def_id], set()
        while pending:
            current = pending.pop(0)
            if current in seen or current not in self.ctx.classes:
                continue
            seen.add(current)
            summary, cls = self.ctx.classes[current]
            if cls.auto_value is not None:
                return cls.auto_value
            scope = self.ctx.module_scope(summary)
            for base in cls.bases:
                ref = self.ctx.resolve_expr(base, scope)
                if isinstance(ref, DefRef) and not ref.rest:
                    pending.append(ref.id)
        return None

    def _is_auto(self, value: ex.Expr, scope: Scope, rule: str | None) -> bool:
        """`auto()`, or with a custom `_generate_next_value_` also a helper
        that returns it, such as `AutoEnum.auto()`."""
        if not isinstance(value, ex.Call):
            return False
        if self.ctx.canonical_of(value.func, scope) == "enum.auto":
            return True
        found = self.ctx.resolve_expr(value.func, scope)
        return (
            rule is not None
            and not value.args
            and isinstance(found, DefRef)
            and found.rest == ("auto",)
        )

    def _class_docs(
        self, cls: ClassSummary, scope: Scope, title: str | None = None
    ) -> ir.Docs:
        deprecated: bool | str | None = None
        for decorator in cls.decorators:
            if self.ctx.canonical_of(decorator, scope) == "typing.deprecated":
                deprecated = (
                    self.deprecation(decorator, scope)
                    if isinstance(decorator, ex.Call)
                    else True
                )
        return ir.Docs(description=cls.doc, title=title, deprecated=deprecated)

    # -- models ----------------------------------------------------------

    def config_of(self, def_id: str) -> ConfigSpec:
        if def_id in self._configs:
            return self._configs[def_id]
        self._configs[def_id] = ConfigSpec()
        summary, cls = self.ctx.classes[def_id]
        scope = self.ctx.module_scope(summary)
        config = ConfigSpec()
        for base_id, _ in reversed(self._model_bases(def_id)):
            config = config.merge(self.config_of(base_id))
        items: list[tuple[str, ex.Expr]] = []
        if cls.config_class is not None:
            items.extend(cls.config_class)
        for item in cls.body:
            if (
                isinstance(item, AssignItem | FieldItem)
                and item.name
                in (
                    "model_config",
                    "__pydantic_config__",
                )
                and item.value is not None
            ):
                items.extend(self._config_items(item.value, scope))
        for decorator in cls.decorators:
            if isinstance(decorator, ex.Call):
                for key, value in decorator.kwargs:
                    if key == "config":
                        items.extend(self._config_items(value, scope))
                    elif key == "frozen":
                        items.append(("frozen", value))
        # `class Filter(BaseModel, extra="forbid")`: pydantic reads class
        # keywords as config, over model_config.
        items.extend(
            (key, value)
            for key, value in cls.keywords
            if key not in ("metaclass", "total", "table")
        )
        config = config.merge(self.read_config(items, scope))
        self._configs[def_id] = config
        return config

    def _config_items(self, value: ex.Expr, scope: Scope) -> list[tuple[str, ex.Expr]]:
        match value:
            case ex.Call(kwargs=kwargs):
                return list(kwargs)
            case ex.DictExpr(keys=keys, values=values):
                return [
                    (k.value, v)
                    for k, v in zip(keys, values, strict=True)
                    if isinstance(k, ex.Constant) and isinstance(k.value, str)
                ]
        self.ctx.report(
            "TP103",
            "model_config must be ConfigDict(...) or a dict literal",
            path=scope.path,
            at=value,
        )
        return []

    def _model_bases(
        self, def_id: str, *, mixins: bool = False
    ) -> list[tuple[str, ex.Expr]]:
        """Direct bases that are user models of the same family; with
        `mixins`, also the plain classes a pydantic model inherits fields
        from (pydantic reads the annotations of every base)."""
        key = (def_id, mixins)
        if key not in self._bases:
            self._bases[key] = self._find_model_bases(def_id, mixins)
        return self._bases[key]

    def _find_model_bases(self, def_id: str, mixins: bool) -> list[tuple[str, ex.Expr]]:
        summary, cls = self.ctx.classes[def_id]
        scope = self.ctx.module_scope(summary)
        kinds: tuple[str, ...] = MODEL_KINDS
        if mixins and self.class_kind(def_id).kind in ("pydantic", "plain"):
            kinds = (*MODEL_KINDS, "plain")
        found: list[tuple[str, ex.Expr]] = []
        for base in cls.bases:
            ref = self.ctx.resolve_expr(base, scope)
            if (
                isinstance(ref, DefRef)
                and not ref.rest
                and ref.id in self.ctx.classes
                and ref.id != def_id
                and self.class_kind(ref.id).kind in kinds
            ):
                found.append((ref.id, base))
        return found

    def all_fields(self, def_id: str) -> tuple[dict[str, Draft], dict[str, Draft]]:
        """Fields and computed fields in pydantic's order: a base's fields
        first (reverse MRO), an override keeping the base's position."""
        if def_id in self._fields:
            return self._fields[def_id]
        self._fields[def_id] = ({}, {})  # guards inheritance cycles
        scope = self.class_scope(def_id)
        regular: dict[str, Draft] = {}
        computed: dict[str, Draft] = {}
        for base_id, base_expr in reversed(self._model_bases(def_id, mixins=True)):
            base_regular, base_computed = self.all_fields(base_id)
            params = self.class_params(base_id)
            if isinstance(base_expr, ex.Subscript):
                args = [
                    self.to_type(item, scope) for item in list_items(base_expr.index)
                ]
                if len(args) != len(params):
                    self.ctx.report(
                        "TP105",
                        f"`{ex.show(base_expr.value)}` takes {len(params)} type "
                        f"argument(s), got {len(args)}",
                        path=scope.path,
                        at=base_expr,
                    )
            else:
                args = [ir.AnyType()] * len(params)
            mapping = dict(zip(params, args, strict=False))
            if mapping:
                base_regular = _substituted(base_regular, mapping)
                base_computed = _substituted(base_computed, mapping)
            # Drafts are immutable: a base that is not generic lends its
            # own, rather than a copy per subclass.
            regular.update(base_regular)
            computed.update(base_computed)
        for draft in self.own_fields(def_id):
            target = computed if draft.computed else regular
            target[draft.name] = draft
        self._fields[def_id] = (regular, computed)
        return regular, computed

    def own_fields(self, def_id: str) -> list[Draft]:
        summary, cls = self.ctx.classes[def_id]
        scope = self.class_scope(def_id)
        kind = self.class_kind(def_id).kind
        total = True
        for key, value in cls.keywords:
            if key == "total":
                total = not (isinstance(value, ex.Constant) and value.value is False)
        drafts: list[Draft] = []
        for item in cls.body:
            match item:
                case FieldItem():
                    try:
                        draft = self._field(
                            def_id,
                            summary,
                            cls,
                            item,
                            scope,
                            # A plain mixin's fields are read for a model.
                            "pydantic" if kind == "plain" else kind,
                            total,
                        )
                    except RecursionError:
                        self.ctx.report(
                            "TP103",
                            "field is nested too deeply",
                            path=scope.path,
                            at=(item.line, item.column),
                        )
                        draft = None
                    if draft is not None:
                        drafts.append(draft)
                case MethodItem():
                    self._check_serializer(item, scope)
                    draft = self._computed(summary, item, scope)
                    if draft is not None:
                        drafts.append(draft)
                case AssignItem(name=name, value=value):
                    # `model_construct = construct`: pydantic ignores a
                    # function, and only resolution could tell one apart.
                    if (
                        kind == "pydantic"
                        and not name.startswith("_")
                        and name != "model_config"
                        and not isinstance(value, ex.Name)
                    ):
                        self.ctx.report(
                            "TP103",
                            f"`{name}` has no type annotation",
                            path=scope.path,
                            at=(item.line, item.column),
                            hint="annotate it (`name: int = ...`) or mark it ClassVar",
                        )
                case UnsupportedItem():
                    pass
                case _:
                    assert_never(item)
        return drafts

    def _field(
        self,
        def_id: str,
        summary: ModuleSummary,
        cls: ClassSummary,
        item: FieldItem,
        scope: Scope,
        kind: str,
        total: bool,
    ) -> Draft | None:
        name = item.name
        if name in ("model_config", "__pydantic_config__"):
            return None
        if kind == "pydantic" and name.startswith("_"):
            return None  # private attributes never travel
        annotation = item.annotation
        qualifiers: set[str] = set()
        while isinstance(annotation, ex.Subscript | ex.Name):
            head = (
                annotation.value if isinstance(annotation, ex.Subscript) else annotation
            )
            canonical = self.ctx.canonical_of(head, scope)
            if canonical == "dataclasses.KW_ONLY":
                return None
            if canonical not in QUALIFIERS:
                break
            qualifiers.add(QUALIFIERS[canonical])
            if not isinstance(annotation, ex.Subscript):
                annotation = ex.Name(
                    dotted="typing.Any", line=annotation.line, column=annotation.column
                )
                break
            annotation = list_items(annotation.index)[0]
        if "ClassVar" in qualifiers or (
            "Final" in qualifiers and item.value is not None
        ):
            return None
        override = None
        if self.ctx.overrides:  # usually empty: spare the key per field
            key = f"{def_id}.{name}"
            override = self.override_type(key, scope, item.line, item.column)
        spec: FieldSpec | None = None
        if override is not None:
            type_ = override
        else:
            type_ = self.to_type(annotation, scope)
            spec = self._annotated_field_spec(annotation, scope, depth=0)
        value = item.value
        if value is not None:
            if kind == "typeddict":
                self.ctx.report(
                    "TP103",
                    "TypedDict keys cannot have defaults",
                    path=scope.path,
                    at=value,
                )
            else:
                callee = (
                    self.ctx.canonical_of(value, scope)
                    if isinstance(value, ex.Call)
                    else None
                )
                if callee in known.NON_FIELD_VALUES:
                    return None
                if callee in known.FIELD_FUNCTIONS and isinstance(value, ex.Call):
                    value_spec = self.read_field_call(value, scope)
                elif callee == "dataclasses.field" and isinstance(value, ex.Call):
                    value_spec = self.read_dataclass_field(value, scope)
                else:
                    value_spec = FieldSpec(default=value, has_default=True)
                type_ = self.constrain(type_, value_spec.constraints, scope, value)
                if value_spec.discriminator is not None:
                    type_ = self.discriminate(
                        type_, value_spec.discriminator, scope, value
                    )
                spec = value_spec if spec is None else spec.merge(value_spec)
        if spec is None:
            spec = FieldSpec()
        required: bool | None = None
        if kind == "typeddict":
            required = total
            if "Required" in qualifiers:
                required = True
            if "NotRequired" in qualifiers:
                required = False
        is_literal, literal = (False, None)
        if spec.default is not None:
            is_literal, literal = self.literal_value(spec.default, scope)
        return Draft(
            name=name,
            type=type_,
            spec=spec,
            required=required,
            in_output=not spec.exclude and "InitVar" not in qualifiers,
            doc=item.doc,
            default=literal,
            default_is_literal=is_literal,
            location=self._loc(summary, item.line, item.column),
        )

    def _check_serializer(self, item: MethodItem, scope: Scope) -> None:
        for decorator in item.decorators:
            name = self.ctx.canonical_of(decorator, scope)
            mode = (
                dict(decorator.kwargs).get("mode")
                if isinstance(decorator, ex.Call)
                else None
            )
            # A "wrap" serializer post-processes pydantic's own output
            # (SDKs drop unset keys with one); "plain", the default,
            # replaces it.
            if isinstance(mode, ex.Constant) and mode.value == "wrap":
                continue
            if name in ("pydantic.model_serializer", "pydantic.field_serializer"):
                what = "the model" if name == "pydantic.model_serializer" else "a field"
                self.ctx.report(
                    "TP103",
                    f"`{item.name}` replaces what pydantic writes for {what}; "
                    "typepact describes the declared fields",
                    path=scope.path,
                    at=(item.line, item.column),
                    severity="warning",
                    hint="give an override for the fields whose output changes",
                )

    def _annotated_field_spec(
        self, annotation: ex.Expr, scope: Scope, depth: int
    ) -> FieldSpec | None:
        """The Field()s of a field's Annotated annotation, also through
        aliases (`labels: KeyValueLabelsField` with `KeyValueLabelsField =
        Annotated[dict[str, str], Field(default_factory=dict)]`): pydantic
        flattens nested Annotated, inner first, so outer keys win. None when
        there is none (most fields), which merges like an empty FieldSpec."""
        spec: FieldSpec | None = None
        if depth > 10:  # an alias cycle; TP106 reports it
            return spec
        if isinstance(annotation, ex.Name):
            found = self.ctx.resolve_name(annotation.dotted, scope)
            if (
                isinstance(found, DefRef)
                and not found.rest
                and found.id in self.ctx.assigns
                and self.assign_kind(found.id) == "alias"
            ):
                summary, assign = self.ctx.assigns[found.id]
                alias_scope = self.ctx.module_scope(summary)
                return self._annotated_field_spec(assign.value, alias_scope, depth + 1)
            return spec
        if not (
            isinstance(annotation, ex.Subscript)
            and self.ctx.canonical_of(annotation.value, scope) == "typing.Annotated"
        ):
            return spec
        inner, *metadata = list_items(annotation.index)
        spec = self._annotated_field_spec(inner, scope, depth + 1)
        for meta in metadata:
            if (
                isinstance(meta, ex.Call)
                and self.ctx.canonical_of(meta, scope) in known.FIELD_FUNCTIONS
            ):
                found = self.read_field_call(meta, scope, in_annotated=True)
                spec = found if spec is None else spec.merge(found)
        return spec

    def _computed(
        self, summary: ModuleSummary, item: MethodItem, scope: Scope
    ) -> Draft | None:
        call: ex.Call | None = None
        found = False
        for decorator in item.decorators:
            if self.ctx.canonical_of(decorator, scope) == "pydantic.computed_field":
                found = True
                call = decorator if isinstance(decorator, ex.Call) else None
        if not found:
            return None
        spec = FieldSpec()
        returns = item.returns
        if call is not None:
            for key, value in call.kwargs:
                if key == "return_type":
                    returns = value
                elif key in ("alias", "title", "description") and isinstance(
                    value, ex.Constant
                ):
                    setattr(
                        spec, key, value.value if isinstance(value.value, str) else None
                    )
                elif key == "alias_priority" and isinstance(value, ex.Constant):
                    spec.alias_priority = (
                        value.value if isinstance(value.value, int) else None
                    )
                elif key == "deprecated":
                    spec.deprecated = self.deprecation(value, scope)
                elif key == "examples":
                    ok, examples = self.literal_value(value, scope)
                    spec.examples = (
                        tuple(examples) if ok and isinstance(examples, list) else None
                    )
        if spec.alias is not None and spec.alias_priority is None:
            spec.alias_priority = 2
        if returns is None:
            self.ctx.report(
                "TP103",
                f"computed field `{item.name}` has no return annotation",
                path=scope.path,
                at=(item.line, item.column),
                hint="annotate the return type: `def total(self) -> int:`",
            )
            type_: ir.TypeExpr = ir.AnyType()
        else:
            type_ = self.to_type(returns, scope)
        return Draft(
            name=item.name,
            type=type_,
            spec=spec,
            computed=True,
            doc=item.doc,
            location=self._loc(summary, item.line, item.column),
        )

    def literal_value(self, expr: ex.Expr, scope: Scope) -> tuple[bool, Any]:
        """(True, JSON value) for a literal default, else (False, None)."""
        match expr:
            case ex.Constant(is_ellipsis=True):
                return False, None
            case ex.BytesConstant(value=raw):
                try:
                    return True, raw.decode("utf-8")
                except UnicodeDecodeError:
                    return False, None
            case ex.Constant(value=float() as number) if number != number or number in (
                float("inf"),
                float("-inf"),
            ):
                return False, None
            case ex.Constant(value=value):
                return True, value
            case ex.TupleExpr(items=items) | ex.ListExpr(items=items):
                values = [self.literal_value(i, scope) for i in items]
                if all(ok for ok, _ in values):
                    return True, [v for _, v in values]
            case ex.DictExpr(keys=keys, values=values):
                out: dict[str, Any] = {}
                for key, value in zip(keys, values, strict=True):
                    ok, literal = self.literal_value(value, scope)
                    if (
                        not ok
                        or not isinstance(key, ex.Constant)
                        or not isinstance(key.value, str)
                    ):
                        return False, None
                    out[key.value] = literal
                return True, out
            case ex.Name(dotted=dotted):
                member = self.enum_member_value(self.ctx.resolve_name(dotted, scope))
                if member is not None:
                    return True, member
                constant = self.named_constant(expr, scope)
                if isinstance(constant, ex.Constant | ex.BytesConstant):
                    return self.literal_value(constant, scope)
        return False, None

    def named_constant(self, expr: ex.Expr, scope: Scope) -> ex.Expr:
        """The literal behind a module-level constant (`max_length=MAX_LEN`
        with `MAX_LEN = 255`, also imported); `expr` itself otherwise."""
        value = expr
        for _ in range(10):  # a chain `A = B`; a cycle gives up
            if not isinstance(value, ex.Name):
                break
            found = self.ctx.resolve_name(value.dotted, scope)
            if not (
                isinstance(found, DefRef)
                and not found.rest
                and found.id in self.ctx.assigns
                and self.assign_kind(found.id) == "constant"
            ):
                break
            summary, assign = self.ctx.assigns[found.id]
            value = assign.value
            scope = self.ctx.module_scope(summary)
        return value if isinstance(value, ex.Constant | ex.BytesConstant) else expr

    def model_def(self, def_id: str) -> ir.ModelDef:
        summary, cls = self.ctx.classes[def_id]
        scope = self.class_scope(def_id)
        kind = self.class_kind(def_id).kind
        config = self.config_of(def_id)
        regular, computed = self.all_fields(def_id)
        fields = [
            finish_field(d, config, kind)
            for d in (*regular.values(), *computed.values())
        ]
        bases = []
        for base_id, base_expr in self._model_bases(def_id):
            args: tuple[ir.TypeExpr, ...] = ()
            if isinstance(base_expr, ex.Subscript):
                args = tuple(
                    self.to_type(i, scope) for i in list_items(base_expr.index)
                )
            bases.append(ir.RefType(target=base_id, args=args))
        return ir.ModelDef(
            id=def_id,
            name=cls.name,
            origin=kind,  # type: ignore[arg-type]
            fields=tuple(fields),
            bases=tuple(bases),
            type_params=self.class_params(def_id),
            extra=config.extra or "ignore",  # type: ignore[arg-type]
            frozen=bool(config.frozen),
            docs=self._class_docs(cls, scope, title=config.title),
            location=self._loc(summary, cls.line, cls.column),
        )

    def root_def(self, def_id: str) -> ir.AliasDef:
        summary, cls = self.ctx.classes[def_id]
        scope = self.class_scope(def_id)
        type_: ir.TypeExpr | None = None
        for item in cls.body:
            if isinstance(item, FieldItem) and item.name == "root":
                type_ = self.to_type(item.annotation, scope)
        if type_ is None:
            for base in cls.bases:
                if (
                    isinstance(base, ex.Subscript)
                    and self.ctx.canonical_of(base.value, scope) == "pydantic.RootModel"
                ):
                    type_ = self.to_type(base.index, scope)
        if type_ is None:
            for base in cls.bases:
                ref = self.ctx.resolve_expr(base, scope)
                if isinstance(ref, DefRef) and ref.id in self.ctx.classes:
                    type_ = ir.RefType(target=ref.id)
        return ir.AliasDef(
            id=def_id,
            name=cls.name,
            type=type_ or ir.AnyType(),
            type_params=self.class_params(def_id),
            docs=self._class_docs(cls, scope),
            location=self._loc(summary, cls.line, cls.column),
        )


def finish_field(draft: Draft, config: ConfigSpec, kind: str) -> ir.Field:
    """Apply the owning model's config: wire names as pydantic computes
    them (`_apply_alias_generator_to_field_info`), requiredness by origin."""
    spec = draft.spec
    alias = spec.alias
    validation = spec.validation_alias if spec.validation_alias is not None else alias
    serialization = (
        spec.serialization_alias if spec.serialization_alias is not None else alias
    )
    priority = spec.alias_priority
    if priority is None and (
        alias is not None
        or spec.validation_alias is not None
        or spec.serialization_alias is not None
    ):
        priority = 2
    if draft.computed:
        validation = None
    if config.generator is not None and (
        priority is None or priority <= 1 or None in (alias, validation, serialization)
    ):
        gen_alias, gen_validation, gen_serialization = (
            g(draft.name) if g is not None else None for g in config.generator
        )
        if priority is None or priority <= 1:
            priority = 1
        if priority == 1:
            serialization = gen_serialization or gen_alias
            validation = gen_validation or gen_alias
            alias = gen_alias
        if alias is None:
            alias = gen_alias
        if serialization is None:
            serialization = gen_serialization or gen_alias
        if validation is None:
            validation = gen_validation or gen_alias
    input_name = validation or draft.name
    if config.validate_by_alias is False:
        input_name = draft.name
    output_name = serialization or draft.name
    description = spec.description if spec.description is not None else draft.doc
    docs = ir.NO_DOCS  # most fields have none: share the one empty Docs
    if (
        description is not None
        or spec.title is not None
        or spec.deprecated is not None
        or spec.examples
    ):
        docs = ir.Docs(
            description=description,
            title=spec.title,
            deprecated=spec.deprecated,
            examples=spec.examples or (),
        )
    if draft.computed:
        return ir.Field(
            name=draft.name,
            input_name=input_name,
            output_name=output_name,
            type=draft.type,
            in_input=False,
            input_required=False,
            docs=docs,
            location=draft.location,
        )
    if kind == "typeddict":
        required = draft.required is not False
        return ir.Field(
            name=draft.name,
            input_name=input_name,
            output_name=output_name,
            type=draft.type,
            input_required=required,
            output_required=required,
            in_output=draft.in_output,
            docs=docs,
            location=draft.location,
        )
    return ir.Field(
        name=draft.name,
        input_name=input_name,
        output_name=output_name,
        type=draft.type,
        in_input=spec.init,
        input_required=not spec.has_default and spec.init,
        in_output=draft.in_output,
        has_default=spec.has_default,
        default=draft.default if draft.default_is_literal else None,
        default_is_literal=draft.default_is_literal,
        docs=docs,
        location=draft.location,
    )


def _substituted(
    drafts: dict[str, Draft], mapping: dict[str, ir.TypeExpr]
) -> dict[str, Draft]:
    return {
        name: replace(draft, type=substitute(draft.type, mapping))
        for name, draft in drafts.items()
    }


def substitute(type_: ir.TypeExpr, mapping: dict[str, ir.TypeExpr]) -> ir.TypeExpr:
    """Replace type parameters by arguments."""
    if not mapping:
        return type_
    match type_:
        case ir.TypeParamType(name=name):
            return mapping.get(name, type_)
        case ir.ListType(item=item):
            return replace(type_, item=substitute(item, mapping))
        case ir.TupleType(items=items):
            return replace(type_, items=tuple(substitute(i, mapping) for i in items))
        case ir.MapType(key=key, value=value):
            return replace(
                type_, key=substitute(key, mapping), value=substitute(value, mapping)
            )
        case ir.UnionType(members=members):
            return replace(
                type_, members=tuple(substitute(m, mapping) for m in members)
            )
        case ir.RefType(args=args):
            return replace(type_, args=tuple(substitute(a, mapping) for a in args))
        case ir.PrimitiveType() | ir.AnyType() | ir.NullType() | ir.LiteralType():
            return type_
        case _:
            assert_never(type_)
