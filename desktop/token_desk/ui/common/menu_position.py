"""Where a popup menu opens: under the button it belongs to, right-aligned with it, inside the screen."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize


def below_and_inside(anchor_bottom_right: QPoint, menu_size: QSize, screen: QRect, button_height: int = 0) -> QPoint:
    """The top-left for a menu hanging under a button whose bottom-right corner is `anchor_bottom_right`.

    Right-aligned with the button (the ⋮ sits at the window's right edge, so a menu opening rightwards
    would hang outside it); pushed left as far as the screen needs, and above the button (never over it,
    nor over its row) when there is no room below."""
    x = anchor_bottom_right.x() - menu_size.width() + 1
    y = anchor_bottom_right.y() + 1
    x = max(screen.left(), min(x, screen.right() - menu_size.width() + 1))
    if y + menu_size.height() > screen.bottom() + 1:
        button_top = anchor_bottom_right.y() - button_height + 1
        y = max(screen.top(), button_top - menu_size.height())
    return QPoint(x, y)
