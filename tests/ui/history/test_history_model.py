"""The History table model without widgets: order, filters, literal search, and Qt's model rules."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from msgspec.structs import replace
from PySide6.QtCore import Qt

from tests.history.history_helpers import TARGET
from token_desk.history import Action, HistoryEntry, Outcome
from token_desk.ui.history.history_model import COLUMNS, HistoryFilter, HistoryTableModel

START = datetime(2026, 3, 4, 5, 6, 7, tzinfo=timezone.utc)


def entry(n: int, outcome: Outcome, kind: str = "database", description: str = "", profile: str = "Production"):
    return HistoryEntry(f"id{n}", START + timedelta(minutes=n), replace(TARGET, profile=profile), kind,
                        f"00000000-0000-4000-8000-{n:012d}", description or f"token {n}", Action.REVOKE, outcome)


ENTRIES = [entry(0, Outcome.CONFIRMED), entry(1, Outcome.FAILED, "management", "a.b (prod)"),
           entry(2, Outcome.UNKNOWN, profile=""), entry(3, Outcome.CONFIRMED, "management", "axb")]


def shown_ids(model: HistoryTableModel) -> list[str]:
    return [model.entry_at(row).id for row in range(model.rowCount())]


def column(title: str) -> int:
    return [spec.title for spec in COLUMNS].index(title)


def test_passes_qt_model_checks(qtmodeltester) -> None:
    model = HistoryTableModel()
    model.set_entries(ENTRIES)
    qtmodeltester.check(model)


def test_newest_first_until_sorted_otherwise() -> None:
    model = HistoryTableModel()
    model.set_entries(ENTRIES)
    assert shown_ids(model) == ["id3", "id2", "id1", "id0"]
    model.sort(column("Outcome"), Qt.SortOrder.AscendingOrder)
    assert shown_ids(model) == ["id3", "id0", "id1", "id2"]  # confirmed, failed, unknown; ties newest first
    model.sort(column("Time"), Qt.SortOrder.AscendingOrder)
    assert shown_ids(model) == ["id0", "id1", "id2", "id3"]


def test_filters_combine_and_search_is_literal() -> None:
    model = HistoryTableModel()
    model.set_entries(ENTRIES)
    model.set_filter(HistoryFilter(kind="management"))
    assert shown_ids(model) == ["id3", "id1"]
    model.set_filter(HistoryFilter(kind="management", text="A.B"))  # "." is a dot, not any character
    assert shown_ids(model) == ["id1"]
    model.set_filter(HistoryFilter(outcome=Outcome.UNKNOWN))
    assert shown_ids(model) == ["id2"]
    model.set_filter(HistoryFilter(profile="(one-off)"))
    assert shown_ids(model) == ["id2"]
    assert model.profiles() == ["(one-off)", "Production"]


def test_an_unknown_entry_says_how_to_settle_it() -> None:
    model = HistoryTableModel()
    model.set_entries([entry(2, Outcome.UNKNOWN)])
    assert "Check Now" in model.index(0, column("Message")).data()
    assert model.index(0, column("Time")).data(Qt.ItemDataRole.ToolTipRole) == "2026-03-04T05:08:07Z"


def test_an_entry_without_a_description_reads_a_dash_as_the_token_tables_do() -> None:
    model = HistoryTableModel()
    model.set_entries([replace(entry(0, Outcome.CONFIRMED), description="")])
    assert model.index(0, column("Description")).data() == "—"
