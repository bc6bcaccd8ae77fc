"""`python fastapi_openapi.py MODULE OUT.json`: FastAPI's app.openapi() with
one GET route per model (response_model=the model), so every model and
everything it refers to lands in components.schemas."""

from __future__ import annotations

import json
import sys

from _models import concrete_models
from fastapi import FastAPI


def main() -> None:
    module, out = sys.argv[1], sys.argv[2]
    app = FastAPI(title="bench", version="0.1.0")
    for model in concrete_models(module):

        def endpoint() -> None:  # never called: only the schema matters
            return None

        app.get(f"/{model.__name__}", response_model=model)(endpoint)
    document = app.openapi()
    with open(out, "w", encoding="utf-8") as f:
        json.dump(document, f, indent=1)
    count = len(document.get("components", {}).get("schemas", {}))
    print(f"{count} component schemas", file=sys.stderr)


if __name__ == "__main__":
    main()
