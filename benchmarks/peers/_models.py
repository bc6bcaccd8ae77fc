"""Shared by the peer helpers: import a module and list its concrete models.

Runs inside a peer's own virtual environment, so it uses only the standard
library and pydantic.
"""

from __future__ import annotations

import importlib
import inspect


def concrete_models(module_name: str) -> list[type]:
    """Every non-generic pydantic model reachable as a name in the module,
    in name order (the same rule pydantic-to-typescript applies)."""
    from pydantic import BaseModel

    module = importlib.import_module(module_name)
    models = []
    for _, obj in inspect.getmembers(module, inspect.isclass):
        if obj is BaseModel or not issubclass(obj, BaseModel):
            continue
        if obj.__pydantic_generic_metadata__.get("parameters"):
            continue  # an unparametrised generic such as Page[T]
        models.append(obj)
    return models
