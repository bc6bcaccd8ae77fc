"""Blank out functions before libcst sees a file.

Functions never define the wire shape, except a method decorated with
something like `@computed_field`, and only its name, decorators, return
annotation and docstring matter. Yet in real code (SDK clients, services)
functions are most of the text, and libcst's cost grows with it: a
3,000-line client module took seconds. CPython's own parser (fast, in C)
finds the functions; their lines are emptied, so every remaining line and
column is exactly what it was in the real file and positions need no
mapping back.

- A function outside a class body, or a method whose decorators are all
  known to leave the wire alone (`@staticmethod`, `@field_validator`, ...),
  is replaced by `pass`.
- Any other decorated method keeps its decorators, signature and
  docstring; its body becomes `...`.
"""

from __future__ import annotations

import ast
import re
import warnings

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")

#: Last names of decorators that never make a method part of the wire
#: shape. A method with any other decorator is kept for resolution to read.
_INERT_DECORATORS = frozenset(
    {
        "overload",
        "override",
        "staticmethod",
        "classmethod",
        "property",
        "cached_property",
        "abstractmethod",
        "wraps",
        "field_validator",
        "model_validator",
        "validator",
        "root_validator",
        "validate_call",
        "setter",
        "getter",
        "deleter",
        "lru_cache",
        "cache",
        "contextmanager",
        "asynccontextmanager",
        "deprecated",
        "required_args",
    }
)

_Function = ast.FunctionDef | ast.AsyncFunctionDef


def python_tree(text: str) -> ast.Module | None:
    """CPython's parse of `text`, or None (libcst then reports the error)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escapes in user code
            return ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def prune_function_bodies(text: str, tree: ast.Module | None = None) -> str:
    """`text` with functions blanked as above; `text` itself when Python
    cannot parse it. `tree` is `python_tree(text)` when the caller has it."""
    if "def " not in text:
        return text
    tree = tree or python_tree(text)
    if tree is None:
        return text
    # Split as CPython counts lines (\n, \r\n and \r), keeping the ends.
    lines = [m.group(0) for m in _LINE.finditer(text)]
    changed = False
    # (node, is a method); outermost functions only: nested ones go with them.
    pending: list[tuple[ast.AST, bool]] = [(tree, False)]
    while pending:
        node, in_class = pending.pop()
        if not isinstance(node, _Function):
            children = ast.iter_child_nodes(node)
            is_class = isinstance(node, ast.ClassDef)
            pending.extend((child, is_class) for child in children)
            continue
        if in_class and node.name == "_generate_next_value_":
            continue  # its body says what an enum's auto() gives
        if not (in_class and _may_matter(node)):
            changed |= _replace_whole(lines, node)
        else:
            changed |= _blank_body(lines, node)
    return "".join(lines) if changed else text


def _may_matter(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    return any(_last_name(d) not in _INERT_DECORATORS for d in node.decorator_list)


def _last_name(decorator: ast.expr) -> str | None:
    if isinstance(decorator, ast.Call):
        decorator = decorator.func
    if isinstance(decorator, ast.Attribute):
        return decorator.attr
    if isinstance(decorator, ast.Name):
        return decorator.id
    return None


def _replace_whole(
    lines: list[str], node: ast.FunctionDef | ast.AsyncFunctionDef
) -> bool:
    first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
    last = node.end_lineno or node.lineno
    line = lines[first - 1]
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    if line[len(indent) :][:1] not in ("@", "d", "a"):  # `def`, `async`, `@`
        return False  # not at the start of its line: leave it
    for i in range(first - 1, last):
        lines[i] = _ending(lines[i])
    lines[first - 1] = indent + "pass" + lines[first - 1]
    return True


def _blank_body(lines: list[str], node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    body = node.body
    keep_doc = (
        isinstance(body[0], ast.Expr)
        and isinstance(body[0].value, ast.Constant)
        and isinstance(body[0].value.value, str)
    )
    rest = body[1:] if keep_doc else body
    if not rest:
        return False
    first, last = rest[0].lineno, rest[-1].end_lineno or rest[-1].lineno
    head = lines[first - 1].encode("utf-8")[: rest[0].col_offset]
    if (
        first == node.lineno  # `def f(): return 1`
        or (keep_doc and first == body[0].end_lineno)  # `"""doc"""; return 1`
        or head.strip()  # `): return x` after a multi-line signature
    ):
        return False
    for i in range(first - 1, last):
        lines[i] = _ending(lines[i])
    if not keep_doc:
        lines[first - 1] = head.decode("utf-8") + "..." + lines[first - 1]
    return True


def _ending(line: str) -> str:
    """Only the line break of `line`."""
    return line[len(line.rstrip("\r\n")) :]
