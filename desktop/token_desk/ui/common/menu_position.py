"""Where a popup menu opens: under the button it belongs to, right-aligned with it, inside the screen."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize


def below_and_inside(anchor_bottom_right: QPoint, menu_size: QSize, screen: QRect) -> QPoint:
    """The top-left for a menu hanging under a button whose bottom-right corner is `anchor_bottom_right`.

    Right-aligned with the button (the ⋮ sits at the window's right edge, so a menu opening rightwards
    would hang outside it); pushed left or up only as far as the screen needs."""
    x = anchor_bottom_right.x() - menu_size.width() + 1
    y = anchor_bottom_right.y() + 1
    x = max(screen.left(), min(x, screen.right() - menu_size.width() + 1))
    if y + menu_size.height() > screen.bottom() + 1:
        y = max(screen.top(), y - menu_size.height())
    return QPoint(x, y)
