"""RFC 3339 timestamps as the API sends them, read into aware UTC datetimes.

The rules, for every year from 0001 to 9999:
- Any number of fractional digits (RFC 3339's "." 1*DIGIT; the API sends 0 to 9); digits past the
  microsecond are dropped, never rounded, so a moment never moves into the next second (or year).
- "Z", "z" or a numeric offset "+HH:MM" / "-HH:MM" (HH 00-23, MM 00-59).
- A leap second (second 60) is accepted where one can happen, in the last minute of a UTC
  day (2016-12-31T23:59:60Z, or 2017-01-01T08:59:60+09:00). It reads as 23:59:59.999999
  UTC: Python has no second 60, and the last microsecond before the next second keeps the
  moment in its own day and in order.
- A moment that falls outside Python's datetimes once moved to UTC (only possible within
  a day of the calendar's ends: 0001-01-01T00:30:00+01:00, 9999-12-31T23:59:59-01:00) is
  clamped to the first or last representable microsecond. No token is dated there, and
  refusing it would make a whole token list unloadable.
Anything else is refused with a ModelError naming the field.
"""

from __future__ import annotations

import functools
import re
from datetime import datetime, timedelta, timezone
from typing import Any

from token_desk.api.errors import ModelError

UTC = timezone.utc
FIRST_MOMENT = datetime.min.replace(tzinfo=UTC)
LAST_MOMENT = datetime.max.replace(tzinfo=UTC)

_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_LAST_MINUTE_OF_DAY = 23 * 60 + 59
_fromisoformat = datetime.fromisoformat


@functools.cache
def _rfc3339() -> re.Pattern[str]:
    """The grammar, compiled where it is first used (the reference reading, for what the fast one leaves to it),
    not when the models load: the window's first paint imports them and reads no timestamp."""
    return re.compile(
        r"([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]+))?"
        r"(?:[Zz]|([+-])([0-9]{2}):([0-9]{2}))\Z"
    )


class UnusualTimestamp(ValueError):
    """Internal: a value the fast reading leaves to parse_timestamp_strictly()."""


def parse_timestamp(value: Any, field_name: str) -> datetime:
    """An RFC 3339 timestamp as an aware UTC datetime; ModelError naming `field_name` if not one."""
    if type(value) is str:
        try:
            return usual_timestamp(value)
        except (ValueError, OverflowError):
            pass
    return parse_timestamp_strictly(value, field_name)


def usual_timestamp(text: str) -> datetime:
    """The fast reading of the usual forms, for lists of 100,000 tokens: raises ValueError
    (UnusualTimestamp, or fromisoformat's) or OverflowError for anything else, which the
    strict reading then accepts or refuses.

    fromisoformat (3.11+) checks every range and truncates 7-9 fractional digits; the
    separators' positions and the lengths pin the RFC 3339 layout, which fromisoformat alone
    does not (it also takes week dates, "HHMMSS" times and offsets with seconds).
    """
    parsed = _fromisoformat(text)
    # text[4:19:3] is the separators at 4, 7, 10, 13 and 16 in one slice: "YYYY-MM-DDTHH:MM:SS".
    if text[4:19:3] != "--T::":
        raise UnusualTimestamp(text)
    length = len(text)
    if text[-1] == "Z":  # "...SSZ", or 1 to 9 fractional digits before the Z
        if length == 20 or (22 <= length <= 30 and text[19] == "."):
            return parsed
    # "...SS+HH:MM", or 1 to 9 fractional digits before the offset
    elif (length == 25 or (27 <= length <= 35 and text[19] == ".")) and text[-6] in "+-" and text[-3] == ":":
        return parsed if parsed.tzinfo is UTC else parsed.astimezone(UTC)
    raise UnusualTimestamp(text)


def parse_timestamp_strictly(value: Any, field_name: str) -> datetime:
    """The reference reading: the grammar as a regular expression, then plain arithmetic
    (no fromisoformat), so tests can hold the fast reading to an independent one."""
    match = _rfc3339().match(value) if type(value) is str else None
    if match is None:
        raise _timestamp_error(value, field_name)
    year, month, day, hour, minute, second = map(int, match.group(1, 2, 3, 4, 5, 6))
    fraction, sign, offset_hours, offset_minutes = match.group(7, 8, 9, 10)
    offset = 0 if sign is None else int(offset_hours) * 60 + int(offset_minutes)
    offset = -offset if sign == "-" else offset
    leap = second == 60
    valid = (
        1 <= year and 1 <= month <= 12 and 1 <= day <= _days_in_month(year, month) and hour <= 23
        and minute <= 59 and second <= 60 and (sign is None or (int(offset_hours) <= 23 and int(offset_minutes) <= 59))
        and (not leap or (hour * 60 + minute - offset) % 1440 == _LAST_MINUTE_OF_DAY)
    )
    if not valid:
        raise ModelError(field_name, f"is not a valid date and time: {value[:40]!r}")
    microsecond = 999999 if leap else int((fraction or "")[:6].ljust(6, "0"))
    local = datetime(year, month, day, hour, minute, min(second, 59), microsecond, tzinfo=UTC)
    return _shifted(local, -offset)


def _days_in_month(year: int, month: int) -> int:
    leap_year = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if month == 2 and leap_year else _DAYS_IN_MONTH[month - 1]


def _shifted(moment: datetime, minutes: int) -> datetime:
    """`moment` moved by `minutes`, clamped to the datetimes Python can hold."""
    try:
        return moment + timedelta(minutes=minutes)
    except OverflowError:
        return FIRST_MOMENT if minutes < 0 else LAST_MOMENT


def from_unix_time(seconds: int, nanos: int = 0) -> datetime:
    """A {seconds, nanos} moment (influxctl's JSON) in UTC, digits past microseconds dropped,
    clamped like RFC 3339 values to the datetimes Python can hold."""
    try:
        return _UNIX_EPOCH + timedelta(0, seconds, nanos // 1000)  # positional: twice as fast
    except OverflowError:
        return FIRST_MOMENT if seconds < 0 else LAST_MOMENT


_UNIX_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def format_timestamp(moment: datetime) -> str:
    """RFC 3339 in UTC with a Z, the form the app sends and shows in tooltips."""
    text = moment.astimezone(UTC).isoformat()
    return text.replace("+00:00", "Z")


def _timestamp_error(value: Any, name: str) -> ModelError:
    if type(value) is str:
        return ModelError(name, f"is not an RFC 3339 timestamp: {value[:40]!r}")
    if value is None:
        return ModelError(name, "is missing")
    return ModelError(name, f"must be an RFC 3339 timestamp string, got {json_type_name(value)}")


def json_type_name(value: Any) -> str:
    """What a decoded JSON value is called in error messages."""
    if isinstance(value, dict):
        return "object"
    return "null" if value is None else type(value).__name__
