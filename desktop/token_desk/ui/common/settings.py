"""The window's remembered layout (QSettings in an INI file under the app's config folder; never secrets)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from token_desk.paths import config_dir
from token_desk.private_files import private_file

SETTINGS_FILE = "ui.ini"

GEOMETRY = "window/geometry"
SPLITTER = "window/splitter"
CURRENT_PAGE = "window/page"
SHOW_INACTIVE = "filters/show_inactive"
CLUSTER_CHOICE = "clusters/choice"  # + "/" + a connection's name: the Database Tokens page's cluster (an ID, "": all)
INFLUXCTL_PROGRAM = "influxctl/program"  # the Connections dialog's "influxctl program" (a path, never a secret)


def open_settings() -> QSettings:
    """The app's UI settings file; TOKEN_DESK_CONFIG_DIR moves it (tests point it at a temp folder)."""
    path = config_dir() / SETTINGS_FILE
    try:
        private_file(path)  # made 0600 before Qt writes it: Qt's atomic save keeps an existing file's mode
    except OSError:
        pass  # an unwritable folder: config_dir_problem() says so, and the session runs without saving
    return QSettings(str(path), QSettings.Format.IniFormat)


def header_key(kind_value: str) -> str:
    return f"tables/{kind_value}/header"


def read_bytes(settings: QSettings, key: str) -> QByteArray | None:
    value = settings.value(key)
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def read_bool(settings: QSettings, key: str, default: bool) -> bool:
    value = settings.value(key, default)
    if isinstance(value, str):  # INI files hand booleans back as text
        return value.lower() == "true"
    return bool(value)


def read_int(settings: QSettings, key: str, default: int) -> int:
    try:
        return int(settings.value(key, default))
    except (TypeError, ValueError):
        return default


class MemorySettings:
    """The part of QSettings the window uses, kept in a dict: a `--demo` run remembers nothing on disk."""

    def __init__(self) -> None:
        self._values: dict[str, object] = {}

    def value(self, key: str, default: object = None) -> object:
        return self._values.get(key, default)

    def setValue(self, key: str, value: object) -> None:  # QSettings' name, so the window needs no branch
        self._values[key] = value

    def sync(self) -> None:
        """Nothing to write."""


def read_text(settings: QSettings, key: str) -> str | None:
    value = settings.value(key)
    return value if isinstance(value, str) and value.strip() else None
