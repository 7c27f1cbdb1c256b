"""Controls stand out in both schemes, measured on rendered pixels (WCAG 1.4.11): the boundary of a checkbox,
a radio button, a line edit and a date editor, and a focused line edit's ring, reach 3:1 against the window
behind them. (test_focus_contrast.py measures the focus of every kind of control.)"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, QRect, QSize
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (QCheckBox, QDateEdit, QLineEdit, QRadioButton, QStyle, QStyleOptionButton,
                               QVBoxLayout, QWidget)

from token_desk.ui.common.palette import contrast_ratio
from token_desk.ui.common import palette
from token_desk.ui.common.boundary_style import install_boundary_style
from token_desk.ui.common.palette import Scheme

GRAPHIC = 3.0


def contrast(a: QColor, b: QColor) -> float:
    return contrast_ratio(a.name(), b.name())


@pytest.fixture(params=[Scheme.LIGHT, Scheme.DARK], ids=["light", "dark"])
def scheme(request, qapp, monkeypatch):
    """The app as Token Desk sets it up (its style and palette), in one scheme, light again afterwards."""
    monkeypatch.delenv(palette.SCHEME_ENV, raising=False)
    from token_desk.ui.common.application import follow_system_scheme

    install_boundary_style(qapp)
    follower = follow_system_scheme(qapp)
    follower.apply(request.param)
    yield request.param
    follower.apply(Scheme.LIGHT)


@pytest.fixture
def controls(qtbot, scheme):
    form = QWidget()
    form.setAutoFillBackground(True)
    layout = QVBoxLayout(form)
    parts = {"checkbox": QCheckBox("I understand the risk of this action"), "radio": QRadioButton("Rows shown"),
             "line edit": QLineEdit("Grafana"), "date editor": QDateEdit(QDate(2027, 3, 7)), "focused": QLineEdit("")}
    for widget in parts.values():
        layout.addWidget(widget)
    qtbot.addWidget(form)
    form.resize(420, 200)
    form.show()
    qtbot.waitExposed(form)
    parts["focused"].setFocus()
    qtbot.waitUntil(parts["focused"].hasFocus)
    return form, parts


def edge_contrast(image: QImage, rect: QRect, behind: QColor) -> list[float]:
    """For each side of `rect` (top, bottom, left, right): the strongest contrast with `behind` found within
    two pixels of that edge, along its middle half (corners are rounded in some styles)."""
    def best(points) -> float:
        return max(contrast(image.pixelColor(x, y), behind) for x, y in points
                   if 0 <= x < image.width() and 0 <= y < image.height())
    xs = range(rect.left() + rect.width() // 4, rect.right() - rect.width() // 4 + 1)
    ys = range(rect.top() + rect.height() // 4, rect.bottom() - rect.height() // 4 + 1)
    return [best([(x, rect.top() + d) for x in xs for d in (-1, 0, 1, 2)]),
            best([(x, rect.bottom() + d) for x in xs for d in (-2, -1, 0, 1)]),
            best([(rect.left() + d, y) for y in ys for d in (-1, 0, 1, 2)]),
            best([(rect.right() + d, y) for y in ys for d in (-2, -1, 0, 1)])]


def indicator_rect(button) -> QRect:
    option = QStyleOptionButton()
    option.initFrom(button)
    element = (QStyle.SubElement.SE_CheckBoxIndicator if isinstance(button, QCheckBox)
               else QStyle.SubElement.SE_RadioButtonIndicator)
    return button.style().subElementRect(element, option, button).translated(button.pos())


@pytest.mark.parametrize("name", ["checkbox", "radio", "line edit", "date editor", "focused"])
def test_control_boundaries_reach_3_to_1_against_the_window(controls, name) -> None:
    form, parts = controls
    image = form.grab().toImage()
    behind = form.palette().color(form.backgroundRole())
    widget = parts[name]
    rect = indicator_rect(widget) if isinstance(widget, (QCheckBox, QRadioButton)) else widget.geometry()
    sides = edge_contrast(image, rect, behind)
    assert min(sides) >= GRAPHIC, f"{name}: {[round(s, 2) for s in sides]} (top, bottom, left, right)"


def test_the_focus_ring_differs_from_the_resting_boundary(controls) -> None:
    form, parts = controls
    image = form.grab().toImage()
    rest, focused = parts["line edit"].geometry(), parts["focused"].geometry()
    left = lambda rect: {image.pixelColor(rect.left() + d, rect.center().y()).name() for d in range(3)}  # noqa: E731
    assert left(rest) != left(focused)


def strongest_contrast(image: QImage, rect: QRect, behind: QColor) -> float:
    return max(contrast(image.pixelColor(x, y), behind)
               for x in range(rect.left(), rect.right() + 1) for y in range(rect.top(), rect.bottom() + 1))


def test_a_disabled_search_box_recedes_as_the_other_disabled_controls_do(qtbot, scheme) -> None:
    """The welcome page's search box (off: nothing to search) looked ready to type in, bright in the dark
    scheme, beside a greyed "Show inactive tokens"."""
    from token_desk.ui.shell.toolbar import SearchBox

    form = QWidget()
    form.setAutoFillBackground(True)
    layout = QVBoxLayout(form)
    search, inactive = SearchBox(), QCheckBox("Show inactive tokens")
    layout.addWidget(search)
    layout.addWidget(inactive)
    qtbot.addWidget(form)
    form.resize(420, 120)
    form.show()
    qtbot.waitExposed(form)
    window_colour = form.palette().color(form.backgroundRole())
    search.setEnabled(False)
    inactive.setEnabled(False)
    image = form.grab().toImage()
    inside = search.geometry().adjusted(4, 4, -4, -4)
    assert image.pixelColor(inside.right() - 2, inside.center().y()) == window_colour  # its field, not a bright one
    text = search.cursorRect().united(QRect(search.cursorRect().topLeft(), QSize(150, 1))).translated(search.pos())
    placeholder = strongest_contrast(image, text, window_colour)  # its words, after the search icon
    label = strongest_contrast(image, inactive.geometry(), window_colour)
    assert placeholder <= label + 0.05, f"disabled search text {placeholder:.2f}:1, disabled checkbox {label:.2f}:1"
