"""Import from influxctl: good, partial and malformed config.toml files written by the tests."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from connections_helpers import (  # noqa: F401 - fixtures
    ACCOUNT_ID, CLUSTER_ID, SERVICE, WAIT_MS, manager, memory_keyring, no_keyring_config, read_profiles_file,
)
from token_desk.credentials import import_profiles
from token_desk.ui.connections.influxctl_import_dialog import InfluxctlImportDialog

PLAINTEXT = "apiv1_plaintext-in-config-toml-0d1e"
GOOD = f"""
[[profile]]
name = "prod"
product = "dedicated"
account_id = "{ACCOUNT_ID}"
cluster_id = "{CLUSTER_ID}"
host = "cluster-id.a.influxdb.io"
mgmt_token = "{PLAINTEXT}"

[[profile]]
name = "serverless"
product = "serverless"
account_id = "{ACCOUNT_ID}"
cluster_id = "{CLUSTER_ID}"
"""


def write_config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "influxctl" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def open_dialog(qtbot, manager, path: Path) -> InfluxctlImportDialog:
    dialog = InfluxctlImportDialog(None, lambda chosen: import_profiles(chosen, manager.store, manager.credentials),
                                   manager.store.names(), path)
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def test_lists_profiles_with_the_unimportable_ones_disabled_and_explained(qtbot, manager, memory_keyring, tmp_path):
    dialog = open_dialog(qtbot, manager, write_config(tmp_path, GOOD))
    prod, serverless = dialog.list.item(0), dialog.list.item(1)
    assert prod.checkState() == Qt.CheckState.Checked and prod.flags() & Qt.ItemFlag.ItemIsEnabled
    assert not serverless.flags() & Qt.ItemFlag.ItemIsEnabled
    assert "Cloud Dedicated only" in serverless.text()
    assert "Found 2 profile(s), 1 of them importable" in dialog.message_label.text()


def test_import_moves_the_token_to_the_keyring_and_warns_it_is_still_in_config_toml(
        qtbot, manager, memory_keyring, tmp_path, config_dir):
    path = write_config(tmp_path, GOOD)
    dialog = open_dialog(qtbot, manager, path)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=WAIT_MS)
    message = dialog.message_label.text()
    assert message.startswith("Imported 1 profile(s); skipped 0.")
    assert f"still stored in plain text in {path}" in message
    assert memory_keyring.entries == {(SERVICE, "prod"): PLAINTEXT}
    assert PLAINTEXT not in read_profiles_file(config_dir) and manager.store.names() == ["prod"]
    assert PLAINTEXT in path.read_text(encoding="utf-8")  # influxctl's file is left as it was
    assert dialog.import_button.text() == "Close"
    dialog.import_button.click()
    assert not dialog.isVisible()


def test_unticking_everything_disables_import(qtbot, manager, memory_keyring, tmp_path):
    dialog = open_dialog(qtbot, manager, write_config(tmp_path, GOOD))
    dialog.list.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert not dialog.import_button.isEnabled()


def test_malformed_toml_shows_the_file_level_message_and_offers_nothing(qtbot, manager, memory_keyring, tmp_path):
    path = write_config(tmp_path, '[[profile]]\nname = "prod\n')
    dialog = open_dialog(qtbot, manager, path)
    assert dialog.message_label.text().startswith(f"{path} is not valid TOML")
    assert dialog.list.count() == 0 and not dialog.import_button.isEnabled()
    assert dialog.message_label.textFormat() == Qt.TextFormat.PlainText


def test_missing_file_says_where_it_looked(qtbot, manager, memory_keyring, tmp_path):
    path = tmp_path / "nowhere" / "config.toml"
    dialog = open_dialog(qtbot, manager, path)
    assert f"There is no influxctl configuration at {path}" in dialog.message_label.text()
