"""How far two colours stand apart, as WCAG 2.1 measures it: the yardstick of the contrast tests (the app itself
picks its colours from palette.py and never measures them)."""

from __future__ import annotations

from PySide6.QtGui import QColor


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
