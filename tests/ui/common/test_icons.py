"""The icons the app shows load, are visible at toolbar sizes, and the packaging artwork is well formed."""

from __future__ import annotations

import configparser
import struct

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QImage

from token_desk.ui.common import icons

ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def visible_pixel_count(image: QImage) -> int:
    """How many pixels are not fully transparent."""
    return sum(
        1 for y in range(image.height()) for x in range(image.width()) if image.pixelColor(x, y).alpha() > 0
    )


@pytest.mark.parametrize("name", icons.ICON_NAMES)
@pytest.mark.parametrize("size", (16, 24))
def test_icon_draws_something_at_small_sizes(qapp, name: str, size: int) -> None:
    icon = icons.icon(name)
    assert not icon.isNull()
    image = icon.pixmap(size, size).toImage()
    assert (image.width(), image.height()) == (size, size)
    assert visible_pixel_count(image) > size  # more than a stray line of pixels


def test_unknown_icon_name_raises_with_the_name(qapp) -> None:
    with pytest.raises(FileNotFoundError, match="no-such-icon"):
        icons.icon("no-such-icon")


def test_status_icons_differ_in_shape_not_only_colour(qapp) -> None:
    names = [name for name in icons.ICON_NAMES if name.startswith("status-")]
    masks = {name: alpha_mask(icons.icon(name), 24) for name in names}
    assert len(set(masks.values())) == len(names)


def alpha_mask(icon: QIcon, size: int) -> bytes:
    """The icon's silhouette (opaque or not per pixel), ignoring its colour."""
    image = icon.pixmap(size, size).toImage()
    return bytes(image.pixelColor(x, y).alpha() > 127 for y in range(size) for x in range(size))


def test_frozen_app_finds_resources_in_the_pyinstaller_folder(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(icons.sys, "_MEIPASS", str(tmp_path), raising=False)
    assert icons.resource_path("icons", "copy.svg") == tmp_path / "resources" / "icons" / "copy.svg"


@pytest.mark.parametrize("size", icons.APP_ICON_SIZES)
def test_app_icon_png_has_its_stated_size(qapp, size: int) -> None:
    image = QImage(str(icons.resource_path("app", f"token-desk-{size}.png")))
    assert (image.width(), image.height()) == (size, size)
    assert image.hasAlphaChannel()


def test_app_icon_offers_every_size(qapp) -> None:
    sizes = {(s.width(), s.height()) for s in icons.app_icon().availableSizes()}
    assert sizes == {(n, n) for n in icons.APP_ICON_SIZES}


def test_ico_lists_every_windows_size_as_png(qapp) -> None:
    data = icons.resource_path("app", "token-desk.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind, count) == (0, 1, len(ICO_SIZES))
    for index, size in enumerate(ICO_SIZES):
        width, height, _, _, planes, bits, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * index)
        assert (width or 256, height or 256, planes, bits) == (size, size, 1, 32)
        image = QImage.fromData(data[offset:offset + length], "PNG")
        assert (image.width(), image.height()) == (size, size)


def test_icns_chunks_cover_the_file_and_hold_pngs_of_the_right_size(qapp) -> None:
    data = icons.resource_path("app", "token-desk.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack_from(">I", data, 4)[0] == len(data)
    expected = {b"icp4": 16, b"icp5": 32, b"icp6": 64, b"ic07": 128, b"ic08": 256, b"ic09": 512, b"ic10": 1024}
    found = {}
    offset = 8
    while offset < len(data):
        kind, length = data[offset:offset + 4], struct.unpack_from(">I", data, offset + 4)[0]
        found[kind] = QImage.fromData(data[offset + 8:offset + length], "PNG").width()
        offset += length
    assert offset == len(data)
    assert expected.items() <= found.items()


def test_desktop_entry_has_the_keys_a_launcher_needs() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive in .desktop files
    parser.read(icons.resource_path("linux", "token-desk.desktop"), encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Token Desk"
    assert entry["Exec"] == "token-desk"
    assert entry["Icon"] == "token-desk"
    assert entry["Terminal"] == "false"
    assert {"Development", "Database", "Utility"} <= set(entry["Categories"].strip(";").split(";"))
    assert {"GenericName", "Comment", "Keywords"} <= set(entry)


@pytest.mark.parametrize("name", icons.ICON_NAMES)
@pytest.mark.parametrize(("size", "ratio"), [(16, 1.0), (20, 1.0), (24, 1.0), (32, 1.0), (16, 2.0), (24, 2.0)])
def test_selected_rows_draw_the_icon_in_the_highlighted_text_colour(qapp, name: str, size: int,
                                                                    ratio: float) -> None:
    """On the selection highlight the icon is solid white at every size a row or the sidebar draws, on
    ordinary and high-density screens, so it stays legible in both schemes."""
    image = icons.icon(name).pixmap(QSize(size, size), ratio, QIcon.Mode.Selected).toImage()
    assert image.width() == round(size * ratio)
    opaque = {image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())
              if image.pixelColor(x, y).alpha() > 200}
    assert opaque == {icons.SELECTED_COLOUR}


@pytest.mark.parametrize("source", [path for path in icons.resource_path("icons").glob("*.svg")
                                    if not path.name.endswith(icons.SELECTED_SUFFIX)], ids=lambda path: path.stem)
def test_every_icon_has_its_selected_copy_in_step_with_it(source) -> None:
    """The white copy drawn on selected rows is the icon itself in the highlighted text's colour: an icon
    changed without it would show its old shape on every selected row (resources/render_icons.py --selected)."""
    selected = source.with_name(source.stem + icons.SELECTED_SUFFIX)
    assert selected.is_file()
    assert selected.read_text(encoding="utf-8") == icons.selected_svg(source.read_text(encoding="utf-8"))
