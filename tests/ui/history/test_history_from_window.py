"""History from the real window: a revoke, a failed revoke and a lost answer each leave the right
entry; the History window shows, filters, checks and exports them."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.models.conftest import local_time_zone
from tests.ui.conftest import confirm_revoke_when_the_dialog_opens, shown_tokens
from tests.ui.file_prompts_fake import ScriptedFilePrompts
from token_desk.api.retry import DEFAULT_RETRY_POLICY
from token_desk.api.models import Permission, TokenKind
from token_desk.app import create_window
from token_desk.history import Action, Journal, Outcome
from token_desk.ui.history import HistoryWindow
from token_desk.ui.history.history_model import COLUMNS

WAIT_MS = 15_000
ATTEMPTS = DEFAULT_RETRY_POLICY.max_attempts  # the client's tries of a GET or DELETE


@pytest.fixture
def journal(config_dir: Path) -> Journal:
    """The journal the app writes: tests keep the data folder beside the config (TOKEN_DESK_CONFIG_DIR)."""
    return Journal(config_dir)


def revoke_selected(window, kind: TokenKind, row: int = 0):
    page = window.page(kind)
    window.sidebar.setCurrentRow(list(window.pages).index(kind))
    token = shown_tokens(page)[row]
    page.select_row(row)
    seen = confirm_revoke_when_the_dialog_opens(window)
    window.commands["revoke"].trigger()
    assert seen, "the revoke dialog never opened"
    return token


def open_history(qtbot, window) -> HistoryWindow:
    action = next(a for a in window.menus["View"].actions() if a.text() == "History")
    action.trigger()
    history = window.findChild(HistoryWindow)
    qtbot.waitUntil(lambda: history.isVisible() and not history._reading, timeout=WAIT_MS)
    return history


def rows_of(history: HistoryWindow, *titles: str) -> list[list[str]]:
    """The cells shown in the columns with these titles, row by row."""
    model = history.model
    headers = [model.headerData(column, Qt.Orientation.Horizontal) for column in range(model.columnCount())]
    columns = [headers.index(title) for title in titles]
    return [[model.index(row, column).data() for column in columns] for row in range(model.rowCount())]


def test_a_confirmed_and_a_failed_revoke_each_leave_their_entry(qtbot, window, sandbox, journal) -> None:
    confirmed = revoke_selected(window, TokenKind.DATABASE)
    sandbox.faults.fail_next_revokes(1, status=403)
    refused = revoke_selected(window, TokenKind.MANAGEMENT, 1)
    entries = journal.read().entries
    assert [(e.action, e.kind, e.token_id, e.description, e.outcome) for e in entries] == [
        (Action.REVOKE, "database", confirmed.id, confirmed.description, Outcome.CONFIRMED),
        (Action.REVOKE, "management", refused.id, refused.description, Outcome.FAILED)]
    assert entries[1].message.endswith("forbidden (injected)")  # the server's words, through influxctl
    assert entries[0].target.account_id == sandbox.account_id and entries[0].target.cluster_id == sandbox.cluster_id
    assert entries[0].target.profile == "" and entries[0].target.host in sandbox.url


def test_ctrl_h_shows_the_entries_newest_first_and_filters_them(qtbot, window, sandbox) -> None:
    revoke_selected(window, TokenKind.DATABASE)
    sandbox.faults.fail_next_revokes(1, status=403)
    refused = revoke_selected(window, TokenKind.MANAGEMENT, 1)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    history = window.findChild(HistoryWindow)
    qtbot.waitUntil(lambda: history is not None and history.model.rowCount() == 2, timeout=WAIT_MS)
    assert rows_of(history, "Outcome", "Action", "Kind") == [["Failed", "Revoke", "Management"],
                                                             ["Confirmed", "Revoke", "Database"]]
    history.outcome_box.setCurrentIndex(history.outcome_box.findData(Outcome.FAILED))
    assert rows_of(history, "Token ID") == [[refused.id]]
    history.outcome_box.setCurrentIndex(0)
    history.kind_box.setCurrentIndex(history.kind_box.findData("database"))
    assert rows_of(history, "Kind") == [["Database"]]
    history.kind_box.setCurrentIndex(0)
    history.search_box.setText(refused.id[:13].upper())  # literal, case-insensitive
    assert rows_of(history, "Token ID") == [[refused.id]]
    assert history.status.text() == "2 entries · 1 shown"


@pytest.fixture(params=["Europe/Berlin", "Asia/Kolkata", "America/St_Johns"])
def zone(request, monkeypatch):
    yield from local_time_zone(monkeypatch, request.param)


def test_the_time_of_each_entry_shows_whole_with_its_zone(qtbot, window, zone) -> None:
    revoke_selected(window, TokenKind.DATABASE)
    history = open_history(qtbot, window)
    time_column = [spec.title for spec in COLUMNS].index("Time")
    entry_time = history.model.entry_at(0).time.astimezone()
    assert rows_of(history, "Time")[0][0].endswith(f" {entry_time.tzname()}")
    # Not "2026-12-07 02:42:19…": the column is wide enough for the text its cells need.
    assert history.view.columnWidth(time_column) >= history.view.sizeHintForColumn(time_column)


def test_a_new_entry_appears_in_an_open_history_window(qtbot, window) -> None:
    history = open_history(qtbot, window)
    assert history.model.rowCount() == 0
    revoke_selected(window, TokenKind.DATABASE)
    qtbot.waitUntil(lambda: history.model.rowCount() == 1, timeout=WAIT_MS)


def test_a_lost_answer_is_unknown_until_check_now_asks_the_server(qtbot, window, sandbox, journal) -> None:
    # The server revokes, then hangs up without answering, on every retry; the re-read that would
    # settle it loses its answers too.
    sandbox.faults.drop_next_answers(ATTEMPTS, "DELETE")
    sandbox.faults.drop_next_answers(ATTEMPTS, "GET")
    token = revoke_selected(window, TokenKind.DATABASE)
    (entry,) = journal.read().entries
    assert (entry.token_id, entry.outcome) == (token.id, Outcome.UNKNOWN)
    sandbox.faults.clear()

    history = open_history(qtbot, window)
    assert not history.check_button.isEnabled()  # nothing selected yet
    history.view.selectRow(0)
    assert history.check_button.isEnabled()
    history.check_button.click()
    qtbot.waitUntil(lambda: journal.read().entries[0].outcome is not Outcome.UNKNOWN, timeout=WAIT_MS)
    (entry,) = journal.read().entries
    assert entry.outcome is Outcome.CONFIRMED and entry.checked  # the server did revoke it
    assert entry.message.startswith("Checked: the token was revoked at ")
    qtbot.waitUntil(lambda: rows_of(history, "Outcome") == [["Confirmed"]], timeout=WAIT_MS)
    assert not history.check_button.isEnabled()


def test_check_now_waits_for_a_connection_to_the_entrys_cluster(qtbot, window, journal) -> None:
    journal.record_attempt(journal_target_elsewhere(), "database", "33333333-3333-4333-8333-333333333333",
                           "elsewhere", Action.REVOKE)
    history = open_history(qtbot, window)
    history.view.selectRow(0)
    assert not history.check_button.isEnabled()
    assert "Connect to Staging" in history.check_button.toolTip()


def journal_target_elsewhere():
    from token_desk.history import Target

    return Target("Staging", "staging.example.com", "11111111-1111-4111-8111-111111111111",
                  "22222222-2222-4222-8222-222222222222")


def test_history_exports_the_rows_shown_as_csv(qtbot, window, sandbox, journal, tmp_path: Path) -> None:
    revoke_selected(window, TokenKind.DATABASE)
    sandbox.faults.fail_next_revokes(1, status=403)
    revoke_selected(window, TokenKind.MANAGEMENT, 1)
    path = tmp_path / "history.csv"
    history = open_history(qtbot, window)
    history._prompts = ScriptedFilePrompts(path)
    history.outcome_box.setCurrentIndex(history.outcome_box.findData(Outcome.FAILED))
    history.csv_button.click()
    qtbot.waitUntil(path.exists, timeout=WAIT_MS)
    with open(path, newline="", encoding="utf-8") as file:
        rows = list(csv.reader(file))
    assert len(rows) == 2 and rows[1][1:3] == ["failed", "revoke"]
    qtbot.waitUntil(lambda: history.status.text() == f"Exported 1 entries to {path}.", timeout=WAIT_MS)


def test_a_created_tokens_secret_never_reaches_the_history(qtbot, window, sandbox, journal, config_dir) -> None:
    created = window.connection.service.create_database_token("made through the window's service",
                                                             [Permission("write", "telemetry")])
    (entry,) = journal.read().entries
    assert (entry.action, entry.token_id, entry.outcome) == (Action.CREATE, created.token.id, Outcome.CONFIRMED)
    everything = b"".join(path.read_bytes() for path in config_dir.rglob("*") if path.is_file())
    assert created.access_token.encode() not in everything
    assert sandbox.management_token.encode() not in everything


def test_demo_writes_no_history_to_disk(qtbot, config_dir: Path) -> None:
    window = create_window(["--demo"])
    qtbot.addWidget(window)
    from tests.ui.conftest import wait_loaded

    wait_loaded(qtbot, window)
    token = window.page(TokenKind.DATABASE).proxy.token_at(0)
    window.connection.service.revoke_token(TokenKind.DATABASE, token.id)
    assert not list(config_dir.rglob("history*"))
    history = next(a for a in window.menus["View"].actions() if a.text() == "History")
    assert history.isEnabled()  # kept in memory for the demo's session


def test_a_rotation_through_the_window_records_rotate_then_revoke_and_never_the_secret(
        qtbot, window, sandbox, journal, config_dir) -> None:
    from PySide6.QtGui import QGuiApplication

    from tests.ui.create.test_create_from_window import revocable_row, rotate

    window.sidebar.setCurrentRow(1)
    page = window.page(TokenKind.DATABASE)
    old = page.proxy.token_at(revocable_row(window, page))
    rotate(window, page, page.proxy_row_of(old.id), "Revoke Old Token…", True)
    secret = QGuiApplication.clipboard().text()  # the secret dialog's Copy put it there
    assert secret
    rotation, revoke = journal.read().entries
    assert (rotation.action, rotation.outcome, rotation.requested) == (
        Action.ROTATE, Outcome.CONFIRMED, f"replaces {old.id} ({old.description})")
    assert rotation.description.startswith(old.description + " (rotated") and rotation.token_id
    assert (revoke.action, revoke.token_id, revoke.outcome) == (Action.REVOKE, old.id, Outcome.CONFIRMED)
    everything = b"".join(path.read_bytes() for path in config_dir.rglob("*") if path.is_file())
    assert secret.encode() not in everything


def test_an_edit_through_the_window_records_the_old_description_and_what_was_asked(
        qtbot, window, journal) -> None:
    from tests.ui.create.test_create_from_window import edit_description_of_a_database_token

    token = edit_description_of_a_database_token(window, "renamed in Token Desk")
    (entry,) = journal.read().entries
    assert (entry.action, entry.token_id, entry.outcome) == (Action.EDIT, token.id, Outcome.CONFIRMED)
    assert entry.requested == "description: renamed in Token Desk"
    assert entry.description == token.description  # as it was when the edit was made


def test_at_1180_pixels_every_column_shown_is_whole_and_nothing_scrolls_sideways(qtbot, window) -> None:
    """Token IDs show their start as in the token tables (whole in the tooltip); the account and cluster IDs
    wait in the header's menu and in the Profile cell's tooltip."""
    token = revoke_selected(window, TokenKind.DATABASE)
    history = open_history(qtbot, window)
    history.resize(1180, 360)
    view, header = history.view, history.view.horizontalHeader()
    qtbot.waitUntil(lambda: view.viewport().width() > 1100)
    assert header.length() <= view.viewport().width() and not view.horizontalScrollBar().isVisible()
    titles = [spec.title for spec in COLUMNS]
    token_id = titles.index("Token ID")
    assert not header.isSectionHidden(token_id)
    assert header.sectionViewportPosition(token_id) + header.sectionSize(token_id) <= view.viewport().width()
    assert view.fontMetrics().horizontalAdvance(f"{token.id[:8]}…") + 8 <= header.sectionSize(token_id)
    assert token.id in history.model.index(0, token_id).data(Qt.ItemDataRole.ToolTipRole)
    for title in ("Time", "Outcome", "Action", "Kind"):
        column = titles.index(title)
        text = history.model.index(0, column).data()
        assert view.fontMetrics().horizontalAdvance(text) + 8 <= header.sectionSize(column), title
    target = history.model.entry_at(0).target
    profile_tip = history.model.index(0, titles.index("Profile")).data(Qt.ItemDataRole.ToolTipRole)
    assert target.account_id in profile_tip and target.cluster_id in profile_tip
    menu = history.column_menu()
    [account] = [action for action in menu.actions() if action.text() == "Account ID"]
    assert not account.isChecked()
    account.setChecked(True)
    assert not header.isSectionHidden(titles.index("Account ID"))
