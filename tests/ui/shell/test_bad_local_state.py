"""Bad local state on start: a sentence and a way on, one dialog, never a traceback."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QComboBox

from tests.ui.modals import modals_answered
from token_desk.__main__ import main
from token_desk.app import create_window
from token_desk.credentials import Profile, ProfileStore

UUID = "0f8fad5b-d9cb-469f-a165-70867728950e"


@pytest.fixture
def unwritable_config(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    folder = blocker / "token-desk"  # cannot be created, even by root
    monkeypatch.setenv("TOKEN_DESK_CONFIG_DIR", str(folder))
    return folder


def test_an_unwritable_config_folder_is_named_once_and_the_app_runs_without_saving(
        qtbot, unwritable_config) -> None:
    with modals_answered() as seen:
        window = create_window([])
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: seen != [])
    (box,) = seen
    assert box.title == "Settings Will Not Be Saved" and box.answer == "OK"
    assert str(unwritable_config) in box.text and "without saving" in box.text
    assert window.central_stack.currentWidget() is window.welcome  # and the app goes on


def test_the_demo_never_needs_the_config_folder(qtbot, unwritable_config) -> None:
    with modals_answered() as seen:
        window = create_window(["--demo"])  # it stores nothing, so nothing to warn about
        qtbot.addWidget(window)
        window.show()
        qtbot.wait(50)
    assert seen == [] and window.connection.is_demo


def test_profiles_added_without_a_writable_folder_last_the_session(unwritable_config) -> None:
    store = ProfileStore(in_memory=True)
    store.add(Profile(name="Lab", account_id=UUID, cluster_id=UUID))
    assert store.names() == ["Lab"] and not unwritable_config.exists()


def test_a_damaged_profiles_file_is_reported_in_one_dialog(qtbot, config_dir) -> None:
    (config_dir / "profiles.json").write_text("{not json", encoding="utf-8")
    with modals_answered() as seen:
        window = create_window([])
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: seen != [])
        qtbot.wait(50)  # time for a second box, which must not come
    assert len(seen) == 1 and "is damaged" in seen[0].text
    assert window.central_stack.currentWidget() is window.welcome


def test_profile_option_with_a_damaged_file_exits_2_with_its_sentence(capsys, config_dir) -> None:
    (config_dir / "profiles.json").write_text("{not json", encoding="utf-8")
    assert main(["--profile", "Production"]) == 2
    err = capsys.readouterr().err
    assert "is damaged" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_ten_thousand_profiles_all_reach_the_switcher(qtbot, config_dir) -> None:
    profiles = [{"name": f"Cluster {n}", "base_url": "https://console.influxdata.com/api/v0",
                 "account_id": UUID, "cluster_id": UUID} for n in range(10_000)]
    (config_dir / "profiles.json").write_text(json.dumps({"schema_version": 1, "last_used": None,
                                                          "profiles": profiles}), encoding="utf-8")
    window = create_window([])
    qtbot.addWidget(window)
    switcher = window.findChild(QComboBox, "profileSwitcher")
    names = [switcher.itemText(index) for index in range(switcher.count())]
    assert names[1:3] == ["Cluster 0", "Cluster 1"] and "Cluster 9999" in names
    assert window.central_stack.currentWidget() is window.welcome
