"""`python json_schema.py MODULE OUT.json`: pydantic's model_json_schema for
every model in MODULE, merged into one document whose `$defs` hold every
model and every definition they refer to (json_schema_to_zod.cjs reads it)."""

from __future__ import annotations

import json
import sys

from _models import concrete_models


def main() -> None:
    module, out = sys.argv[1], sys.argv[2]
    defs: dict[str, object] = {}
    for model in concrete_models(module):
        schema = model.model_json_schema()
        defs.update(schema.pop("$defs", {}))
        defs[model.__name__] = schema
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"$defs": defs}, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
