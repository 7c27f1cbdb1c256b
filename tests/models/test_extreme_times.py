"""Timestamps at the calendar's ends, in time zones east and west of UTC: every cell of the
table paints, and a moment the local calendar cannot hold reads in UTC. A token expiring at
9999-12-31T23:59:59Z used to crash the app (a segfault) while the table painted, east of UTC."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import textwrap

import pytest
from msgspec.structs import replace
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from tests.models.conftest import make_token, set_time_zone, token_id
from token_desk.api.decoding import decode_tokens
from token_desk.api.models import TokenKind
from token_desk.api.timestamps import FIRST_MOMENT, LAST_MOMENT
from token_desk.models import Column, TokenFilterProxy, TokenTableModel
from token_desk.models.columns import columns_for
from token_desk.models.display import local_time

ZONES = ["Asia/Tokyo", "Pacific/Kiritimati", "Etc/GMT-14", "Europe/Berlin", "UTC", "America/St_Johns",
         "America/Los_Angeles", "Pacific/Pago_Pago", "Etc/GMT+12"]
STAMPS = {
    "9999-12-31T23:59:59Z": "9999-12-31 23:59",
    "9999-12-31T23:59:59.999999999-01:00": "9999-12-31 23:59",
    "0001-01-01T00:00:01Z": "0001-01-01 00:00",  # a second past Go's zero time, which means "never"
    "0001-01-01T01:30:00+01:00": "0001-01-01 00:30",
    "2016-12-31T23:59:60Z": None,  # an ordinary moment: shown in local time everywhere
}


def answer(stamps: list[str]) -> bytes:
    """A server's list: one token per stamp, as its creation and its expiry."""
    return json.dumps([{"id": token_id(number), "description": f"token {number}", "createdAt": stamp,
                        "expiresAt": stamp} for number, stamp in enumerate(stamps, start=1)]).encode()


@pytest.mark.parametrize("zone", ZONES)
def test_every_cell_of_extreme_tokens_paints_in_any_zone(zone, monkeypatch, qtbot, caplog):
    set_time_zone(monkeypatch, zone)
    model = TokenTableModel(TokenKind.MANAGEMENT)
    model.set_tokens(decode_tokens(TokenKind.MANAGEMENT, answer(list(STAMPS))))
    proxy = TokenFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_show_inactive(True)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    view.resize(1400, 400)
    view.show()
    with caplog.at_level(logging.ERROR):
        assert not view.viewport().grab().isNull()
    assert not caplog.records  # no cell failed: every one was worked out, none left empty
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                assert model.index(row, column).data(role)


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize(("stamp", "utc_wall_time"), STAMPS.items())
def test_a_moment_outside_the_local_calendar_reads_in_utc(zone, stamp, utc_wall_time, monkeypatch):
    set_time_zone(monkeypatch, zone)
    moment = decode_tokens(TokenKind.MANAGEMENT, answer([stamp]))[0].expires_at
    text = local_time(moment)
    try:
        local = moment.astimezone()
    except OverflowError:
        assert text == f"{utc_wall_time} UTC"
    else:
        assert text == f"{local.year:04d}-{local:%m-%d %H:%M}"


@pytest.mark.parametrize(("zone", "expected"), [
    ("Asia/Tokyo", "9999-12-31 23:59 UTC"), ("Pacific/Kiritimati", "9999-12-31 23:59 UTC"),
    ("Etc/GMT+12", "9999-12-31 11:59"), ("America/Los_Angeles", "9999-12-31 15:59"),
])
def test_the_last_moment_reads_locally_west_of_utc_and_in_utc_east_of_it(zone, expected, monkeypatch):
    set_time_zone(monkeypatch, zone)
    assert local_time(LAST_MOMENT) == expected


@pytest.mark.parametrize(("zone", "expected"), [
    ("Etc/GMT+12", "0001-01-01 00:00 UTC"), ("Asia/Tokyo", "0001-01-01 09:18"),
])
def test_the_first_moment_reads_in_utc_west_of_utc(zone, expected, monkeypatch):
    set_time_zone(monkeypatch, zone)  # Tokyo's local mean time before 1888 was +09:18:59
    assert local_time(FIRST_MOMENT) == expected


def test_a_cell_that_fails_is_left_empty_and_logged_instead_of_crashing(qtbot, caplog):
    """PySide6 6.11 segfaults on an exception raised in C leaving data() while a view paints."""
    columns = [replace(spec, text=lambda token, status: int("not a number"))
               if spec.key is Column.DESCRIPTION else spec for spec in columns_for(TokenKind.MANAGEMENT)]
    model = TokenTableModel(TokenKind.MANAGEMENT, columns=columns)
    model.set_tokens([make_token("fails"), make_token("fails too")])
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.show()
    with caplog.at_level(logging.ERROR):
        assert not view.viewport().grab().isNull()
    assert model.index(0, model.section_of(Column.DESCRIPTION)).data() is None
    assert len([record for record in caplog.records if "left empty" in record.message]) == 1


_PAINT_IN_TOKYO = textwrap.dedent("""
    import json
    from PySide6.QtWidgets import QApplication, QTableView
    from token_desk.api.decoding import decode_tokens
    from token_desk.api.models import TokenKind
    from token_desk.models import TokenFilterProxy, TokenTableModel
    app = QApplication([])
    body = [{"id": "2cc0cc53-8cdb-4a85-8021-1da9e09b82ab", "description": "far future",
             "createdAt": "2024-03-19T19:09:13Z", "expiresAt": "9999-12-31T23:59:59Z"}]
    model = TokenTableModel(TokenKind.MANAGEMENT)
    model.set_tokens(decode_tokens(TokenKind.MANAGEMENT, json.dumps(body).encode()))
    proxy = TokenFilterProxy()
    proxy.setSourceModel(model)
    view = QTableView()
    view.setModel(proxy)
    view.resize(1200, 300)
    view.show()
    view.viewport().grab()
    print(model.index(0, model.columnCount() - 1).data(), [model.index(0, c).data() for c in range(model.columnCount())])
""")


def test_the_reported_crash_in_tokyo_is_gone(tmp_path):
    """The issue's own case in a fresh process (a segfault would otherwise end the test run)."""
    env = {"TZ": "Asia/Tokyo", "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": ":".join(sys.path)}
    done = subprocess.run([sys.executable, "-c", _PAINT_IN_TOKYO], env=env, capture_output=True, text=True,
                          timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "9999-12-31 23:59 UTC" in done.stdout
