"""Find bundled resources and load the app's icons, from a source checkout or a PyInstaller bundle."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

# Names of the SVGs in resources/icons/, without the extension.
ICON_NAMES: tuple[str, ...] = (
    "status-active", "status-expired", "status-expiring-soon", "status-revoked",
    "revoke", "refresh", "more-options", "search", "copy", "details", "warning",
    "connection", "demo",
)
APP_ICON_SIZES: tuple[int, ...] = (16, 24, 32, 48, 64, 128, 256, 512)


def resources_dir() -> Path:
    """The resources folder: inside the bundle when frozen, else at the repository root."""
    bundle_root = getattr(sys, "_MEIPASS", None)  # set by PyInstaller's bootloader
    if bundle_root is not None:
        return Path(bundle_root) / "resources"
    # desktop/token_desk/ui/common/icons.py -> parents[4] is the repository root.
    return Path(__file__).resolve().parents[4] / "resources"


def resource_path(*parts: str) -> Path:
    """Path of a file under the resources folder (it may not exist; callers check)."""
    return resources_dir().joinpath(*parts)


@cache
def icon(name: str) -> QIcon:
    """The named UI icon; raises FileNotFoundError for a name with no SVG rather than an empty icon."""
    path = resource_path("icons", f"{name}.svg")
    if not path.is_file():
        raise FileNotFoundError(f"No icon named {name!r}: expected {path}")
    return QIcon(str(path))


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
