"""Every colour Token Desk chooses itself, for the light and the dark scheme, in one place.

tests/ui/common/test_palette.py holds each pair to WCAG 2.1 AA: 4.5:1 for text on its background,
3:1 for icons and borders that carry meaning. The scheme follows the system (Qt's style hints);
`SchemeFollower` switches the application palette when the system switches, and `style_live`
restyles a widget's style sheet when the palette changes, so nothing needs restarting.
"""

from __future__ import annotations

import enum
import os
import weakref
from collections.abc import Callable
from typing import NamedTuple

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette, QPixmapCache
from PySide6.QtWidgets import QApplication, QProxyStyle, QWidget

from token_desk import environment

SCHEME_ENV = environment.COLOR_SCHEME  # "light" or "dark": for desktops that do not report one


class Scheme(enum.Enum):
    LIGHT = "light"
    DARK = "dark"


class Colours(NamedTuple):
    """The palette roles installed under Fusion, then the colours of our own widgets (a NamedTuple, not a
    dataclass: see docs/ARCHITECTURE.md, Start-up)."""

    window: str
    window_text: str
    base: str
    alternate_base: str
    text: str
    button: str
    button_text: str
    highlight: str
    highlighted_text: str
    placeholder: str
    link: str
    disabled_text: str
    tooltip_base: str
    tooltip_text: str
    # Status text in the table (on base and alternate base)
    expires_soon: str
    # Words that warn (revoke dialog, field errors) and that confirm (connection test passed)
    error_text: str
    success_text: str
    secondary_text: str
    # The red "Revoke Token" button
    danger: str
    danger_hover: str
    danger_text: str
    danger_focus: str
    danger_disabled: str
    danger_disabled_text: str
    # The error banner above the tables
    banner_background: str
    banner_border: str
    banner_text: str
    # The short success notice near the table, and the row flash after a change
    notice_background: str
    notice_border: str
    notice_text: str
    flash: str
    # The "Demo data" badge
    demo_background: str
    demo_border: str
    demo_text: str
    # Read-only fields in the details dialog
    field_background: str
    field_border: str
    # The boundary of checkboxes, radio buttons and line edits, and a line edit's focus ring: 3:1 against
    # the window and the base (WCAG 1.4.11); Fusion's own outline is the window colour darkened, about 1.3:1
    control_border: str = ""
    focus_ring: str = ""


LIGHT = Colours(
    window="#efefef", window_text="#1d1d1f", base="#ffffff", alternate_base="#f5f6f8", text="#1d1d1f",
    button="#f3f3f3", button_text="#1d1d1f", highlight="#1f64ad", highlighted_text="#ffffff",
    placeholder="#6b6e76", link="#1a5fb4", disabled_text="#8b8d93", tooltip_base="#ffffdc", tooltip_text="#1d1d1f",
    expires_soon="#a34a00", error_text="#b3261e", success_text="#1b6e2d", secondary_text="#5b6470",
    danger="#b3261e", danger_hover="#8c1d18", danger_text="#ffffff", danger_focus="#ffffff",
    danger_disabled="#e4e2e7", danger_disabled_text="#5f5d64",
    banner_background="#fdecea", banner_border="#d9534f", banner_text="#5f1b15",
    notice_background="#e6f4ea", notice_border="#4d8f5d", notice_text="#13502a", flash="#fff3c4",
    demo_background="#fff1c2", demo_border="#8a6400", demo_text="#6b4500",
    field_background="#e4e2e7", field_border="#77757c", control_border="#767676", focus_ring="#1f64ad",
)

DARK = Colours(
    window="#2b2d30", window_text="#e8e8ea", base="#1f2023", alternate_base="#27292c", text="#e8e8ea",
    button="#3a3c40", button_text="#e8e8ea", highlight="#2f6db5", highlighted_text="#ffffff",
    placeholder="#9a9ca3", link="#8ab4f8", disabled_text="#7c7e84", tooltip_base="#3a3c40", tooltip_text="#e8e8ea",
    expires_soon="#ffa348", error_text="#ff8a80", success_text="#7fd491", secondary_text="#a9b0ba",
    danger="#c62f26", danger_hover="#a3231c", danger_text="#ffffff", danger_focus="#ffb4ab",
    danger_disabled="#3a3c40", danger_disabled_text="#b0b2b8",
    banner_background="#4a1f1c", banner_border="#e0443a", banner_text="#ffd9d4",
    notice_background="#1d3a26", notice_border="#4d9f63", notice_text="#c8f0d2", flash="#40350d",
    demo_background="#4a3a10", demo_border="#d4a72c", demo_text="#ffe7a3",
    field_background="#2f3135", field_border="#8a8c92", control_border="#8e9196", focus_ring="#8ab4f8",
)

_COLOURS = {Scheme.LIGHT: LIGHT, Scheme.DARK: DARK}

# Icons keep one set of colours in both schemes: mid tones with 3:1 on light and dark rows alike
# (resources/icons/*.svg). On a selected row they are drawn in the highlighted-text colour instead.
ICON_COLOURS = ("#6a6fd0", "#707690", "#0e8f9a", "#a87018", "#cf6a1f", "#d0574f", "#e0443a")


def colours(scheme: Scheme | None = None) -> Colours:
    """The colours of `scheme`, by default of the scheme the application shows now."""
    return _COLOURS[scheme or current_scheme()]


def scheme_of(palette: QPalette) -> Scheme:
    return Scheme.DARK if palette.color(QPalette.ColorRole.Window).lightness() < 128 else Scheme.LIGHT


def current_scheme() -> Scheme:
    """What the application shows now (the palette is the truth, whoever installed it)."""
    return scheme_of(QGuiApplication.palette())


def system_scheme() -> Scheme:
    """What the person asked for: TOKEN_DESK_COLOR_SCHEME, else the system's scheme; light when unknown."""
    asked = os.environ.get(SCHEME_ENV, "").strip().lower()
    if asked in (Scheme.LIGHT.value, Scheme.DARK.value):
        return Scheme(asked)
    return _from_hint(QGuiApplication.styleHints().colorScheme())


def _from_hint(hint: Qt.ColorScheme) -> Scheme:
    return Scheme.DARK if hint == Qt.ColorScheme.Dark else Scheme.LIGHT


def qpalette(scheme: Scheme) -> QPalette:
    """The full application palette of `scheme`."""
    c = colours(scheme)
    roles = QPalette.ColorRole
    palette = QPalette(QColor(c.button), QColor(c.window))
    for role, value in ((roles.Window, c.window), (roles.WindowText, c.window_text), (roles.Base, c.base),
                        (roles.AlternateBase, c.alternate_base), (roles.Text, c.text), (roles.Button, c.button),
                        (roles.ButtonText, c.button_text), (roles.Highlight, c.highlight),
                        (roles.HighlightedText, c.highlighted_text), (roles.PlaceholderText, c.placeholder),
                        (roles.Link, c.link), (roles.LinkVisited, c.link), (roles.ToolTipBase, c.tooltip_base),
                        (roles.ToolTipText, c.tooltip_text), (roles.BrightText, c.highlighted_text)):
        palette.setColor(role, QColor(value))
    for role in (roles.WindowText, roles.Text, roles.ButtonText, roles.PlaceholderText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(c.disabled_text))
    # A disabled field recedes into the window, as Fusion's own palette has it: with the base colour and its
    # bright placeholder, the welcome page's disabled search box looked ready to type in (in the dark most).
    palette.setColor(QPalette.ColorGroup.Disabled, roles.Base, QColor(c.window))
    # An unfocused window keeps its selection as visible as a focused one.
    palette.setColor(QPalette.ColorGroup.Inactive, roles.Highlight, QColor(c.highlight))
    palette.setColor(QPalette.ColorGroup.Inactive, roles.HighlightedText, QColor(c.highlighted_text))
    return palette


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2.1 contrast ratio of two opaque colours, from 1.0 to 21.0."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    value = QColor(colour)
    channels = [_linear(part) for part in (value.redF(), value.greenF(), value.blueF())]
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def muted_text(palette: QPalette) -> QColor:
    """Two thirds of the way from the background to the text colour: dimmer, still legible."""
    text, base = palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base)
    return QColor((2 * text.red() + base.red()) // 3, (2 * text.green() + base.green()) // 3,
                  (2 * text.blue() + base.blue()) // 3)


class SchemeFollower(QObject):
    """Keeps the application palette in the system's scheme, from start-up on and live afterwards.

    Only under Fusion (Linux without a desktop theme, and the tests): the native styles of Windows and
    macOS follow the system's scheme themselves, and our own colours follow whatever palette is shown.
    """

    def __init__(self, app: QGuiApplication) -> None:
        super().__init__(app)
        self._app = app
        app.styleHints().colorSchemeChanged.connect(self._follow)
        self.apply(system_scheme())

    def _follow(self, hint: Qt.ColorScheme) -> None:
        self.apply(system_scheme() if os.environ.get(SCHEME_ENV) else _from_hint(hint))

    def apply(self, scheme: Scheme) -> None:
        style = getattr(self._app, "style", lambda: None)()
        if isinstance(style, QProxyStyle):  # Fusion with visible control boundaries (boundary_style.py)
            style = style.baseStyle()
        if style is None or style.name().lower() == "fusion":
            # Qt caches the greyed-out icons it derives for disabled buttons without the palette in the key:
            # left alone, a disabled button kept the old scheme's grey and looked enabled on the new one.
            QPixmapCache.clear()
            self._app.setPalette(qpalette(scheme))


class _Restyler(QObject):
    """Holds one widget's style maker; `_RestyleAll` calls every live one when the palette changes."""

    def __init__(self, widget: QWidget, make_style: Callable[[Colours], str]) -> None:
        super().__init__(widget)
        self.make_style = make_style
        self.widget = widget
        self.restyle()
        _RestyleAll.watch(self)

    def restyle(self) -> None:
        style = self.make_style(colours())
        if self.widget.styleSheet() != style:  # setting it again would send another change event
            self.widget.setStyleSheet(style)


class _RestyleAll(QObject):
    """Restyles every styled widget when the application palette changes.

    Watching the application rather than each widget: a child whose style sheet sets its colours is
    often not sent a palette change at all (the demo badge, the banner and the notice kept their light
    colours on a dark window), while the application itself always is. Through its paletteChanged signal,
    not an event filter on the application: such a filter is called, in Python, for every event of every
    object (about two thousand before the window is first drawn). Qt 6 marks the signal deprecated in
    favour of that filter but still emits it for every change of the application palette."""

    _instance: _RestyleAll | None = None

    def __init__(self, app: QGuiApplication) -> None:
        super().__init__(app)
        self._restylers: weakref.WeakSet[_Restyler] = weakref.WeakSet()
        app.paletteChanged.connect(self._restyle_all)

    @classmethod
    def watch(cls, restyler: _Restyler) -> None:
        app = QGuiApplication.instance()
        if cls._instance is None or not shiboken6.isValid(cls._instance) or cls._instance.parent() is not app:
            cls._instance = _RestyleAll(app)
        cls._instance._restylers.add(restyler)

    def _restyle_all(self, _palette: QPalette) -> None:
        restyled = set()
        for restyler in list(self._restylers):
            if shiboken6.isValid(restyler) and shiboken6.isValid(restyler.widget):
                restyler.restyle()
                restyled.add(restyler.widget)
        _repolish_fixed_style_sheets(restyled)


def _repolish_fixed_style_sheets(restyled: set[QWidget]) -> None:
    """A style sheet that sets no colour (a bigger headline, a left-aligned button) still pins the palette
    its widget had when it was polished: polish those again so they take the new scheme's colours."""
    for widget in QApplication.allWidgets():
        if widget.styleSheet() and widget not in restyled:
            widget.style().unpolish(widget)
            widget.style().polish(widget)
            widget.update()


def style_live(widget: QWidget, make_style: Callable[[Colours], str]) -> None:
    """Give `widget` the style sheet `make_style(colours)` now and again whenever the scheme changes.

    Calling it again on the same widget replaces the style (e.g. a result that turned from failed to passed)."""
    existing = widget.findChild(_Restyler, options=Qt.FindChildOption.FindDirectChildrenOnly)
    if existing is None:
        _Restyler(widget, make_style)
    else:
        existing.make_style = make_style
        existing.restyle()


def error_style(c: Colours) -> str:
    """For `style_live`: words that warn (revoke warnings, field errors, failed results)."""
    return f"color: {c.error_text};"


def plain_style(c: Colours) -> str:
    """For `style_live`: the palette's own text colour (no style sheet)."""
    return ""


def success_style(c: Colours) -> str:
    """For `style_live`: words that confirm a check passed."""
    return f"color: {c.success_text};"
