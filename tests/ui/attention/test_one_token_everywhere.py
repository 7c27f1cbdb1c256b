"""One token reads the same in the table, the Details dialog, the CSV and JSON exports and the calendar
file: its description, its expiry instant and its findings."""

from __future__ import annotations

import csv
import json
from datetime import datetime, timezone
from pathlib import Path

import icalendar
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from tests.ui.conftest import wait_loaded
from tests.ui.file_prompts_fake import ScriptedFilePrompts
from token_desk.api.models import TokenKind
from token_desk.export import export_table_json, export_tokens_csv
from token_desk.export.calendar import uid
from token_desk.models.columns import Column
from token_desk.ui.attention import FindingsPanel, show_token_details
from token_desk.ui.attention.reminders import ReminderExport
from token_desk.ui.common.file_prompts import FilePrompts
from token_desk.ui.export.token_snapshot import token_table


def to_the_second(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc).replace(microsecond=0)


def test_one_token_reads_the_same_in_table_details_exports_and_calendar(qtbot, window, tmp_path: Path) -> None:
    window.sidebar.setCurrentRow(1)
    page = window.page(TokenKind.DATABASE)
    qtbot.waitUntil(lambda: page.model.row_values.findings.shared is not None)  # counted on a worker
    row = next(r for r in range(page.proxy.rowCount())
               if page.proxy.token_at(r).description == "Grafana dashboards"
               and page.proxy.token_at(r).expires_at is not None)
    token = page.proxy.token_at(row)
    sentences = [finding.sentence for finding in page.findings_of(token.id)]
    assert "Expires in" in sentences[0] and len(sentences) == 2  # expires soon, and shares its description
    expiry = token.expires_at.astimezone(timezone.utc).replace(microsecond=0)

    # The table.
    cell = page.proxy.index(row, page.column_index(Column.DESCRIPTION))
    assert cell.data() == token.description
    expires_tip = page.proxy.index(row, page.column_index(Column.EXPIRES_AT)).data(Qt.ItemDataRole.ToolTipRole)
    assert to_the_second(expires_tip) == expiry
    status_tip = page.proxy.index(row, page.column_index(Column.STATUS)).data(Qt.ItemDataRole.ToolTipRole)
    assert all(sentence in status_tip for sentence in sentences)

    # Details.
    dialog = show_token_details(window, page, token)
    labels = {label.accessibleName(): label for label in dialog.findChildren(QLabel) if label.accessibleName()}
    assert labels["Description"].text() == token.description
    assert to_the_second(labels["Expires At"].toolTip().removesuffix(" (UTC)")) == expiry
    # The same local time as the table's cell; as text in a dialog it also names its zone (docs/GLOSSARY.md).
    assert labels["Expires At"].text().startswith(page.proxy.index(row, page.column_index(Column.EXPIRES_AT)).data())
    assert dialog.findChild(FindingsPanel).sentences == sentences
    dialog.close()

    # CSV and JSON.
    table = token_table(page, shown_only=False)
    export_tokens_csv(tmp_path / "t.csv", table)
    export_table_json(tmp_path / "t.json", table)
    with open(tmp_path / "t.csv", newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    exported = next(r for r in rows if r["Token ID"] == token.id)
    assert exported["Description"] == token.description
    assert to_the_second(exported["Expires At (UTC)"]) == expiry
    assert exported["Findings"].split("\n") == sentences
    item = next(i for i in json.loads((tmp_path / "t.json").read_text(encoding="utf-8")) if i["id"] == token.id)
    assert item["description"] == token.description and to_the_second(item["expiresAt"]) == expiry
    assert [finding["sentence"] for finding in item["findings"]] == sentences

    # The calendar.
    path = tmp_path / "reminders.ics"
    reminders = ReminderExport(window, ScriptedFilePrompts(path))
    assert reminders.start(tmp_path)
    qtbot.waitUntil(lambda: not reminders.running)
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    event = next(e for e in calendar.walk("VEVENT") if str(e["UID"]) == uid(token))
    assert str(event["SUMMARY"]) == f"Token expires: {token.description} (database token)"
    assert event.decoded("DTSTART") == expiry
    assert window.statusBar().currentMessage().startswith("Saved ")


def test_the_reminders_hold_every_active_expiring_token_of_both_pages(qtbot, window, tmp_path: Path) -> None:
    wait_loaded(qtbot, window)
    path = tmp_path / "r"
    reminders = ReminderExport(window, ScriptedFilePrompts(path))
    assert reminders.start(tmp_path)
    qtbot.waitUntil(lambda: not reminders.running)
    written = path.with_name("r.ics")  # the extension is added
    calendar = icalendar.Calendar.from_ical(written.read_bytes())
    uids = {str(event["UID"]) for event in calendar.walk("VEVENT") if str(event["STATUS"]) == "CONFIRMED"}
    expected = {uid(token) for page in window.pages.values() for token in page.model.tokens()
                if token.expires_at is not None and token.status.name == "ACTIVE"}
    assert uids == expected and len(expected) > 5
    assert f"Saved {len(expected)} expiry reminders" in window.statusBar().currentMessage()


def test_file_export_expiry_reminders_writes_them_the_first_time_it_is_used(qtbot, window, tmp_path: Path,
                                                                            monkeypatch) -> None:
    """The window is built without the reminders' export: the command makes it when first used, and it works."""
    wait_loaded(qtbot, window)
    path = tmp_path / "from-the-menu.ics"
    monkeypatch.setattr(FilePrompts, "choose_save_path", lambda _self, _parent, _title, _suggested, _format: path)
    window.commands["export-reminders"].trigger()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Saved "))
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    assert len(list(calendar.walk("VEVENT"))) > 5
