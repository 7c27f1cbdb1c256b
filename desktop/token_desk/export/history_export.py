"""The action history as CSV (one row per entry, times in UTC) or as one JSON array."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from token_desk.atomic_write import write_text_atomically
from token_desk.export.csv_format import ProgressCallback, write_csv
from token_desk.export.tokens import write_json_array
from token_desk.history.entry import HistoryEntry, entry_json, utc_text

HISTORY_HEADERS = ("Time (UTC)", "Outcome", "Action", "Kind", "Token ID", "Description", "Profile", "Host",
                   "Account ID", "Cluster ID", "Message", "Requested", "Answered At (UTC)", "Checked")


def history_row(entry: HistoryEntry) -> list[str]:
    return [utc_text(entry.time), entry.outcome.value, entry.action.value, entry.kind, entry.token_id,
            entry.description, entry.target.profile, entry.target.host, entry.target.account_id,
            entry.target.cluster_id, entry.message, entry.requested,
            utc_text(entry.answered_at) if entry.answered_at else "", "yes" if entry.checked else ""]


def history_json(entry: HistoryEntry) -> dict:
    data = entry_json(entry)
    del data["v"]
    data["id"] = data.pop("entry")
    if entry.answered_at is not None:
        data["answered_at"] = utc_text(entry.answered_at)
    data["checked"] = entry.checked
    return data


def export_history_csv(path: Path, entries: Sequence[HistoryEntry], on_progress: ProgressCallback | None = None) -> int:
    count = 0

    def write(file: TextIO) -> None:
        nonlocal count
        count = write_csv(file, HISTORY_HEADERS, map(history_row, entries), len(entries), on_progress)

    write_text_atomically(path, write)
    return count


def export_history_json(path: Path, entries: Sequence[HistoryEntry],
                        on_progress: ProgressCallback | None = None) -> int:
    write_text_atomically(path, lambda file: write_json_array(file, entries, history_json, on_progress))
    return len(entries)
