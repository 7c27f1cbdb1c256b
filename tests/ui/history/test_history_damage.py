"""A damaged history file in the History window: every whole entry shown, the damage said once."""

from __future__ import annotations

from pathlib import Path

from tests.history.history_helpers import TARGET, TOKEN_ID, Clock
from token_desk.history import Action, Journal, Outcome
from token_desk.history.journal import FILE_NAME
from token_desk.ui.history import HistoryWindow


def test_the_window_shows_every_whole_entry_and_names_the_damage(qtbot, tmp_path: Path) -> None:
    journal = Journal(tmp_path, clock=Clock())
    first = journal.record_attempt(TARGET, "database", TOKEN_ID, "kept", Action.REVOKE)
    journal.record_outcome(first, Outcome.CONFIRMED, "Revoked.")
    with open(tmp_path / FILE_NAME, "ab") as file:
        file.write(b'{"entry": "cut off by a cra')  # a crash mid-line
    history = HistoryWindow(journal, lambda: None)
    qtbot.addWidget(history)
    history.show()
    qtbot.waitUntil(lambda: history.model.rowCount() == 1)
    assert history.notice.isVisible()
    assert history.notice.text() == ("1 damaged line in the history could not be read (history.jsonl line 3) "
                                     "and was skipped; every other entry is shown.")
    journal.record_attempt(TARGET, "database", TOKEN_ID, "after the crash", Action.REVOKE)  # the window follows
    qtbot.waitUntil(lambda: history.model.rowCount() == 2)
    assert history.notice.text().startswith("1 damaged line")  # the same damage, not reported again


def test_a_history_that_cannot_be_read_says_so_in_the_apps_one_sentence(qtbot, tmp_path: Path, caplog) -> None:
    (tmp_path / FILE_NAME).mkdir()  # the journal's file is a folder: reading it fails
    history = HistoryWindow(Journal(tmp_path, clock=Clock()), lambda: None)
    qtbot.addWidget(history)
    history.show()
    # A file problem is said in the system's words with the path, not as a bug to look up in the log.
    qtbot.waitUntil(lambda: history.status.text() == (
        f"Reading the action history failed: Is a directory ({tmp_path / FILE_NAME}); "
        "reopen the History window."))
    assert not [record for record in caplog.records if record.levelname == "ERROR"]


def test_a_history_not_read_yet_or_unreadable_never_counts_0_entries(qtbot, tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).mkdir()
    history = HistoryWindow(Journal(tmp_path, clock=Clock()), lambda: None)
    qtbot.addWidget(history)
    history.show()
    assert history.status.text() == "Reading the history…"  # until the worker answers
    qtbot.waitUntil(lambda: history.status.text().startswith("Reading the action history failed: "))
    failure = history.status.text()
    history.outcome_box.setCurrentIndex(1)  # a filter chosen after the failure: still no "0 entries"
    history.search_box.setText("laptop")
    assert history.status.text() == failure
