"""Every time a person reads as text says its time zone (docs/GLOSSARY.md): the History window, the list of a
several-token revoke, the status tooltips of the tables, the status line and every dialog that shows a token.

Run in Berlin in winter, so "CET" is neither UTC nor this machine's zone by accident. Only the main table's cells
leave the zone to their header (its tooltip), and a moment the local calendar cannot hold reads in UTC and says so.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStatusBar, QTreeWidget
from PySide6.QtGui import QAction

from tests.history.history_helpers import TARGET
from tests.models.conftest import local_time_zone
from tests.ui.test_wording import texts
from tests.ui.tokens.test_display_agreement import details_dialog, rendered, revoke_dialog
from token_desk.api.models import CreatedToken, Token, TokenKind, utc_now
from token_desk.history import Action, HistoryEntry, Outcome
from token_desk.models import Column, TokenTableModel
from token_desk.models.display import local_time_with_zone
from token_desk.ui.create.secret_dialog import SecretDialog
from token_desk.ui.history.history_model import COLUMNS, HistoryTableModel
from token_desk.ui.shell.status_line import StatusLine

# A date and a time of day, and what follows it: a zone's name ("CET", "UTC") or an offset ("+0530").
TIME_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z?)( ?)(\S*)")
WINTER = datetime(2026, 1, 14, 9, 30, 5, tzinfo=timezone.utc)  # 10:30:05 CET


@pytest.fixture(autouse=True)
def berlin(monkeypatch):
    yield from local_time_zone(monkeypatch, "Europe/Berlin")


def times_without_zone(text: str) -> list[str]:
    """Each date-and-time in `text` that neither ends in Z nor is followed by a zone's name or offset."""
    return [match.group(0) for match in TIME_TEXT.finditer(text)
            if not match.group(1) and not re.fullmatch(r"(?:[A-Z]{2,5}|[+-]\d{4})\W*", match.group(3) or "")]


def test_the_rule_finds_a_time_without_its_zone() -> None:
    assert times_without_zone("Expires 2027-03-07 00:00 (soon)") == ["2027-03-07 00:00 (soon)"]
    assert times_without_zone("at 2027-03-07 00:00:01 CET; 2027-03-07 00:00 UTC.") == []
    assert times_without_zone("2024-03-19T20:09:03.000Z") == []


def token(kind: TokenKind = TokenKind.DATABASE, **fields) -> Token:
    values = {"kind": kind, "id": "00000000-0000-4000-8000-000000000042", "description": "ci deploy",
              "created_at": utc_now() - timedelta(days=40), "expires_at": utc_now() + timedelta(days=3)}
    return Token(**{**values, **fields})


def history_entry(outcome: Outcome) -> HistoryEntry:
    return HistoryEntry("id1", WINTER, TARGET, "database", "00000000-0000-4000-8000-000000000001", "ci deploy",
                        Action.REVOKE, outcome, answered_at=WINTER + timedelta(seconds=2))


def test_the_history_window_says_the_zone_of_each_time() -> None:
    model = HistoryTableModel()
    model.set_entries([history_entry(Outcome.CONFIRMED)])
    time_column = [spec.title for spec in COLUMNS].index("Time")
    assert model.index(0, time_column).data() == "2026-01-14 10:30:05 CET"
    shown = [model.index(0, c).data(role) for c in range(model.columnCount())
             for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)]
    assert [text for text in shown if text and times_without_zone(rendered(text))] == []
    outcome = rendered(model.index(0, [spec.title for spec in COLUMNS].index("Outcome")).data(Qt.ItemDataRole.ToolTipRole))
    assert "2026-01-14 10:30:07 CET" in outcome


def test_the_several_token_revoke_list_says_the_zone_of_each_time(qtbot) -> None:
    tokens = [token(expires_at=WINTER + timedelta(days=400)), token(id="00000000-0000-4000-8000-000000000043",
                                                                   created_at=WINTER)]
    dialog = revoke_dialog(qtbot, tokens)
    tree = dialog.findChild(QTreeWidget)
    cells = [tree.topLevelItem(row).text(column) for row in range(2) for column in range(tree.columnCount())]
    assert "2026-01-14 10:30 CET" in cells and "2027-02-18 10:30 CET" in cells
    assert [text for text in texts(dialog) if times_without_zone(text)] == []


@pytest.mark.parametrize("kind", list(TokenKind))
def test_every_dialog_showing_a_token_says_the_zone_of_its_times(qtbot, kind) -> None:
    shown = token(kind, revoked_at=None)
    for dialog in (details_dialog(qtbot, shown), revoke_dialog(qtbot, [shown]),
                   SecretDialog(None, CreatedToken(shown, "demo-secret"))):
        qtbot.addWidget(dialog)
        assert [text for text in texts(dialog) if times_without_zone(text)] == [], type(dialog).__name__


@pytest.mark.parametrize("fields", [{}, {"expires_at": utc_now() + timedelta(days=90)},
                                    {"expires_at": utc_now() - timedelta(days=1)}, {"revoked_at": WINTER}])
def test_the_tables_status_tooltip_says_the_zone(fields) -> None:
    model = TokenTableModel(TokenKind.DATABASE)
    model.set_tokens([token(**fields)])
    tip = rendered(model.index(0, model.section_of(Column.STATUS)).data(Qt.ItemDataRole.ToolTipRole))
    assert TIME_TEXT.search(tip) and times_without_zone(tip) == [], tip


def test_the_status_line_says_the_zone_of_the_last_refresh(qtbot) -> None:
    bar = QStatusBar()
    qtbot.addWidget(bar)
    status = StatusLine(bar, QAction("Cancel"))
    status.set_refreshed(datetime(2026, 1, 14, 10, 30, 5))  # the window passes the local wall clock
    assert status.refreshed == "Last refreshed 10:30:05 CET"


def test_a_time_past_the_local_calendar_says_utc() -> None:
    assert local_time_with_zone(datetime.max.replace(tzinfo=timezone.utc), seconds=True) == "9999-12-31 23:59:59 UTC"
