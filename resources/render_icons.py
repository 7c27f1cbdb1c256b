"""Regenerate the app icon's PNG, .ico and .icns files from resources/app/token-desk.svg, and each UI icon's
white copy for selected rows (resources/icons/NAME.selected.svg, see token_desk.ui.common.icons).

Run from anywhere: .venv/bin/python resources/render_icons.py   (--selected: only the white copies)
Rendering uses Qt's own SVG renderer, so the bitmaps match what the app draws at run time.
The .ico and .icns containers are written by hand (struct) to avoid an image-library dependency.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

APP_DIR = Path(__file__).resolve().parent / "app"
ICONS_DIR = Path(__file__).resolve().parent / "icons"
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "desktop"))
from token_desk.ui.common.icons import SELECTED_SUFFIX, selected_svg  # noqa: E402 - after the path it needs
SOURCE_SVG = APP_DIR / "token-desk.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# ICO entries store width/height in one byte (0 means 256), so 512 does not fit.
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# Apple's PNG-capable icns types; the @2x types reuse the next size up.
ICNS_TYPES = (
    (b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256),
    (b"ic09", 512), (b"ic10", 1024), (b"ic11", 32), (b"ic12", 64), (b"ic13", 256),
    (b"ic14", 512),
)


def render_png(renderer: QSvgRenderer, size: int) -> bytes:
    """Render the SVG into a transparent size×size PNG and return its bytes."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICONDIR header, one 16-byte entry per size, then the PNG payloads (valid since Vista)."""
    header = struct.pack("<HHH", 0, 1, len(ICO_SIZES))
    offset = len(header) + 16 * len(ICO_SIZES)
    entries, payloads = b"", b""
    for size in ICO_SIZES:
        png = pngs[size]
        side = size % 256  # 256 is written as 0
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        payloads += png
        offset += len(png)
    return header + entries + payloads


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """The 'icns' magic and total length, then (type, length incl. 8-byte header, PNG) chunks."""
    chunks = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(chunks)) + chunks


def write_selected_icons() -> None:
    """NAME.selected.svg beside every NAME.svg: the same drawing in the highlighted text's colour."""
    sources = [path for path in sorted(ICONS_DIR.glob("*.svg")) if not path.name.endswith(SELECTED_SUFFIX)]
    for source in sources:
        white = selected_svg(source.read_text(encoding="utf-8"))
        source.with_name(source.stem + SELECTED_SUFFIX).write_text(white, encoding="utf-8")
    print(f"wrote {len(sources)} selected-row icons to {ICONS_DIR}")


def main() -> int:
    write_selected_icons()
    if sys.argv[1:] == ["--selected"]:
        return 0
    app = QGuiApplication.instance() or QGuiApplication(sys.argv)  # QImage text/fonts need one
    renderer = QSvgRenderer(str(SOURCE_SVG))
    if not renderer.isValid():
        print(f"cannot parse {SOURCE_SVG}", file=sys.stderr)
        return 1
    pngs = {size: render_png(renderer, size) for size in (*PNG_SIZES, 1024)}
    for size in PNG_SIZES:
        (APP_DIR / f"token-desk-{size}.png").write_bytes(pngs[size])
    (APP_DIR / "token-desk.ico").write_bytes(ico_bytes(pngs))
    (APP_DIR / "token-desk.icns").write_bytes(icns_bytes(pngs))
    del app
    print(f"wrote {len(PNG_SIZES)} PNGs, token-desk.ico and token-desk.icns to {APP_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
