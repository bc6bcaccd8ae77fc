from collections.abc import Callable

from pydantic import BaseModel, ConfigDict


class HttpClient:
    """A plain class, not a model: it has no JSON shape."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url


class ExportJob(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    name: str
    client: HttpClient
    on_done: Callable[[int], None]
    retries: int = 3
