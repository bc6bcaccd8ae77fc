from pydantic import BaseModel


class Customer(BaseModel):
    id: int
    email: str
