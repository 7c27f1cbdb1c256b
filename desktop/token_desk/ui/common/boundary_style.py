"""Fusion with control boundaries people can see: checkboxes, radio buttons and line edits get an outline
of 3:1 against the window and the base in both schemes, and a focused line edit a ring of 3:1 (WCAG 1.4.11).

Fusion outlines them in the window colour darkened by 40 %: about 1.3:1 on our dark window, so "I understand
the risk of this action", the one safety control, was a dark square on a dark background.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleFactory, QStyleOption, QWidget

from token_desk.ui.common.palette import colours

Element = QStyle.PrimitiveElement
_OUTLINED = (Element.PE_IndicatorCheckBox, Element.PE_IndicatorRadioButton, Element.PE_FrameLineEdit)


class BoundaryStyle(QProxyStyle):
    """Fusion, then a visible outline over the controls above (in the scheme shown when painting)."""

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter,
                      widget: QWidget | None = None) -> None:  # Qt override
        super().drawPrimitive(element, option, painter, widget)
        if element not in _OUTLINED:
            return
        c = colours()
        focused = element == Element.PE_FrameLineEdit and bool(option.state & QStyle.StateFlag.State_HasFocus)
        colour = QColor(c.focus_ring if focused else c.control_border)
        if not option.state & QStyle.StateFlag.State_Enabled:
            colour.setAlphaF(0.6)  # a disabled control may recede (WCAG exempts inactive components)
        painter.save()
        rect = QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5)
        if element == Element.PE_IndicatorRadioButton:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setPen(QPen(colour, 1.2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(rect.adjusted(0.5, 0.5, -0.5, -0.5))
        else:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setPen(QPen(colour, 2 if focused else 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5) if focused else rect)
        painter.restore()


def install_boundary_style(app: QApplication) -> None:
    """Under Fusion only (Linux without a desktop theme, and the tests): native styles draw their own."""
    if isinstance(app.style(), BoundaryStyle) or app.style().name().lower() != "fusion":
        return
    app.setStyle(BoundaryStyle(QStyleFactory.create("Fusion")))
