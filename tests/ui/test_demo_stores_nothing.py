"""`token-desk --demo` stores nothing: no settings file, no profiles file, no keyring entry, whatever is done in it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize

from tests.memory_keyring import MemoryKeyring, install_keyring
from tests.ui.conftest import unavailable, wait_loaded, wait_settled
from token_desk.app import create_window
from token_desk.credentials import Profile


def files_under(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file()) if folder.exists() else []


@pytest.fixture
def keyring_entries():
    yield from (keyring.entries for keyring in install_keyring(MemoryKeyring()))


@pytest.fixture
def demo(qtbot, config_dir):
    window = create_window(["--demo"])
    qtbot.addWidget(window)
    window.show()
    wait_settled(qtbot, window)
    return window


def test_a_demo_session_leaves_no_file_behind(qtbot, demo, config_dir, keyring_entries) -> None:
    demo.commands["show-inactive"].setChecked(True)
    demo.sidebar.setCurrentRow(1)
    demo.resize(QSize(900, 600))
    demo.close()  # closing is when a real session saves its layout
    assert files_under(config_dir) == [] and keyring_entries == {}


def test_a_connection_added_in_the_demo_is_kept_in_memory_only(demo, config_dir, keyring_entries) -> None:
    manager = demo.connections.manager
    profile = Profile(name="Production", base_url="https://console.influxdata.com/api/v0",
                      account_id="0f8fad5b-d9cb-469f-a165-70867728950e",
                      cluster_id="7c9e6679-7425-40de-944b-e07fc1f90ae7")
    manager.add(profile, "a-management-token")
    assert manager.store.names() == ["Production"] and manager.credentials.token_for("Production")
    manager.delete("Production")
    assert files_under(config_dir) == [] and keyring_entries == {}


def test_a_normal_start_still_remembers_the_layout(qtbot, config_dir, sandbox, monkeypatch) -> None:
    from tests.ui.conftest import url_args

    monkeypatch.setenv("INFLUX_MANAGEMENT_TOKEN", sandbox.management_token)
    window = create_window(url_args(sandbox))
    qtbot.addWidget(window)
    window.close()
    assert [path.name for path in files_under(config_dir)] == ["ui.ini"]


def test_on_windows_the_demo_shows_management_tokens_and_its_sandbox_config_goes_with_it(
        qtbot, config_dir, keyring_entries, monkeypatch) -> None:
    """No /dev/fd: the demo's influxctl reads a config the sandbox wrote for its own token, gone when it stops."""
    from token_desk import system
    from token_desk.api.models import TokenKind
    from tests.ui.conftest import shown_tokens

    monkeypatch.setattr(system, "PLATFORM", "win32")
    window = create_window(["--demo"])
    qtbot.addWidget(window)
    window.show()
    wait_loaded(qtbot, window)
    management = window.page(TokenKind.MANAGEMENT)
    assert not unavailable(management) and shown_tokens(management)
    bridge = window.connection.service.management
    config = Path(bridge.auth.config_path)
    assert config.is_file() and not config.is_relative_to(config_dir)
    window.close()
    window.connections.close()  # what the window's end does: the demo server stops
    assert not config.exists() and not config.parent.exists() and files_under(config_dir) == [] and keyring_entries == {}
def test_the_demo_keeps_its_history_in_memory_and_history_shows_it(qtbot, demo, config_dir, tmp_path,
                                                                    monkeypatch) -> None:
    from token_desk.api.models import TokenKind
    from token_desk.history import Outcome

    monkeypatch.setenv("TOKEN_DESK_DATA_DIR", str(tmp_path / "data"))
    history = next(action for action in demo.menus["View"].actions() if action.text() == "History")
    assert history.isEnabled()
    client = demo.connection.service
    token = next(t for t in client.list_tokens(TokenKind.DATABASE) if t.is_active)
    client.revoke_token(TokenKind.DATABASE, token.id)  # what the revoke dialog calls, off the GUI thread
    history.trigger()
    from token_desk.ui.history.history_window import HistoryWindow

    (window,) = demo.findChildren(HistoryWindow)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    entry = window.journal.read().entries[0]
    assert (entry.token_id, entry.outcome) == (token.id, Outcome.CONFIRMED)
    demo.close()
    assert files_under(config_dir) == [] and files_under(tmp_path / "data") == []


def test_connections_shows_the_demo_for_what_it_is(qtbot, demo) -> None:
    dialog = demo.connections.manage_connections()
    qtbot.addWidget(dialog)
    items = [dialog.list.item(row).text() for row in range(dialog.list.count())]
    assert items and items[0].startswith("Demo: the built-in sandbox")
    assert "sandbox server built into Token Desk" in dialog.details_label.text()
    program = dialog.influxctl_row.path_label.text()
    assert program.startswith("the built-in influxctl emulator") and not program.startswith("not found")
    assert not dialog.connect_button.isEnabled() and not dialog.buttons["Delete…"].isEnabled()
    dialog.close()
