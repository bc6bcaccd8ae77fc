"""Resolution across modules: summaries -> one IR schema + diagnostics."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import assert_never

from codegen import ir
from codegen.diagnostics import Diagnostic, has_errors, sort_diagnostics
from codegen.frontends.python.context import Context
from codegen.frontends.python.definitions import MODEL_KINDS, Definitions
from codegen.frontends.python.options import PythonOptions
from codegen.frontends.python.summary import ModuleSummary
from codegen.records import replace


def resolve(
    summaries: Sequence[ModuleSummary], options: PythonOptions
) -> tuple[ir.Schema, list[Diagnostic]]:
    ctx = Context(summaries, options)
    for summary in ctx.modules.values():
        for problem in summary.problems:
            ctx.report(
                problem.code,
                problem.message,
                path=summary.display_path,
                at=(problem.line, problem.column),
                hint=problem.hint,
            )
    defs = Definitions(ctx)
    built: dict[str, ir.Definition] = {}
    # Plain dataclasses and module-level aliases are contract types only
    # when a model uses them or they convert cleanly; see `_build_quiet`.
    quiet: set[str] = set()
    for def_id in sorted(ctx.classes):
        if def_id not in ctx.overrides and defs.class_kind(def_id).kind == "dataclass":
            quiet.add(def_id)
            continue
        definition = _guarded(ctx, def_id, lambda d=def_id: _class_definition(defs, d))
        if definition is not None:
            built[def_id] = definition
    for def_id in sorted(ctx.assigns):
        if def_id in ctx.overrides:
            built[def_id] = defs.overridden_def(def_id)
        elif defs.assign_kind(def_id) in ("alias", "newtype"):
            quiet.add(def_id)
    _build_quiet(ctx, defs, built, quiet)
    if defs.discriminated:
        built = {
            key: _name_discriminators(ctx, built, value) for key, value in built.items()
        }
    _check_alias_cycles(ctx, built)
    for key in sorted(set(options.overrides) - ctx.used_overrides):
        ctx.report(
            "TP107",
            f"override `{key}` matches no field or type in the sources",
            path=None,
            at=None,
            hint='keys are "module.path:Model.field" or "module.path:TypeName"',
        )
    schema = ir.Schema(definitions=dict(sorted(built.items())))
    return schema, sort_diagnostics(ctx.diagnostics)


def _build_quiet(
    ctx: Context, defs: Definitions, built: dict[str, ir.Definition], quiet: set[str]
) -> None:
    """Build stdlib dataclasses and module-level aliases.

    Those a model uses, directly or through each other, are part of the
    contract and report every problem. Any other one is kept only when it
    converts cleanly: real code is full of aliases and dataclasses that are
    not wire types (`Callable` hooks, `httpx` unions in an SDK client, a
    dataclass holding a logger), and a name used only outside models must
    never be an error."""

    def build(def_id: str) -> ir.Definition | None:
        if def_id in ctx.classes:
            return _guarded(ctx, def_id, lambda: _class_definition(defs, def_id))
        return _guarded(ctx, def_id, lambda: defs.alias_def(def_id))

    if not quiet:
        return  # spares walking every type of every definition
    used = sorted(_references(built.values()) & quiet, reverse=True)
    loud: set[str] = set()
    while used:
        def_id = used.pop()
        if def_id in loud:
            continue
        loud.add(def_id)
        definition = build(def_id)
        if definition is not None:
            built[def_id] = definition
            used.extend(sorted(_references([definition]) & quiet - loud))
    kept: dict[str, tuple[ir.Definition, list[Diagnostic]]] = {}
    for def_id in sorted(quiet - loud):
        mark = len(ctx.diagnostics)
        with defs.isolated(def_id):
            definition = build(def_id)
        found = ctx.diagnostics[mark:]
        del ctx.diagnostics[mark:]
        if definition is not None and not has_errors(found):
            kept[def_id] = (definition, found)
    # One that refers to a dropped one is dropped too. What each refers to
    # is found once: the loop may go round many times in a big SDK.
    needs = {
        def_id: (_references([definition]) & quiet) - loud
        for def_id, (definition, _) in kept.items()
    }
    changed = True
    while changed:
        changed = False
        for def_id in list(kept):
            if needs[def_id] - kept.keys():
                del kept[def_id]
                changed = True
    for def_id, (definition, found) in kept.items():
        built[def_id] = definition
        ctx.diagnostics.extend(found)


def _references(definitions: Iterable[ir.Definition]) -> set[str]:
    """Ids of every definition that `definitions` refer to."""
    found: set[str] = set()
    for definition in definitions:
        types = list(ir.definition_types(definition))
        if isinstance(definition, ir.ModelDef):
            types.extend(definition.bases)
        for type_ in types:
            for inner in ir.walk(type_):
                if isinstance(inner, ir.RefType):
                    found.add(inner.target)
    return found


def _class_definition(defs: Definitions, def_id: str) -> ir.Definition | None:
    if def_id in defs.ctx.overrides:
        return defs.overridden_def(def_id)
    kind = defs.class_kind(def_id).kind
    if kind in MODEL_KINDS:
        return defs.model_def(def_id)
    if kind == "enum":
        return defs.enum_def(def_id)
    if kind == "root":
        return defs.root_def(def_id)
    return None


def _guarded(ctx: Context, def_id: str, build: object) -> ir.Definition | None:
    """One broken definition must not stop the others, and nothing may
    escape to the caller."""
    try:
        return build()  # type: ignore[operator,no-any-return]
    except Exception as error:
        summary = ctx.classes.get(def_id, ctx.assigns.get(def_id, (None, None)))[0]
        ctx.report(
            "TP108",
            f"internal error while reading `{def_id}`: {type(error).__name__}: {error}",
            path=summary.display_path if summary else None,
            at=(1, 1),
            hint="please report this; an override for the definition works around it",
        )
        return None


def _name_discriminators(
    ctx: Context, built: dict[str, ir.Definition], definition: ir.Definition
) -> ir.Definition:
    """Discriminators are read as attribute names; the IR wants the tag's
    wire name (pydantic's schema uses the tag field's validation alias).

    Most definitions have no discriminated union: those come back as the
    very same object, so only what changes is rebuilt."""
    match definition:
        case ir.ModelDef(fields=fields):
            if not any(_has_discriminator(field.type) for field in fields):
                return definition
            renamed = tuple(
                _renamed_field(field, _rename(ctx, built, field.type, field.location))
                for field in fields
            )
            if all(new is old for new, old in zip(renamed, fields, strict=True)):
                return definition
            return replace(definition, fields=renamed)
        case ir.AliasDef(type=type_):
            new_type = _rename(ctx, built, type_, definition.location)
            return (
                definition if new_type is type_ else replace(definition, type=new_type)
            )
        case ir.EnumDef():
            return definition
        case _:
            assert_never(definition)


def _has_discriminator(type_: ir.TypeExpr) -> bool:
    """Is there a discriminated union anywhere in `type_`? A quick look
    that spares most fields the rebuilding walk of `_rename`."""
    match type_:
        case ir.UnionType(members=members, discriminator=tag):
            return tag is not None or any(_has_discriminator(m) for m in members)
        case ir.ListType(item=item):
            return _has_discriminator(item)
        case ir.RefType(args=items) | ir.TupleType(items=items):
            return bool(items) and any(_has_discriminator(i) for i in items)
        case ir.MapType(key=key, value=value):
            return _has_discriminator(key) or _has_discriminator(value)
    return False


def _renamed_field(field: ir.Field, type_: ir.TypeExpr) -> ir.Field:
    return field if type_ is field.type else replace(field, type=type_)


def _rename(
    ctx: Context,
    built: dict[str, ir.Definition],
    type_: ir.TypeExpr,
    where: ir.SourceLocation | None,
) -> ir.TypeExpr:
    """`type_` with every discriminator renamed to its wire name; `type_`
    itself when nothing in it changes."""

    def again(items: tuple[ir.TypeExpr, ...]) -> tuple[ir.TypeExpr, ...]:
        renamed = tuple(_rename(ctx, built, inner, where) for inner in items)
        same = all(new is old for new, old in zip(renamed, items, strict=True))
        return items if same else renamed

    match type_:
        case ir.UnionType(members=members, discriminator=tag):
            renamed = again(members)
            wire = tag
            if tag is not None:
                wire = _wire_tag(ctx, built, renamed, tag, where)
            if renamed is members and wire == tag:
                return type_
            return replace(type_, members=renamed, discriminator=wire)
        case ir.ListType(item=item):
            (new_item,) = again((item,))
            return type_ if new_item is item else replace(type_, item=new_item)
        case ir.TupleType(items=items):
            renamed = again(items)
            return type_ if renamed is items else replace(type_, items=renamed)
        case ir.MapType(key=key, value=value):
            new_key, new_value = again((key, value))
            if new_key is key and new_value is value:
                return type_
            return replace(type_, key=new_key, value=new_value)
        case ir.RefType(args=args):
            renamed = again(args)
            return type_ if renamed is args else replace(type_, args=renamed)
        case (
            ir.PrimitiveType()
            | ir.AnyType()
            | ir.NullType()
            | ir.LiteralType()
            | ir.TypeParamType()
        ):
            return type_
        case _:
            assert_never(type_)


def _wire_tag(
    ctx: Context,
    built: dict[str, ir.Definition],
    members: tuple[ir.TypeExpr, ...],
    tag: str,
    where: ir.SourceLocation | None,
) -> str | None:
    wire: str | None = None
    for member in members:
        target = built.get(member.target) if isinstance(member, ir.RefType) else None
        field = None
        if isinstance(target, ir.ModelDef):
            field = next((f for f in target.fields if f.name == tag), None)
        if field is None or not isinstance(field.type, ir.LiteralType | ir.RefType):
            ctx.report(
                "TP104",
                f"discriminated union member has no Literal field `{tag}`",
                path=where.path if where else None,
                at=(where.line, where.column) if where else None,
                hint="every member must be a model with a Literal (or enum) tag field",
            )
            return None
        wire = wire or field.input_name
    return wire


def _check_alias_cycles(ctx: Context, built: dict[str, ir.Definition]) -> None:
    for def_id, definition in built.items():
        if not isinstance(definition, ir.AliasDef):
            continue
        seen = {def_id}
        current: ir.TypeExpr = definition.type
        while isinstance(current, ir.RefType):
            target = built.get(current.target)
            if not isinstance(target, ir.AliasDef):
                break
            if current.target in seen:
                loc = definition.location
                ctx.report(
                    "TP106",
                    f"type alias `{definition.name}` only refers to itself",
                    path=loc.path if loc else None,
                    at=(loc.line, loc.column) if loc else None,
                    hint="break the cycle; an alias must end in a real type",
                )
                break
            seen.add(current.target)
            current = target.type
