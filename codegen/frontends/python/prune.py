"""CPython's tree of a file, and which of its functions the extractor reads.

Functions never define the wire shape, except a method decorated with
something like `@computed_field`, and only its name, decorators, return
annotation and docstring matter: the extractor never looks inside a
function body, and skips every function outside a class body and every
method whose decorators are all known to leave the wire alone.

The tree comes from `ast.parse`, which knows only the syntax of the Python
running typepact. Models written for a newer Python are read all the same:
a file the running parser rejects is tried once more with the newer syntax
rewritten, character for character, into older syntax (`_downlevel`), so
every line and column stays where it is in the real file; what the rewrite
hid is returned beside the tree. The newer syntax, none of it needed to
read a model beyond type parameter names:

- PEP 695/696 type parameters (3.12/3.13): `type X[T] = ...`,
  `class Box[T]: ...`, `def f[T](): ...`, `[T = int]`;
- PEP 701 f-strings (3.12): `f"{x["a"]}"`; PEP 750 t-strings (3.14);
- PEP 758 (3.14): `except A, B:`.
"""

from __future__ import annotations

import ast
import io
import keyword
import re
import tokenize
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field

from codegen.frontends.python.positions import line_starts

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


def method_is_read(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether a decorated method (a function right in a class body) is
    kept: a decorator of it is not known to be inert, or it is an enum's
    `_generate_next_value_` (whose body says what `auto()` gives)."""
    if node.name == "_generate_next_value_":
        return True
    return any(_last_name(d) not in _INERT_DECORATORS for d in node.decorator_list)


def _last_name(decorator: ast.expr) -> str | None:
    if isinstance(decorator, ast.Call):
        decorator = decorator.func
    if isinstance(decorator, ast.Attribute):
        return decorator.attr
    if isinstance(decorator, ast.Name):
        return decorator.id
    return None


@dataclass(frozen=True, slots=True)
class Tree:
    """A parsed file. `text` is what `ast` parsed: the file's own text, or
    its rewrite (same length, same lines); the tables say what was
    rewritten, by offsets in the file."""

    module: ast.Module
    text: str
    #: Offset of a `type` statement -> its name and type parameter names.
    #: It was rewritten into an assignment to a dummy target at that offset.
    type_aliases: dict[int, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    #: (line, name) of a class or function -> its type parameter names. It
    #: was rewritten with a dummy first base or parameter `_`.
    type_params: dict[tuple[int, str], tuple[str, ...]] = field(default_factory=dict)
    #: (start, end) of each f-string or t-string rewritten into a plain
    #: string (which the extractor must not take for a constant), in order.
    templates: list[tuple[int, int]] = field(default_factory=list)


def python_tree(text: str) -> Tree:
    """CPython's tree of `text`. Raises what `ast.parse` raises on `text`
    itself (a `SyntaxError` saying where) when it cannot be parsed."""
    try:
        return Tree(_parse(text), text)
    except SyntaxError as error:
        original = error
    rewrite = _downlevel(text)
    if rewrite is None:
        raise original
    try:
        module = _parse(rewrite.text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        # Report the file as written: its own first error, not the rewrite's.
        raise original from None
    return Tree(
        module,
        rewrite.text,
        rewrite.type_aliases,
        rewrite.type_params,
        rewrite.templates,
    )


def _parse(text: str) -> ast.Module:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # invalid escapes in user code
        return ast.parse(text)


# -- the rewrite -------------------------------------------------------------


@dataclass(slots=True)
class _Downlevel:
    text: str
    type_aliases: dict[int, tuple[str, tuple[str, ...]]]
    type_params: dict[tuple[int, str], tuple[str, ...]]
    templates: list[tuple[int, int]]


def _downlevel(text: str) -> _Downlevel | None:
    """`text` with the newer syntax listed above rewritten, or None when
    there is none (or the text does not even tokenize afterwards).

    Each character is replaced by one character and line breaks are kept,
    so offsets, lines and columns do not move:

    - `f"{x["a"]}"` becomes `u"         "` (`rf"..."` becomes ` u"..."`):
      a plain string, its span recorded so it is still not a constant;
    - `type X[T] = v` becomes `_     [_] = v`: an assignment at the same
      place whose value is `v` where it was;
    - `class Box[T](Base):` becomes `class Box(_, Base):` and
      `class Box[T]:` becomes `class Box(_):`, a dummy first base;
    - `def f[T](x):` becomes `def f(_, x):`, a dummy first parameter;
    - `except A, B:` becomes `except E   :` (handlers are never read).

    A multi-line type parameter list stays inside brackets, so its line
    breaks stay legal."""
    templates = _template_strings(text)
    if templates is None:
        return None
    chars = list(text)
    for start, quote, end in templates:
        if not _plain_string(chars, start, quote, end):
            return None
    try:
        readline = io.StringIO("".join(chars), newline=None).readline
        tokens = [
            t
            for t in tokenize.generate_tokens(readline)
            if t.type not in (tokenize.NL, tokenize.COMMENT)
        ]
    except (tokenize.TokenError, SyntaxError, ValueError):
        return None
    starts = line_starts(text)

    def at(point: tuple[int, int]) -> int:
        return starts[point[0] - 1] + point[1]

    aliases: dict[int, tuple[str, tuple[str, ...]]] = {}
    params: dict[tuple[int, str], tuple[str, ...]] = {}
    changed = bool(templates)
    for i, token in enumerate(tokens):
        if token.type != tokenize.NAME:
            continue
        if token.string == "except":
            changed |= _except_tuple(chars, tokens, i, at)
            continue
        if i + 2 >= len(tokens) or tokens[i + 1].type != tokenize.NAME:
            continue
        name, after = tokens[i + 1], tokens[i + 2]
        if token.string in ("class", "def") and after.string == "[":
            close = _closing(tokens, i + 2)
            if close is None or not _dummy_first(chars, tokens, i + 2, close, at):
                return None
            params[(token.start[0], name.string)] = _param_names(tokens, i + 2, close)
        elif (
            token.string == "type"
            and after.string in ("[", "=")
            and not keyword.iskeyword(name.string)
            and (i == 0 or _starts_statement(tokens[i - 1]))
        ):
            close = _closing(tokens, i + 2) if after.string == "[" else i + 1
            if close is None or close + 1 >= len(tokens):
                return None
            if tokens[close + 1].string != "=":
                return None
            start, equals = at(token.start), at(tokens[close + 1].start)
            _blank(chars, start, equals)
            chars[start] = "_"
            names: tuple[str, ...] = ()
            if after.string == "[":
                opening, closing = at(after.start), at(tokens[close].start)
                chars[opening], chars[closing] = "[", "]"
                chars[_first_inside(chars, opening, closing)] = "_"
                names = _param_names(tokens, i + 2, close)
            aliases[start] = (name.string, names)
    if not (changed or aliases or params):
        return None
    spans = [(start, end) for start, _, end in templates]
    return _Downlevel("".join(chars), aliases, params, spans)


#: Tokens after which a statement starts.
_STATEMENT_BREAKS = frozenset({tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT})


def _starts_statement(previous: tokenize.TokenInfo) -> bool:
    return previous.type in _STATEMENT_BREAKS or previous.string in (";", ":")


def _closing(tokens: list[tokenize.TokenInfo], opening: int) -> int | None:
    """Index of the token closing the bracket at `opening`."""
    depth = 0
    for j in range(opening, len(tokens)):
        if tokens[j].type != tokenize.OP:
            continue
        string = tokens[j].string
        if string in ("[", "(", "{"):
            depth += 1
        elif string in ("]", ")", "}"):
            depth -= 1
            if depth == 0:
                return j
    return None


def _param_names(
    tokens: list[tokenize.TokenInfo], opening: int, close: int
) -> tuple[str, ...]:
    """`T`, `Ts`, `P` from `[T: int, *Ts, **P = ...]`: names right after
    the bracket, a comma or a star, at the bracket's own depth."""
    names: list[str] = []
    depth = 0
    previous = tokens[opening]
    for token in tokens[opening + 1 : close]:
        if token.type == tokenize.OP and token.string in ("[", "(", "{"):
            depth += 1
        elif token.type == tokenize.OP and token.string in ("]", ")", "}"):
            depth -= 1
        elif (
            token.type == tokenize.NAME
            and depth == 0
            and previous.string in ("[", ",", "*", "**")
        ):
            names.append(token.string)
        previous = token
    return tuple(names)


def _dummy_first(
    chars: list[str],
    tokens: list[tokenize.TokenInfo],
    opening: int,
    close: int,
    at: Callable[[tuple[int, int]], int],
) -> bool:
    """`[T](x)` -> `(_, x)`, `[T]:` -> `(_):` in place."""
    start, end = at(tokens[opening].start), at(tokens[close].start)
    _blank(chars, start + 1, end)
    inside = _first_inside(chars, start, end)
    if inside >= end:
        return False
    chars[start], chars[inside] = "(", "_"
    following = tokens[close + 1] if close + 1 < len(tokens) else None
    if following is not None and following.string == "(":
        chars[end] = ","
        chars[at(following.start)] = " "
    else:
        chars[end] = ")"
    return True


def _except_tuple(
    chars: list[str],
    tokens: list[tokenize.TokenInfo],
    index: int,
    at: Callable[[tuple[int, int]], int],
) -> bool:
    """`except A, B:` / `except* A, B as e:` -> `except E   :`: a
    handler's types, unparenthesized (PEP 758), blanked to one name."""
    first = index + 1
    if first < len(tokens) and tokens[first].string == "*":
        first += 1
    depth, comma, last = 0, False, first
    while last < len(tokens):
        token = tokens[last]
        if token.type == tokenize.OP and token.string in ("(", "[", "{"):
            depth += 1
        elif token.type == tokenize.OP and token.string in (")", "]", "}"):
            depth -= 1
        elif depth == 0 and (token.string == ":" or token.string == "as"):
            break
        elif depth == 0 and token.string == ",":
            comma = True
        last += 1
    if not comma or last >= len(tokens) or last == first:
        return False
    start, end = at(tokens[first].start), at(tokens[last - 1].end)
    _blank(chars, start, end)
    chars[start] = "E"
    return True


def _blank(chars: list[str], start: int, end: int) -> None:
    """Spaces over `chars[start:end]`, keeping line breaks and the
    backslashes that continue a line."""
    for k in range(start, end):
        char = chars[k]
        if char in "\r\n":
            continue
        if char == "\\" and k + 1 < len(chars) and chars[k + 1] in "\r\n":
            continue
        chars[k] = " "


def _first_inside(chars: list[str], opening: int, closing: int) -> int:
    """The first place inside a bracket pair that is not a line break."""
    k = opening + 1
    while k < closing and chars[k] in "\r\n\\":
        k += 1
    return k


# -- f-strings and t-strings ---------------------------------------------------

_STRING_OR_COMMENT = re.compile(r"[#'\"]")
_PREFIX_LETTERS = frozenset("rRbBuUfFtT")


def _template_strings(text: str) -> list[tuple[int, int, int]] | None:
    """(start, opening quote, end) of each f-string and t-string in `text`
    (a nested one is part of its outer string), by Python 3.14's rules:
    a replacement field may hold any quotes, comments and line breaks.
    None when a string does not end."""
    found: list[tuple[int, int, int]] = []
    i = 0
    while True:
        match = _STRING_OR_COMMENT.search(text, i)
        if match is None:
            return found
        at = match.start()
        if text[at] == "#":
            i = _line_end(text, at)
            continue
        start, prefix = _prefix(text, at)
        end = _string_end(text, at, prefix)
        if end is None:
            return None
        if "f" in prefix or "t" in prefix:
            found.append((start, at, end))
        i = end


def _line_end(text: str, at: int) -> int:
    ends = [k for k in (text.find("\n", at), text.find("\r", at)) if k >= 0]
    return min(ends) if ends else len(text)


def _prefix(text: str, quote: int) -> tuple[int, str]:
    """Start and (lower-case) prefix of the string whose quote is at
    `quote`: up to two prefix letters not ending a longer name (`if"x"`)."""
    start = quote
    while start > 0 and quote - start < 2 and text[start - 1] in _PREFIX_LETTERS:
        start -= 1
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
        return quote, ""
    return start, text[start:quote].lower()


def _string_end(text: str, quote_at: int, prefix: str) -> int | None:
    """Offset just past the string literal whose quote is at `quote_at`."""
    quote = text[quote_at] * 3
    if not text.startswith(quote, quote_at):
        quote = text[quote_at]
    template = "f" in prefix or "t" in prefix
    raw = "r" in prefix
    i, size = quote_at + len(quote), len(text)
    while i < size:
        char = text[i]
        if char == "\\":
            if template and not raw and text.startswith("N{", i + 1):
                close = text.find("}", i)  # `\N{NAME}` is no replacement field
                i = size if close < 0 else close + 1
            else:
                i += 3 if text.startswith("\r\n", i + 1) else 2
        elif text.startswith(quote, i):
            return i + len(quote)
        elif char in "\r\n" and len(quote) == 1:
            return None
        elif template and char == "{":
            if text.startswith("{", i + 1):
                i += 2
            else:
                end = _field_end(text, i + 1)
                if end is None:
                    return None
                i = end
        else:
            i += 1
    return None


def _field_end(text: str, i: int) -> int | None:
    """Offset just past the `}` closing the replacement field whose
    expression starts at `i`: brackets nest; strings (of any quote) and
    comments are skipped; a `:` at the field's own depth starts a format
    spec, itself text with replacement fields."""
    depth, size = 0, len(text)
    while i < size:
        char = text[i]
        if char in "'\"":
            end = _string_end(text, i, _prefix(text, i)[1])
            if end is None:
                return None
            i = end
        elif char == "#":
            i = _line_end(text, i)
        elif char in "([{":
            depth += 1
            i += 1
        elif char in ")]":
            depth -= 1
            i += 1
        elif char == "}":
            if depth == 0:
                return i + 1
            depth -= 1
            i += 1
        elif char == ":" and depth == 0:
            return _spec_end(text, i + 1)
        else:
            i += 1
    return None


def _spec_end(text: str, i: int) -> int | None:
    size = len(text)
    while i < size:
        char = text[i]
        if char == "}":
            return i + 1
        if char == "{":
            end = _field_end(text, i + 1)
            if end is None:
                return None
            i = end
        else:
            i += 1
    return None


def _plain_string(chars: list[str], start: int, quote_at: int, end: int) -> bool:
    """An f-string or t-string -> a plain string of the same length in
    place: `u` for its prefix (` u` for two letters), blanks inside its
    quotes. False when that cannot be (a single-quoted string whose
    replacement field spans lines)."""
    quote = 3 if "".join(chars[quote_at : quote_at + 3]) in ('"""', "'''") else 1
    inside = range(quote_at + quote, end - quote)
    for k in inside:
        char = chars[k]
        if char in "\r\n":
            before = k - 2 if chars[k - 1 : k + 1] == ["\r", "\n"] else k - 1
            if quote == 1 and chars[before] != "\\":
                return False
        elif char == "\\" and k + 1 < end and chars[k + 1] in "\r\n":
            pass  # a line continuation inside the string: keep it
        else:
            chars[k] = " "
    chars[start:quote_at] = list("u".rjust(quote_at - start))
    return True
