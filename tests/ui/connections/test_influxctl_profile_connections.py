"""A connection is either "Management token" or "influxctl profile": the form, the import and opening one."""

from __future__ import annotations

from pathlib import Path

import pytest

from connections_helpers import (  # noqa: F401 - fixtures
    ACCOUNT_ID, CLUSTER_ID, SERVICE, WAIT_MS, manager, memory_keyring, no_keyring_config, read_profiles_file,
)
from test_influxctl_import import GOOD, PLAINTEXT, write_config

from token_desk.api.influxctl import InfluxctlProgram
from token_desk.api.influxctl.locate import find_influxctl
from token_desk.api.models import TokenKind
from token_desk.credentials import import_profiles
from token_desk.sandbox.influxctl import write_launcher
from token_desk.ui.connections.influxctl_import_dialog import InfluxctlImportDialog

from token_desk.credentials import Profile, ProfileStore
from token_desk.ui.connections.profile_form import INFLUXCTL_CONFIG_FIELD, INFLUXCTL_PROFILE_FIELD, ProfileDialog


def test_the_form_asks_an_influxctl_profile_only_for_its_name_profile_and_file(qtbot):
    dialog = ProfileDialog(None, [], influxctl_program=find_influxctl)
    qtbot.addWidget(dialog)
    form = dialog.form
    form.sign_in_box.setCurrentIndex(1)
    form.inputs["name"].setText("Prod via influxctl")
    form.inputs[INFLUXCTL_PROFILE_FIELD].setText("prod")
    form.inputs[INFLUXCTL_CONFIG_FIELD].setText("/home/me/.config/influxctl/config.toml")
    assert form.is_valid  # no URL, IDs or token needed
    assert form.token_field.isHidden() or not form.token_field.isVisibleTo(form)
    result = form.result()
    assert result.token is None
    assert (result.profile.influxctl_profile, result.profile.influxctl_config) == (
        "prod", "/home/me/.config/influxctl/config.toml")
    form.sign_in_box.setCurrentIndex(0)
    assert not form.is_valid  # a management-token connection needs its IDs and token again


def test_an_influxctl_profile_survives_the_profiles_file(config_dir: Path):
    store = ProfileStore()
    store.add(Profile(name="b", account_id="", cluster_id="", influxctl_profile="prod", influxctl_config=None))
    reread = ProfileStore().get("b")
    assert reread.uses_influxctl_profile and reread.influxctl_profile == "prod" and reread.influxctl_config is None


def test_import_can_use_each_profile_as_it_is_and_stores_no_token(qtbot, manager, memory_keyring, tmp_path,
                                                                   config_dir):
    path = write_config(tmp_path, GOOD)
    dialog = InfluxctlImportDialog(
        None, lambda chosen, **how: import_profiles(chosen, manager.store, manager.credentials, **how), [], path)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.use_as_is_radio.setChecked(True)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=WAIT_MS)
    assert "sign in through influxctl" in dialog.message_label.text()
    assert memory_keyring.entries == {}
    profile = manager.store.get("prod")
    assert (profile.influxctl_profile, profile.influxctl_config) == ("prod", str(path))
    assert PLAINTEXT not in read_profiles_file(config_dir)


def test_the_connections_dialog_shows_and_sets_the_influxctl_program(qtbot, manager, memory_keyring, tmp_path,
                                                                     monkeypatch):
    from token_desk.ui.common.settings import open_settings
    from connections_helpers import AnsweringPrompts
    from tests.ui.conftest import RecordingRevoker, window_with

    monkeypatch.setenv("TOKEN_DESK_INFLUXCTL", "")
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setattr("token_desk.api.influxctl.locate.usual_locations", lambda *args: [])
    window = window_with(manager, AnsweringPrompts(), RecordingRevoker(), open_settings())
    controller = window.connections
    qtbot.addWidget(window)
    try:
        dialog = controller.manage_connections()
        assert dialog.influxctl_row.path_label.text().startswith("not found")
        chosen = str(tmp_path / "influxctl")
        dialog.influxctl_row.chosen.emit(chosen)
        assert controller.influxctl_program().label == chosen  # remembered: the next connection uses it
        dialog.close()
    finally:
        controller.close()


@pytest.fixture
def influxctl_only_where_chosen(monkeypatch, sandbox) -> None:
    """Neither TOKEN_DESK_INFLUXCTL, PATH nor the usual folders find influxctl: only a chosen program does."""
    monkeypatch.setenv("TOKEN_DESK_INFLUXCTL", "")
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setattr("token_desk.api.influxctl.locate.usual_locations", lambda *args: [])


def influxctl_config(sandbox, folder: Path) -> Path:
    config = folder / "config.toml"
    config.write_text(f'[[profile]]\nname = "prod"\nproduct = "dedicated"\naccount_id = "{sandbox.account_id}"\n'
                      f'cluster_id = "{sandbox.cluster_id}"\nmgmt_token = "{sandbox.management_token}"\n')
    return config


def test_test_connection_runs_the_influxctl_program_chosen_in_the_app(
        qtbot, manager, memory_keyring, sandbox, client, tmp_path, influxctl_only_where_chosen):
    from token_desk.ui.common.settings import open_settings
    from connections_helpers import AnsweringPrompts
    from tests.ui.conftest import RecordingRevoker, window_with

    manager.add(Profile(name="Prod via influxctl", account_id="", cluster_id="", influxctl_profile="prod",
                        influxctl_config=str(influxctl_config(sandbox, tmp_path))))
    launcher = str(write_launcher(tmp_path / "bin", sandbox.influxctl_command))
    prompts = AnsweringPrompts(profiles=[None])
    window = window_with(manager, prompts, RecordingRevoker(), open_settings())
    controller = window.connections
    qtbot.addWidget(window)
    try:
        dialog = controller.manage_connections()
        dialog.influxctl_row.chosen.emit(launcher)  # the "influxctl program" setting, as a person sets it
        with qtbot.waitSignal(dialog.test_row.finished, timeout=WAIT_MS) as outcome:
            dialog.test_row.button.click()
        count = len(client.list_tokens(TokenKind.DATABASE))
        assert outcome.args[0] is True, dialog.test_row.message
        assert dialog.test_row.message == f"Connection OK: the server listed {count} database tokens."
        dialog.buttons["Add…"].click()  # the profile form's own "Test Connection" gets the same lookup
        assert [source().label for source in prompts.influxctl_sources] == [launcher]
        dialog.close()
    finally:
        controller.close()


def test_the_profile_forms_test_connection_runs_the_program_it_is_given(
        qtbot, sandbox, client, tmp_path, influxctl_only_where_chosen):
    launcher = str(write_launcher(tmp_path / "bin", sandbox.influxctl_command))
    dialog = ProfileDialog(None, [], influxctl_program=lambda: InfluxctlProgram([launcher]))
    qtbot.addWidget(dialog)
    form = dialog.form
    form.sign_in_box.setCurrentIndex(1)
    form.inputs["name"].setText("Prod via influxctl")
    form.inputs[INFLUXCTL_PROFILE_FIELD].setText("prod")
    form.inputs[INFLUXCTL_CONFIG_FIELD].setText(str(influxctl_config(sandbox, tmp_path)))
    with qtbot.waitSignal(dialog.test_row.finished, timeout=WAIT_MS) as outcome:
        dialog.test_row.button.click()
    count = len(client.list_tokens(TokenKind.DATABASE))
    assert outcome.args == [True, f"Connection OK: the server listed {count} database tokens."]
