"""Per-file extraction: CPython's `ast` tree -> `ModuleSummary`.

`ast.parse` is CPython's own parser, in C, and gives every node its exact
start and end, so positions need no searching. Two things about its tree
shape what is read here:

- Columns are UTF-8 byte offsets and parentheses are outside a node's
  span; `positions.SourceText` turns both into what summaries hold
  (character columns, expressions as written, parentheses included).
- It has no node for a line of `;`-separated statements or for a block
  written on its header's line (`class A: x: int`), which decide what
  counts as a docstring or an attribute docstring; `_entries` regroups a
  block's statements into those lines.

Function bodies are never read (see `prune`).
"""

from __future__ import annotations

import ast
import bisect
import inspect
import re
import warnings
from collections.abc import Sequence
from typing import TypeAlias

from codegen.frontends.python import exprs as ex
from codegen.frontends.python.positions import SourceText
from codegen.frontends.python.prune import Tree, method_is_read, python_tree
from codegen.frontends.python.summary import (
    AssignItem,
    BodyItem,
    ClassSummary,
    FieldItem,
    Import,
    MethodItem,
    ModuleAssign,
    ModuleSummary,
    ParseProblem,
    UnsupportedItem,
)
from codegen.records import replace
from codegen.sources import SourceFile

#: Callees whose module-level call can make a type (`T = TypeVar("T")`).
_TYPE_FACTORIES = frozenset(
    {"TypeVar", "NewType", "TypedDict", "TypeAliasType", "ParamSpec", "TypeVarTuple"}
)
#: How summaries name binary operators (`|` is the one types use).
_OPERATORS: dict[type[ast.operator], str] = {
    ast.BitOr: "|",
    ast.Add: "Add",
    ast.Sub: "Subtract",
    ast.Mult: "Multiply",
    ast.Div: "Divide",
    ast.FloorDiv: "FloorDivide",
    ast.Mod: "Modulo",
    ast.Pow: "Power",
    ast.LShift: "LeftShift",
    ast.RShift: "RightShift",
    ast.BitAnd: "BitAnd",
    ast.BitXor: "BitXor",
    ast.MatMult: "MatrixMultiply",
}
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_COMPOUND: tuple[type[ast.stmt], ...] = (
    ast.ClassDef,
    *_FUNCTIONS,
    ast.If,
    ast.For,
    ast.AsyncFor,
    ast.While,
    ast.With,
    ast.AsyncWith,
    ast.Try,
    ast.Match,
    *((ast.TryStar,) if hasattr(ast, "TryStar") else ()),
)
#: PEP 695 `type X = ...` statement on Python 3.12+ (older ones parse a
#: rewrite, see `prune`).
_TYPE_ALIAS: tuple[type, ...] = (ast.TypeAlias,) if hasattr(ast, "TypeAlias") else ()

#: A block's statements as lines, see `_Walker._entries`: a line of simple
#: statements (`;`-separated), one statement of a block written on its
#: header's line, or a compound statement.
_LINE, _SUITE, _COMPOUND_STATEMENT = 0, 1, 2
_Entry: TypeAlias = tuple[int, list[ast.stmt]]


class _Converter:
    """Turns `ast` expressions into `exprs` nodes with positions."""

    def __init__(
        self, src: SourceText, templates: Sequence[tuple[int, int]] = ()
    ) -> None:
        self.src = src
        #: Spans of f-strings and t-strings parsed as plain strings, see
        #: `prune.Tree.templates`.
        self.templates = templates
        self.template_ends = [end for _, end in templates]
        #: The statement being read: quoted text is dedented to it.
        self.statement: ast.stmt | None = None

    def quote(self, start: int, end: int) -> str:
        text = self.src.segment(start, end)
        if self.statement is None or ("\n" not in text and "\r" not in text):
            return text
        return self.src.quote(start, end, self.src.indent(self.statement))

    def template_start(self, start: int, end: int) -> int | None:
        """Where a rewritten f-string or t-string overlapping the string
        constant at `start:end` starts (with a two-letter prefix, one
        before the constant), or None."""
        at = bisect.bisect_right(self.template_ends, start - 1)
        if at < len(self.templates) and self.templates[at][0] < end:
            return self.templates[at][0]
        return None

    def convert(self, node: ast.expr, lo: int, owned: int = 0) -> ex.Expr:
        """`node` as an `exprs` node; `lo` and `owned` as for
        `SourceText.span`."""
        start, end = self.src.span(node, lo, owned)
        if self.templates and isinstance(node, ast.Constant):
            template = self.template_start(start, end)
            if template is not None:
                start = min(start, template)
                line, column = self.src.position(start)
                text = self.quote(start, end)
                return ex.Unsupported(text=text, line=line, column=column)
        line, column = self.src.position(start)
        try:
            converted = self._convert(node, line, column)
        except Exception:  # RecursionError on absurd nesting, say
            converted = None
        if converted is None:
            text = self.quote(start, end)
            return ex.Unsupported(text=text, line=line, column=column)
        return converted

    def _convert(self, node: ast.expr, line: int, column: int) -> ex.Expr | None:
        """None for anything `exprs` does not model."""
        src = self.src
        match node:
            case ast.Name(id=name):
                return ex.Name(dotted=name, line=line, column=column)
            case ast.Constant(value=value):
                if value is Ellipsis:
                    return ex.Constant(
                        value=None, is_ellipsis=True, line=line, column=column
                    )
                if isinstance(value, complex):
                    return None
                if isinstance(value, bytes):
                    return ex.BytesConstant(value=value, line=line, column=column)
                return ex.Constant(value=value, line=line, column=column)
            case ast.Attribute(value=value, attr=attr):
                inner = self.convert(value, src.start(node))
                if isinstance(inner, ex.Name):
                    dotted = f"{inner.dotted}.{attr}"
                    return ex.Name(dotted=dotted, line=line, column=column)
                return ex.Attribute(value=inner, attr=attr, line=line, column=column)
            case ast.Subscript():
                return self._subscript(node, line, column)
            case ast.Call():
                return self._call(node, line, column)
            case ast.BinOp():
                return self._binary(node, line, column)
            case ast.UnaryOp(op=ast.USub() | ast.UAdd() as op, operand=operand):
                # Only signed numbers; `-True` and `-1j` are not constants.
                number = operand.value if isinstance(operand, ast.Constant) else None
                if type(number) not in (int, float):
                    return None
                sign = -1 if isinstance(op, ast.USub) else 1
                value = sign * number  # type: ignore[operator]
                return ex.Constant(value=value, line=line, column=column)
            case ast.Tuple(elts=elts) | ast.List(elts=elts):
                items = self._elements(elts, src.start(node))
                if items is None:
                    return None
                if isinstance(node, ast.Tuple):
                    return ex.TupleExpr(items=items, line=line, column=column)
                return ex.ListExpr(items=items, line=line, column=column)
            case ast.Dict(keys=keys, values=values):
                return self._dict(node, keys, values, line, column)
        return None

    def _binary(self, node: ast.BinOp, line: int, column: int) -> ex.Expr:
        """`a | b | c` nests to the left: walked as a loop, not by
        recursion, so a generated union of hundreds of members converts."""
        src = self.src
        chain = [node]
        while isinstance(chain[-1].left, ast.BinOp):
            chain.append(chain[-1].left)
        innermost = chain[-1]
        result = self.convert(innermost.left, src.start(innermost))
        for depth in range(len(chain) - 1, -1, -1):
            binary = chain[depth]
            if depth:  # its own position, parentheses included
                outer = src.start(chain[depth - 1])
                at_line, at_column = src.position(src.span(binary, outer)[0])
            else:
                at_line, at_column = line, column
            right = self.convert(binary.right, src.end(binary.left))
            result = ex.BinOp(
                op=_OPERATORS.get(type(binary.op), type(binary.op).__name__),
                left=result,
                right=right,
                line=at_line,
                column=at_column,
            )
        return result

    def _subscript(self, node: ast.Subscript, line: int, column: int) -> ex.Expr:
        src = self.src
        base = self.convert(node.value, src.start(node))
        index = node.slice
        elements = (
            index.elts
            if isinstance(index, ast.Tuple) and not self._parenthesized(index)
            else [index]
        )
        lo = src.end(node.value)
        items: list[ex.Expr] = []
        for element in elements:
            item: ex.Expr
            if isinstance(element, ast.Slice):
                text = self.quote(src.start(element), src.end(element))
                item = ex.Unsupported(text=text, line=line, column=column)
            elif isinstance(element, ast.Starred):
                # `tuple[*Ts]` is read as `tuple[Ts]`.
                item = self.convert(element.value, lo)
            else:
                item = self.convert(element, lo)
            items.append(item)
            lo = src.end(element)
        if len(items) == 1:
            return ex.Subscript(value=base, index=items[0], line=line, column=column)
        first = items[0]
        indices = ex.TupleExpr(items=tuple(items), line=first.line, column=first.column)
        return ex.Subscript(value=base, index=indices, line=line, column=column)

    def _parenthesized(self, node: ast.Tuple) -> bool:
        """`x[(a, b)]` is one tuple index, `x[a, b]` two indices: a
        tuple written without parentheses starts where its first item does
        (with that item's own parentheses, `x[(a), b]`)."""
        if not node.elts:
            return True
        start = self.src.start(node)
        return self.src.span(node.elts[0], start)[0] > start

    def _call(self, node: ast.Call, line: int, column: int) -> ex.Expr:
        src = self.src
        callee = self.convert(node.func, src.start(node))
        parts: list[ast.expr | ast.keyword] = [*node.args, *node.keywords]
        if node.args and node.keywords:  # `f(a=1, *b)`: source order
            parts.sort(key=lambda p: (p.lineno, p.col_offset))
        args: list[ex.Expr] = []
        kwargs: list[tuple[str, ex.Expr]] = []
        lo, owned = src.end(node.func), 1  # the call's own `(` comes first
        for part in parts:
            if isinstance(part, ast.keyword):
                if part.arg is None:  # `**kwargs`
                    text = self.quote(src.start(part), src.end(part))
                    args.append(ex.Unsupported(text=text, line=line, column=column))
                else:
                    kwargs.append((part.arg, self.convert(part.value, src.start(part))))
            elif isinstance(part, ast.Starred):
                text = self.quote(src.start(part), src.end(part))
                args.append(ex.Unsupported(text=text, line=line, column=column))
            elif isinstance(part, ast.GeneratorExp) and src.end(part) == src.end(node):
                args.append(self._bare_generator(part))
            else:
                args.append(self.convert(part, lo, owned))
            lo, owned = src.end(part), 0
        return ex.Call(
            func=callee,
            args=tuple(args),
            kwargs=tuple(kwargs),
            line=line,
            column=column,
        )

    def _bare_generator(self, node: ast.GeneratorExp) -> ex.Expr:
        """`f(x for x in y)`: ast spans the call's parentheses as the
        generator's own; the argument is what is inside them."""
        start, end = self.src.start(node) + 1, self.src.end(node) - 1
        text = self.quote(start, end)
        start += len(text) - len(text.lstrip())
        line, column = self.src.position(start)
        return ex.Unsupported(text=text.strip(), line=line, column=column)

    def _elements(
        self, elements: list[ast.expr], lo: int
    ) -> tuple[ex.Expr, ...] | None:
        items: list[ex.Expr] = []
        for element in elements:
            if isinstance(element, ast.Starred):
                return None
            items.append(self.convert(element, lo))
            lo = self.src.end(element)
        return tuple(items)

    def _dict(
        self,
        node: ast.Dict,
        keys: list[ast.expr | None],
        values: list[ast.expr],
        line: int,
        column: int,
    ) -> ex.Expr | None:
        src = self.src
        converted_keys: list[ex.Expr] = []
        converted_values: list[ex.Expr] = []
        lo = src.start(node)
        for key, value in zip(keys, values, strict=True):
            if key is None:  # `**spread`
                return None
            converted_keys.append(self.convert(key, lo))
            converted_values.append(self.convert(value, src.end(key)))
            lo = src.end(value)
        return ex.DictExpr(
            keys=tuple(converted_keys),
            values=tuple(converted_values),
            line=line,
            column=column,
        )


def string_expression(text: str, line: int, column: int) -> ex.Expr:
    """Parse the text of a string annotation (`"Node"`) as an expression.

    `line`/`column` locate the first character inside the quotes."""
    stripped = text.strip()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(stripped, mode="eval")
    except Exception:  # SyntaxError; ValueError on a NUL character
        return ex.Unsupported(text=repr(text), line=line, column=column)
    src = SourceText(stripped, base_line=line, base_column=column)
    return _Converter(src).convert(tree.body, 0)


def _dotted(node: ast.expr) -> str:
    match node:
        case ast.Name(id=name):
            return name
        case ast.Attribute(value=value, attr=attr):
            return f"{_dotted(value)}.{attr}"
        case ast.Constant(value=True | False | None as value):
            return str(value)
    return ""


class _Walker:
    def __init__(self, tree: Tree, text: str) -> None:
        self.tree = tree
        self.src = SourceText(text, tree.text)
        self.conv = _Converter(self.src, tree.templates)
        self.imports: list[Import] = []
        self.classes: list[ClassSummary] = []
        self.assigns: list[ModuleAssign] = []
        self.all_names: tuple[str, ...] | None = None

    def walk(self) -> None:
        entries = self._entries(self.tree.module.body, may_be_suite=False)
        for entry in entries:
            self._statement(entry)
        docs = self._following_docs(entries)
        # Attribute docstrings of module-level assignments (alias docs), by
        # name, wherever the assignment is (under `if`, say).
        self.assigns = [
            _with_doc(a, docs.get(a.name)) if a.doc is None else a for a in self.assigns
        ]

    # -- shared ----------------------------------------------------------

    def _enter(self, node: ast.stmt) -> tuple[int, int]:
        """Position of `node`, a statement whose expressions are read next."""
        self.conv.statement = node
        return self.src.position(self.src.start(node))

    def _entries(self, body: list[ast.stmt], may_be_suite: bool = True) -> list[_Entry]:
        """`body` as lines: simple statements separated by `;` share one;
        a block on its header's line (`class A: x: int; y: int`) gives one
        entry per statement, none of them a line (so not a docstring)."""
        if not body:
            return []
        first = body[0]
        if (
            may_be_suite
            and not isinstance(first, _COMPOUND)
            and self.src.on_header_line(first)
        ):
            return [(_SUITE, [s]) for s in body]
        entries: list[_Entry] = []
        line: list[ast.stmt] | None = None
        for statement in body:
            if isinstance(statement, _COMPOUND):
                entries.append((_COMPOUND_STATEMENT, [statement]))
                line = None
            elif line is not None and statement.lineno == line[-1].end_lineno:
                line.append(statement)
            else:
                line = [statement]
                entries.append((_LINE, line))
        return entries

    def _type_alias(self, statement: ast.stmt) -> tuple[str, tuple[str, ...]] | None:
        """Name and type parameters of a `type X[T] = ...` statement."""
        if _TYPE_ALIAS and isinstance(statement, _TYPE_ALIAS):
            name = statement.name.id  # type: ignore[attr-defined]
            params = getattr(statement, "type_params", ())
            return name, tuple(p.name for p in params)
        if isinstance(statement, ast.Assign) and self.tree.type_aliases:
            return self.tree.type_aliases.get(self.src.start(statement))
        return None

    def _type_params(self, node: ast.ClassDef) -> tuple[str, ...]:
        native = getattr(node, "type_params", None)
        if native:
            return tuple(p.name for p in native)
        return self.tree.type_params.get((node.lineno, node.name), ())

    def _rewritten(
        self, node: ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef
    ) -> bool:
        """Whether the rewrite for an older Python (see `prune`) gave `node`
        a dummy first base or parameter in place of its type parameters."""
        return (node.lineno, node.name) in self.tree.type_params

    def _plain_string(self, node: ast.expr) -> str | None:
        """The value of a string constant: not a bytes, f-string or
        t-string (even one parsed as a plain string, see `prune`)."""
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            return None
        if self.conv.templates:
            start, end = self.src.start(node), self.src.end(node)
            if self.conv.template_start(start, end) is not None:
                return None
        return node.value

    def _string_statement(self, entry: _Entry) -> str | None:
        """The docstring text of a line holding nothing but a string."""
        kind, statements = entry
        if kind == _LINE and len(statements) == 1:
            statement = statements[0]
            if isinstance(statement, ast.Expr):
                value = self._plain_string(statement.value)
                if value is not None:
                    return inspect.cleandoc(value)
        return None

    def _docstring(self, entries: list[_Entry]) -> str | None:
        return self._string_statement(entries[0]) if entries else None

    def _following_docs(self, entries: list[_Entry]) -> dict[str, str]:
        """Map assignment target -> the string statement right after it."""
        docs: dict[str, str] = {}
        previous: str | None = None
        for entry in entries:
            doc = self._string_statement(entry)
            if doc is not None and previous is not None:
                docs[previous] = doc
            previous = None
            kind, statements = entry
            if kind != _LINE or len(statements) != 1:
                continue
            statement = statements[0]
            alias = self._type_alias(statement)
            if alias is not None:
                previous = alias[0]
            elif isinstance(statement, ast.AnnAssign):
                if isinstance(statement.target, ast.Name):
                    previous = statement.target.id
            elif isinstance(statement, ast.Assign) and len(statement.targets) == 1:
                target = statement.targets[0]
                if isinstance(target, ast.Name):
                    previous = target.id
        return docs

    def _decorators(
        self, node: ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef
    ) -> tuple[ex.Expr, ...]:
        # Each decorator from the start of its line: only `@` before it.
        return tuple(
            self.conv.convert(d, self.src.line_start(d.lineno))
            for d in node.decorator_list
        )

    # -- module level ----------------------------------------------------

    def _statement(self, entry: _Entry) -> None:
        kind, statements = entry
        if kind != _COMPOUND_STATEMENT:
            for statement in statements:
                self._small_statement(statement)
            return
        statement = statements[0]
        if isinstance(statement, ast.ClassDef):
            self._class(statement, prefix="")
        elif isinstance(statement, ast.If):
            self._if(statement)
        elif isinstance(statement, ast.Try):
            # The `try` body and its `else`: `except ImportError:` holds a
            # fallback for what the body already defines.
            self._block(statement.body)
            self._block(statement.orelse)

    def _block(self, body: list[ast.stmt]) -> None:
        for entry in self._entries(body):
            self._statement(entry)

    def _if(self, node: ast.If) -> None:
        """Both branches count (imports under `if TYPE_CHECKING:` resolve
        string annotations), but a definition in the branch that runs under
        pydantic v2 replaces one of the same name in the other, as the
        runtime would: `if TYPE_CHECKING: class SequenceNotStr(Protocol)...
        else: SequenceNotStr = Sequence`."""
        first: list[ast.stmt] | None = node.body
        second: list[ast.stmt] | None = node.orelse or None
        if self._runtime_branch(node.test, self.src.start(node)) == "body":
            first, second = second, first
        if first is not None:
            self._block(first)
        classes, assigns = len(self.classes), len(self.assigns)
        if second is not None:
            self._block(second)
        redefined = {c.qualname for c in self.classes[classes:]}
        redefined |= {a.name for a in self.assigns[assigns:]}
        if redefined:
            self.classes = [
                c
                for i, c in enumerate(self.classes)
                if i >= classes or c.qualname.split(".")[0] not in redefined
            ]
            self.assigns = [
                a
                for i, a in enumerate(self.assigns)
                if i >= assigns or a.name not in redefined
            ]

    def _runtime_branch(self, test: ast.expr, lo: int) -> str | None:
        """Which branch of an `if` runs under pydantic v2 at runtime: "body",
        "else", or None when the test says nothing about it."""
        match test:
            case ast.UnaryOp(op=ast.Not(), operand=inner):
                flipped = self._runtime_branch(inner, self.src.start(test))
                return {"body": "else", "else": "body"}.get(flipped or "")
            case ast.Name(id="TYPE_CHECKING") | ast.Attribute(attr="TYPE_CHECKING"):
                return "else"
        text = self.src.segment(*self.src.span(test, lo))
        if re.search(r"V1\b", text):  # PYDANTIC_V1, IS_PYDANTIC_V1
            return "else"
        if re.search(r"V2\b", text):
            return "body"
        return None

    def _small_statement(self, statement: ast.stmt) -> None:
        line, column = self._enter(statement)
        alias = self._type_alias(statement)
        if alias is not None:
            name, params = alias
            value: ast.expr = statement.value  # type: ignore[attr-defined]
            self.assigns.append(
                ModuleAssign(
                    name=name,
                    value=self.conv.convert(value, self._value_lo(statement)),
                    is_type_statement=True,
                    type_params=params,
                    line=line,
                    column=column,
                )
            )
            return
        match statement:
            case ast.Import(names=names):
                for alias_node in names:
                    self.imports.append(
                        Import(
                            module=alias_node.name,
                            asname=alias_node.asname,
                            line=line,
                            column=column,
                        )
                    )
            case ast.ImportFrom(module=module, names=names, level=level):
                for alias_node in names:
                    self.imports.append(
                        Import(
                            module=module or "",
                            level=level or 0,
                            name=alias_node.name,
                            asname=alias_node.asname,
                            line=line,
                            column=column,
                        )
                    )
            case ast.Assign(targets=targets, value=value):
                lo = self.src.end(targets[-1])
                expr = self._module_value(targets, value, lo, line, column)
                for target in targets:
                    if isinstance(target, ast.Name):
                        self._module_assign(target.id, expr, None, line, column)
            case ast.AnnAssign(target=ast.Name(id=name), value=value) if (
                value is not None
            ):
                annotation, expr = self._annotated(statement)
                assert expr is not None
                self._module_assign(name, expr, annotation, line, column)

    def _value_lo(self, statement: ast.stmt) -> int:
        """The end of what comes before a `type` statement's value: its
        name and type parameters (the rewrite's dummy target, see `prune`)."""
        if isinstance(statement, ast.Assign):
            return self.src.end(statement.targets[-1])
        before = [statement.name, *getattr(statement, "type_params", ())]  # type: ignore[attr-defined]
        return max(self.src.end(n) for n in before)

    def _annotated(self, node: ast.AnnAssign) -> tuple[ex.Expr, ex.Expr | None]:
        """Annotation and value of `name: annotation = value`."""
        annotation = self.conv.convert(node.annotation, self.src.end(node.target))
        if node.value is None:
            return annotation, None
        value = self.conv.convert(node.value, self.src.end(node.annotation))
        return annotation, value

    def _module_value(
        self,
        targets: list[ast.expr],
        value: ast.expr,
        lo: int,
        line: int,
        column: int,
    ) -> ex.Expr:
        """A module-level value as an expression, except for literal
        containers: never a type, and in generated packages they are huge
        (`__all__`, lazy-import tables), so only `__all__`'s strings are
        read, straight from the tree. Likewise calls of anything but a
        type factory (`TypeVar`, `constr`, ...): a constant at most."""
        if isinstance(value, ast.Call):
            callee = _dotted(value.func).rsplit(".", 1)[-1]
            if callee not in _TYPE_FACTORIES and not callee.startswith("con"):
                return ex.Unsupported(text="<call>", line=line, column=column)
        if not isinstance(value, ast.List | ast.Tuple | ast.Dict | ast.Set):
            return self.conv.convert(value, lo)
        names = [t.id for t in targets if isinstance(t, ast.Name)]
        if "__all__" in names and isinstance(value, ast.List | ast.Tuple):
            items: list[ex.Expr] = []
            for element in value.elts:
                text = self._plain_string(element)
                if text is None:
                    return ex.Unsupported(text="__all__", line=line, column=column)
                items.append(ex.Constant(value=text, line=line, column=column))
            return ex.ListExpr(items=tuple(items), line=line, column=column)
        return ex.Unsupported(text="<literal>", line=line, column=column)

    def _module_assign(
        self,
        name: str,
        value: ex.Expr,
        annotation: ex.Expr | None,
        line: int,
        column: int,
    ) -> None:
        if name == "__all__":
            if isinstance(value, ex.ListExpr | ex.TupleExpr) and all(
                isinstance(i, ex.Constant) and isinstance(i.value, str)
                for i in value.items
            ):
                self.all_names = tuple(i.value for i in value.items)  # type: ignore[union-attr]
            return
        functional = _functional_typeddict(name, value, line, column)
        if functional is not None:
            self.classes.append(functional)
            return
        backport = _type_alias_type(name, value, line, column)
        if backport is not None:
            self.assigns.append(backport)
            return
        self.assigns.append(
            ModuleAssign(
                name=name, value=value, annotation=annotation, line=line, column=column
            )
        )

    # -- classes ---------------------------------------------------------

    def _class(self, node: ast.ClassDef, prefix: str) -> None:
        start = self.src.start(node)
        line, column = self._enter(node)
        qualname = f"{prefix}{node.name}"
        bases = node.bases
        if self._rewritten(node):
            bases = bases[1:]  # the rewrite's dummy first base
        # Bases and keywords in source order, each from the end of the one
        # before; the first from the class's start, past its own `(`.
        parts: list[ast.expr | ast.keyword] = [*bases, *node.keywords]
        if bases and node.keywords:
            parts.sort(key=lambda p: (p.lineno, p.col_offset))
        converted_bases: list[ex.Expr] = []
        keywords: list[tuple[str, ex.Expr]] = []
        lo, owned = start, 1
        if len(bases) < len(node.bases):
            lo, owned = self.src.end(node.bases[0]), 0
        for part in parts:
            if isinstance(part, ast.keyword):
                if part.arg is not None:
                    value = self.conv.convert(part.value, self.src.start(part))
                    keywords.append((part.arg, value))
            elif isinstance(part, ast.Starred):  # `class A(*bases)`
                converted_bases.append(self.conv.convert(part.value, lo))
            else:
                converted_bases.append(self.conv.convert(part, lo, owned))
            lo, owned = self.src.end(part), 0
        decorators = self._decorators(node)
        entries = self._entries(node.body)
        items: list[BodyItem] = []
        configs: list[tuple[tuple[str, ex.Expr], ...]] = []
        self._class_body(entries, qualname, items, configs, direct=True)
        auto_value = next(
            (
                self._auto_value(s)
                for s in node.body
                if isinstance(s, _FUNCTIONS) and s.name == "_generate_next_value_"
            ),
            None,
        )
        self.classes.append(
            ClassSummary(
                name=node.name,
                qualname=qualname,
                bases=tuple(converted_bases),
                keywords=tuple(keywords),
                decorators=decorators,
                type_params=self._type_params(node),
                doc=self._docstring(entries),
                body=tuple(items),
                config_class=configs[-1] if configs else None,
                auto_value=auto_value,
                line=line,
                column=column,
            )
        )

    def _class_body(
        self,
        entries: list[_Entry],
        qualname: str,
        items: list[BodyItem],
        configs: list[tuple[tuple[str, ex.Expr], ...]],
        direct: bool,
    ) -> None:
        """Read a class body (or, not `direct`, an `if` branch inside one)
        into `items`. Methods count only right in the class body."""
        docs = self._following_docs(entries)
        for index, entry in enumerate(entries):
            if index == 0 and self._string_statement(entry) is not None:
                continue  # the docstring
            kind, statements = entry
            if kind != _COMPOUND_STATEMENT:
                for small in statements:
                    item = self._class_small(small, docs)
                    if item is not None:
                        items.append(item)
                continue
            statement = statements[0]
            if isinstance(statement, ast.ClassDef):
                if statement.name == "Config":
                    configs.append(self._config_class(statement))
                else:
                    self._class(statement, prefix=f"{qualname}.")
            elif isinstance(statement, _FUNCTIONS):
                if direct and statement.decorator_list and method_is_read(statement):
                    items.append(self._method(statement))
            elif isinstance(statement, ast.If):
                self._class_if(statement, qualname, items, configs)

    def _class_if(
        self,
        node: ast.If,
        qualname: str,
        items: list[BodyItem],
        configs: list[tuple[tuple[str, ex.Expr], ...]],
    ) -> None:
        """`if PYDANTIC_V1: class Config: ... else: model_config = ...` in
        a model: only the branch pydantic v2 runs counts; with no way to
        tell, both do and the later definition wins."""
        runtime = self._runtime_branch(node.test, self.src.start(node))
        branches = {
            "body": [node.body],
            "else": [node.orelse],
            None: [node.body, node.orelse],
        }[runtime]
        for branch in branches:
            entries = self._entries(branch)
            self._class_body(entries, qualname, items, configs, direct=False)

    def _class_small(self, small: ast.stmt, docs: dict[str, str]) -> BodyItem | None:
        if self._type_alias(small) is not None:
            return None
        line, column = self._enter(small)
        match small:
            case ast.AnnAssign(target=ast.Name(id=name)):
                annotation, default = self._annotated(small)
                return FieldItem(
                    name=name,
                    annotation=annotation,
                    value=default,
                    doc=docs.get(name),
                    line=line,
                    column=column,
                )
            case ast.Assign(targets=[ast.Name(id=name) as target], value=value):
                return AssignItem(
                    name=name,
                    value=self.conv.convert(value, self.src.end(target)),
                    doc=docs.get(name),
                    line=line,
                    column=column,
                )
            case ast.Assign() | ast.AnnAssign():
                return UnsupportedItem(
                    text=self._statement_text(small), line=line, column=column
                )
        return None

    def _statement_text(self, statement: ast.stmt) -> str:
        """A statement as written, with the `;` that ends it, if any."""
        start, end = self.src.start(statement), self.src.end(statement)
        text = self.src.text
        after = end
        while after < len(text) and text[after] in " \t\f":
            after += 1
        if after < len(text) and text[after] == ";":
            end = after + 1
        return self.conv.quote(start, end).strip()

    def _method(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> MethodItem:
        line, column = self._enter(node)
        returns = None
        if node.returns is not None:
            returns = self.conv.convert(node.returns, self._returns_lo(node))
        return MethodItem(
            name=node.name,
            decorators=self._decorators(node),
            returns=returns,
            doc=self._docstring(self._entries(node.body)),
            line=line,
            column=column,
        )

    def _returns_lo(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
        """The end of the parameter list's last node (before `) ->`), or
        the `def`: no string between there and the return annotation."""
        args = node.args
        nodes: list[ast.expr | ast.arg] = [
            *args.posonlyargs,
            *args.args,
            *args.kwonlyargs,
            *args.defaults,
            *(d for d in args.kw_defaults if d is not None),
            *(a for a in (args.vararg, args.kwarg) if a is not None),
            *getattr(node, "type_params", ()),
        ]
        ends = [self.src.end(n) for n in nodes]
        return max(ends, default=self.src.start(node))

    def _config_class(self, node: ast.ClassDef) -> tuple[tuple[str, ex.Expr], ...]:
        found: list[tuple[str, ex.Expr]] = []
        for kind, statements in self._entries(node.body):
            if kind == _COMPOUND_STATEMENT:
                continue
            for small in statements:
                if self._type_alias(small) is not None:
                    continue
                self._enter(small)
                match small:
                    case ast.Assign(targets=[ast.Name(id=name) as target], value=value):
                        found.append(
                            (name, self.conv.convert(value, self.src.end(target)))
                        )
                    case ast.AnnAssign(target=ast.Name(id=name), value=value) if (
                        value is not None
                    ):
                        found.append(
                            (
                                name,
                                self.conv.convert(
                                    value, self.src.end(small.annotation)
                                ),
                            )
                        )
        return tuple(found)

    def _auto_value(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
        """Read `_generate_next_value_` when it is `return name` or
        `return name.lower()` / `.upper()`, as auto-naming enums write it."""
        params = node.args.args
        if self._rewritten(node) and not node.args.posonlyargs:
            params = params[1:]  # the rewrite's dummy first parameter
        if not params:
            return "other"
        name = params[0].arg
        entries = [
            e for e in self._entries(node.body) if self._string_statement(e) is None
        ]
        if len(entries) != 1 or entries[0][0] != _LINE or len(entries[0][1]) != 1:
            return "other"
        match entries[0][1][0]:
            case ast.Return(value=ast.Name(id=returned)) if returned == name:
                return "name"
            case ast.Return(
                value=ast.Call(
                    func=ast.Attribute(
                        value=ast.Name(id=returned), attr="lower" | "upper" as case
                    ),
                    args=[],
                    keywords=[],
                )
            ) if (
                returned == name
            ):
                return case
        return "other"


def _type_alias_type(
    name: str, value: ex.Expr, line: int, column: int
) -> ModuleAssign | None:
    """`X = TypeAliasType("X", Union[T, None], type_params=(T,))`, the
    typing_extensions spelling of `type X[T] = T | None`, read as that
    statement (the callee is told by name, as the statement would be)."""
    match value:
        case ex.Call(func=ex.Name(dotted=callee), args=args, kwargs=kwargs) if (
            callee.rsplit(".", 1)[-1] == "TypeAliasType"
        ):
            pass
        case _:
            return None
    named = dict(kwargs)
    body = args[1] if len(args) > 1 else named.get("value")
    params = named.get("type_params")
    if body is None:
        return None
    names: list[str] = []
    if isinstance(params, ex.TupleExpr | ex.ListExpr):
        names = [p.dotted for p in params.items if isinstance(p, ex.Name)]
    return ModuleAssign(
        name=name,
        value=body,
        is_type_statement=True,
        type_params=tuple(names),
        line=line,
        column=column,
    )


def _functional_typeddict(
    name: str, value: ex.Expr, line: int, column: int
) -> ClassSummary | None:
    """`X = TypedDict("X", {"async": bool}, total=False)`, the only way to
    have keys that are keywords (SDKs use it as a base class), read as the
    class it makes. Whether the callee is typing's TypedDict is for
    resolution to tell, as for any base class."""
    match value:
        case ex.Call(
            func=ex.Name(dotted=callee) as func,
            args=(ex.Constant(value=str()), ex.DictExpr(keys=keys, values=values)),
            kwargs=kwargs,
        ) if (
            callee.rsplit(".", 1)[-1] == "TypedDict"
        ):
            pass
        case _:
            return None
    body: list[BodyItem] = []
    for key, annotation in zip(keys, values, strict=True):
        if not (isinstance(key, ex.Constant) and isinstance(key.value, str)):
            return None
        body.append(
            FieldItem(
                name=key.value,
                annotation=annotation,
                value=None,
                line=key.line,
                column=key.column,
            )
        )
    return ClassSummary(
        name=name,
        qualname=name,
        bases=(func,),
        keywords=tuple(kwargs),
        body=tuple(body),
        line=line,
        column=column,
    )


def _with_doc(assign: ModuleAssign, doc: str | None) -> ModuleAssign:
    return assign if doc is None else replace(assign, doc=doc)


def _syntax_problem(error: SyntaxError, text: str) -> ParseProblem:
    message = f"syntax error: {error.msg}"
    line, column = error.lineno or 1, max(1, error.offset or 1)
    if not error.lineno and "\0" in text:
        # "source code string cannot contain null bytes" comes with no
        # position; the first NUL is the place.
        at = text.index("\0")
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
    return ParseProblem(
        code="TP004",
        message=message,
        hint="fix the syntax error; typepact reads files it can parse as Python 3",
        line=line,
        column=column,
    )


def parse_module(file: SourceFile) -> ModuleSummary:
    """Read one file into a summary. Never raises: a file Python cannot
    parse gives a summary holding only a TP004 problem."""
    base = {
        "module": file.module,
        "display_path": file.display_path,
        "is_package": file.is_package,
    }
    try:
        tree = python_tree(file.text)
    except SyntaxError as error:
        return ModuleSummary(**base, problems=(_syntax_problem(error, file.text),))
    except Exception as error:  # ValueError, RecursionError, MemoryError
        problem = ParseProblem(
            code="TP004",
            message=f"cannot parse file: {error}",
            hint="fix the syntax error; typepact reads files it can parse as Python 3",
            line=1,
            column=1,
        )
        return ModuleSummary(**base, problems=(problem,))
    walker = _Walker(tree, file.text)
    walker.walk()
    return ModuleSummary(
        **base,
        imports=tuple(walker.imports),
        classes=tuple(walker.classes),
        assigns=tuple(walker.assigns),
        all_names=walker.all_names,
    )
