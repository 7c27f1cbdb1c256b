"""Every colour we choose meets WCAG 2.1 AA in both schemes, and the app follows the system's scheme live."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette

from token_desk.ui.common.palette import contrast_ratio
from token_desk.ui.common import palette
from token_desk.ui.common.icons import ICON_NAMES, resource_path
from token_desk.ui.common.palette import DARK, LIGHT, Colours, Scheme

TEXT, GRAPHIC = 4.5, 3.0  # AA: normal text, and icons or borders that carry meaning
SCHEMES = pytest.mark.parametrize("c", [LIGHT, DARK], ids=["light", "dark"])

# (foreground, backgrounds): text a person must read
TEXT_PAIRS = (
    ("text", ("base", "alternate_base", "flash", "field_background")),
    ("window_text", ("window",)),
    ("button_text", ("button",)),
    ("highlighted_text", ("highlight",)),
    ("placeholder", ("base",)),
    ("link", ("base", "window")),
    ("tooltip_text", ("tooltip_base",)),
    ("expires_soon", ("base", "alternate_base", "flash")),  # a flashed row keeps its colours
    ("error_text", ("window", "base")),
    ("success_text", ("window", "base")),
    ("secondary_text", ("window", "base", "field_background")),
    ("danger_text", ("danger", "danger_hover")),
    ("danger_disabled_text", ("danger_disabled",)),
    ("banner_text", ("banner_background",)),
    ("notice_text", ("notice_background",)),
    ("demo_text", ("demo_background",)),
)
# (foreground, backgrounds): shapes that must stand out (borders that outline a message, focus rings)
GRAPHIC_PAIRS = (
    ("banner_border", ("window",)),
    ("notice_border", ("base", "window")),
    ("demo_border", ("window",)),
    ("danger_focus", ("danger",)),  # the focus ring is drawn inside the red button
    ("control_border", ("window", "base")),  # checkboxes, radio buttons, line edits (boundary_style.py)
    ("focus_ring", ("window", "base")),
)


def pairs(table):
    return [(fg, bg) for fg, backgrounds in table for bg in backgrounds]


def test_contrast_ratio_matches_the_wcag_examples() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the classic AA grey


@SCHEMES
@pytest.mark.parametrize("foreground, background", pairs(TEXT_PAIRS))
def test_text_colours_meet_aa(c: Colours, foreground: str, background: str) -> None:
    ratio = contrast_ratio(getattr(c, foreground), getattr(c, background))
    assert ratio >= TEXT, f"{foreground} on {background}: {ratio:.2f}:1"


@SCHEMES
@pytest.mark.parametrize("foreground, background", pairs(GRAPHIC_PAIRS))
def test_borders_and_focus_rings_stand_out(c: Colours, foreground: str, background: str) -> None:
    ratio = contrast_ratio(getattr(c, foreground), getattr(c, background))
    assert ratio >= GRAPHIC, f"{foreground} on {background}: {ratio:.2f}:1"


@SCHEMES
def test_muted_rows_stay_readable(c: Colours) -> None:
    muted = palette.muted_text(palette.qpalette(Scheme.DARK if c is DARK else Scheme.LIGHT)).name()
    for background in (c.base, c.alternate_base):
        assert contrast_ratio(muted, background) >= TEXT


@SCHEMES
@pytest.mark.parametrize("colour", palette.ICON_COLOURS)
def test_icon_colours_stand_out_on_every_row_and_the_toolbar(c: Colours, colour: str) -> None:
    for background in (c.base, c.alternate_base, c.window):
        assert contrast_ratio(colour, background) >= GRAPHIC, f"{colour} on {background}"


@SCHEMES
def test_icons_on_a_selected_row_stand_out(c: Colours) -> None:
    from token_desk.ui.common.icons import SELECTED_COLOUR

    assert contrast_ratio(SELECTED_COLOUR, c.highlight) >= TEXT
    assert SELECTED_COLOUR == c.highlighted_text


DECORATIVE_FILLS = {"#5ccdd4"}  # the demo flask's liquid, inside an outline that carries the shape


@pytest.mark.parametrize("name", ICON_NAMES)
def test_every_icon_draws_in_the_checked_colours(name: str) -> None:
    svg = resource_path("icons", f"{name}.svg").read_text(encoding="utf-8")
    used = {colour.lower() for colour in re.findall(r"#[0-9a-fA-F]{6}\b", svg)}
    assert used - DECORATIVE_FILLS <= set(palette.ICON_COLOURS)


@pytest.fixture
def follower(qapp, monkeypatch):
    """The app's follower, with the palette put back to light afterwards."""
    monkeypatch.delenv(palette.SCHEME_ENV, raising=False)
    from token_desk.ui.common.application import follow_system_scheme

    follower = follow_system_scheme(qapp)
    yield follower
    follower.apply(Scheme.LIGHT)


def window_colour() -> str:
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).name()


def test_the_system_going_dark_turns_the_app_dark_live(qapp, follower) -> None:
    qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert window_colour() == DARK.window and palette.current_scheme() is Scheme.DARK
    qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert window_colour() == LIGHT.window


def test_a_shown_banner_and_revoke_button_restyle_when_the_scheme_changes(qapp, qtbot, follower) -> None:
    from token_desk.ui.common.destructive_button import destructive_button
    from token_desk.ui.shell.banner import Banner

    banner, button = Banner(), destructive_button("Revoke Token")
    for widget in (banner, button):
        qtbot.addWidget(widget)
        widget.show()
    assert LIGHT.banner_background in banner.styleSheet() and LIGHT.danger in button.styleSheet()
    follower.apply(Scheme.DARK)  # the change events are posted: they arrive on the next turn of the loop
    qtbot.waitUntil(lambda: DARK.banner_background in banner.styleSheet() and DARK.danger in button.styleSheet())


def test_the_environment_can_ask_for_a_scheme_the_desktop_does_not_report(monkeypatch) -> None:
    monkeypatch.setenv(palette.SCHEME_ENV, "dark")
    assert palette.system_scheme() is Scheme.DARK


def test_styled_widgets_inside_a_window_restyle_when_the_scheme_changes(qtbot, follower) -> None:
    """Children whose style sheet sets their colours are often sent no palette change of their own: the demo
    badge, the banner and the notice once kept their light colours on a dark window."""
    from token_desk.app import create_window

    window = create_window(["--demo"])
    qtbot.addWidget(window)
    window.show()
    window.banner.show_error("The server did not answer.")
    window.notice.show_notice("Revoked “Jane's laptop”")
    styled = [window.toolbar.demo_marker, window.banner, window.notice]
    assert LIGHT.demo_background in window.toolbar.demo_marker.styleSheet()
    before = [widget.styleSheet() for widget in styled]
    follower.apply(Scheme.DARK)
    qtbot.waitUntil(lambda: DARK.banner_background in window.banner.styleSheet())
    assert DARK.notice_background in window.notice.styleSheet()
    assert DARK.demo_background in window.toolbar.demo_marker.styleSheet()
    assert all(widget.styleSheet() != old for widget, old in zip(styled, before))


def disabled_grey(name: str) -> str:
    """The colour Qt draws icon `name` in on a disabled button, now."""
    from PySide6.QtGui import QIcon

    from token_desk.ui.common.icons import icon

    image = icon(name).pixmap(18, QIcon.Mode.Disabled).toImage()
    drawn = [image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())]
    return max((colour for colour in drawn if colour.alpha() > 200), key=lambda c: c.alpha()).name()


def test_disabled_icons_take_the_new_schemes_grey(follower) -> None:
    light = disabled_grey("revoke")
    follower.apply(Scheme.DARK)
    dark = disabled_grey("revoke")
    follower.apply(Scheme.LIGHT)
    assert dark != light and disabled_grey("revoke") == light  # not the dark scheme's grey on a light window


@pytest.mark.parametrize("scheme", list(Scheme))
def test_muted_text_of_inactive_rows_reads_on_a_flashed_row(scheme: Scheme) -> None:
    """A revoked row still shown is flashed after the revoke, in the muted colour inactive rows use."""
    from token_desk.ui.common.palette import muted_text, qpalette

    assert contrast_ratio(muted_text(qpalette(scheme)).name(), palette.colours(scheme).flash) >= TEXT


def test_widgets_with_colourless_style_sheets_follow_a_live_switch(qtbot, follower) -> None:
    """The welcome page's headline (a style sheet for its size only) went near-black on a dark window."""
    from token_desk.ui.shell.welcome_page import WelcomePage

    page = WelcomePage()
    qtbot.addWidget(page)
    page.show()
    follower.apply(Scheme.DARK)
    text = lambda widget: widget.palette().color(QPalette.ColorRole.WindowText).name()  # noqa: E731
    qtbot.waitUntil(lambda: text(page.headline) == DARK.window_text)
    assert all(button.palette().color(QPalette.ColorRole.ButtonText).name() == DARK.button_text
               for button in page.buttons.values())
