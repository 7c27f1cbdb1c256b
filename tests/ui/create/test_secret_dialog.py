"""The secret shown once: read-only and monospace, copied with a minute's grace, saved as a connection."""

from __future__ import annotations

import uuid

from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QLineEdit

from collections.abc import Iterator

import pytest

from tests.memory_keyring import MemoryKeyring, install_keyring
from token_desk.credentials import Credentials, ProfileManager, ProfileStore
from token_desk.ui.connections import KeyringProfileSaver
from tests.ui.create.conftest import DEMO_SECRET, NOW
from token_desk.api.models import CreatedToken, Token, TokenKind
from token_desk.ui.create.clipboard_guard import CLEAR_AFTER_MS, ClipboardGuard
from token_desk.ui.create.secret_dialog import SecretDialog


def created(kind=TokenKind.MANAGEMENT) -> CreatedToken:
    return CreatedToken(Token(kind, str(uuid.uuid4()), "CI deploys", NOW), DEMO_SECRET)


class Prompts:
    def __init__(self, close=False, names=()) -> None:
        self.close, self.names, self.asked = close, list(names), []

    def confirm_close(self, parent) -> bool:
        self.asked.append("close")
        return self.close

    def ask_profile_name(self, parent, suggestion, problem):
        self.asked.append(("name", suggestion, problem))
        return self.names.pop(0) if self.names else None


class Saver:
    def __init__(self, taken=()) -> None:
        self.taken, self.saved = set(taken), []

    def names(self):
        return sorted(self.taken)

    def name_problem(self, name):
        return "taken" if name in self.taken else None

    def save(self, name, secret):
        self.saved.append((name, secret))


def open_dialog(qtbot, token=None, **kwargs) -> SecretDialog:
    kwargs.setdefault("prompts", Prompts())
    kwargs.setdefault("guard", ClipboardGuard())
    dialog = SecretDialog(None, token or created(), **kwargs)
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def test_the_secret_is_in_a_read_only_monospace_field_with_its_facts(qtbot) -> None:
    token = created()
    dialog = open_dialog(qtbot, token)
    field = dialog.findChild(QLineEdit, "secretField")
    assert field.text() == DEMO_SECRET and field.isReadOnly()
    assert field.font().family() == QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()
    texts = " ".join(label.text() for label in dialog.findChildren(type(dialog.status)))
    assert "only time it is shown" in texts and token.token.id in texts and "CI deploys" in texts
    assert "Never" in texts


def test_copy_puts_it_on_the_clipboard_and_says_it_is_cleared_after_60_seconds(qtbot) -> None:
    guard = ClipboardGuard()
    dialog = open_dialog(qtbot, guard=guard)
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == DEMO_SECRET
    assert "60 seconds" in dialog.status.text()
    assert guard.waiting and guard.clear_after_ms == CLEAR_AFTER_MS == 60_000


def test_the_clipboard_is_cleared_after_the_wait_only_if_it_still_holds_the_secret(qtbot) -> None:
    guard = ClipboardGuard(clear_after_ms=10)
    guard.copy(DEMO_SECRET)
    qtbot.waitUntil(lambda: not guard.waiting)
    assert QGuiApplication.clipboard().text() == ""
    guard.copy(DEMO_SECRET)
    QGuiApplication.clipboard().setText("something the user copied since")
    qtbot.waitUntil(lambda: not guard.waiting)
    assert QGuiApplication.clipboard().text() == "something the user copied since"


def test_the_clearing_outlives_the_dialog(qtbot) -> None:
    guard = ClipboardGuard(clear_after_ms=50)
    dialog = open_dialog(qtbot, guard=guard)
    dialog.copy_button.click()
    dialog.accept()
    dialog.deleteLater()
    qtbot.waitUntil(lambda: not guard.waiting)
    assert QGuiApplication.clipboard().text() == ""


def test_closing_before_copy_or_save_asks_once(qtbot) -> None:
    prompts = Prompts(close=False)
    dialog = open_dialog(qtbot, prompts=prompts)
    dialog.reject()
    assert dialog.isVisible() and prompts.asked == ["close"]
    dialog.reject()
    assert not dialog.isVisible() and prompts.asked == ["close"]


def test_closing_after_copy_does_not_ask(qtbot) -> None:
    prompts = Prompts()
    dialog = open_dialog(qtbot, prompts=prompts)
    dialog.copy_button.click()
    dialog.reject()
    assert not dialog.isVisible() and prompts.asked == []


def test_save_as_a_connection_asks_a_free_name_and_stores_the_secret(qtbot) -> None:
    saver, prompts = Saver(taken={"CI deploys"}), Prompts(names=["CI deploys", "CI"])
    dialog = open_dialog(qtbot, saver=saver, prompts=prompts)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.outcome.saved_profile == "CI")
    assert saver.saved == [("CI", DEMO_SECRET)]
    assert prompts.asked == [("name", "CI deploys", None), ("name", "CI deploys", "taken")]
    assert "Saved as the connection" in dialog.status.text()
    dialog.reject()
    assert not dialog.isVisible()  # saved counts as kept: no question


def test_database_tokens_have_no_save_button_and_demo_cannot_save(qtbot) -> None:
    assert open_dialog(qtbot, created(TokenKind.DATABASE)).save_button is None
    assert not open_dialog(qtbot, created(), saver=None).save_button.isEnabled()


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    yield from install_keyring(MemoryKeyring())


def test_the_keyring_saver_makes_a_profile_for_this_account_and_cluster(memory_keyring, config_dir) -> None:
    backend = memory_keyring
    manager = ProfileManager(ProfileStore(), Credentials())
    account, cluster = str(uuid.uuid4()), str(uuid.uuid4())
    saver = KeyringProfileSaver(manager, "https://console.influxdata.com/api/v0", account, cluster)
    saver.save("CI", DEMO_SECRET)
    profile = manager.store.get("CI")
    assert (profile.account_id, profile.cluster_id) == (account, cluster)
    assert DEMO_SECRET in backend.entries.values()
    assert DEMO_SECRET not in manager.store.path.read_text()
    assert saver.name_problem("ci") is not None


def test_the_demo_says_why_save_as_a_connection_is_off_in_the_dialog_itself(qtbot) -> None:
    from PySide6.QtWidgets import QLabel

    dialog = open_dialog(qtbot, created(), saver=None)
    notes = [label.text() for label in dialog.findChildren(QLabel) if "Save as a Connection" in label.text()]
    assert notes and "stores nothing" in notes[0] and "keyring" in notes[0]
    assert dialog.save_button.toolTip() == notes[0]
