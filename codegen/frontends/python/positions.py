"""Source text and the positions CPython's parser gives its nodes.

`ast` nodes carry `lineno`, `col_offset`, `end_lineno`, `end_col_offset`,
with columns in UTF-8 bytes; summaries use 1-based character columns, so a
line holding non-ASCII text is converted: in `ñame: int`, ast puts `int`
at byte offset 7 (`ñ` takes two bytes); it is the 7th character, column 7.

A node's span leaves out the parentheses written around it (`(int | None)`
spans `int | None`). Diagnostics point at, and unsupported expressions
quote, the expression as written, parentheses included, so `span` widens a
node over the pairs that enclose nothing else. A quoted expression that
spans lines is dedented to its statement (`quote`), so it reads the same
however deeply the statement is nested.
"""

from __future__ import annotations

import ast
import bisect
import re

_LINE_BREAK = re.compile(r"\r\n?|\n")
_COMMENT_END = re.compile(r"[\r\n]")
#: What may sit between a parenthesis and the expression it encloses
#: (comments aside): whitespace, line breaks, line continuations.
_GAP = frozenset(" \t\f\r\n\\")


def line_starts(text: str) -> list[int]:
    """Offset of each line's first character, lines ending at `\\n`,
    `\\r\\n` or a lone `\\r`, as CPython's tokenizer counts them."""
    if "\r" not in text:
        starts = [0]
        at = text.find("\n")
        while at >= 0:
            starts.append(at + 1)
            at = text.find("\n", at + 1)
        return starts
    return [0, *(m.end() for m in _LINE_BREAK.finditer(text))]


def _dedent(text: str, indent: str) -> str:
    starts = line_starts(text)
    in_string = _string_lines(text)
    lines = [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    for i in range(1, len(lines)):
        after_backslash = lines[i - 1].rstrip("\r\n").endswith("\\")
        if i not in in_string and not after_backslash and lines[i].startswith(indent):
            lines[i] = lines[i][len(indent) :]
    return "".join(lines)


def _string_lines(text: str) -> set[int]:
    """0-based indices of the lines of `text` that start inside a string
    literal (a triple-quoted string's second line, say)."""
    import io
    import tokenize  # only for the rare multi-line quote

    inside: set[int] = set()
    depth, opened = 0, 0  # f-strings are several tokens on Python 3.12+
    fstring_start = getattr(tokenize, "FSTRING_START", None)
    fstring_end = getattr(tokenize, "FSTRING_END", None)
    try:
        for token in tokenize.generate_tokens(io.StringIO(text, newline=None).readline):
            if token.type == fstring_start:
                depth += 1
                if depth == 1:
                    opened = token.start[0]
            elif token.type == fstring_end:
                depth -= 1
                if depth == 0:
                    inside.update(range(opened, token.end[0]))
            elif token.type == tokenize.STRING and depth == 0:
                inside.update(range(token.start[0], token.end[0]))
    except (tokenize.TokenError, SyntaxError):
        pass
    return inside


class SourceText:
    """`text` with ast positions -> character offsets -> (line, column).

    `parsed` is the text CPython parsed when it differs from `text` (see
    `prune.python_tree`): the same characters at the same offsets except
    for rewritten syntax, so offsets hold for both; columns are converted
    on `parsed` (whose bytes ast counted) and quoted text comes from `text`.
    `base_line`/`base_column` place text that sits inside a string literal
    (a forward reference) in the real file."""

    __slots__ = (
        "_encoded",
        "ascii",
        "base_column",
        "base_line",
        "parsed",
        "starts",
        "text",
    )

    def __init__(
        self,
        text: str,
        parsed: str | None = None,
        base_line: int = 1,
        base_column: int = 1,
    ) -> None:
        self.text = text
        self.parsed = text if parsed is None else parsed
        self.starts = line_starts(text)
        self.ascii = self.parsed.isascii()
        self.base_line = base_line
        self.base_column = base_column
        #: Line number -> the line's UTF-8 bytes, for non-ASCII lines only.
        self._encoded: dict[int, bytes | None] = {}

    # -- offsets ---------------------------------------------------------

    def offset(self, lineno: int, col: int) -> int:
        """Character offset of ast's (1-based line, UTF-8 byte column)."""
        start = self.starts[lineno - 1]
        if self.ascii:
            return start + col
        if lineno in self._encoded:
            encoded = self._encoded[lineno]
        else:
            end = self.starts[lineno] if lineno < len(self.starts) else None
            line = self.parsed[start:end]
            encoded = None if line.isascii() else line.encode("utf-8")
            self._encoded[lineno] = encoded
        if encoded is None:
            return start + col
        return start + len(encoded[:col].decode("utf-8", "replace"))

    def start(self, node: ast.expr | ast.stmt | ast.keyword | ast.arg) -> int:
        return self.offset(node.lineno, node.col_offset)

    def end(self, node: ast.expr | ast.stmt | ast.keyword | ast.arg) -> int:
        assert node.end_lineno is not None and node.end_col_offset is not None
        return self.offset(node.end_lineno, node.end_col_offset)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, character column) of `offset`."""
        index = bisect.bisect_right(self.starts, offset) - 1
        column = offset - self.starts[index] + 1
        if index == 0:
            return self.base_line, self.base_column + column - 1
        return self.base_line + index, column

    def segment(self, start: int, end: int) -> str:
        return self.text[start:end]

    def quote(self, start: int, end: int, indent: str) -> str:
        """`text[start:end]` as a summary quotes it: continuation lines
        lose `indent`, the indentation of the statement the text belongs
        to, so an expression reads the same however deeply its statement
        is nested (as libcst, which typepact used before, rendered it).
        Lines that continue a string literal or follow a backslash are
        kept as written."""
        text = self.text[start:end]
        if not indent or ("\n" not in text and "\r" not in text):
            return text
        return _dedent(text, indent)

    def indent(self, node: ast.stmt) -> str:
        """The indentation of the line `node` starts on."""
        start = self.starts[node.lineno - 1]
        end = start
        while end < len(self.text) and self.text[end] in " \t":
            end += 1
        return self.text[start:end]

    def line_start(self, lineno: int) -> int:
        return self.starts[lineno - 1]

    # -- parentheses -----------------------------------------------------

    def span(self, node: ast.expr, lo: int, owned: int = 0) -> tuple[int, int]:
        """Offsets of `node` with the parentheses written around it.

        `lo` is where the syntax before the node ends (the previous
        sibling's end, the parent's start): only code, no string, lies
        between `lo` and the node, so a `#` there starts a comment. The
        first `owned` parentheses after `lo` belong to the parent (a call's,
        a class's argument list), not to the node."""
        if self.ascii:  # columns are characters: `offset` inlined
            starts = self.starts
            start = starts[node.lineno - 1] + node.col_offset
            end = starts[node.end_lineno - 1] + node.end_col_offset  # type: ignore[operator]
        else:
            start = self.start(node)
            end = self.end(node)
        text = self.parsed
        if text.find("(", lo, start) < 0:
            return start, end
        opens = self._opens(lo, start)[owned:]
        if not opens:
            return start, end
        closes = self._closes(end, len(opens))
        if closes:
            start, end = opens[-len(closes)], closes[-1] + 1
        return start, end

    def _opens(self, lo: int, start: int) -> list[int]:
        """The `(` immediately before `start`, outermost first."""
        text = self.parsed
        run: list[int] = []
        i = lo
        while i < start:
            char = text[i]
            if char == "(":
                run.append(i)
            elif char == "#":
                found = _COMMENT_END.search(text, i, start)
                i = found.start() if found else start
                continue
            elif char not in _GAP:
                run = []
            i += 1
        return run

    def _closes(self, end: int, limit: int) -> list[int]:
        """Up to `limit` `)` immediately after `end`, innermost first."""
        text = self.parsed
        found: list[int] = []
        i, size = end, len(text)
        while i < size and len(found) < limit:
            char = text[i]
            if char == ")":
                found.append(i)
            elif char == "#":
                stop = _COMMENT_END.search(text, i)
                i = stop.start() if stop else size
                continue
            elif char not in _GAP:
                break
            i += 1
        return found

    def on_header_line(self, node: ast.stmt) -> bool:
        """Whether `node` follows its block's colon on the same line
        (`class A: x: int`): a one-line suite, not an indented block."""
        text = self.parsed
        i = self.start(node) - 1
        while i >= 0:
            char = text[i]
            if char in " \t\f":
                i -= 1
            elif char in "\r\n":
                j = i - 1 if char == "\r" or i == 0 or text[i - 1] != "\r" else i - 2
                if j >= 0 and text[j] == "\\":  # a line continuation
                    i = j - 1
                    continue
                return False
            else:
                return char == ":"
        return False
