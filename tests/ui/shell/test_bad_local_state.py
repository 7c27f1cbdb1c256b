"""Bad local state on start: a sentence and a way on, one dialog, never a traceback."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QComboBox

from tests.ui.conftest import DecliningPrompts
from token_desk.__main__ import main
from token_desk.app import create_window
from token_desk.credentials import Profile, ProfileStore

UUID = "0f8fad5b-d9cb-469f-a165-70867728950e"


class ShownProblems(DecliningPrompts):
    def __init__(self) -> None:
        super().__init__()
        self.problems: list[tuple[str, str]] = []

    def show_problem(self, parent, title, message) -> None:
        super().show_problem(parent, title, message)
        self.problems.append((title, message))


@pytest.fixture
def unwritable_config(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    folder = blocker / "token-desk"  # cannot be created, even by root
    monkeypatch.setenv("TOKEN_DESK_CONFIG_DIR", str(folder))
    return folder


def test_an_unwritable_config_folder_is_named_once_and_the_app_runs_without_saving(
        qtbot, unwritable_config) -> None:
    prompts = ShownProblems()
    window = create_window([], prompts=prompts)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: prompts.problems != [])
    ((title, message),) = prompts.problems
    assert title == "Settings Will Not Be Saved"
    assert str(unwritable_config) in message and "without saving" in message
    assert window.central_stack.currentWidget() is window.welcome  # and the app goes on


def test_the_demo_never_needs_the_config_folder(qtbot, unwritable_config) -> None:
    prompts = ShownProblems()
    window = create_window(["--demo"], prompts=prompts)  # it stores nothing, so nothing to warn about
    qtbot.addWidget(window)
    window.show()
    qtbot.wait(50)
    assert prompts.problems == [] and window.connection.is_demo


def test_profiles_added_without_a_writable_folder_last_the_session(unwritable_config) -> None:
    store = ProfileStore(in_memory=True)
    store.add(Profile(name="Lab", account_id=UUID, cluster_id=UUID))
    assert store.names() == ["Lab"] and not unwritable_config.exists()


def test_a_damaged_profiles_file_is_reported_in_one_dialog(qtbot, config_dir) -> None:
    (config_dir / "profiles.json").write_text("{not json", encoding="utf-8")
    prompts = ShownProblems()
    window = create_window([], prompts=prompts)
    qtbot.addWidget(window)
    window.show()
    qtbot.wait(50)
    assert len(prompts.problems) == 1 and "is damaged" in prompts.problems[0][1]
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
    window = create_window([], prompts=ShownProblems())
    qtbot.addWidget(window)
    switcher = window.findChild(QComboBox, "profileSwitcher")
    names = [switcher.itemText(index) for index in range(switcher.count())]
    assert names[1:3] == ["Cluster 0", "Cluster 1"] and "Cluster 9999" in names
    assert window.central_stack.currentWidget() is window.welcome
