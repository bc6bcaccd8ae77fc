"""Source files handed to a frontend: text plus where it lives."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceFile:
    """One file to parse. Frontends never open files themselves, so the
    pipeline decides what is read, cached and skipped."""

    #: Path shown in diagnostics: relative to the project root, with `/`.
    display_path: str
    #: Dotted module name (`app.models.user`), derived from the package
    #: layout (`__init__.py` files); `__init__.py` itself is the package.
    module: str
    #: True for `__init__.py` (relative imports resolve against `module`).
    is_package: bool
    #: The decoded text.
    text: str
