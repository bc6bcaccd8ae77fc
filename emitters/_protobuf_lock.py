"""The protobuf field-number lock file: numbers, once published, never move.

The lock maps every message's proto field names and every enum's wire
values to their numbers, and remembers the numbers (and names) that were
used and are gone (`retired`), so they become `reserved` and are never
handed out again. Entries for messages and enums that disappeared from the
sources are kept: bringing a model back must not reuse its old numbers for
other meanings. Delete an entry by hand to forget it on purpose.

The file is JSON with sorted keys and one entry per line, so two branches
that each add a field merge with at most a trivial conflict:

    {
      "enums": {
        "OrderStatus": {
          "retired": {},
          "values": {
            "paid": 2,
            "pending": 1
          }
        }
      },
      "messages": {
        "Customer": {
          "fields": {
            "email": 2,
            "id": 1
          },
          "retired": {
            "nickname": [3]
          }
        }
      },
      "version": 1
    }
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from codegen.records import Record

LOCK_VERSION = 1

#: Numbers protobuf keeps for its own implementation.
_IMPLEMENTATION_RESERVED = range(19000, 20000)
#: The largest field number protobuf allows (2^29 - 1).
MAX_FIELD_NUMBER = 536_870_911


class LockError(Exception):
    """The lock file cannot be read; never renumber silently."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


@dataclass(slots=True)
class Entry:
    """Numbers of one message (keys: proto field names) or one enum (keys:
    wire values)."""

    current: dict[str, int] = field(default_factory=dict)
    #: Key -> every number it had before it disappeared.
    retired: dict[str, list[int]] = field(default_factory=dict)

    def used_numbers(self) -> set[int]:
        return set(self.current.values()) | {
            n for numbers in self.retired.values() for n in numbers
        }


class Numbered(Record):
    """The outcome for one message or enum."""

    numbers: dict[str, int]
    reserved_numbers: tuple[int, ...]
    #: Retired keys that are not in use again.
    reserved_keys: tuple[str, ...]


@dataclass(slots=True)
class Lock:
    messages: dict[str, Entry] = field(default_factory=dict)
    enums: dict[str, Entry] = field(default_factory=dict)

    def number_message(self, name: str, keys: Sequence[str]) -> Numbered:
        return _renumber(self.messages.setdefault(name, Entry()), keys)

    def number_enum(self, name: str, keys: Sequence[str]) -> Numbered:
        return _renumber(self.enums.setdefault(name, Entry()), keys)

    def to_text(self) -> str:
        return _render(
            {
                "enums": {
                    name: {"retired": entry.retired, "values": entry.current}
                    for name, entry in self.enums.items()
                },
                "messages": {
                    name: {"fields": entry.current, "retired": entry.retired}
                    for name, entry in self.messages.items()
                },
                "version": LOCK_VERSION,
            }
        )


def _next_free(used: set[int], start: int) -> int:
    number = start
    while number in used or number in _IMPLEMENTATION_RESERVED:
        number += 1
    return number


def _renumber(entry: Entry, keys: Sequence[str]) -> Numbered:
    """Update `entry` in place for the keys now present, in order."""
    wanted = set(keys)
    for key in sorted(set(entry.current) - wanted):
        entry.retired.setdefault(key, []).append(entry.current.pop(key))
    used = entry.used_numbers()
    # Always above the highest number ever used: a hole left by an old
    # retirement stays a hole, so reading the lock tells the history.
    start = max(used, default=0) + 1
    for key in keys:
        if key not in entry.current:
            number = _next_free(used, start)
            entry.current[key] = number
            used.add(number)
            start = number + 1
    for numbers in entry.retired.values():
        numbers.sort()
    reserved_numbers = sorted(
        {n for numbers in entry.retired.values() for n in numbers}
        - set(entry.current.values())
    )
    return Numbered(
        numbers={key: entry.current[key] for key in keys},
        reserved_numbers=tuple(reserved_numbers),
        reserved_keys=tuple(sorted(set(entry.retired) - wanted)),
    )


def parse_lock(text: str | None) -> Lock:
    """The lock in `text`; an empty lock when the file is missing."""
    if text is None:
        return Lock()
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LockError(f"not valid JSON: {exc.msg}", exc.lineno, exc.colno) from None
    if not isinstance(data, dict):
        raise LockError("the top level must be a JSON object")
    if data.get("version") != LOCK_VERSION:
        raise LockError(
            f"unsupported lock version {data.get('version')!r} "
            f"(this typepact writes version {LOCK_VERSION})"
        )
    unknown = set(data) - {"enums", "messages", "version"}
    if unknown:
        raise LockError(f"unknown key(s) {sorted(unknown)}")
    return Lock(
        messages=_entries(data.get("messages", {}), "messages", "fields"),
        enums=_entries(data.get("enums", {}), "enums", "values"),
    )


def _entries(raw: object, where: str, current_key: str) -> dict[str, Entry]:
    if not isinstance(raw, dict):
        raise LockError(f"`{where}` must be an object")
    entries: dict[str, Entry] = {}
    for name, body in raw.items():
        here = f"{where}.{name}"
        if not isinstance(body, dict) or set(body) - {current_key, "retired"}:
            raise LockError(f"`{here}` must hold `{current_key}` and `retired` only")
        current = body.get(current_key, {})
        retired = body.get("retired", {})
        if not isinstance(current, dict) or not all(
            _is_number(v) for v in current.values()
        ):
            raise LockError(f"`{here}.{current_key}` must map names to numbers")
        if not isinstance(retired, dict) or not all(
            isinstance(v, list) and all(_is_number(n) for n in v)
            for v in retired.values()
        ):
            raise LockError(f"`{here}.retired` must map names to lists of numbers")
        entry = Entry(dict(current), {k: list(v) for k, v in retired.items()})
        numbers = list(entry.current.values())
        if len(numbers) != len(set(numbers)):
            raise LockError(f"`{here}` gives one number to two names")
        reused = set(numbers) & {n for ns in entry.retired.values() for n in ns}
        if reused:
            raise LockError(f"`{here}` reuses retired number(s) {sorted(reused)}")
        entries[name] = entry
    return entries


def _is_number(value: object) -> bool:
    return (
        isinstance(value, int)
        and not isinstance(value, bool)
        and 0 <= value <= MAX_FIELD_NUMBER
    )


def _render(value: object, indent: str = "") -> str:
    """JSON with sorted keys, one entry per line, number lists inline."""
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = indent + "  "
        items = [
            f"{inner}{_json(key)}: {_render(value[key], inner)}"
            for key in sorted(value)
        ]
        body = ",\n".join(items)
        text = "{\n" + body + "\n" + indent + "}"
        return text + ("\n" if not indent else "")
    return _json(value)


def _json(value: object) -> str:
    """`json.dumps(value)`. The lock holds thousands of names and numbers,
    and `json.dumps` sets an encoder up on every call: strings and ints,
    nearly all of it, are spelled directly, as `json.dumps` spells them."""
    if type(value) is str:
        return json.encoder.encode_basestring_ascii(value)
    if type(value) is int:
        return int.__repr__(value)
    return json.dumps(value)
