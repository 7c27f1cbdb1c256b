"""The Connections dialog against an in-memory keyring and the sandbox over real HTTP."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from connections_helpers import (
    SECRET, SERVICE, WAIT_MS, AnsweringPrompts, locked_keyring, make_profile, manager, memory_keyring,  # noqa: F401
    no_keyring_config, read_profiles_file, sandbox_profile,
)
from token_desk.api.influxctl.locate import find_influxctl
from token_desk.api.models import TokenKind
from token_desk.credentials import ProfileManager
from token_desk.ui.connections.connections_dialog import ConnectionsDialog
from token_desk.ui.connections.profile_form import ProfileFormResult

__all__ = ["locked_keyring", "manager", "memory_keyring", "no_keyring_config"]


def open_dialog(qtbot, manager: ProfileManager, prompts: AnsweringPrompts, active=None) -> ConnectionsDialog:
    dialog = ConnectionsDialog(None, manager, prompts, active, influxctl_program=find_influxctl)
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def wait_idle(qtbot, dialog: ConnectionsDialog) -> None:
    qtbot.waitUntil(dialog.isEnabled, timeout=WAIT_MS)


def test_add_saves_the_profile_without_its_token_and_the_token_in_the_keyring(
        qtbot, manager, memory_keyring, config_dir: Path) -> None:
    prompts = AnsweringPrompts(profiles=[ProfileFormResult(make_profile(), SECRET)])
    dialog = open_dialog(qtbot, manager, prompts)
    dialog.buttons["Add…"].click()
    qtbot.waitUntil(lambda: dialog.names() == ["Production"], timeout=WAIT_MS)
    on_disk = read_profiles_file(config_dir)
    assert SECRET not in on_disk and json.loads(on_disk)  # a real JSON file, holding no secret
    assert memory_keyring.entries == {(SERVICE, "Production"): SECRET}
    assert "system keyring" in dialog.status_label.text()


def test_delete_asks_first_then_removes_profile_and_keyring_entry(qtbot, manager, memory_keyring, config_dir) -> None:
    manager.add(make_profile(), SECRET)
    prompts = AnsweringPrompts(confirm=False)
    dialog = open_dialog(qtbot, manager, prompts)
    dialog.buttons["Delete…"].click()
    assert prompts.kinds() == ["confirm_delete"] and dialog.names() == ["Production"]
    prompts.confirm = True
    with qtbot.waitSignal(dialog.profile_deleted, timeout=WAIT_MS):
        dialog.buttons["Delete…"].click()
    assert dialog.names() == [] and memory_keyring.entries == {}
    assert "Production" not in read_profiles_file(config_dir)


def test_duplicate_copies_the_profile_and_its_token(qtbot, manager, memory_keyring) -> None:
    manager.add(make_profile(), SECRET)
    dialog = open_dialog(qtbot, manager, AnsweringPrompts())
    dialog.buttons["Duplicate"].click()
    qtbot.waitUntil(lambda: len(dialog.names()) == 2, timeout=WAIT_MS)
    assert dialog.selected_name() == "Production (copy)"
    assert memory_keyring.entries[(SERVICE, "Production (copy)")] == SECRET


def test_edit_with_an_empty_token_field_keeps_the_stored_token_and_renames_it(qtbot, manager, memory_keyring) -> None:
    manager.add(make_profile(), SECRET)
    prompts = AnsweringPrompts(profiles=[ProfileFormResult(make_profile("Prod EU"), None)])
    dialog = open_dialog(qtbot, manager, prompts)
    with qtbot.waitSignal(dialog.profile_renamed, timeout=WAIT_MS) as renamed:
        dialog.buttons["Edit…"].click()
    assert renamed.args == ["Production", "Prod EU"]
    assert memory_keyring.entries == {(SERVICE, "Prod EU"): SECRET}


def test_test_connection_reports_ok_with_the_count(qtbot, manager, memory_keyring, sandbox, client) -> None:
    manager.add(sandbox_profile(sandbox), sandbox.management_token)
    dialog = open_dialog(qtbot, manager, AnsweringPrompts())
    with qtbot.waitSignal(dialog.test_row.finished, timeout=WAIT_MS) as outcome:
        dialog.test_row.button.click()
    count = len(client.list_tokens(TokenKind.DATABASE))
    assert outcome.args[0] is True
    assert dialog.test_row.message == f"Connection OK: the server listed {count} database tokens."


def test_test_connection_with_a_wrong_token_shows_the_401_sentence(qtbot, manager, memory_keyring, sandbox) -> None:
    manager.add(sandbox_profile(sandbox), "apiv1_wrong-token")
    dialog = open_dialog(qtbot, manager, AnsweringPrompts())
    with qtbot.waitSignal(dialog.test_row.finished, timeout=WAIT_MS) as outcome:
        dialog.test_row.button.click()
    assert outcome.args[0] is False
    assert dialog.test_row.message.startswith("The management token was rejected (401)")


def test_add_with_a_locked_keyring_explains_and_can_keep_the_token_for_this_session(
        qtbot, manager, locked_keyring, config_dir) -> None:
    prompts = AnsweringPrompts(profiles=[ProfileFormResult(make_profile(), SECRET)], session_tokens=[SECRET])
    dialog = open_dialog(qtbot, manager, prompts)
    dialog.buttons["Add…"].click()
    qtbot.waitUntil(lambda: dialog.names() == ["Production"], timeout=WAIT_MS)
    kind, message, token_known = prompts.asked[1]
    assert kind == "keyring_problem" and token_known
    assert message.startswith("The system keyring is locked") and "session only" in message
    assert dialog.list.item(0).text() == "Production  (token for this session only)"  # what the person is told
    assert manager.credentials.token_for("Production") == SECRET
    assert SECRET not in read_profiles_file(config_dir)
    assert "for this session only" in dialog.status_label.text()


def test_add_with_a_locked_keyring_and_cancel_saves_nothing(qtbot, manager, locked_keyring, config_dir) -> None:
    prompts = AnsweringPrompts(profiles=[ProfileFormResult(make_profile(), SECRET)], session_tokens=[None])
    dialog = open_dialog(qtbot, manager, prompts)
    dialog.buttons["Add…"].click()
    qtbot.waitUntil(lambda: "keyring_problem" in prompts.kinds(), timeout=WAIT_MS)
    assert dialog.names() == [] and manager.store.names() == []


def test_connect_asks_the_app_to_switch_to_the_selected_profile(qtbot, manager, memory_keyring) -> None:
    manager.add(make_profile("A"), SECRET)
    manager.add(make_profile("B"), SECRET)
    dialog = open_dialog(qtbot, manager, AnsweringPrompts(), active="A")
    assert dialog.selected_name() == "A" and "(connected)" in dialog.list.currentItem().text()
    dialog.select("B")
    with qtbot.waitSignal(dialog.connect_requested) as chosen:
        dialog.connect_button.click()
    assert chosen.args == ["B"] and not dialog.isVisible()


@pytest.mark.parametrize("name", ["<b>Bold</b> & co"])
def test_names_are_shown_as_plain_text(qtbot, manager, memory_keyring, name) -> None:
    manager.add(make_profile(name), SECRET)
    dialog = open_dialog(qtbot, manager, AnsweringPrompts())
    assert dialog.list.item(0).text() == name  # list items never interpret markup
    assert "Account ID" in dialog.details_label.text()
