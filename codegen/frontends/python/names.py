"""Import resolution: a dotted name in a module -> what it denotes.

Works on summaries only. A name resolves to a user definition
(`DefRef`, id `module.path:QualName` plus any attribute path after it), a
library or third-party name (`ExternalRef`, by import path), a module, or
nothing (the caller reports TP101).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TypeAlias

from codegen.frontends.python.known import BUILTIN_NAMES, OVERRIDE_PRELUDE, canonical
from codegen.frontends.python.summary import ModuleSummary


@dataclass(frozen=True, slots=True)
class DefRef:
    """A user definition; `rest` is the attribute path after it
    (`Color.RED` -> rest `("RED",)`)."""

    id: str
    rest: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ExternalRef:
    """A name from outside the sources: `module` as imported, `name` the
    attribute path inside it. `module:name` is its override key."""

    module: str
    name: str
    #: The name typepact knows it by (`typing.Annotated` for
    #: `typing_extensions.Annotated`): asked at every use of the name, so
    #: worked out once, when the (memoised) resolution makes the ref.
    canonical: str = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "canonical", canonical(self.path))

    @property
    def path(self) -> str:
        return f"{self.module}.{self.name}"

    @property
    def key(self) -> str:
        return f"{self.module}:{self.name}"


@dataclass(frozen=True, slots=True)
class ModuleRef:
    module: str


Resolved: TypeAlias = DefRef | ExternalRef | ModuleRef

# Bindings of one module: a local definition, `from m import n`, or a module.
_Local = tuple[str, str]  # ("local", qualname)
_From = tuple[str, str, str]  # ("from", module, name)
_Mod = tuple[str, str]  # ("module", module)


class Names:
    def __init__(self, modules: Mapping[str, ModuleSummary]) -> None:
        self.modules = modules
        # Prefixes of user modules, so `import app.models` binds `app`.
        self.packages = {
            ".".join(m.split(".")[:i])
            for m in modules
            for i in range(1, m.count(".") + 1)
        }
        self.bindings: dict[str, dict[str, tuple[str, ...]]] = {}
        self.stars: dict[str, list[str]] = {}
        # Every module imports the same few libraries.
        self._suffixes: dict[str, str] = {}
        for summary in modules.values():
            self._index(summary)
        # The bindings never change once indexed, so what a name means in
        # a module is worked out once: a model corpus names the same few
        # imports (`Field`, `Annotated`, a sibling model) in every field,
        # and each lookup may walk import chains and star imports.
        self._resolved: dict[tuple[str, str, bool], Resolved | None] = {}

    def _index(self, summary: ModuleSummary) -> None:
        names: dict[str, tuple[str, ...]] = {}
        stars: list[str] = []
        for imp in summary.imports:
            source = absolute_module(summary, imp.module, imp.level)
            if imp.level == 0:
                source = self._namespace_suffix(source)
            if imp.name is None:
                if imp.asname is not None:
                    names[imp.asname] = ("module", source)
                else:
                    top = source.split(".")[0]
                    names[top] = ("module", top)
            elif imp.name == "*":
                stars.append(source)
            else:
                names[imp.asname or imp.name] = ("from", source, imp.name)
        for assign in summary.assigns:
            names[assign.name] = ("local", assign.name)
        for cls in summary.classes:
            if "." not in cls.qualname:
                names[cls.name] = ("local", cls.qualname)
        self.bindings[summary.module] = names
        self.stars[summary.module] = stars

    def _namespace_suffix(self, module: str) -> str:
        """`mistralai.azure.client.models` names the user module
        `client.models` when `mistralai/` and `azure/` are namespace
        packages (no `__init__.py`), which module naming stops at. Two
        trailing parts at least, so a lone `models` never matches."""
        found = self._suffixes.get(module)
        if found is None:
            found = self._suffixes[module] = self._find_namespace_suffix(module)
        return found

    def _find_namespace_suffix(self, module: str) -> str:
        if self.is_user_module(module):
            return module
        parts = module.split(".")
        for cut in range(1, len(parts) - 1):
            suffix = ".".join(parts[cut:])
            if suffix in self.modules or suffix in self.packages:
                return suffix
        return module

    def is_user_module(self, module: str) -> bool:
        return module in self.modules or module in self.packages

    # -- lookups -----------------------------------------------------------

    def resolve(
        self, module: str, dotted: str, *, prelude: bool = False
    ) -> Resolved | None:
        """What `dotted` means in `module`; `prelude` lets override text use
        common names (`Annotated`, `Field`, ...) without imports."""
        key = (module, dotted, prelude)
        try:
            return self._resolved[key]
        except KeyError:
            found = self._resolved[key] = self._resolve(module, dotted, prelude)
            return found

    def _resolve(self, module: str, dotted: str, prelude: bool) -> Resolved | None:
        first, *rest = dotted.split(".")
        found = self._lookup(module, first, set())
        if found is None:
            if prelude and first in OVERRIDE_PRELUDE:
                mod, _, name = OVERRIDE_PRELUDE[first].rpartition(".")
                found = ExternalRef(mod, name)
            elif first in BUILTIN_NAMES:
                found = ExternalRef("builtins", first)
            elif prelude and self.is_user_module(first):
                found = ModuleRef(first)
        for part in rest:
            if found is None:
                return None
            found = self._attribute(found, part, set())
        return found

    def _lookup(
        self, module: str, name: str, seen: set[tuple[str, str]]
    ) -> Resolved | None:
        if (module, name) in seen:
            return None  # an import cycle; the caller reports the unknown name
        seen.add((module, name))
        binding = self.bindings.get(module, {}).get(name)
        if binding is None:
            for star in reversed(self.stars.get(module, [])):
                if self._exports(star, name, seen):
                    return self._member(star, name, seen)
            return None
        match binding:
            case ("local", qualname):
                return DefRef(f"{module}:{qualname}")
            case ("module", target):
                return ModuleRef(target)
            case ("from", source, imported):
                return self._member(source, imported, seen)
        return None

    def _exports(self, module: str, name: str, seen: set[tuple[str, str]]) -> bool:
        summary = self.modules.get(module)
        if summary is None:
            return False
        if summary.all_names is not None:
            return name in summary.all_names
        if name.startswith("_"):
            return False
        return self._lookup(module, name, set(seen)) is not None

    def _member(
        self, module: str, name: str, seen: set[tuple[str, str]]
    ) -> Resolved | None:
        """Attribute `name` of module `module`."""
        if module in self.modules:
            found = self._lookup(module, name, seen)
            if found is not None:
                return found
        sub = f"{module}.{name}"
        if self.is_user_module(sub):
            return ModuleRef(sub)
        if self.is_user_module(module):
            return None
        return ExternalRef(module, name)

    def _attribute(
        self, base: Resolved, part: str, seen: set[tuple[str, str]]
    ) -> Resolved | None:
        match base:
            case ModuleRef(module=module):
                return self._member(module, part, seen)
            case ExternalRef(module=module, name=name):
                return ExternalRef(module, f"{name}.{part}")
            case DefRef(id=def_id, rest=rest):
                return DefRef(def_id, (*rest, part))
        return None


def absolute_module(summary: ModuleSummary, module: str, level: int) -> str:
    """The absolute module a (possibly relative) import names."""
    if level == 0:
        return module
    parts = summary.module.split(".")
    if not summary.is_package:
        parts = parts[:-1]
    if level > 1:
        parts = parts[: len(parts) - (level - 1)] if level - 1 <= len(parts) else []
    base = ".".join(parts)
    if not module:
        return base
    return f"{base}.{module}" if base else module
