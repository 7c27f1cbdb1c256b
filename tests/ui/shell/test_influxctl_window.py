"""The window over influxctl: the fixed command-line seams, the calm panel when influxctl is unusable,
and a revoke of a management token that goes through influxctl."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QPushButton

from tests.ui.conftest import shown_tokens, unavailable, url_args, wait_loaded
from token_desk.api.models import TokenKind
from token_desk.app import create_window
from token_desk.connection import ConnectionKind
from token_desk.sandbox.influxctl import write_launcher
from token_desk.ui.tokens.influxctl_panel import CHOOSE_TEXT


@pytest.fixture
def window_factory(qtbot, monkeypatch, sandbox):
    monkeypatch.setenv("INFLUX_MANAGEMENT_TOKEN", sandbox.management_token)
    monkeypatch.delenv("TOKEN_DESK_INFLUXCTL", raising=False)
    monkeypatch.setenv("PATH", "/nonexistent")  # nothing found unless named
    monkeypatch.setattr("token_desk.api.influxctl.locate.usual_locations", lambda *args: [])
    made = []

    def make(argv):
        window = create_window(argv)
        qtbot.addWidget(window)
        made.append(window)
        wait_loaded(qtbot, window)
        return window

    yield make
    for window in made:
        window.connections.close()


def listed_ids(tokens) -> set[str]:
    return {token["id"] if isinstance(token, dict) else token.id for token in tokens}


def test_way_a_management_tokens_come_from_the_named_influxctl(window_factory, sandbox, tmp_path):
    launcher = write_launcher(tmp_path, sandbox.influxctl_command)
    window = window_factory([*url_args(sandbox), "--influxctl", str(launcher)])
    management = window.page(TokenKind.MANAGEMENT)
    window.commands["show-inactive"].setChecked(True)
    assert listed_ids(shown_tokens(management)) == listed_ids(sandbox.state.management_tokens())
    assert listed_ids(shown_tokens(window.page(TokenKind.DATABASE))) == listed_ids(sandbox.state.database_tokens())
    assert not unavailable(management)


def test_way_b_uses_the_influxctl_profile_as_it_is(window_factory, sandbox, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text(f'[[profile]]\nname = "prod"\nproduct = "dedicated"\naccount_id = "{sandbox.account_id}"\n'
                      f'cluster_id = "{sandbox.cluster_id}"\nmgmt_token = "{sandbox.management_token}"\n')
    launcher = write_launcher(tmp_path / "bin", sandbox.influxctl_command)
    window = window_factory(["--influxctl", str(launcher), "--influxctl-config", str(config),
                             "--influxctl-profile", "prod"])
    assert window.connection.kind is ConnectionKind.INFLUXCTL
    window.commands["show-inactive"].setChecked(True)
    assert listed_ids(shown_tokens(window.page(TokenKind.MANAGEMENT))) == \
        listed_ids(sandbox.state.management_tokens())
    database = shown_tokens(window.page(TokenKind.DATABASE))
    assert listed_ids(database) == listed_ids(sandbox.state.database_tokens())
    assert all(token.created_at is None for token in database)  # the CLI does not print it: shown as missing


def test_without_influxctl_the_management_page_explains_and_database_tokens_still_load(window_factory, sandbox):
    window = window_factory(url_args(sandbox))
    management = window.page(TokenKind.MANAGEMENT)
    assert unavailable(management)
    panel = management.unavailable_panel
    assert panel.headline.text() == "Management tokens cannot be listed: influxctl not found"
    assert "install it, or choose where it is" in panel.details.text()
    assert any(button.text() == CHOOSE_TEXT for button in panel.findChildren(QPushButton))
    assert not window.banner.isVisible()
    assert listed_ids(shown_tokens(window.page(TokenKind.DATABASE))) and \
        not unavailable(window.page(TokenKind.DATABASE))


def test_without_influxctl_no_count_of_management_tokens_is_claimed(window_factory, sandbox):
    """The service was never asked: the status bar says why there is no list, not "0 tokens", and Needs
    attention counts nothing; the Database Tokens page still counts its own list."""
    window = window_factory(url_args(sandbox))
    facts = window.status.facts_label.text()
    assert facts.startswith("Management tokens cannot be listed: influxctl not found")
    assert "0 tokens" not in facts
    assert window.commands["needs-attention"].text() == "Needs attention"
    export = window.commands["export"]  # an empty file would say the same untruth
    assert not export.isEnabled() and export.toolTip().startswith("Management tokens cannot be listed")
    window.show_page(TokenKind.DATABASE)
    assert export.isEnabled()
    total = window.page(TokenKind.DATABASE).proxy.counts().total
    assert total and window.status.counts.startswith(f"{total} tokens")
    assert window.commands["needs-attention"].text().startswith("Needs attention (")


def test_without_influxctl_the_expiry_reminders_say_they_hold_no_management_tokens(window_factory, sandbox, qtbot,
                                                                                    tmp_path):
    from tests.ui.file_prompts_fake import ScriptedFilePrompts
    from token_desk.ui.attention.reminders import ReminderExport

    window = window_factory(url_args(sandbox))
    reminders = ReminderExport(window, ScriptedFilePrompts(tmp_path / "r.ics"))
    assert reminders.start(tmp_path)
    qtbot.waitUntil(lambda: not reminders.running)
    message = window.statusBar().currentMessage()
    assert message.startswith("Saved ") and "It has no management tokens: they are not listed here." in message


def test_management_tokens_listed_before_influxctl_went_away_are_neither_counted_nor_in_the_reminders(
        window_factory, sandbox, qtbot, tmp_path):
    from tests.ui.file_prompts_fake import ScriptedFilePrompts
    from token_desk.ui.attention.reminders import ReminderExport

    launcher = write_launcher(tmp_path, sandbox.influxctl_command)
    window = window_factory([*url_args(sandbox), "--influxctl", str(launcher)])
    management = window.page(TokenKind.MANAGEMENT)
    assert shown_tokens(management)
    window.connections.choose_influxctl(str(tmp_path / "gone" / "influxctl"))  # a program that is not there
    wait_loaded(qtbot, window)
    assert unavailable(management)
    assert window.status.counts.startswith("Management tokens cannot be listed")
    assert window.commands["needs-attention"].text() == "Needs attention"
    path = tmp_path / "r.ics"
    reminders = ReminderExport(window, ScriptedFilePrompts(path))
    assert reminders.start(tmp_path)
    qtbot.waitUntil(lambda: not reminders.running)
    assert "It has no management tokens" in window.statusBar().currentMessage()
    import icalendar

    summaries = [str(event["SUMMARY"]) for event in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")]
    assert summaries and not [summary for summary in summaries if summary.endswith("(management token)")]


def test_too_old_influxctl_shows_the_version_found(window_factory, sandbox, tmp_path):
    old = tmp_path / "influxctl"
    old.write_text(f"#!{sys.executable}\nprint('influxctl 2.5.0 (git: abc)')\n")
    old.chmod(0o755)
    window = window_factory([*url_args(sandbox), "--influxctl", str(old)])
    panel = window.page(TokenKind.MANAGEMENT).unavailable_panel
    assert unavailable(window.page(TokenKind.MANAGEMENT))
    assert "2.5.0" in panel.found.text() and "too old" in panel.found.text()
    assert window.status.counts == "Management tokens cannot be listed: influxctl is too old"


def test_choosing_influxctl_from_the_panel_loads_management_tokens(window_factory, sandbox, tmp_path, qtbot):
    window = window_factory(url_args(sandbox))
    launcher = write_launcher(tmp_path, sandbox.influxctl_command)
    window.connections.choose_influxctl(str(launcher))
    wait_loaded(qtbot, window)
    management = window.page(TokenKind.MANAGEMENT)
    assert not unavailable(management) and shown_tokens(management)
    assert window.toolbar.new_button.isEnabled()  # and creating one works again


def new_button_of(window, kind: TokenKind):
    """The toolbar's New … Token… button as a person sees it on `kind`'s page."""
    window.sidebar.setCurrentRow(list(TokenKind).index(kind))
    button = window.toolbar.new_button
    assert button.text().startswith(f"New {kind.label}")
    return button


def test_without_influxctl_new_management_token_is_off_and_says_what_the_page_offers(window_factory, sandbox):
    """Not a dialog that fails at the end: the command is off, its tooltip points at Choose influxctl…"""
    window = window_factory(url_args(sandbox))
    button = new_button_of(window, TokenKind.MANAGEMENT)
    assert not button.isEnabled() and not window.commands["new-management-token"].isEnabled()
    assert "cannot find" in button.toolTip() and "choose it on the Management Tokens page" in button.toolTip()
    panel = window.page(TokenKind.MANAGEMENT).unavailable_panel
    assert any(b.text() == CHOOSE_TEXT and b.isVisibleTo(panel) for b in panel.findChildren(QPushButton))
    assert new_button_of(window, TokenKind.DATABASE).isEnabled()  # database tokens need no influxctl


def test_with_a_too_old_influxctl_new_management_token_asks_for_a_newer_one(window_factory, sandbox, tmp_path):
    old = tmp_path / "influxctl"
    old.write_text(f"#!{sys.executable}\nprint('influxctl 2.5.0 (git: abc)')\n")
    old.chmod(0o755)
    window = window_factory([*url_args(sandbox), "--influxctl", str(old)])
    button = new_button_of(window, TokenKind.MANAGEMENT)
    assert not button.isEnabled() and "too old" in button.toolTip() and "choose a newer one" in button.toolTip()


def test_on_windows_a_token_connection_explains_why_management_tokens_need_an_influxctl_profile(
        window_factory, sandbox, tmp_path, monkeypatch):
    from token_desk import system
    from token_desk.api.influxctl import InfluxctlNeedsItsOwnSignInError

    monkeypatch.setattr(system, "PLATFORM", "win32")
    launcher = write_launcher(tmp_path, sandbox.influxctl_command)
    window = window_factory([*url_args(sandbox), "--influxctl", str(launcher)])
    management = window.page(TokenKind.MANAGEMENT)
    panel = management.unavailable_panel
    assert unavailable(management)
    assert panel.details.text() == InfluxctlNeedsItsOwnSignInError.default_advice
    assert panel.found.isHidden() and panel.choose_button.isHidden()  # another influxctl would not help
    new = window.commands["new-management-token"]
    assert not new.isEnabled() and "influxctl profile" in new.toolTip()
    window.commands["show-inactive"].setChecked(True)
    assert listed_ids(shown_tokens(window.page(TokenKind.DATABASE))) == listed_ids(sandbox.state.database_tokens())
