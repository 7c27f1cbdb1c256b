"""Damaged history files (cut by a crash at any byte, garbage lines) are read up to the damage,
the damage is reported once, and nothing else is lost."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from token_desk.history import Action, Journal, Outcome, read_journal
from token_desk.history.journal import FILE_NAME

from tests.history.history_helpers import TARGET, TOKEN_ID, Clock


def sample(folder: Path) -> tuple[bytes, Journal]:
    """Three entries: confirmed, failed (with a non-ASCII message), and one left unknown."""
    journal = Journal(folder, clock=Clock())
    first = journal.record_attempt(TARGET, "database", TOKEN_ID, "sensors — ingest", Action.REVOKE)
    journal.record_outcome(first, Outcome.CONFIRMED, "Revoked.")
    second = journal.record_attempt(TARGET, "management", TOKEN_ID, "ci", Action.REVOKE)
    journal.record_outcome(second, Outcome.FAILED, "interdit — forbidden")
    journal.record_attempt(TARGET, "database", "", "new", Action.CREATE)
    return (folder / FILE_NAME).read_bytes(), journal


def expected_for(whole: bytes, cut: int, folder: Path) -> list:
    """What the complete lines before `cut` say, read from a clean file holding only them."""
    complete = whole[:cut]
    last_newline = complete.rfind(b"\n")
    clean = folder / "clean"
    clean.mkdir(exist_ok=True)
    (clean / FILE_NAME).write_bytes(complete[:last_newline + 1])
    return list(read_journal(clean).entries)


def test_a_file_cut_at_every_byte_reads_every_whole_line_and_reports_a_partial_one(tmp_path: Path) -> None:
    whole, _journal = sample(tmp_path / "sample")
    cut_dir = tmp_path / "cut"
    cut_dir.mkdir()
    for cut in range(len(whole) + 1):
        (cut_dir / FILE_NAME).write_bytes(whole[:cut])
        read = read_journal(cut_dir)
        partial = whole[:cut].rsplit(b"\n", 1)[-1]
        only_newline_lost = bool(partial) and whole[cut:cut + 1] == b"\n"
        if only_newline_lost:  # the last line is whole but for its newline: nothing is damaged
            assert (read.entries, read.damage) == (tuple(expected_for(whole, cut + 1, tmp_path)), ()), cut
        else:
            assert list(read.entries) == expected_for(whole, cut, tmp_path), cut
            assert len(read.damage) == (1 if partial else 0), cut


def test_writing_after_a_cut_keeps_the_new_entry_apart_from_the_damage(tmp_path: Path) -> None:
    whole, _ = sample(tmp_path / "sample")
    for cut in range(1, len(whole)):
        folder = tmp_path / f"cut{cut}"
        folder.mkdir()
        (folder / FILE_NAME).write_bytes(whole[:cut])
        before = read_journal(folder)
        Journal(folder, clock=Clock()).record_attempt(TARGET, "database", TOKEN_ID, "after the crash", Action.REVOKE)
        after = read_journal(folder)
        assert after.entries[:-1] == before.entries, cut
        assert after.entries[-1].description == "after the crash", cut
        assert len(after.damage) == len(before.damage), cut


def test_garbage_lines_in_the_middle_lose_only_themselves(tmp_path: Path) -> None:
    whole, journal = sample(tmp_path)
    lines = whole.split(b"\n")
    too_deep = b"[" * 100_000 + b"]" * 100_000  # JSON deeper than the parser's stack
    damaged = b"\n".join([lines[0], b"{not json", lines[1], b"\xff\xfe binary", lines[2], b'{"v":1}', too_deep,
                          *lines[3:]])
    (tmp_path / FILE_NAME).write_bytes(damaged)
    read = journal.read()
    assert [entry.outcome for entry in read.entries] == [Outcome.CONFIRMED, Outcome.FAILED, Outcome.UNKNOWN]
    assert [str(item) for item in read.damage] == ["history.jsonl line 2", "history.jsonl line 4",
                                                    "history.jsonl line 6", "history.jsonl line 7"]
    assert read.damage_text.startswith("4 damaged lines in the history could not be read (history.jsonl line 2")


def test_damage_is_logged_once_however_often_the_history_is_read(tmp_path: Path,
                                                                   caplog: pytest.LogCaptureFixture) -> None:
    whole, journal = sample(tmp_path)
    (tmp_path / FILE_NAME).write_bytes(whole + b'{"entry": "cut')
    with caplog.at_level(logging.WARNING, logger="token_desk.history"):
        for _ in range(3):
            assert len(journal.read().damage) == 1
    assert len([r for r in caplog.records if "damaged" in r.getMessage()]) == 1
