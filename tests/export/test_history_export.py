"""History exports: the entries with their outcomes folded in, never a half-written file."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from tests.history.history_helpers import TARGET, TOKEN_ID, Clock
from token_desk.export import HISTORY_HEADERS, export_history_csv, export_history_json
from token_desk.history import Action, Journal, Outcome


def test_history_exports_as_csv_and_json(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "h", clock=Clock())
    first = journal.record_attempt(TARGET, "database", TOKEN_ID, "=cmd|' /C calc'!A0", Action.REVOKE)
    journal.record_outcome(first, Outcome.FAILED, "forbidden")
    journal.record_attempt(TARGET, "management", "", "new", Action.CREATE)
    entries = journal.read().entries

    export_history_csv(tmp_path / "h.csv", entries)
    with open(tmp_path / "h.csv", newline="", encoding="utf-8") as file:
        rows = list(csv.reader(file))
    assert rows[0] == list(HISTORY_HEADERS)
    assert rows[1][:6] == ["2026-03-04T05:06:08.000Z", "failed", "revoke", "database", TOKEN_ID,
                           "'=cmd|' /C calc'!A0"]
    assert rows[2][1:3] == ["unknown", "create"]

    export_history_json(tmp_path / "h.json", entries)
    data = json.loads((tmp_path / "h.json").read_text(encoding="utf-8"))
    assert [(item["id"], item["outcome"], item["message"]) for item in data] == [
        (first, "failed", "forbidden"), (entries[1].id, "unknown", "")]
    assert data[0]["answered_at"] == "2026-03-04T05:06:09.000Z" and data[0]["account_id"] == TARGET.account_id
