"""The window through the issue's fixed seams, against the independent influxctl stand-in.

Driven the way a person (or a check that knows only the seams) would: by visible texts, a right-click,
the risk checkbox and the "Revoke Token" button. The stand-in's own state says what really happened.
"""

from __future__ import annotations

import functools
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QApplication, QCheckBox, QDialog, QLabel, QMenu, QPushButton

from tests.influxctl_standin import standin_state
from tests.influxctl_standin.standin import Seeded, StandIn, files_holding, private_home_and_tmp
from tests.ui.conftest import url_args, wait_loaded, wait_settled
from tests.ui.modals import modals_answered
from token_desk.api import connect
from token_desk.api.influxctl import InfluxctlBridge, running_count
from token_desk.api.models import TokenKind
from token_desk.app import create_window
from token_desk.ui.connections.influxctl_sign_in import InfluxctlSignInDialog

RISK = "I understand the risk of this action"
WAIT_MS = 20_000


@pytest.fixture
def home_and_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    monkeypatch.delenv("TOKEN_DESK_INFLUXCTL", raising=False)
    monkeypatch.delenv("INFLUXCTL_PROFILE", raising=False)
    return private_home_and_tmp(tmp_path, monkeypatch)


class World:
    """A stand-in whose sign-in token is the sandbox's management token, so both ways see one account."""

    def __init__(self, folder: Path, monkeypatch: pytest.MonkeyPatch, secret: str, account_id: str,
                 cluster_id: str) -> None:
        self.monkeypatch = monkeypatch
        self.standin = StandIn(folder / "standin")
        self.standin.world.update(account_id=account_id, cluster_id=cluster_id)
        self.seeded: Seeded = self.standin.seed(secret)
        self.standin.apply_env(monkeypatch)

    def modes(self, *modes: str, version: str | None = None) -> None:
        self.monkeypatch.setenv("INFLUXCTL_STANDIN_MODES", ",".join(modes))
        if version:
            self.monkeypatch.setenv("INFLUXCTL_STANDIN_VERSION", version)


@pytest.fixture
def world(home_and_tmp, sandbox, monkeypatch) -> World:
    monkeypatch.setenv("INFLUX_MANAGEMENT_TOKEN", sandbox.management_token)
    return World(home_and_tmp[1], monkeypatch, sandbox.management_token, sandbox.account_id, sandbox.cluster_id)


@pytest.fixture
def open_window(qtbot):
    made = []

    def build(argv: list[str]):
        window = create_window(argv)
        qtbot.addWidget(window)
        made.append(window)
        window.show()
        wait_loaded(qtbot, window)
        return window

    yield build
    for window in made:
        window.close()
    qtbot.waitUntil(lambda: running_count() == 0, timeout=WAIT_MS)


def way_a(sandbox, world: World) -> list[str]:
    return [*url_args(sandbox), "--influxctl", str(world.standin.program)]


def way_b(world: World, config: Path, profile: str = "prod") -> list[str]:
    return ["--influxctl", str(world.standin.program), "--influxctl-config", str(config),
            "--influxctl-profile", profile]


# ---- reading the window as a person does ---------------------------------------------------------

def column(view, title: str) -> int:
    model = view.model()
    titles = [model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
              for c in range(model.columnCount())]
    return titles.index(title)


def listed(window, kind: TokenKind) -> list[str]:
    view = window.page(kind).view
    model, id_column = view.model(), column(view, "Token ID")
    return [model.index(row, id_column).data() for row in range(model.rowCount())]


def show_page(window, kind: TokenKind) -> None:
    """Click the page's name in the sidebar."""
    title = window.page(kind).title
    items = window.sidebar.findItems(title, Qt.MatchFlag.MatchExactly)
    window.sidebar.setCurrentItem(items[0])
    assert window.current_page() is window.page(kind)


def show_inactive(window, shown: bool) -> None:
    action = next(action for action in window.findChildren(QAction) if action.text() == "Show inactive tokens")
    action.setChecked(shown)


def readable_text(window) -> str:
    """Every visible label, the banner and the status line: what a person can read now."""
    labels = [label.text() for label in window.findChildren(QLabel) if label.isVisible() and label.text()]
    return "\n".join([*labels, window.statusBar().currentMessage()])


def assert_a_clear_sentence(text: str) -> None:
    assert "Traceback" not in text and 'File "' not in text and "Error(" not in text
    assert text.strip()


def standin_ids(world: World, kind: str, *, active_only: bool) -> set[str]:
    def active(record: dict) -> bool:
        return "revoked_at" not in record and record.get("expires_at", {"seconds": 1 << 62})["seconds"] > time.time()

    return {entry["record"]["id"] for entry in world.standin.read()[f"{kind}_tokens"]
            if not active_only or active(entry["record"])}


# ---- revoking as a person does -------------------------------------------------------------------

def revoke_by_right_click(qtbot, window, kind: TokenKind, token_id: str) -> list[str]:
    """Right-click the row → "Revoke Token…" → tick the risk box → "Revoke Token"; what the dialog last said."""
    show_page(window, kind)
    view = window.page(kind).view
    row = listed(window, kind).index(token_id)
    said: list[str] = []
    QTimer.singleShot(0, functools.partial(_drive_dialog, said))
    point = view.visualRect(view.model().index(row, column(view, "Description"))).center()
    view.customContextMenuRequested.emit(point)
    menu = next(menu for menu in window.findChildren(QMenu) if menu.isVisible())
    action = next(action for action in menu.actions() if action.text() == "Revoke Token…")
    assert action.isEnabled()
    menu.close()
    action.trigger()  # the dialog is modal: _drive_dialog runs inside it
    qtbot.waitUntil(lambda: bool(said), timeout=WAIT_MS)
    wait_loaded(qtbot, window)
    return said


def _dialog() -> QDialog | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible() and any(
                box.text() == RISK for box in widget.findChildren(QCheckBox)):
            return widget
    return None


def _drive_dialog(said: list[str], clicked: list[bool] | None = None) -> None:
    clicked = [] if clicked is None else clicked
    dialog = _dialog()
    if dialog is None:
        if clicked:
            said.append("(closed)")
            return
        QTimer.singleShot(20, functools.partial(_drive_dialog, said, clicked))
        return
    if not clicked:
        revoke = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Revoke Token")
        assert not revoke.isEnabled()
        next(box for box in dialog.findChildren(QCheckBox) if box.text() == RISK).click()
        revoke.click()
        clicked.append(True)
    close = [b for b in dialog.findChildren(QAbstractButton) if b.text() == "Close" and b.isVisible()]
    if close:
        said.append("\n".join(label.text() for label in dialog.findChildren(QLabel) if label.isVisible()))
        close[0].click()
        return
    QTimer.singleShot(20, functools.partial(_drive_dialog, said, clicked))


# ---- way a ----------------------------------------------------------------------------------------

def test_way_a_management_tokens_from_influxctl_database_tokens_from_rest(open_window, world, sandbox,
                                                                          home_and_tmp):
    window = open_window(way_a(sandbox, world))
    show_inactive(window, True)
    assert set(listed(window, TokenKind.MANAGEMENT)) == standin_ids(world, "management", active_only=False)
    assert set(listed(window, TokenKind.DATABASE)) == {token["id"] for token in sandbox.state.database_tokens()}
    show_inactive(window, False)
    assert world.seeded.revoked_id not in listed(window, TokenKind.MANAGEMENT)
    assert files_holding(sandbox.management_token, home_and_tmp) == []


def test_way_a_revoke_through_the_real_dialog(qtbot, open_window, world, sandbox, home_and_tmp):
    window = open_window(way_a(sandbox, world))
    target = world.seeded.never_expires_id
    said = revoke_by_right_click(qtbot, window, TokenKind.MANAGEMENT, target)
    assert said == ["(closed)"]  # all succeeded: the dialog closed by itself
    assert "revoked_at" in world.standin.record("management", target)
    assert target not in listed(window, TokenKind.MANAGEMENT)
    show_inactive(window, True)
    assert target in listed(window, TokenKind.MANAGEMENT)
    assert files_holding(sandbox.management_token, home_and_tmp) == []
    assert all(call["config"] == "pipe" for call in world.standin.calls())  # the secret went through a pipe


def test_way_a_revoking_a_token_influxctl_no_longer_knows_is_no_success(qtbot, open_window, world, sandbox):
    window = open_window(way_a(sandbox, world))
    target = world.seeded.expiring_id
    with standin_state.changing(world.standin.state_path) as state:  # removed elsewhere meanwhile
        state["management_tokens"] = [e for e in state["management_tokens"] if e["record"]["id"] != target]
    said = revoke_by_right_click(qtbot, window, TokenKind.MANAGEMENT, target)
    assert said != ["(closed)"], "a revoke influxctl refused was shown as a success"
    assert_a_clear_sentence(said[0])
    assert "Not revoked" in said[0] and "no longer exists" in said[0]
    assert target not in listed(window, TokenKind.MANAGEMENT)  # re-read: gone, as influxctl says


# ---- way b ----------------------------------------------------------------------------------------

def test_way_b_uses_the_profile_as_it_is_and_revokes_a_database_token(qtbot, open_window, world, sandbox,
                                                                      home_and_tmp):
    config = world.standin.config_file(home_and_tmp[0] / "config.toml", name="prod",
                                       token=sandbox.management_token)
    window = open_window(way_b(world, config))
    show_inactive(window, True)
    assert set(listed(window, TokenKind.MANAGEMENT)) == standin_ids(world, "management", active_only=False)
    assert set(listed(window, TokenKind.DATABASE)) == standin_ids(world, "database", active_only=False)
    show_inactive(window, False)
    target = world.seeded.database_token_ids[1]
    assert revoke_by_right_click(qtbot, window, TokenKind.DATABASE, target) == ["(closed)"]
    assert "revoked_at" in world.standin.record("database", target)
    assert target not in listed(window, TokenKind.DATABASE)
    show_inactive(window, True)
    assert target in listed(window, TokenKind.DATABASE)
    commands = [call["argv"] for call in world.standin.calls()]
    assert any(argv[argv.index("token"):argv.index("token") + 2] == ["token", "list"] for argv in commands
               if "token" in argv)
    assert all(argv[argv.index("--profile") + 1] == "prod" for argv in commands)


def cell(window, kind: TokenKind, token_id: str, title: str) -> str:
    view = window.page(kind).view
    return view.model().index(listed(window, kind).index(token_id), column(view, title)).data()


def test_way_b_with_only_the_documented_fields_a_revoked_token_leaves_the_active_list(
        qtbot, open_window, world, sandbox, home_and_tmp):
    world.modes("minimal-token-fields")  # `token list` items carry no timestamps: no revoked_at either
    config = world.standin.config_file(home_and_tmp[0] / "config.toml", name="prod",
                                       token=sandbox.management_token)
    window = open_window(way_b(world, config))
    show_page(window, TokenKind.DATABASE)
    assert world.seeded.revoked_database_token_id not in listed(window, TokenKind.DATABASE)
    target = world.seeded.database_token_ids[0]
    assert cell(window, TokenKind.DATABASE, target, "Status") == "Active"
    assert revoke_by_right_click(qtbot, window, TokenKind.DATABASE, target) == ["(closed)"]
    assert "revoked_at" in world.standin.record("database", target)
    assert target not in listed(window, TokenKind.DATABASE)
    show_inactive(window, True)
    for revoked in (target, world.seeded.revoked_database_token_id):
        assert cell(window, TokenKind.DATABASE, revoked, "Status") == "Revoked"
        assert cell(window, TokenKind.DATABASE, revoked, "Revoked At") == "—"  # influxctl did not say when


# ---- failure modes: one clear sentence each, database tokens unharmed ------------------------------

def patient_bridge_limit(monkeypatch, seconds: int) -> None:
    """influxctl's --timeout (and Token Desk's kill) after `seconds`, instead of a minute."""
    limited = functools.partial(InfluxctlBridge, timeout_seconds=seconds, kill_grace_seconds=0.5)
    monkeypatch.setattr(connect, "InfluxctlBridge", limited)


@pytest.mark.parametrize(("modes", "version", "sentence"), [
    ((), "2.5.0", "influxctl 2.5.0 is too old for management tokens"),
    (("garbage-version",), None, "did not report an influxctl version (it printed \u201cSegmentation fault {{\u201d)"),
])
def test_an_unusable_influxctl_is_a_calm_panel_and_database_tokens_still_load(open_window, world, sandbox,
                                                                              modes, version, sentence):
    world.modes(*modes, version=version)
    window = open_window(way_a(sandbox, world))
    text = readable_text(window)
    assert "Management tokens cannot be listed: influxctl " in text and sentence in text
    assert_a_clear_sentence(text)
    assert any(button.text() == "Choose influxctl…" and button.isVisible()
               for button in window.findChildren(QPushButton))
    show_inactive(window, True)
    assert set(listed(window, TokenKind.DATABASE)) == {token["id"] for token in sandbox.state.database_tokens()}


def patient_bridge_limit(monkeypatch, seconds: int) -> None:
    """influxctl's --timeout (and Token Desk's kill) after `seconds`, instead of a minute."""
    limited = functools.partial(InfluxctlBridge, timeout_seconds=seconds, kill_grace_seconds=0.5)
    monkeypatch.setattr(connect, "InfluxctlBridge", limited)


@pytest.mark.parametrize(("modes", "sentence"), [
    (("garbage",), "influxctl management list did not print JSON as documented"),
    (("hang",), "influxctl did not finish in time and was stopped"),
    (("hang-ignore-term",), "influxctl did not finish in time and was stopped"),
    (("slow",), "influxctl did not finish in time"),
])
def test_a_misbehaving_influxctl_is_one_sentence(qtbot, open_window, world, sandbox, monkeypatch, modes, sentence):
    world.modes(*modes)
    patient_bridge_limit(monkeypatch, 1)
    window = open_window(way_a(sandbox, world))
    assert window.banner.isVisible() and window.banner.message.startswith(sentence)
    assert_a_clear_sentence(window.banner.message)
    wait_settled(qtbot, window)  # the account's cluster list asks the same influxctl, and may answer after the lists
    assert running_count() == 0


@pytest.mark.parametrize("modes", [("gtk-noise",), ("extra-fields",), ("gtk-noise", "extra-fields", "null-empty")])
def test_harmless_noise_and_unknown_fields_change_nothing(open_window, world, sandbox, modes):
    world.modes(*modes)
    window = open_window(way_a(sandbox, world))
    show_inactive(window, True)
    assert set(listed(window, TokenKind.MANAGEMENT)) == standin_ids(world, "management", active_only=False)
    assert not window.banner.isVisible()


def test_a_refused_management_token_signs_out_with_influxctls_words(qtbot, world, sandbox):
    with standin_state.changing(world.standin.state_path) as state:  # influxctl no longer accepts it
        for entry in state["management_tokens"]:
            entry["secret_sha256"] = "0" * 64
    with modals_answered() as seen:
        window = create_window(way_a(sandbox, world))
        qtbot.addWidget(window)
        window.show()
        wait_loaded(qtbot, window)
        qtbot.waitUntil(lambda: window.signed_out)
    assert [(d.kind, d.answer) for d in seen] == [("TokenPrompt", "Cancel")]  # asked for a token, and declined
    assert window.banner.message.startswith("Signed out: influxctl was refused")
    assert sandbox.management_token not in readable_text(window)
    window.close()


def sign_in_dialogs(window) -> list[InfluxctlSignInDialog]:
    return [dialog for dialog in window.findChildren(InfluxctlSignInDialog) if dialog.isVisible()]


def test_way_b_browser_login_shows_url_and_code_then_loads(qtbot, world, home_and_tmp):
    config = world.standin.config_file(home_and_tmp[0] / "config.toml", name="prod")  # no mgmt_token
    window = create_window(way_b(world, config))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: bool(sign_in_dialogs(window)), timeout=WAIT_MS)
    dialog = sign_in_dialogs(window)[0]
    shown = "\n".join(label.text() for label in dialog.findChildren(QLabel) if label.isVisible())
    assert "https://auth.influxdata.invalid/activate" in shown and dialog.code_label.text() in shown
    world.standin.approve_login()
    wait_loaded(qtbot, window)
    assert sign_in_dialogs(window) == []
    assert set(listed(window, TokenKind.DATABASE)) == standin_ids(world, "database", active_only=True)
    window.close()


def test_way_b_cancelling_the_browser_login_ends_influxctl_with_a_sentence(qtbot, world, home_and_tmp):
    config = world.standin.config_file(home_and_tmp[0] / "config.toml", name="prod")
    window = create_window(way_b(world, config))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: bool(sign_in_dialogs(window)), timeout=WAIT_MS)

    def cancel_every_sign_in() -> bool:  # way b runs two influxctl at once: each may ask (see the report)
        for dialog in sign_in_dialogs(window):
            dialog.cancel_button.click()
        return not window.loader.busy

    qtbot.waitUntil(cancel_every_sign_in, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: running_count() == 0, timeout=WAIT_MS)
    assert window.banner.message.startswith("Cancelled")
    assert_a_clear_sentence(window.banner.message)
    window.close()



# ---- one kind failing never hides the other (each page says only its own trouble) -------------------

def database_ids(sandbox) -> set[str]:
    return {token["id"] for token in sandbox.state.database_tokens()}


def test_database_tokens_appear_while_influxctl_still_hangs(qtbot, world, sandbox, monkeypatch):
    world.modes("hang")
    patient_bridge_limit(monkeypatch, 60)  # influxctl keeps hanging for the whole test
    window = create_window(way_a(sandbox, world))
    qtbot.addWidget(window)
    window.show()
    show_page(window, TokenKind.DATABASE)
    show_inactive(window, True)
    qtbot.waitUntil(lambda: set(listed(window, TokenKind.DATABASE)) == database_ids(sandbox), timeout=WAIT_MS)
    assert window.loader.busy  # influxctl has not answered: the database tokens did not wait for it
    assert not window.banner.isVisible()
    window.cancel_loading()  # Esc: influxctl is stopped, the database tokens stay
    qtbot.waitUntil(lambda: running_count() == 0, timeout=WAIT_MS)
    assert set(listed(window, TokenKind.DATABASE)) == database_ids(sandbox)
    window.close()


@pytest.mark.parametrize(("modes", "sentence"), [
    (("garbage",), "influxctl management list did not print JSON as documented"),
    (("hang",), "influxctl did not finish in time and was stopped"),
])
def test_a_failing_influxctl_is_said_on_the_management_page_only(open_window, world, sandbox, monkeypatch,
                                                                 modes, sentence):
    world.modes(*modes)
    patient_bridge_limit(monkeypatch, 1)
    window = open_window(way_a(sandbox, world))
    show_inactive(window, True)
    show_page(window, TokenKind.DATABASE)
    assert set(listed(window, TokenKind.DATABASE)) == database_ids(sandbox)
    assert not window.banner.isVisible()  # nothing went wrong with database tokens
    show_page(window, TokenKind.MANAGEMENT)
    assert listed(window, TokenKind.MANAGEMENT) == []
    assert window.banner.isVisible() and window.banner.message.startswith(sentence)
    assert_a_clear_sentence(window.banner.message)
    assert window.banner.message.count(". ") <= 1  # one sentence (and at most its advice), not a log
    assert not window.signed_out


def test_a_failing_refresh_keeps_the_last_management_tokens_and_the_database_page_calm(
        qtbot, open_window, world, sandbox, monkeypatch):
    patient_bridge_limit(monkeypatch, 1)
    window = open_window(way_a(sandbox, world))
    show_inactive(window, True)
    management_before = set(listed(window, TokenKind.MANAGEMENT))
    assert management_before == standin_ids(world, "management", active_only=False)
    world.modes("garbage")
    window.refresh()
    wait_loaded(qtbot, window)
    assert set(listed(window, TokenKind.MANAGEMENT)) == management_before  # the last good table stays
    assert window.banner.message.startswith("influxctl management list did not print JSON as documented")
    show_page(window, TokenKind.DATABASE)
    assert set(listed(window, TokenKind.DATABASE)) == database_ids(sandbox)
    assert not window.banner.isVisible()
    world.modes()
    window.refresh()  # influxctl is fine again: the management page's sentence goes
    wait_loaded(qtbot, window)
    show_page(window, TokenKind.MANAGEMENT)
    assert not window.banner.isVisible()
