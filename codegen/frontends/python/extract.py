"""Per-file extraction: libcst parse tree -> `ModuleSummary`.

Positions are computed here without libcst's metadata machinery (a
`MetadataWrapper` with `PositionProvider` costs about twelve parses): the
offset of each top-level statement is the running length of the code
generated for the statements before it, and anything nested is found by a
forward search for its generated first line from the enclosing node's
offset. Both are exact for the nodes diagnostics point at.
"""

from __future__ import annotations

import ast
import bisect
import inspect
import re
from collections.abc import Sequence

import libcst as cst

from codegen.frontends.python import exprs as ex
from codegen.frontends.python.positions import statement_offsets
from codegen.frontends.python.prune import prune_function_bodies, python_tree
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
from codegen.sources import SourceFile

_RENDERER = cst.Module(body=[])
_CONSTANT_NAMES = {"True": True, "False": False, "None": None}
_LEAVES = (cst.Name, cst.SimpleString, cst.Integer, cst.Float)
#: Callees whose module-level call can make a type (`T = TypeVar("T")`).
_TYPE_FACTORIES = frozenset(
    {"TypeVar", "NewType", "TypedDict", "TypeAliasType", "ParamSpec", "TypeVarTuple"}
)


class _Text:
    """Source text with offset -> (line, column) mapping.

    `base_line`/`base_column` shift positions for text that sits inside a
    string literal (a forward reference) in the real file."""

    def __init__(
        self, text: str, renderer: cst.Module, base_line: int = 1, base_column: int = 1
    ) -> None:
        self.text = text
        self.renderer = renderer
        self.base_line = base_line
        self.base_column = base_column
        self.line_starts = [0]
        for i, char in enumerate(text):
            if char == "\n":
                self.line_starts.append(i + 1)

    def position(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.line_starts, offset) - 1
        column = offset - self.line_starts[index] + 1
        if index == 0:
            return self.base_line, self.base_column + column - 1
        return self.base_line + index, column

    def find(self, node: cst.CSTNode, cursor: int) -> int:
        """Offset of `node`, searching forward from `cursor`."""
        if isinstance(node, _LEAVES) and not node.lpar:
            # Its text as written: no code generation (a Literal of
            # thousands of strings in generated code).
            code = node.value
        else:
            code = self.renderer.code_for_node(node)
        first = code.lstrip().split("\n", 1)[0].rstrip("\r")
        if not first:
            return cursor
        found = self.text.find(first, cursor)
        return cursor if found < 0 else found


class _Converter:
    """Turns libcst expressions into `exprs` nodes with positions."""

    def __init__(self, text: _Text) -> None:
        self.t = text

    def convert(self, node: cst.BaseExpression, cursor: int) -> ex.Expr:
        offset = self.t.find(node, cursor)
        line, column = self.t.position(offset)
        try:
            return self._convert(node, offset, line, column)
        except Exception:
            return ex.Unsupported(
                text=self.t.renderer.code_for_node(node), line=line, column=column
            )

    def _convert(
        self, node: cst.BaseExpression, offset: int, line: int, column: int
    ) -> ex.Expr:
        pos = {"line": line, "column": column}
        match node:
            case cst.Name(value=value) if value in _CONSTANT_NAMES:
                return ex.Constant(value=_CONSTANT_NAMES[value], **pos)
            case cst.Name(value=value):
                return ex.Name(dotted=value, **pos)
            case cst.Attribute(value=value, attr=attr):
                inner = self.convert(value, offset)
                if isinstance(inner, ex.Name):
                    return ex.Name(dotted=f"{inner.dotted}.{attr.value}", **pos)
                return ex.Attribute(value=inner, attr=attr.value, **pos)
            case cst.Subscript(value=value, slice=elements):
                base = self.convert(value, offset)
                cursor = offset + len(self.t.renderer.code_for_node(value))
                items: list[ex.Expr] = []
                for element in elements:
                    if isinstance(element.slice, cst.Index):
                        item = self.convert(element.slice.value, cursor)
                    else:
                        code = self.t.renderer.code_for_node(element.slice)
                        item = ex.Unsupported(text=code, **pos)
                    items.append(item)
                    cursor = self.after(item, cursor)
                index: ex.Expr = (
                    items[0]
                    if len(items) == 1
                    else ex.TupleExpr(items=tuple(items), **self._pos_of(items))
                )
                return ex.Subscript(value=base, index=index, **pos)
            case cst.Call(func=func, args=call_args):
                callee = self.convert(func, offset)
                cursor = offset + len(self.t.renderer.code_for_node(func))
                args: list[ex.Expr] = []
                kwargs: list[tuple[str, ex.Expr]] = []
                for arg in call_args:
                    if arg.keyword is not None:
                        cursor = max(cursor, self.t.find(arg.keyword, cursor))
                    item = self.convert(arg.value, cursor)
                    cursor = self.after(item, cursor)
                    if arg.star:
                        code = self.t.renderer.code_for_node(arg)
                        args.append(ex.Unsupported(text=code, **pos))
                    elif arg.keyword is not None:
                        kwargs.append((arg.keyword.value, item))
                    else:
                        args.append(item)
                return ex.Call(
                    func=callee, args=tuple(args), kwargs=tuple(kwargs), **pos
                )
            case cst.SimpleString() | cst.ConcatenatedString():
                value = node.evaluated_value
                if value is None:  # an f-string inside a concatenation
                    raise ValueError("not a constant string")
                return ex.Constant(value=value, **pos)
            case cst.Integer() | cst.Float():
                return ex.Constant(value=node.evaluated_value, **pos)
            case cst.UnaryOperation(
                operator=cst.Minus() | cst.Plus() as op,
                expression=cst.Integer() | cst.Float() as number,
            ):
                sign = -1 if isinstance(op, cst.Minus) else 1
                return ex.Constant(value=sign * number.evaluated_value, **pos)
            case cst.Ellipsis():
                return ex.Constant(value=None, is_ellipsis=True, **pos)
            case cst.Tuple(elements=elements) | cst.List(elements=elements):
                items = self._elements(elements, offset)
                if items is None:
                    raise ValueError("starred element")
                if isinstance(node, cst.Tuple):
                    return ex.TupleExpr(items=items, **pos)
                return ex.ListExpr(items=items, **pos)
            case cst.Dict(elements=elements):
                keys: list[ex.Expr] = []
                values: list[ex.Expr] = []
                cursor = offset + 1
                for element in elements:
                    if not isinstance(element, cst.DictElement):
                        raise ValueError("dict spread")
                    key = self.convert(element.key, cursor)
                    cursor = self.after(key, cursor)
                    item = self.convert(element.value, cursor)
                    cursor = self.after(item, cursor)
                    keys.append(key)
                    values.append(item)
                return ex.DictExpr(keys=tuple(keys), values=tuple(values), **pos)
            case cst.BinaryOperation(left=left, operator=operator, right=right):
                op = "|" if isinstance(operator, cst.BitOr) else type(operator).__name__
                lhs = self.convert(left, offset)
                cursor = offset + len(self.t.renderer.code_for_node(left))
                rhs = self.convert(right, cursor)
                return ex.BinOp(op=op, left=lhs, right=rhs, **pos)
            case _:
                raise ValueError("unsupported expression")

    def _elements(self, elements: object, offset: int) -> tuple[ex.Expr, ...] | None:
        items: list[ex.Expr] = []
        cursor = offset
        for element in elements:  # type: ignore[attr-defined]
            if not isinstance(element, cst.Element):
                return None
            item = self.convert(element.value, cursor)
            cursor = self.after(item, cursor)
            items.append(item)
        return tuple(items)

    def after(self, item: ex.Expr, cursor: int) -> int:
        """A cursor just past the start of `item`, so the next sibling is
        searched after it."""
        line_index = item.line - self.t.base_line
        if line_index < 0 or line_index >= len(self.t.line_starts):
            return cursor
        start = self.t.line_starts[line_index] + (
            item.column - (self.t.base_column if line_index == 0 else 1)
        )
        return max(cursor, start + 1)

    @staticmethod
    def _pos_of(items: list[ex.Expr]) -> dict[str, int]:
        first = items[0] if items else None
        return {
            "line": first.line if first else 1,
            "column": first.column if first else 1,
        }


def string_expression(text: str, line: int, column: int) -> ex.Expr:
    """Parse the text of a string annotation (`"Node"`) as an expression.

    `line`/`column` locate the first character inside the quotes."""
    try:
        node = cst.parse_expression(text.strip())
    except Exception:
        return ex.Unsupported(text=repr(text), line=line, column=column)
    converter = _Converter(_Text(text.strip(), _RENDERER, line, column))
    return converter.convert(node, 0)


def _docstring(body: object) -> str | None:
    statements = getattr(body, "body", ())
    if not statements:
        return None
    return _string_statement(statements[0])


def _string_statement(statement: cst.CSTNode) -> str | None:
    if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1:
        small = statement.body[0]
        if isinstance(small, cst.Expr) and isinstance(
            small.value, cst.SimpleString | cst.ConcatenatedString
        ):
            value = small.value.evaluated_value
            if isinstance(value, str):
                return inspect.cleandoc(value)
    return None


def _type_params(node: cst.ClassDef | cst.TypeAlias) -> tuple[str, ...]:
    params = node.type_parameters
    if params is None:
        return ()
    return tuple(p.param.name.value for p in params.params)


def _runtime_branch(test: cst.BaseExpression) -> str | None:
    """Which branch of an `if` runs under pydantic v2 at runtime: "body",
    "else", or None when the test says nothing about it."""
    match test:
        case cst.UnaryOperation(operator=cst.Not(), expression=inner):
            flipped = _runtime_branch(inner)
            return {"body": "else", "else": "body"}.get(flipped or "")
        case cst.Name(value="TYPE_CHECKING") | cst.Attribute(
            attr=cst.Name(value="TYPE_CHECKING")
        ):
            return "else"
    text = _RENDERER.code_for_node(test)
    if re.search(r"V1\b", text):  # PYDANTIC_V1, IS_PYDANTIC_V1
        return "else"
    if re.search(r"V2\b", text):
        return "body"
    return None


class _ModuleWalker:
    def __init__(
        self, file: SourceFile, module: cst.Module, text: str, tree: ast.Module | None
    ) -> None:
        self.file = file
        self.module = module
        # libcst round-trips exactly, so `text` is `module.code` for free.
        self.text = _Text(text, module)
        self.starts = statement_offsets(text, module, tree) if tree else {}
        self.conv = _Converter(self.text)
        self.imports: list[Import] = []
        self.classes: list[ClassSummary] = []
        self.assigns: list[ModuleAssign] = []
        self.all_names: tuple[str, ...] | None = None

    def walk(self) -> None:
        if self.starts:
            for statement in self.module.body:
                self._statement(statement, self.starts.get(id(statement), 0))
        else:
            offset = sum(
                len(self.module.code_for_node(line)) for line in self.module.header
            )
            for statement in self.module.body:
                code = self.module.code_for_node(statement)
                self._statement(statement, offset)
                offset += len(code)
        self._attach_module_docs()

    def _locate(self, node: cst.CSTNode, cursor: int) -> int:
        """Offset of a statement: exact from CPython's tree when it lined
        up, else searched from `cursor`."""
        found = self.starts.get(id(node))
        return found if found is not None else self.text.find(node, cursor)

    # -- statements ------------------------------------------------------

    def _start(self, statement: cst.CSTNode, cursor: int) -> int:
        """Offset of a statement's first token (past comments and blank
        lines, and past decorators for classes and functions)."""
        if id(statement) in self.starts:
            return self.starts[id(statement)]
        if isinstance(statement, cst.ClassDef | cst.FunctionDef):
            header = cst.ensure_type(statement, type(statement)).with_changes(
                leading_lines=(), decorators=(), lines_after_decorators=()
            )
            return self.text.find(header, cursor)
        return self.text.find(statement, cursor)

    def _statement(self, statement: cst.CSTNode, cursor: int) -> None:
        match statement:
            case cst.SimpleStatementLine(body=smalls):
                start = self._start(statement, cursor)
                for small in smalls:
                    self._small_statement(small, start)
            case cst.ClassDef():
                self._class(statement, cursor, prefix="")
            case cst.If(test=test, body=body, orelse=orelse):
                self._if(test, body, orelse, cursor)
            case cst.Try(body=body, orelse=orelse):
                self._block(body, cursor)
                if orelse is not None:
                    self._block(orelse.body, cursor)
            case _:
                pass

    def _if(
        self,
        test: cst.BaseExpression,
        body: cst.BaseSuite,
        orelse: cst.If | cst.Else | None,
        cursor: int,
    ) -> None:
        """Both branches count (imports under `if TYPE_CHECKING:` resolve
        string annotations), but a definition in the branch that runs under
        pydantic v2 replaces one of the same name in the other, as the
        runtime would: `if TYPE_CHECKING: class SequenceNotStr(Protocol)...
        else: SequenceNotStr = Sequence`."""
        first: cst.CSTNode | None = body
        second: cst.CSTNode | None = orelse
        if _runtime_branch(test) == "body":
            first, second = orelse, body
        if first is not None:
            self._block(first, cursor)
        classes, assigns = len(self.classes), len(self.assigns)
        if second is not None:
            self._block(second, cursor)
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

    def _block(self, block: cst.CSTNode, cursor: int) -> None:
        """Statements nested under `if`/`try`, found by forward search."""
        if isinstance(block, cst.Else):
            block = block.body
        if isinstance(block, cst.If):  # elif
            self._statement(block, cursor)
            return
        for statement in getattr(block, "body", ()):
            if isinstance(statement, cst.BaseSmallStatement):
                self._small_statement(statement, self._locate(statement, cursor))
                continue
            start = self._start(statement, cursor)
            # From `cursor`, not `start`: decorators come before `start`.
            self._statement(statement, cursor)
            cursor = start + 1

    def _small_statement(self, small: cst.CSTNode, cursor: int) -> None:
        start = self._locate(small, cursor)
        line, column = self.text.position(start)
        match small:
            case cst.Import(names=names):
                for alias in names:
                    dotted = _dotted(alias.name)
                    asname = _asname(alias)
                    self.imports.append(
                        Import(module=dotted, asname=asname, line=line, column=column)
                    )
            case cst.ImportFrom(module=module, relative=relative, names=names):
                dotted = _dotted(module) if module is not None else ""
                level = len(relative)
                if isinstance(names, cst.ImportStar):
                    self.imports.append(
                        Import(
                            module=dotted,
                            level=level,
                            name="*",
                            line=line,
                            column=column,
                        )
                    )
                else:
                    for alias in names:
                        self.imports.append(
                            Import(
                                module=dotted,
                                level=level,
                                name=_dotted(alias.name),
                                asname=_asname(alias),
                                line=line,
                                column=column,
                            )
                        )
            case cst.Assign(targets=targets, value=value):
                first = targets[0].target if targets else None
                name = first.value if isinstance(first, cst.Name) else ""
                cursor = self._past(name, "=", start)
                expr = self._module_value(targets, value, cursor, line, column)
                for target in targets:
                    if isinstance(target.target, cst.Name):
                        self._module_assign(
                            target.target.value, expr, None, line, column
                        )
            case cst.AnnAssign(
                target=cst.Name(value=name), annotation=ann, value=value
            ):
                if value is None:
                    return
                annotation, expr = self._annotated(name, ann, value, start)
                assert expr is not None
                self._module_assign(name, expr, annotation, line, column)
            case cst.TypeAlias(name=cst.Name(value=name), value=value):
                expr = self.conv.convert(value, start)
                self.assigns.append(
                    ModuleAssign(
                        name=name,
                        value=expr,
                        is_type_statement=True,
                        type_params=_type_params(small),
                        line=line,
                        column=column,
                    )
                )
            case _:
                pass

    def _past(self, name: str, token: str, start: int) -> int:
        """Offset just past `token` after the target `name` at `start`:
        expressions are searched from there, so `str` is not found inside
        `instructions: str`."""
        found = self.text.text.find(token, start + len(name))
        return start if found < 0 else found + 1

    def _annotated(
        self,
        name: str,
        ann: cst.Annotation,
        value: cst.BaseExpression | None,
        start: int,
    ) -> tuple[ex.Expr, ex.Expr | None]:
        """Annotation and value of `name: annotation = value`, each
        searched past what comes before it."""
        cursor = self._past(name, ":", start)
        annotation = self.conv.convert(ann.annotation, cursor)
        if value is None:
            return annotation, None
        end = self.conv.after(annotation, cursor) - 1
        end += len(self.module.code_for_node(ann.annotation))
        return annotation, self.conv.convert(value, self._past("", "=", end))

    def _module_value(
        self,
        targets: Sequence[cst.AssignTarget],
        value: cst.BaseExpression,
        start: int,
        line: int,
        column: int,
    ) -> ex.Expr:
        """A module-level value as an expression, except for literal
        containers: never a type, and in generated packages they are huge
        (`__all__`, lazy-import tables), so only `__all__`'s strings are
        read, straight from the tree. Likewise calls of anything but a
        type factory (`TypeVar`, `constr`, ...): a constant at most."""
        if isinstance(value, cst.Call):
            callee = _dotted(value.func).rsplit(".", 1)[-1]
            if callee not in _TYPE_FACTORIES and not callee.startswith("con"):
                return ex.Unsupported(text="<call>", line=line, column=column)
        if not isinstance(value, cst.List | cst.Tuple | cst.Dict | cst.Set):
            return self.conv.convert(value, start)
        names = [t.target.value for t in targets if isinstance(t.target, cst.Name)]
        items: list[ex.Expr] = []
        if "__all__" in names and isinstance(value, cst.List | cst.Tuple):
            for element in value.elements:
                text = getattr(element.value, "evaluated_value", None)
                if not isinstance(element, cst.Element) or not isinstance(text, str):
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

    def _attach_module_docs(self) -> None:
        """Attribute docstrings of module-level assignments (alias docs)."""
        docs = _following_docs(self.module.body)
        self.assigns = [
            _with_doc(a, docs.get(a.name)) if a.doc is None else a for a in self.assigns
        ]

    # -- classes ---------------------------------------------------------

    def _class(self, node: cst.ClassDef, cursor: int, prefix: str) -> None:
        start = self._start(node, cursor)
        line, column = self.text.position(start)
        name = node.name.value
        qualname = f"{prefix}{name}"
        bases = tuple(self.conv.convert(arg.value, start) for arg in node.bases)
        keywords = tuple(
            (arg.keyword.value, self.conv.convert(arg.value, start))
            for arg in node.keywords
            if arg.keyword is not None
        )
        decorators = self._decorators(node, cursor)
        items: list[BodyItem] = []
        configs: list[tuple[tuple[str, ex.Expr], ...]] = []
        self._class_body(node.body, start, qualname, items, configs)
        auto_value = next(
            (
                _auto_value(s)
                for s in getattr(node.body, "body", ())
                if isinstance(s, cst.FunctionDef)
                and s.name.value == "_generate_next_value_"
            ),
            None,
        )
        self.classes.append(
            ClassSummary(
                name=name,
                qualname=qualname,
                bases=bases,
                keywords=keywords,
                decorators=decorators,
                type_params=_type_params(node),
                doc=_docstring(node.body),
                body=tuple(items),
                config_class=configs[-1] if configs else None,
                auto_value=auto_value,
                line=line,
                column=column,
            )
        )

    def _class_body(
        self,
        block: cst.CSTNode,
        body_cursor: int,
        qualname: str,
        items: list[BodyItem],
        configs: list[tuple[tuple[str, ex.Expr], ...]],
    ) -> int:
        """Read a class body (or an `if` branch inside one) into `items`;
        returns the cursor after it."""
        statements = list(getattr(block, "body", ()))
        docs = _following_docs(statements)
        for index, statement in enumerate(statements):
            if index == 0 and _string_statement(statement) is not None:
                # Skip past the docstring: it may mention a field's text.
                if isinstance(statement, cst.SimpleStatementLine):
                    doc = statement.with_changes(leading_lines=())
                    at = self.text.find(doc, body_cursor)
                    body_cursor = at + len(self.module.code_for_node(doc).strip())
                continue
            search_from = body_cursor
            if isinstance(statement, cst.BaseSmallStatement):  # `class A: x: int`
                smalls: list[cst.CSTNode] = [statement]
                stmt_start = self._locate(statement, body_cursor)
            elif isinstance(statement, cst.SimpleStatementLine):
                smalls = list(statement.body)
                stmt_start = self._start(statement, body_cursor)
            else:
                smalls = []
                stmt_start = self._start(statement, body_cursor)
            body_cursor = stmt_start + 1
            for small in smalls:
                item = self._class_small(small, stmt_start, docs)
                if item is not None:
                    items.append(item)
            if isinstance(statement, cst.ClassDef):
                if statement.name.value == "Config":
                    configs.append(self._config_class(statement, stmt_start))
                else:
                    self._class(statement, search_from, prefix=f"{qualname}.")
            elif isinstance(statement, cst.FunctionDef) and statement.decorators:
                items.append(self._method(statement, search_from))
            elif isinstance(statement, cst.If):
                body_cursor = self._class_if(
                    statement, search_from, qualname, items, configs
                )
        return body_cursor

    def _class_if(
        self,
        node: cst.If,
        cursor: int,
        qualname: str,
        items: list[BodyItem],
        configs: list[tuple[tuple[str, ex.Expr], ...]],
    ) -> int:
        """`if PYDANTIC_V1: class Config: ... else: model_config = ...` in
        a model: only the branch pydantic v2 runs counts; with no way to
        tell, both do and the later definition wins."""
        runtime = _runtime_branch(node.test)
        orelse: cst.CSTNode | None = node.orelse
        if isinstance(orelse, cst.Else):
            orelse = orelse.body
        branches: list[cst.CSTNode | None] = {
            "body": [node.body],
            "else": [orelse],
            None: [node.body, orelse],
        }[runtime]
        for branch in branches:
            if isinstance(branch, cst.If):  # elif
                cursor = self._class_if(branch, cursor, qualname, items, configs)
            elif branch is not None:
                cursor = self._class_body(branch, cursor, qualname, items, configs)
        return cursor

    def _class_small(
        self, small: cst.CSTNode, cursor: int, docs: dict[str, str]
    ) -> BodyItem | None:
        start = self._locate(small, cursor)
        line, column = self.text.position(start)
        match small:
            case cst.AnnAssign(
                target=cst.Name(value=name), annotation=ann, value=value
            ):
                annotation, default = self._annotated(name, ann, value, start)
                return FieldItem(
                    name=name,
                    annotation=annotation,
                    value=default,
                    doc=docs.get(name),
                    line=line,
                    column=column,
                )
            case cst.Assign(
                targets=[cst.AssignTarget(target=cst.Name(value=name))], value=value
            ):
                return AssignItem(
                    name=name,
                    value=self.conv.convert(value, self._past(name, "=", start)),
                    doc=docs.get(name),
                    line=line,
                    column=column,
                )
            case cst.Assign() | cst.AnnAssign():
                return UnsupportedItem(
                    text=self.module.code_for_node(small).strip(),
                    line=line,
                    column=column,
                )
        return None

    def _method(self, node: cst.FunctionDef, cursor: int) -> MethodItem:
        start = self._start(node, cursor)
        line, column = self.text.position(start)
        decorators = self._decorators(node, cursor)
        returns = (
            self.conv.convert(node.returns.annotation, start) if node.returns else None
        )
        return MethodItem(
            name=node.name.value,
            decorators=decorators,
            returns=returns,
            doc=_docstring(node.body),
            line=line,
            column=column,
        )

    def _decorators(
        self, node: cst.ClassDef | cst.FunctionDef, cursor: int
    ) -> tuple[ex.Expr, ...]:
        """Decorators sit between `cursor` (the end of the previous
        statement, or near it) and the `class`/`def` keyword."""
        found: list[ex.Expr] = []
        for decorator in node.decorators:
            at = self.starts.get(id(decorator))
            if at is None:  # search for the `@`, not a mention in a docstring
                at = self.text.find(decorator, cursor) + 1
            expr = self.conv.convert(decorator.decorator, at)
            cursor = self.conv.after(expr, cursor)
            found.append(expr)
        return tuple(found)

    def _config_class(
        self, node: cst.ClassDef, cursor: int
    ) -> tuple[tuple[str, ex.Expr], ...]:
        found: list[tuple[str, ex.Expr]] = []
        for statement in getattr(node.body, "body", ()):
            smalls = (
                getattr(statement, "body", ())
                if isinstance(statement, cst.SimpleStatementLine)
                else (
                    (statement,)
                    if isinstance(statement, cst.BaseSmallStatement)
                    else ()
                )
            )
            for small in smalls:
                start = self._locate(small, cursor)
                match small:
                    case cst.Assign(
                        targets=[cst.AssignTarget(target=cst.Name(value=name))],
                        value=value,
                    ) | cst.AnnAssign(target=cst.Name(value=name), value=value) if (
                        value is not None
                    ):
                        found.append((name, self.conv.convert(value, start)))
                    case _:
                        pass
        return tuple(found)


def _auto_value(node: cst.FunctionDef) -> str:
    """Read `_generate_next_value_` when it is `return name` or
    `return name.lower()` / `.upper()`, as auto-naming enums write it."""
    params = node.params.params
    if not params:
        return "other"
    name = params[0].name.value
    statements = [
        s for s in getattr(node.body, "body", ()) if _string_statement(s) is None
    ]
    match statements:
        case [
            cst.SimpleStatementLine(body=[cst.Return(value=cst.Name(value=returned))])
        ] if (returned == name):
            return "name"
        case [
            cst.SimpleStatementLine(
                body=[
                    cst.Return(
                        value=cst.Call(
                            func=cst.Attribute(
                                value=cst.Name(value=returned),
                                attr=cst.Name(value="lower" | "upper" as case),
                            ),
                            args=[],
                        )
                    )
                ]
            )
        ] if (
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


def _following_docs(statements: object) -> dict[str, str]:
    """Map assignment target -> the string statement right after it."""
    docs: dict[str, str] = {}
    previous: str | None = None
    for statement in statements:  # type: ignore[attr-defined]
        doc = _string_statement(statement)
        if doc is not None and previous is not None:
            docs[previous] = doc
        previous = None
        if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1:
            small = statement.body[0]
            if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
                previous = small.target.value
            elif isinstance(small, cst.Assign) and len(small.targets) == 1:
                target = small.targets[0].target
                if isinstance(target, cst.Name):
                    previous = target.value
            elif isinstance(small, cst.TypeAlias):
                previous = small.name.value
    return docs


def _with_doc(assign: ModuleAssign, doc: str | None) -> ModuleAssign:
    if doc is None:
        return assign
    from dataclasses import replace

    return replace(assign, doc=doc)


def _dotted(node: cst.BaseExpression) -> str:
    match node:
        case cst.Name(value=value):
            return value
        case cst.Attribute(value=value, attr=attr):
            return f"{_dotted(value)}.{attr.value}"
    return ""


def _asname(alias: cst.ImportAlias) -> str | None:
    if alias.asname is None:
        return None
    name = alias.asname.name
    return name.value if isinstance(name, cst.Name) else None


def _parse(text: str) -> tuple[cst.Module, str, ast.Module | None]:
    """libcst's tree of `text` with functions pruned, the text it parsed,
    and CPython's tree (for positions) when CPython can parse it."""
    tree = python_tree(text)
    pruned = prune_function_bodies(text, tree) if tree is not None else text
    if pruned is not text:
        try:
            return cst.parse_module(pruned), pruned, tree
        except Exception:
            pass  # a pruning bug must not hide the file: parse it whole
    return cst.parse_module(text), text, tree


def parse_module(file: SourceFile) -> ModuleSummary:
    """Read one file into a summary. Never raises: a file libcst cannot
    parse gives a summary holding only a TP004 problem."""
    base = {
        "module": file.module,
        "display_path": file.display_path,
        "is_package": file.is_package,
    }
    try:
        module, text, tree = _parse(file.text)
    except cst.ParserSyntaxError as error:
        message = f"syntax error: {error.message}"
        line, column = max(1, error.raw_line), max(1, error.raw_column + 1)
        # libcst points after the token it gave up on; CPython's compiler
        # (which only parses, never runs) names the real place and says
        # what is wrong in the words Python users know.
        try:
            ast.parse(file.text)
        except SyntaxError as precise:
            if precise.lineno:
                message = f"syntax error: {precise.msg}"
                line, column = precise.lineno, max(1, precise.offset or 1)
        except (ValueError, RecursionError, MemoryError):
            pass
        problem = ParseProblem(
            code="TP004",
            message=message,
            hint="fix the syntax error; typepact reads files it can parse as Python 3",
            line=line,
            column=column,
        )
        return ModuleSummary(**base, problems=(problem,))
    except Exception as error:
        problem = ParseProblem(
            code="TP004",
            message=f"cannot parse file: {error}",
            hint="fix the syntax error; typepact reads files it can parse as Python 3",
            line=1,
            column=1,
        )
        return ModuleSummary(**base, problems=(problem,))
    walker = _ModuleWalker(file, module, text, tree)
    walker.walk()
    return ModuleSummary(
        **base,
        imports=tuple(walker.imports),
        classes=tuple(walker.classes),
        assigns=tuple(walker.assigns),
        all_names=walker.all_names,
    )
