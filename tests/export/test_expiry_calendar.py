"""Expiry reminders read back as a calendar reads them (the icalendar library): CRLF, folding at 75 octets,
escaping, UTC times whatever the offset or the local zone, stable UIDs, two alarms, cancelled events."""

from __future__ import annotations

import os
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import icalendar
import pytest

from token_desk.api.models import Permission, Token, TokenKind
from token_desk.export.calendar import export_expiry_reminders, uid

NOW = datetime(2026, 11, 29, 10, 0, tzinfo=timezone.utc)
EAST, WEST = timezone(timedelta(hours=5, minutes=30)), timezone(timedelta(hours=-8))


def token(number: int, description: str = "Grafana dashboards", *, kind=TokenKind.DATABASE,
          expires_at: datetime | None = NOW + timedelta(days=20), revoked_at=None) -> Token:
    return Token(kind=kind, id=f"00000000-0000-4000-8000-{number:012d}", description=description,
                 created_at=NOW - timedelta(days=3), expires_at=expires_at, revoked_at=revoked_at,
                 prefix="M.V1.secretish" if kind is TokenKind.MANAGEMENT else None,
                 cluster_id="22222222-2222-4222-8222-222222222222",
                 permissions=(Permission("read", "telemetry"),) if kind is TokenKind.DATABASE else ())


def write(tmp_path: Path, tokens, now: datetime = NOW) -> tuple[bytes, icalendar.Calendar]:
    path = tmp_path / "reminders.ics"
    export_expiry_reminders(path, tokens, now, "Token Desk: Production")
    raw = path.read_bytes()
    return raw, icalendar.Calendar.from_ical(raw)


def events(calendar: icalendar.Calendar) -> list:
    return list(calendar.walk("VEVENT"))


def test_one_event_per_active_expiring_token_at_the_expiry_instant_in_utc(tmp_path):
    tokens = [token(1), token(2, expires_at=None), token(3, expires_at=NOW - timedelta(days=1)),
              token(4, "Terraform", kind=TokenKind.MANAGEMENT, expires_at=(NOW + timedelta(days=3)).astimezone(EAST))]
    _raw, calendar = write(tmp_path, tokens)
    found = events(calendar)
    assert [str(event["SUMMARY"]) for event in found] == [
        "Token expires: Terraform (management token)", "Token expires: Grafana dashboards (database token)"]
    start = found[0].decoded("DTSTART")
    assert start == NOW + timedelta(days=3) and start.utcoffset() == timedelta(0)  # UTC, not +05:30
    assert "DTSTART:20261202T100000Z" in _raw.decode()
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "America/Los_Angeles", "UTC"])
def test_the_local_time_zone_changes_nothing_in_the_file(tmp_path, monkeypatch, zone):
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        raw, _calendar = write(tmp_path, [token(1, expires_at=datetime(2028, 2, 29, 23, 30, tzinfo=WEST))])
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert "DTSTART:20280301T073000Z" in raw.decode()  # the leap day, 8 hours west: the 1st of March in UTC


def test_two_alarms_seven_days_and_one_day_before(tmp_path):
    _raw, calendar = write(tmp_path, [token(1)])
    alarms = list(events(calendar)[0].walk("VALARM"))
    assert [alarm.decoded("TRIGGER") for alarm in alarms] == [timedelta(days=-7), timedelta(days=-1)]
    assert all(str(alarm["ACTION"]) == "DISPLAY" and str(alarm["DESCRIPTION"]) for alarm in alarms)


def test_uids_are_stable_so_a_newer_file_updates_the_events(tmp_path):
    _raw, first = write(tmp_path, [token(1), token(2)])
    _raw, second = write(tmp_path, [token(2), token(1)], now=NOW + timedelta(days=1))
    assert {str(event["UID"]) for event in events(first)} == {str(event["UID"]) for event in events(second)}
    assert str(events(first)[0]["UID"]) == uid(token(1))


def test_a_token_revoked_since_gets_a_cancelled_event_without_alarms(tmp_path):
    revoked = token(1, revoked_at=NOW - timedelta(hours=1))
    long_gone = token(2, revoked_at=NOW - timedelta(days=90), expires_at=NOW - timedelta(days=30))
    _raw, calendar = write(tmp_path, [revoked, long_gone])
    [event] = events(calendar)
    assert str(event["UID"]) == uid(revoked)
    assert str(event["STATUS"]) == "CANCELLED" and int(event["SEQUENCE"]) == 1
    assert not list(event.walk("VALARM"))


def test_lines_end_in_crlf_and_fold_at_75_octets_without_splitting_a_character(tmp_path):
    long = "Credential rotation for the regional ingestion fleet – 東京, Überwachung; " * 4
    raw, calendar = write(tmp_path, [token(1, long)])
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    lines = raw.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # it did fold
    for line in lines:
        line.decode("utf-8")  # each physical line is whole UTF-8: no character was cut in two
    assert str(events(calendar)[0]["SUMMARY"]) == f"Token expires: {long.strip()} (database token)"


def test_commas_semicolons_backslashes_and_line_breaks_survive_escaping(tmp_path):
    description = "Ops, EU; \"night\" shift\\backup\nsecond line\r\nthird\x07"
    raw, calendar = write(tmp_path, [token(1, description)])
    text = raw.decode()
    assert "Ops\\, EU\\; \"night\" shift\\\\backup\\nsecond line\\nthird" in text.replace("\r\n ", "")
    assert str(events(calendar)[0]["SUMMARY"]) == (
        "Token expires: Ops, EU; \"night\" shift\\backup\nsecond line\nthird (database token)")


def test_no_secret_and_no_prefix_in_the_file(tmp_path):
    management = token(1, "Terraform", kind=TokenKind.MANAGEMENT)
    raw, _calendar = write(tmp_path, [management])
    assert management.prefix.encode() not in raw and b"M.V1" not in raw


def test_written_atomically_an_existing_file_survives_a_failure(tmp_path, monkeypatch):
    path = tmp_path / "reminders.ics"
    path.write_text("old calendar")

    def broken(*_args):
        raise OSError("disk full")

    monkeypatch.setattr("token_desk.export.calendar.calendar_text", broken)
    with pytest.raises(OSError):
        export_expiry_reminders(path, [token(1)], NOW, "x")
    assert path.read_text() == "old calendar"
    assert os.listdir(tmp_path) == ["reminders.ics"]  # no temporary file left behind
