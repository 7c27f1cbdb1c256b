"""Find bundled resources and load the app's icons, from a source checkout or a PyInstaller bundle."""

from __future__ import annotations

import re
import sys
from functools import cache
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

# Names of the SVGs in resources/icons/, without the extension.
ICON_NAMES: tuple[str, ...] = (
    "status-active", "status-expired", "status-expiring-soon", "status-revoked",
    "revoke", "refresh", "more-options", "search", "copy", "details", "warning",
    "connection", "demo", "add", "edit", "rotate",
)
APP_ICON_SIZES: tuple[int, ...] = (16, 24, 32, 48, 64, 128, 256, 512)
# On a selected row the icon takes the highlighted text's colour (white in both schemes, see palette.py):
# Qt's own "selected" rendering blends the icon into the highlight until it all but vanishes. Each icon's
# white copy is a file of its own beside it (NAME.selected.svg, written by resources/render_icons.py from
# selected_svg), so Qt's SVG icon engine draws it at whatever size a row asks for, only when drawn;
# rendering white pixmaps of each size here took about 30 ms of every start.
SELECTED_COLOUR = "#ffffff"
SELECTED_SUFFIX = ".selected.svg"
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}\b")


# desktop/token_desk/ui/common/icons.py -> parents[4] is the repository root (resolved once: every icon asks).
_SOURCE_RESOURCES = Path(__file__).resolve().parents[4] / "resources"


def resources_dir() -> Path:
    """The resources folder: inside the bundle when frozen, else at the repository root."""
    bundle_root = getattr(sys, "_MEIPASS", None)  # set by PyInstaller's bootloader
    if bundle_root is not None:
        return Path(bundle_root) / "resources"
    return _SOURCE_RESOURCES


def resource_path(*parts: str) -> Path:
    """Path of a file under the resources folder (it may not exist; callers check)."""
    return resources_dir().joinpath(*parts)


@cache
def icon(name: str) -> QIcon:
    """The named UI icon; raises FileNotFoundError for a name with no SVG rather than an empty icon."""
    path = resource_path("icons", f"{name}.svg")
    selected = resource_path("icons", f"{name}{SELECTED_SUFFIX}")
    for needed in (path, selected):
        if not needed.is_file():
            raise FileNotFoundError(f"No icon named {name!r}: expected {needed}")
    result = QIcon(str(path))
    result.addFile(str(selected), QSize(), QIcon.Mode.Selected)
    return result


def selected_svg(svg: str) -> str:
    """The icon drawn on a selected row: every colour of `svg` made the highlighted text's."""
    return _COLOUR.sub(SELECTED_COLOUR, svg)


@cache
def app_icon() -> QIcon:
    """The application icon with every pre-rendered size, so each platform picks a crisp one."""
    result = QIcon()
    for size in APP_ICON_SIZES:
        path = resource_path("app", f"token-desk-{size}.png")
        if not path.is_file():
            raise FileNotFoundError(f"App icon image missing: {path}")
        result.addFile(str(path))
    return result
