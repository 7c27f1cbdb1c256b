"""Find bundled resources and load the app's icons, from a source checkout or a PyInstaller bundle."""

from __future__ import annotations

import re
import sys
from functools import cache
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QSize
from PySide6.QtGui import QIcon, QImageReader, QPixmap

# Names of the SVGs in resources/icons/, without the extension.
ICON_NAMES: tuple[str, ...] = (
    "status-active", "status-expired", "status-expiring-soon", "status-revoked",
    "revoke", "refresh", "more-options", "search", "copy", "details", "warning",
    "connection", "demo", "add", "edit", "rotate",
)
APP_ICON_SIZES: tuple[int, ...] = (16, 24, 32, 48, 64, 128, 256, 512)
# The sizes drawn on selected rows (table status icons, sidebar pages), at 1x and 2x; other sizes and
# modes come from the SVG itself, rendered only when drawn (pre-rendering every size cost 0.3 s at start).
SELECTED_SIZES: tuple[int, ...] = (16, 20, 24)
PIXEL_RATIOS: tuple[int, ...] = (1, 2)
# On a selected row the icon takes the highlighted text's colour (white in both schemes, see palette.py):
# Qt's own "selected" rendering blends the icon into the highlight until it all but vanishes.
SELECTED_COLOUR = "#ffffff"
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}\b")


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
    result = QIcon(str(path))
    selected = QByteArray(_COLOUR.sub(SELECTED_COLOUR, path.read_text(encoding="utf-8")).encode("utf-8"))
    for size in SELECTED_SIZES:
        for ratio in PIXEL_RATIOS:
            result.addPixmap(_render(selected, size, ratio), QIcon.Mode.Selected)
    return result


def _render(svg: QByteArray, size: int, ratio: int) -> QPixmap:
    # Through the SVG image-format plugin the bundle needs anyway, not QtSvg's Python module (which the
    # packaged app would otherwise have to carry only for this).
    buffer = QBuffer()
    buffer.setData(svg)
    reader = QImageReader(buffer, b"svg")
    reader.setScaledSize(QSize(size * ratio, size * ratio))
    pixmap = QPixmap.fromImage(reader.read())
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


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
