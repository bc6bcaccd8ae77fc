from pydantic import BaseModel


class Coupon(BaseModel)
    code: str
    percent_off: int
