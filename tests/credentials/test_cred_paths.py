from pathlib import Path

import pytest

from token_desk import paths
from token_desk.credentials import default_influxctl_config_path

HOME = Path("/home/ada")


def test_env_override_wins_and_is_created_on_demand(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "nested" / "state"
    monkeypatch.setenv("TOKEN_DESK_CONFIG_DIR", str(target))
    assert paths.config_dir() == target
    assert target.is_dir()


@pytest.mark.parametrize(
    ("platform", "environ", "expected"),
    [
        ("linux", {}, HOME / ".config" / "token-desk"),
        ("linux", {"XDG_CONFIG_HOME": "/xdg"}, Path("/xdg/token-desk")),
        ("linux", {"XDG_CONFIG_HOME": "relative/ignored"}, HOME / ".config" / "token-desk"),
        ("darwin", {}, HOME / "Library" / "Application Support" / "Token Desk"),
        ("win32", {"APPDATA": "C:/Users/ada/AppData/Roaming"}, Path("C:/Users/ada/AppData/Roaming/Token Desk")),
    ],
)
def test_platform_conventions(platform: str, environ: dict[str, str], expected: Path) -> None:
    assert paths.default_config_dir(platform, environ, HOME) == expected


@pytest.mark.parametrize(
    ("platform", "environ", "expected"),
    [
        ("linux", {}, HOME / ".config" / "influxctl" / "config.toml"),
        ("darwin", {}, HOME / "Library" / "Application Support" / "influxctl" / "config.toml"),
        ("win32", {"APPDATA": "C:/AppData"}, Path("C:/AppData/influxctl/config.toml")),
    ],
)
def test_influxctl_config_location(platform: str, environ: dict[str, str], expected: Path) -> None:
    assert default_influxctl_config_path(platform, environ, HOME) == expected


@pytest.mark.parametrize(("platform", "environ", "expected"), [
    ("linux", {}, Path("/home/ada/.local/share/token-desk")),
    ("linux", {"XDG_DATA_HOME": "/data"}, Path("/data/token-desk")),
    ("linux", {"XDG_DATA_HOME": "relative"}, Path("/home/ada/.local/share/token-desk")),
    ("darwin", {}, Path("/home/ada/Library/Application Support/Token Desk")),
    ("win32", {"LOCALAPPDATA": "C:/Users/ada/AppData/Local"}, Path("C:/Users/ada/AppData/Local/Token Desk")),
    ("linux", {"TOKEN_DESK_CONFIG_DIR": "/portable"}, Path("/portable")),
    ("linux", {"TOKEN_DESK_CONFIG_DIR": "/portable", "TOKEN_DESK_DATA_DIR": "/records"}, Path("/records")),
])
def test_the_history_lives_in_the_os_data_folder_unless_told_otherwise(platform, environ, expected) -> None:
    assert paths.default_data_dir(platform, environ, Path("/home/ada")) == expected
