"""Comment threads: self- and mutually recursive models, with string
forward references instead of postponed annotations."""

from typing import Optional

from pydantic import BaseModel


class Comment(BaseModel):
    author: "Author"
    text: str
    replies: list["Comment"] = []


class Author(BaseModel):
    username: str
    pinned_comment: Optional["Comment"] = None


class Thread(BaseModel):
    title: str
    comments: list[Comment]
    comment_count_by_author: dict[str, int] = {}
