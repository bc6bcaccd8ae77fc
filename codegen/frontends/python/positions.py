"""Statement offsets from CPython's parser, matched to libcst's nodes.

libcst gives positions only through a metadata pass that costs many
parses, and searching the text for a node's rendering costs a code
generation per node: on a 10,000-line generated `__init__.py` that was
seconds. `ast` (in C) already knows where every statement starts; pairing
its statements with libcst's, block by block, gives exact offsets for the
statements and decorators the walker locates. Where the two trees do not
line up, nothing is recorded and the walker falls back to searching.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence

import libcst as cst

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_COMPOUND = (
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


def statement_offsets(
    text: str, module: cst.Module, tree: ast.Module
) -> dict[int, int]:
    """`id(node)` -> offset in `text` for statements, small statements and
    decorators (the decorator's expression, past the `@`)."""
    if text.count("\r") != text.count("\r\n"):
        return {}  # lone \r ends a line for ast but not for our line table
    pairing = _Pairing(text)
    pairing.block(module.body, tree.body)
    return pairing.offsets


class _Pairing:
    def __init__(self, text: str) -> None:
        self.text = text
        self.offsets: dict[int, int] = {}
        self.line_starts = [0]
        for i, char in enumerate(text):
            if char == "\n":
                self.line_starts.append(i + 1)

    def offset(self, node: ast.stmt | ast.expr, lineno: int | None = None) -> int:
        start = self.line_starts[(lineno or node.lineno) - 1]
        end = self.text.find("\n", start)
        line = self.text[start : end if end >= 0 else len(self.text)]
        column = node.col_offset  # in UTF-8 bytes
        if not line.isascii():
            column = len(line.encode("utf-8")[:column].decode("utf-8", "ignore"))
        return start + column

    def block(self, statements: Sequence[cst.CSTNode], nodes: list[ast.stmt]) -> None:
        index = 0
        for statement in statements:
            if isinstance(statement, cst.SimpleStatementLine | cst.BaseSmallStatement):
                smalls: Sequence[cst.CSTNode] = (
                    statement.body
                    if isinstance(statement, cst.SimpleStatementLine)
                    else (statement,)
                )
                if (
                    len(smalls) == 1
                    and isinstance(smalls[0], cst.Pass)
                    and index < len(nodes)
                    and isinstance(nodes[index], _FUNCTIONS)
                ):
                    # A function the pruner replaced by `pass`, written on
                    # its first line (a decorator's, if any).
                    node = nodes[index]
                    first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                    self.offsets[id(statement)] = self.offset(node, first)
                    index += 1
                    continue
                group = nodes[index : index + len(smalls)]
                if len(group) != len(smalls) or any(
                    isinstance(n, _COMPOUND) for n in group
                ):
                    return
                for small, node in zip(smalls, group, strict=True):
                    self.offsets[id(small)] = self.offset(node)
                self.offsets[id(statement)] = self.offset(group[0])
                index += len(smalls)
                continue
            if index >= len(nodes) or not self.compound(statement, nodes[index]):
                return
            index += 1

    def compound(self, statement: cst.CSTNode, node: ast.stmt) -> bool:
        """Record one compound statement; False when the trees disagree."""
        match statement, node:
            case cst.ClassDef(), ast.ClassDef():
                self.decorators(statement.decorators, node.decorator_list)
                self.block(_body(statement.body), node.body)
            case cst.FunctionDef(), ast.FunctionDef() | ast.AsyncFunctionDef():
                self.decorators(statement.decorators, node.decorator_list)
            case cst.If(), ast.If():
                self.block(_body(statement.body), node.body)
                orelse = statement.orelse
                if isinstance(orelse, cst.If):
                    self.block([orelse], node.orelse)
                elif isinstance(orelse, cst.Else):
                    self.block(_body(orelse.body), node.orelse)
            case cst.Try(), ast.Try():
                self.block(_body(statement.body), node.body)
                if statement.orelse is not None:
                    self.block(_body(statement.orelse.body), node.orelse)
            case _:
                if type(statement).__name__ != type(node).__name__:
                    return False  # For/While/With/Match/TryStar: start only
        self.offsets[id(statement)] = self.offset(node)
        return True

    def decorators(
        self, decorators: Sequence[cst.Decorator], nodes: list[ast.expr]
    ) -> None:
        if len(decorators) == len(nodes):
            for decorator, node in zip(decorators, nodes, strict=True):
                self.offsets[id(decorator)] = self.offset(node)


def _body(suite: cst.BaseSuite) -> Sequence[cst.CSTNode]:
    return getattr(suite, "body", ())
