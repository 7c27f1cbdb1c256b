"""Where the keyboard focus is, a person can see (WCAG 2.4.7), with 3:1 against the colours it touches (1.4.11):
measured on rendered pixels, light and dark, for every kind of control a person tabs to in Token Desk.

The focus is moved with the Tab key, as a person moves it. For each control the test knows where its focus
indication belongs (around a button, a combo box or an editor; around a checkbox's text; around the current
row of the table or the current entry of the page switcher) and checks each side of that place, along its
middle half: at every point, some pixel within a few pixels of the edge changed when the focus arrived and
reaches 3:1 against a neighbouring pixel across the edge. A dot, a dotted line or a faint halo does not pass.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, QPoint, QRect, Qt, QTime
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QTreeView, QAbstractSpinBox, QCheckBox, QComboBox, QDateEdit, QDialog,
                               QLineEdit, QListWidget, QPushButton, QSpinBox, QStyle, QStyleOptionButton,
                               QTableView, QTimeEdit, QToolBar, QToolButton, QVBoxLayout, QWidget)

from tests.ui.common.test_control_contrast import contrast, scheme  # noqa: F401  (the light/dark fixture)
from tests.ui.conftest import wait_settled
from tests.ui.create.conftest import FakeService
from tests.ui.test_wording import never_expiring
from tests.ui.tokens.test_display_agreement import NoServer
from token_desk.api.models import TokenKind
from token_desk.app import create_window
from token_desk.ui.create.create_dialog import CreateTokenDialog
from token_desk.ui.create.requests_and_results import CreateRequest
from token_desk.ui.revoke.revoke_dialog import RevokeDialog
from token_desk.ui.common.destructive_button import destructive_button
from token_desk.ui.tokens.details_dialog import details_toggle

GRAPHIC = 3.0
BAND = range(-2, 4)  # from two pixels outside the edge to three inside it


def side_points(rect: QRect):
    """For each side, the points along its middle half, and the step that goes inward."""
    xs = range(rect.left() + rect.width() // 4, rect.right() - rect.width() // 4 + 1)
    ys = range(rect.top() + rect.height() // 4, rect.bottom() - rect.height() // 4 + 1)
    return {"top": ([QPoint(x, rect.top()) for x in xs], QPoint(0, 1)),
            "bottom": ([QPoint(x, rect.bottom()) for x in xs], QPoint(0, -1)),
            "left": ([QPoint(rect.left(), y) for y in ys], QPoint(1, 0)),
            "right": ([QPoint(rect.right(), y) for y in ys], QPoint(-1, 0))}


def colour(image: QImage, point: QPoint) -> QColor:
    x = min(max(point.x(), 0), image.width() - 1)
    y = min(max(point.y(), 0), image.height() - 1)
    return image.pixelColor(x, y)


def indicated(before: QImage, after: QImage, edge: QPoint, inward: QPoint) -> bool:
    """Whether, across the edge at `edge`, a pixel changed by the focus stands out 3:1 from a neighbour."""
    for depth in BAND:
        point = edge + inward * depth
        now = colour(after, point)
        if now == colour(before, point):
            continue
        neighbours = (colour(after, point - inward), colour(after, point + inward))
        if max(contrast(now, neighbour) for neighbour in neighbours) >= GRAPHIC:
            return True
    return False


def unmarked_sides(before: QImage, after: QImage, rect: QRect) -> dict[str, int]:
    """Per side, how many of its points show no focus indication (all zero when it is seen all round)."""
    return {side: sum(not indicated(before, after, point, inward) for point in points)
            for side, (points, inward) in side_points(rect).items()}


def tab_to(qtbot, start: QWidget, target: QWidget) -> None:
    """Tab from `start` until `target` has the focus, as a person does."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(start.hasFocus)
    for _ in range(60):
        if target.hasFocus():
            return
        qtbot.keyClick(start.window().focusWidget(), Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {target!r}")


def checkbox_text_rect(box: QCheckBox) -> QRect:
    option = QStyleOptionButton()
    box.initStyleOption(option)
    return box.style().subElementRect(QStyle.SubElement.SE_CheckBoxFocusRect, option, box)


def make(kind: str) -> QWidget:
    if kind == "risk checkbox":
        return QCheckBox("I understand the risk of this action")
    if kind == "show inactive checkbox":
        return QCheckBox("Show inactive tokens")
    if kind == "button":
        return QPushButton("Test Connection")
    if kind == "revoke button":
        button = destructive_button("Revoke Token")
        button.setEnabled(True)
        return button
    if kind == "welcome button":  # a style sheet that only moves the text keeps Fusion's frame, and our ring
        button = QPushButton("Try the Demo")
        button.setStyleSheet("text-align: left; padding-left: 12px;")
        return button
    if kind == "see more details":
        return details_toggle()
    if kind == "tool button":  # the toolbar's "New Management Token"
        bar = QToolBar()
        bar.addAction("New Management Token")
        button = bar.widgetForAction(bar.actions()[0])
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        return bar
    if kind == "combo box":
        box = QComboBox()
        box.addItems(["90 days", "Never"])
        return box
    if kind == "date editor":
        return QDateEdit(QDate(2027, 3, 7))
    if kind == "time editor":
        return QTimeEdit(QTime(14, 0))
    return QSpinBox()


def where_focus_shows(widget: QWidget, form: QWidget) -> QRect:
    """The rectangle, in `form`'s pixels, around which `widget`'s focus must show: around a checkbox's text,
    a list's current line (a table's current cell), or the whole control."""
    if isinstance(widget, QAbstractItemView):
        local = widget.visualRect(widget.currentIndex())
        if isinstance(widget, QTreeView):
            local = QRect(0, local.top(), widget.viewport().width(), local.height())
        return QRect(widget.viewport().mapTo(form, local.topLeft()), local.size())
    local = checkbox_text_rect(widget) if isinstance(widget, QCheckBox) else widget.rect()
    return QRect(widget.mapTo(form, local.topLeft()), local.size())


KINDS = ["risk checkbox", "show inactive checkbox", "button", "revoke button", "welcome button", "see more details", "tool button", "combo box", "date editor",
         "time editor", "spin box"]


@pytest.mark.parametrize("kind", KINDS)
def test_the_focus_of_each_control_shows_all_round_at_3_to_1(qtbot, scheme, kind) -> None:
    form = QWidget()
    form.setAutoFillBackground(True)
    layout = QVBoxLayout(form)
    start, target = QLineEdit("Grafana"), make(kind)
    layout.addWidget(start)
    layout.addWidget(target, 0, Qt.AlignmentFlag.AlignLeft)
    qtbot.addWidget(form)
    form.resize(420, 160)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(start.hasFocus)
    before = form.grab().toImage()
    if isinstance(target, QToolBar):
        target = target.widgetForAction(target.actions()[0])
    tab_to(qtbot, start, target)
    after = form.grab().toImage()
    assert unmarked_sides(before, after, where_focus_shows(target, form)) == dict.fromkeys(
        ("top", "bottom", "left", "right"), 0)


@pytest.fixture
def demo_window(qtbot, scheme):
    window = create_window(["--demo"])
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    wait_settled(qtbot, window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_the_tables_current_row_and_the_page_switchers_entry_show_their_focus(qtbot, demo_window) -> None:
    window = demo_window
    view = window.current_page().view
    view.selectRow(1)
    sidebar = window.sidebar
    for target, rect_in_viewport in ((view, lambda: view.current_row_rect()),
                                     (sidebar, lambda: sidebar.visualItemRect(sidebar.currentItem()))):
        window.search_box.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(window.search_box.hasFocus)
        before = window.grab().toImage()
        tab_to(qtbot, window.search_box, target)
        after = window.grab().toImage()
        local = rect_in_viewport()
        rect = QRect(target.viewport().mapTo(window, local.topLeft()), local.size())
        assert unmarked_sides(before, after, rect) == dict.fromkeys(("top", "bottom", "left", "right"), 0), target


MEASURED = (QCheckBox, QPushButton, QToolButton, QComboBox, QAbstractSpinBox, QLineEdit, QListWidget, QTableView,
            QTreeView)


def focus_chain(window: QWidget) -> list[QWidget]:
    """Every widget Tab stops at, once round."""
    first = window.focusWidget()
    seen = [first]
    for _ in range(100):
        seen[-1].window().focusNextChild()
        widget = window.focusWidget()
        if widget is first or widget in seen:
            break
        seen.append(widget)
    return seen


def test_every_control_a_person_tabs_to_in_the_window_is_a_kind_measured_here(qtbot, demo_window) -> None:
    window = demo_window
    window.search_box.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(window.search_box.hasFocus)
    unmeasured = [widget for widget in focus_chain(window) if not isinstance(widget, MEASURED)]
    assert unmeasured == []


def several_tokens_revoke_dialog() -> QDialog:
    token = never_expiring(TokenKind.DATABASE)
    return RevokeDialog(None, [token, token.replace(id=token.id[:-1] + "3")], NoServer())


def create_database_token_dialog() -> QDialog:
    """Its permissions table is one Tab stop: Tab once walked every cell and never left it."""
    return CreateTokenDialog(None, FakeService(), CreateRequest(TokenKind.DATABASE))


@pytest.mark.parametrize("make_dialog", [several_tokens_revoke_dialog, create_database_token_dialog])
def test_every_stop_of_a_dialogs_tab_order_shows_its_focus(qtbot, scheme, make_dialog) -> None:
    dialog = make_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    if getattr(dialog, "permissions", None) is not None:  # the databases listed, as a person waits to see them
        qtbot.waitUntil(lambda: dialog.permissions.table.model().rowCount() > 0)
    qtbot.waitUntil(lambda: dialog.focusWidget() is not None and dialog.focusWidget().hasFocus())
    stops = focus_chain(dialog)
    assert len(stops) >= 4 and all(isinstance(widget, MEASURED) for widget in stops), stops
    unseen = {}
    for previous, widget in zip(stops, stops[1:] + stops[:1]):
        previous.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(previous.hasFocus)
        before = dialog.grab().toImage()
        qtbot.keyClick(previous, Qt.Key.Key_Tab)
        assert widget.hasFocus(), (previous, dialog.focusWidget(), widget)
        rect = where_focus_shows(widget, dialog)
        assert rect.width() > 8 and rect.height() > 8, widget  # somewhere to show it (a current line, a cell)
        sides = unmarked_sides(before, dialog.grab().toImage(), rect)
        if any(sides.values()):
            unseen[widget.accessibleName() or type(widget).__name__] = sides
    assert unseen == {}
