"""Which source files need parsing: those that may define a contract type,
and the modules they import from.

A source folder often holds far more than models (services, routes,
scripts), and parsing is most of a cold run. typepact emits classes
(models, enums, TypedDicts, dataclasses) and module-level type aliases;
everything else in the sources matters only when such a definition refers
to it through an import (a re-export in an `__init__.py`, an alias, a
constant used as a limit). So a cold run parses:

1. every file whose text may define one (`may_define_types`: a textual,
   deliberately generous test, which also sees through syntax errors);
2. then, until nothing is added, every source module a parsed one imports
   (`imported_modules`).

A file outside both is never read by the frontend: its content cannot
change the output.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

TYPE_CHECKING = False  # typing's own costs more than this module
if TYPE_CHECKING:
    from codegen.frontends.python.summary import ModuleSummary

#: A class anywhere, and the typing forms that make a module-level name a
#: type (aliases, NewType, TypeVar) or a class from a call (functional Enum,
#: TypedDict, NamedTuple, pydantic's create_model). Plain substrings: a
#: false match only costs a parse, and `in` is far faster than a regex.
_WORDS = (
    "class",
    "TypeAlias",
    "NewType",
    "TypeVar",
    "ParamSpec",
    "TypedDict",
    "NamedTuple",
    "Enum",
    "Flag",
    "create_model",
    "make_dataclass",
)
#: PEP 695's `type X = ...` / `type X[T] = ...`.
_TYPE_STATEMENT = re.compile(r"^[ \t]*type[ \t]+[A-Za-z_]\w*[ \t]*[\[=]", re.MULTILINE)
#: A module-level statement that opens a block (`if TYPE_CHECKING:`, `try:`),
#: whose indented body may hold module-level aliases.
_BLOCK = re.compile(r"^(?:if|try|with|for|while|match)\b", re.MULTILINE)
#: A module-level assignment `Name = value` or `A = B = value` (not `==`,
#: not annotated: an annotated one is an alias only as `X: TypeAlias`).
_ASSIGN = re.compile(
    r"^[A-Za-z_]\w*(?:[ \t]*=[ \t]*[A-Za-z_]\w*)*[ \t]*=(?!=)(.*)$", re.MULTILINE
)
#: Values that cannot be a type: literals (not `None`, which starts
#: `None | int`; not a parenthesis, which may hold a union) and calls of
#: anything not named in `_WORDS` (`logger = logging.getLogger(__name__)`,
#: `app = FastAPI()`).
_NOT_A_TYPE = re.compile(
    r"""[ \t]*(?:[-+\d"'\[{]|[rbfuRBFU]{1,2}["']|True\b|False\b"""
    r"|[A-Za-z_][\w.]*[ \t]*\()"
)


def may_define_types(text: str) -> bool:
    """False only when `text` certainly defines no class and no module-level
    type alias (its module-level assignments all hold literals or call
    results, and none sits in a block)."""
    if any(word in text for word in _WORDS):
        return True
    if _TYPE_STATEMENT.search(text) or _BLOCK.search(text):
        return True
    return any(not _NOT_A_TYPE.match(m.group(1)) for m in _ASSIGN.finditer(text))


class ModuleIndex:
    """The source modules, and for each package the modules below it."""

    def __init__(self, modules: Iterable[str]) -> None:
        self.modules = set(modules)
        self.below: dict[str, list[str]] = {}
        for module in self.modules:
            parts = module.split(".")
            for i in range(1, len(parts)):
                self.below.setdefault(".".join(parts[:i]), []).append(module)


def imported_modules(summary: ModuleSummary, index: ModuleIndex) -> set[str]:
    """The source modules that `summary`'s imports may read: each imported
    module, its packages, and for `from m import name` the submodule
    `m.name`; for a plain `import m`, every module below `m` (reached as
    attributes, `m.sub.Model`)."""
    from codegen.frontends.python.names import absolute_module

    needed: set[str] = set()
    for item in summary.imports:
        target = absolute_module(summary, item.module, item.level)
        parts = target.split(".") if target else []
        for i in range(1, len(parts) + 1):
            needed.add(".".join(parts[:i]))
        if item.name is not None and item.name != "*":
            needed.add(f"{target}.{item.name}" if target else item.name)
        elif item.name is None:
            needed.update(index.below.get(target, ()))
    return needed & index.modules
