"""The journal on disk: two lines per change folded into one entry, fsynced, rotated, never rewritten."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.history.history_helpers import TARGET, TOKEN_ID, Clock
from token_desk.history import Action, Journal, Outcome, read_journal
from token_desk.history.journal import FILE_NAME, HistoryWriteError

def journal_in(folder: Path, **options) -> Journal:
    return Journal(folder, clock=Clock(), **options)


def test_an_attempt_reads_back_unknown_until_its_outcome_is_written(tmp_path: Path) -> None:
    journal = journal_in(tmp_path)
    entry_id = journal.record_attempt(TARGET, "database", TOKEN_ID, "ingest for sensors", Action.REVOKE)
    (entry,) = journal.read().entries
    assert (entry.id, entry.outcome, entry.action, entry.target) == (entry_id, Outcome.UNKNOWN, Action.REVOKE, TARGET)
    assert entry.description == "ingest for sensors" and entry.time.tzinfo is not None

    journal.record_outcome(entry_id, Outcome.FAILED, "forbidden (injected)")
    (entry,) = journal.read().entries
    assert (entry.outcome, entry.message) == (Outcome.FAILED, "forbidden (injected)")
    assert entry.answered_at > entry.time


def test_the_file_only_grows_one_line_per_write(tmp_path: Path) -> None:
    journal = journal_in(tmp_path)
    entry_id = journal.record_attempt(TARGET, "management", TOKEN_ID, "ci", Action.REVOKE)
    first = (tmp_path / FILE_NAME).read_bytes()
    journal.record_outcome(entry_id, Outcome.CONFIRMED, "Revoked.")
    both = (tmp_path / FILE_NAME).read_bytes()
    assert both.startswith(first) and both.count(b"\n") == 2
    lines = [json.loads(line) for line in both.splitlines()]
    assert lines[0]["outcome"] == "unknown" and lines[1]["outcome_of"] == entry_id


def test_every_line_is_fsynced_before_the_write_returns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(os.fstat(fd).st_size), real_fsync(fd)))
    journal = journal_in(tmp_path)
    entry_id = journal.record_attempt(TARGET, "database", TOKEN_ID, "x", Action.REVOKE)
    journal.record_outcome(entry_id, Outcome.CONFIRMED)
    assert len(synced) == 2 and synced[1] == (tmp_path / FILE_NAME).stat().st_size


def test_a_create_learns_its_token_id_from_the_outcome(tmp_path: Path) -> None:
    journal = journal_in(tmp_path)
    entry_id = journal.record_attempt(TARGET, "database", "", "new ingest token", Action.CREATE)
    journal.record_outcome(entry_id, Outcome.CONFIRMED, "Created.", token_id=TOKEN_ID)
    (entry,) = journal.read().entries
    assert entry.token_id == TOKEN_ID and entry.outcome is Outcome.CONFIRMED


def test_rotation_keeps_five_old_files_and_reads_across_them(tmp_path: Path) -> None:
    journal = journal_in(tmp_path, max_bytes=2000)
    ids = [journal.record_attempt(TARGET, "database", TOKEN_ID, f"token {n}", Action.REVOKE) for n in range(60)]
    names = sorted(path.name for path in tmp_path.iterdir())
    assert names == ["history.1.jsonl", "history.2.jsonl", "history.3.jsonl", "history.4.jsonl",
                     "history.5.jsonl", "history.jsonl"]
    assert all(path.stat().st_size <= 2000 for path in tmp_path.iterdir())
    kept = [entry.id for entry in journal.read().entries]
    assert kept == ids[-len(kept):] and 20 < len(kept) < 60  # the oldest fell off, in order, none skipped


def test_an_outcome_written_after_rotation_still_finds_its_attempt(tmp_path: Path) -> None:
    journal = journal_in(tmp_path, max_bytes=600)
    first = journal.record_attempt(TARGET, "database", TOKEN_ID, "the one", Action.REVOKE)
    for n in range(3):
        journal.record_attempt(TARGET, "database", TOKEN_ID, f"filler {n}", Action.REVOKE)
    journal.record_outcome(first, Outcome.CONFIRMED, "Revoked.")
    assert (tmp_path / "history.1.jsonl").exists()
    assert {entry.id: entry.outcome for entry in journal.read().entries}[first] is Outcome.CONFIRMED


def test_the_default_limits_are_ten_megabytes_and_five_old_files(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    assert (journal._max_bytes, journal._keep) == (10 * 1024 * 1024, 5)


def test_an_unwritable_folder_raises_a_sentence_naming_it(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    with pytest.raises(HistoryWriteError, match="could not write its action history"):
        journal_in(blocker).record_attempt(TARGET, "database", TOKEN_ID, "x", Action.REVOKE)


def test_listeners_hear_every_line(tmp_path: Path) -> None:
    journal = journal_in(tmp_path)
    heard: list[int] = []
    journal.add_listener(lambda: heard.append(1))
    journal.record_outcome(journal.record_attempt(TARGET, "database", TOKEN_ID, "x", Action.REVOKE), Outcome.FAILED)
    assert len(heard) == 2


def test_an_empty_folder_reads_as_no_history(tmp_path: Path) -> None:
    read = read_journal(tmp_path)
    assert read.entries == () and read.damage == () and read.damage_text == ""
