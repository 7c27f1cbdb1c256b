"""A connection is either "Management token" or "influxctl profile": the form, the import and opening one."""

from __future__ import annotations

from pathlib import Path

from connections_helpers import (  # noqa: F401 - fixtures
    ACCOUNT_ID, CLUSTER_ID, SERVICE, WAIT_MS, manager, memory_keyring, no_keyring_config, read_profiles_file,
)
from test_influxctl_import import GOOD, PLAINTEXT, write_config

from token_desk.credentials import import_profiles
from token_desk.ui.connections.influxctl_import_dialog import InfluxctlImportDialog

from token_desk.credentials import Profile, ProfileStore
from token_desk.ui.connections.profile_form import INFLUXCTL_CONFIG_FIELD, INFLUXCTL_PROFILE_FIELD, ProfileDialog


def test_the_form_asks_an_influxctl_profile_only_for_its_name_profile_and_file(qtbot):
    dialog = ProfileDialog(None, [])
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
    from token_desk.app import start_demo
    from token_desk.ui.connections import ConnectionsController
    from token_desk.ui.shell.main_window import MainWindow
    from connections_helpers import AnsweringPrompts
    from tests.ui.conftest import RecordingRevoker

    monkeypatch.setenv("TOKEN_DESK_INFLUXCTL", "")
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setattr("token_desk.api.influxctl.locate.usual_locations", lambda *args: [])
    controller = ConnectionsController(manager, start_demo)
    window = MainWindow(controller, AnsweringPrompts(), RecordingRevoker())
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
