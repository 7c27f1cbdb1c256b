"""Colours for status cells, derived from the application palette so dark themes work too."""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from token_desk.models.display import DisplayStatus

_ORANGE_ON_LIGHT = QColor("#a34a00")  # 5.9:1 contrast on white
_ORANGE_ON_DARK = QColor("#ffa348")


def status_color(status: DisplayStatus) -> QColor | None:
    """Muted for tokens that no longer work, orange for ones about to stop; else the default."""
    if status is DisplayStatus.EXPIRES_SOON:
        return _ORANGE_ON_DARK if _is_dark(_palette()) else _ORANGE_ON_LIGHT
    if status in (DisplayStatus.EXPIRED, DisplayStatus.REVOKED):
        return muted_text_color(_palette())
    return None


def muted_text_color(palette: QPalette) -> QColor:
    """Two thirds of the way from the background to the text colour: dimmer, still legible."""
    text, base = palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base)
    return QColor(
        (2 * text.red() + base.red()) // 3,
        (2 * text.green() + base.green()) // 3,
        (2 * text.blue() + base.blue()) // 3,
    )


def _is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def _palette() -> QPalette:
    return QGuiApplication.palette()
