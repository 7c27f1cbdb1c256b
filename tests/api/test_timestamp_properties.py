"""Properties of the RFC 3339 reading, over generated values from year 0001 to 9999: every
value is read into UTC or refused naming the field, never anything else."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from timestamp_strategies import rfc3339_like

from token_desk.api.models import ModelError, format_timestamp, parse_timestamp
from token_desk.api.timestamps import FIRST_MOMENT, LAST_MOMENT, UTC, from_unix_time, parse_timestamp_strictly

_OFFSETS = st.integers(-(23 * 60 + 59), 23 * 60 + 59).map(lambda minutes: timezone(timedelta(minutes=minutes)))


def _outcome(read, text):
    try:
        moment = read(text, "expiresAt")
    except ModelError as err:
        return err.field_name
    return moment.isoformat()


@settings(max_examples=500, deadline=None)
@given(text=rfc3339_like())
def test_the_fast_reading_agrees_with_the_reference_for_any_text(text):
    """Near misses included: same moment (in UTC) or the same refusal, never another exception."""
    assert _outcome(parse_timestamp, text) == _outcome(parse_timestamp_strictly, text)


@settings(max_examples=500, deadline=None)
@given(text=rfc3339_like(valid=True))
def test_every_valid_value_reads_as_utc_within_the_calendar(text):
    moment = parse_timestamp(text, "createdAt")
    assert moment.tzinfo is UTC
    assert FIRST_MOMENT <= moment <= LAST_MOMENT
    if FIRST_MOMENT < moment < LAST_MOMENT:  # not clamped: the same wall time at the text's offset
        local = datetime.fromisoformat(text[:19] + _zone(text))
        assert moment.replace(microsecond=0) == local.replace(microsecond=0)
        assert parse_timestamp(format_timestamp(moment), "createdAt") == moment


def _zone(text: str) -> str:
    return "+00:00" if text[-1] in "Zz" else text[-6:]


@settings(max_examples=300, deadline=None)
@given(moment=st.datetimes(timezones=st.just(UTC)), offset=_OFFSETS)
def test_what_the_app_writes_reads_back_exactly(moment, offset):
    assert parse_timestamp(format_timestamp(moment), "expiresAt") == moment
    try:
        shown = moment.astimezone(offset)
    except OverflowError:  # the same moment does not exist in that zone's calendar
        return
    assert parse_timestamp(shown.isoformat(), "expiresAt") == moment


@settings(max_examples=200, deadline=None)
@given(day=st.dates(), offset=_OFFSETS, fraction=st.sampled_from(["", ".0", ".5", ".999999999"]))
def test_a_leap_second_reads_as_the_last_microsecond_of_its_utc_day(day, offset, fraction):
    end_of_day = datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=23, minutes=59)
    try:
        local = end_of_day.astimezone(offset)
    except OverflowError:
        return
    wall = f"{local.year:04d}-{local.month:02d}-{local.day:02d}T{local.hour:02d}:{local.minute:02d}"
    text = f"{wall}:60{fraction}{local.isoformat()[-6:]}"
    assert parse_timestamp(text, "revokedAt") == end_of_day.replace(second=59, microsecond=999999)


@settings(max_examples=200, deadline=None)
@given(day=st.dates(), hour=st.integers(0, 23), minute=st.integers(0, 58))
def test_a_leap_second_anywhere_else_is_refused_naming_the_field(day, hour, minute):
    with pytest.raises(ModelError) as caught:
        parse_timestamp(f"{day.isoformat()}T{hour:02d}:{minute:02d}:60Z", "revokedAt")
    assert caught.value.field_name == "revokedAt"


@pytest.mark.parametrize(("text", "expected"), [
    ("0001-01-01T00:30:00+01:00", FIRST_MOMENT),
    ("0001-01-01T00:00:00.000001+00:01", FIRST_MOMENT),
    ("0001-01-01T00:00:00-00:01", datetime(1, 1, 1, 0, 1, tzinfo=UTC)),
    ("9999-12-31T23:59:59-01:00", LAST_MOMENT),
    ("9999-12-31T23:59:60Z", LAST_MOMENT),
    ("9999-12-31T23:59:59.999999999Z", LAST_MOMENT),
    ("2016-12-31T23:59:60Z", datetime(2016, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)),
])
def test_the_edges_of_the_calendar(text, expected):
    assert parse_timestamp(text, "expiresAt") == expected


@settings(max_examples=300, deadline=None)
@given(seconds=st.integers(-(2**63), 2**63 - 1), nanos=st.integers(0, 999_999_999))
def test_influxctl_seconds_and_nanos_read_as_utc_within_the_calendar(seconds, nanos):
    moment = from_unix_time(seconds, nanos)
    assert moment.tzinfo is UTC and FIRST_MOMENT <= moment <= LAST_MOMENT
    if FIRST_MOMENT < moment < LAST_MOMENT:
        assert moment == datetime(1970, 1, 1, tzinfo=UTC) + timedelta(seconds=seconds, microseconds=nanos // 1000)
