"""Fusion with control boundaries and focus people can see (WCAG 1.4.11 and 2.4.7), in both schemes.

Boundaries: checkboxes, radio buttons, line edits and spin boxes (the date and time editors) get an outline of
3:1 against the window and the base. Fusion outlines them in the window colour darkened by 40 %: about 1.3:1 on
our dark window, so "I understand the risk of this action", the one safety control, was a dark square on a dark
background.

Focus: whatever a person tabs to gets a solid ring 2 pixels wide, 3:1 against what it covers and against
the same pixels unfocused. Fusion's own focus marks measured 1.2–2.2:1 in the dark scheme (a faint rounded
rectangle around a checkbox's text or a list's current row, and a button's or a combo box's outline in the
highlight darkened), so a person tabbing through a dialog could not tell where they were. Text fields (line
edits, spin boxes) show their ring whenever they have the focus, as the caret does; buttons, checkboxes,
combo boxes and lists only after the keyboard moved the focus, as Fusion decides (State_KeyboardFocusChange).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (QApplication, QProxyStyle, QStyle, QStyleFactory, QStyleOption,
                               QStyleOptionComplex, QStyleOptionFocusRect, QWidget)

from token_desk.ui.common.palette import colours, contrast_ratio

Element = QStyle.PrimitiveElement
State = QStyle.StateFlag
_OUTLINED = (Element.PE_IndicatorCheckBox, Element.PE_IndicatorRadioButton, Element.PE_FrameLineEdit)
RING_WIDTH = 2
GRAPHIC_CONTRAST = 3.0  # WCAG 1.4.11


def ring_colour(behind: QColor) -> QColor:
    """The focus ring's colour over `behind`: the scheme's ring colour, or, over a selected row (the highlight,
    on which the ring colour would vanish), the highlighted text's colour."""
    c = colours()
    for candidate in (c.focus_ring, c.highlighted_text, c.window_text):
        if contrast_ratio(candidate, behind.name()) >= GRAPHIC_CONTRAST:
            return QColor(candidate)
    return QColor(c.window_text)


def paint_ring(painter: QPainter, rect: QRect, colour: QColor, width: int = RING_WIDTH) -> None:
    """A solid ring `width` pixels wide just inside `rect`, as four bars (exact pixels, no antialiasing)."""
    if rect.width() < 2 * width or rect.height() < 2 * width:
        return
    painter.save()
    for bar in (QRect(rect.left(), rect.top(), rect.width(), width),
                QRect(rect.left(), rect.bottom() - width + 1, rect.width(), width),
                QRect(rect.left(), rect.top(), width, rect.height()),
                QRect(rect.right() - width + 1, rect.top(), width, rect.height())):
        painter.fillRect(bar, colour)
    painter.restore()


def _keyboard_focus(option: QStyleOption) -> bool:
    return bool(option.state & State.State_HasFocus) and bool(option.state & State.State_KeyboardFocusChange)


class BoundaryStyle(QProxyStyle):
    """Fusion, then a visible outline over the controls above and a visible ring on the focused one
    (in the scheme shown when painting)."""

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter,
                      widget: QWidget | None = None) -> None:  # Qt override
        if element == Element.PE_FrameFocusRect:  # a checkbox's text, a list's current item, the table's row
            self._focus_rect(option, painter, widget)
            return
        super().drawPrimitive(element, option, painter, widget)
        if element == Element.PE_PanelButtonCommand and _keyboard_focus(option):  # buttons, combo boxes
            paint_ring(painter, option.rect, QColor(colours().focus_ring))
        elif element in _OUTLINED:
            focused = element == Element.PE_FrameLineEdit and bool(option.state & State.State_HasFocus)
            self._outline(element, option, painter, focused)

    def drawComplexControl(self, control: QStyle.ComplexControl, option: QStyleOptionComplex, painter: QPainter,
                           widget: QWidget | None = None) -> None:  # Qt override
        super().drawComplexControl(control, option, painter, widget)
        if control == QStyle.ComplexControl.CC_SpinBox and option.frame:  # the date, time and number editors
            self._outline(Element.PE_FrameLineEdit, option, painter, bool(option.state & State.State_HasFocus))

    def subElementRect(self, element: QStyle.SubElement, option: QStyleOption,
                       widget: QWidget | None = None) -> QRect:  # Qt override
        if element == QStyle.SubElement.SE_ItemViewItemFocusRect:
            return option.rect  # the whole entry, icon included (Fusion framed its text only)
        return super().subElementRect(element, option, widget)

    def _focus_rect(self, option: QStyleOption, painter: QPainter, widget: QWidget | None) -> None:
        if not option.state & State.State_KeyboardFocusChange:
            return  # as Fusion: a click shows no focus frame on a checkbox or a list
        behind = option.backgroundColor if isinstance(option, QStyleOptionFocusRect) else QColor()
        if not behind.isValid():
            behind = option.palette.color(widget.backgroundRole() if widget else option.palette.ColorRole.Window)
        paint_ring(painter, option.rect, ring_colour(behind))

    @staticmethod
    def _outline(element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter, focused: bool) -> None:
        c = colours()
        if focused:
            paint_ring(painter, option.rect, QColor(c.focus_ring))
            return
        colour = QColor(c.control_border)
        if not option.state & State.State_Enabled:
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
            painter.setPen(QPen(colour, 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect)
        painter.restore()


def install_boundary_style(app: QApplication) -> None:
    """Under Fusion only (Linux without a desktop theme, and the tests): native styles draw their own."""
    if isinstance(app.style(), BoundaryStyle) or app.style().name().lower() != "fusion":
        return
    app.setStyle(BoundaryStyle(QStyleFactory.create("Fusion")))


def without_python_layer(style: QStyle) -> QStyle:
    """`style` less this module's layer, for a table's cells: each cell drawn asks the style for three
    sub-element rectangles and a panel, and through BoundaryStyle each of those is a call into Python (with
    its style option converted), several hundred per table painted. A table draws no control the layer
    outlines and frames its own focus (row_table.py, with the application style). A Fusion of its own, made
    once: BoundaryStyle's base hands every inner call back to BoundaryStyle."""
    if not isinstance(style, BoundaryStyle):
        return style
    plain = style.findChild(QStyle, _PLAIN_FUSION)
    if plain is None:
        plain = QStyleFactory.create("Fusion")
        plain.setObjectName(_PLAIN_FUSION)
        plain.setParent(style)  # lives as long as the application's style
    return plain


_PLAIN_FUSION = "fusionWithoutPythonLayer"
