"""Hypothesis strategies for RFC 3339 text: valid values of every form, and near misses."""

from __future__ import annotations

from hypothesis import strategies as st

_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


@st.composite
def rfc3339_like(draw, valid: bool = False) -> str:
    """An RFC 3339 date-time from year 0001 to 9999 with any offset and 0-9 fractional
    digits; unless `valid`, each part is sometimes out of range or in a near-miss layout."""
    wild = (lambda: False) if valid else (lambda: draw(st.integers(0, 9)) == 0)
    year = draw(st.integers(0, 9999) if wild() else st.integers(1, 9999))
    month = draw(st.integers(0, 13) if wild() else st.integers(1, 12))
    day = draw(st.integers(0, 32) if wild() else st.integers(1, _days(year, month)))
    hour = draw(st.integers(0, 24) if wild() else st.integers(0, 23))
    minute = draw(st.integers(0, 60) if wild() else st.integers(0, 59))
    second = draw(st.integers(0, 61) if wild() else st.integers(0, 59))
    digits = draw(st.integers(0, 12) if wild() else st.integers(0, 9))
    fraction = "." + draw(st.text("0123456789", min_size=digits, max_size=digits)) if digits else ""
    separator = draw(st.sampled_from("Tt tx")) if wild() else draw(st.sampled_from("Tt"))
    zone = draw(_zone(wild()))
    return f"{year:04d}-{month:02d}-{day:02d}{separator}{hour:02d}:{minute:02d}:{second:02d}{fraction}{zone}"


def _days(year: int, month: int) -> int:
    if not 1 <= month <= 12:
        return 28
    leap_year = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 28 if month == 2 and not leap_year else _DAYS[month - 1]


def _zone(wild: bool) -> st.SearchStrategy[str]:
    hours, minutes = (st.integers(0, 25), st.integers(0, 61)) if wild else (st.integers(0, 23), st.integers(0, 59))
    numeric = st.tuples(st.sampled_from("+-"), hours, minutes)
    if wild:
        return st.one_of(numeric.map(lambda z: f"{z[0]}{z[1]:02d}{z[2]:02d}"), numeric.map(lambda z: f"{z[0]}{z[1]:02d}"),
                         numeric.map(lambda z: f"{z[0]}{z[1]:02d}:{z[2]:02d}:00"), st.sampled_from(["", "UTC", "Zz"]))
    return st.one_of(st.sampled_from("Zz"), numeric.map(lambda z: f"{z[0]}{z[1]:02d}:{z[2]:02d}"))
