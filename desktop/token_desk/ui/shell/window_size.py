"""The main window's size on first start (later starts restore the saved geometry)."""

from __future__ import annotations

from PySide6.QtCore import QSize

# Every column of the management page fits at this width, the Description column narrowly;
# on a smaller screen the window system fits the window to it.
MIN_FIRST_WIDTH, MIN_FIRST_HEIGHT = 1240, 720
# Beyond this the extra width only goes to Description, which rarely needs more.
MAX_FIRST_WIDTH, MAX_FIRST_HEIGHT = 1600, 1000
SCREEN_SHARE = 0.8  # leaves room around the window


def first_start_size(available: QSize) -> QSize:
    """Most of a large screen's free area, so Description gets room; at least the minimum."""
    return QSize(_share(available.width(), MIN_FIRST_WIDTH, MAX_FIRST_WIDTH),
                 _share(available.height(), MIN_FIRST_HEIGHT, MAX_FIRST_HEIGHT))


def _share(available: int, smallest: int, largest: int) -> int:
    return max(smallest, min(largest, round(available * SCREEN_SHARE)))
