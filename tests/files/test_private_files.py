"""Files with token data are the user's alone: the history, the window's settings and exports are created
0600 in 0700 folders, whatever the umask (a shared machine's other users must not read them)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.history.history_helpers import TARGET, TOKEN_ID, Clock
from token_desk.history import Action, Journal
from token_desk.history.journal import FILE_NAME
from token_desk.paths import config_dir, data_dir
from token_desk.ui.common.settings import SETTINGS_FILE, open_settings

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes; Windows keeps a profile private")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def permissive_umask():
    """The usual desktop umask, under which a plain open() makes files every user can read."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_the_history_file_and_its_folder_are_private(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "token-desk"
    journal = Journal(folder, clock=Clock())
    journal.record_attempt(TARGET, "database", TOKEN_ID, "ingest for sensors", Action.REVOKE)
    assert mode(folder / FILE_NAME) == 0o600
    assert mode(folder) == 0o700


def test_a_history_file_left_readable_by_an_older_version_is_closed(tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).write_text("")
    os.chmod(tmp_path / FILE_NAME, 0o644)
    Journal(tmp_path, clock=Clock()).record_attempt(TARGET, "database", TOKEN_ID, "ci", Action.REVOKE)
    assert mode(tmp_path / FILE_NAME) == 0o600


def test_the_settings_file_and_its_folder_are_private(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "config" / "token-desk"
    monkeypatch.setenv("TOKEN_DESK_CONFIG_DIR", str(folder))
    settings = open_settings()
    settings.setValue("window/page", 1)
    settings.sync()
    assert settings.status() == settings.Status.NoError
    assert mode(folder / SETTINGS_FILE) == 0o600
    assert mode(folder) == 0o700 and mode(config_dir()) == 0o700


def test_the_data_folder_is_private(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("TOKEN_DESK_DATA_DIR", str(tmp_path / "share" / "token-desk"))
    assert mode(data_dir()) == 0o700


def test_an_export_is_private_too(tmp_path: Path) -> None:
    from token_desk.atomic_write import write_text_atomically

    write_text_atomically(tmp_path / "tokens.csv", lambda file: file.write("id\n"))
    assert mode(tmp_path / "tokens.csv") == 0o600
