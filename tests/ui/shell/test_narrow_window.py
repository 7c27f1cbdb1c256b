"""At 800 px the search box gives up width first; nothing hides behind a "»"; the window never gets narrower
than its controls need."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QToolButton

from tests.ui.conftest import wait_settled
from token_desk.api.models import TokenKind
from token_desk.app import create_window
from token_desk.connection import ConnectionKind


@pytest.fixture
def demo(qtbot):
    window = create_window(["--demo"])
    qtbot.addWidget(window)
    window.show()
    wait_settled(qtbot, window)
    return window


def overflow_button(toolbar) -> QToolButton | None:
    return next((b for b in toolbar.findChildren(QToolButton) if b.objectName() == "qt_toolbar_ext_button"), None)


def everything_in_view(window) -> bool:
    toolbar = window.toolbar
    shown = [toolbar.search_box, toolbar.inactive_box, window.connections.switcher, attention_button(window),
             *(toolbar.widgetForAction(window.commands[key]) for key in ("refresh", "revoke"))]
    if window.connection is not None and window.connection.kind is ConnectionKind.DEMO:
        shown.append(toolbar.demo_marker)
    button = overflow_button(toolbar)
    inside = all(widget.geometry().right() < toolbar.width() for widget in shown)
    return all(widget.isVisible() for widget in shown) and inside and (button is None or not button.isVisible())


def attention_button(window) -> QToolButton:
    return window.toolbar.widgetForAction(window.commands["needs-attention"])


def shown_count(window) -> str:
    """What the Needs attention button reads on screen: its text, unless it shows its icon alone."""
    button = attention_button(window)
    return "" if button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly else button.text()


def test_at_800_pixels_every_toolbar_control_stays_in_view(qtbot, demo) -> None:
    demo.resize(1280, 760)
    qtbot.waitUntil(lambda: demo.width() == 1280)
    wide_search = demo.search_box.width()
    demo.resize(800, 500)
    qtbot.waitUntil(lambda: demo.width() == 800)
    qtbot.waitUntil(lambda: everything_in_view(demo))
    assert demo.search_box.width() < wide_search  # the search box gave way
    assert demo.toolbar.inactive_box.geometry().right() < demo.toolbar.demo_marker.geometry().left()


def test_the_window_is_never_narrower_than_its_toolbar_needs(qtbot, demo) -> None:
    assert 0 < demo.minimumWidth() <= 800
    assert demo.minimumWidth() == demo.toolbar.required_width()
    demo.resize(demo.minimumWidth(), 500)
    qtbot.waitUntil(lambda: everything_in_view(demo))
    assert demo.search_box.width() >= demo.search_box.minimumWidth()


def test_buttons_keep_their_names_when_they_drop_their_text(qtbot, demo) -> None:
    demo.resize(demo.minimumWidth(), 500)
    qtbot.waitUntil(lambda: demo.width() == demo.minimumWidth())
    refresh = demo.toolbar.widgetForAction(demo.commands["refresh"])
    assert refresh.isVisible() and refresh.toolTip() and refresh.text() == "Refresh"


def test_a_long_status_message_is_cut_with_an_ellipsis_before_the_counts(qtbot, demo) -> None:
    demo.resize(800, 500)
    qtbot.waitUntil(lambda: demo.width() == 800)
    message = ("Rotated “Airflow – data platform ingestion (rotated 2026-12-06)”: the new token stands; "
               "the old token was not revoked, the server answered 503 Service Unavailable")
    demo.statusBar().showMessage(message, 10_000)
    bar = demo.statusBar()
    facts = demo.status.facts_label
    qtbot.waitUntil(lambda: any(label.isVisible() and label.text().endswith("…")
                                for label in bar.findChildren(QLabel)))
    shown = next(label for label in bar.findChildren(QLabel) if label.text().endswith("…"))
    assert message.startswith(shown.text()[:-1])
    assert shown.geometry().right() < facts.geometry().left()  # never runs into the counts
    assert shown.fontMetrics().horizontalAdvance(shown.text()) <= shown.contentsRect().width()
    assert shown.toolTip() == message  # the whole message is a hover away


@pytest.mark.parametrize("width", [800, "minimum"])
def test_a_narrow_toolbar_still_shows_how_many_tokens_need_attention(qtbot, demo, width) -> None:
    demo.resize(demo.minimumWidth() if width == "minimum" else width, 500)
    qtbot.waitUntil(lambda: everything_in_view(demo))
    for kind in TokenKind:  # each page counts its own tokens
        demo.sidebar.setCurrentRow(list(TokenKind).index(kind))
        count = demo.current_page().proxy.counts().needs_attention
        assert count > 0  # the demo has tokens to flag on both pages
        qtbot.waitUntil(lambda: shown_count(demo) == f"{count:,}")
        qtbot.waitUntil(lambda: everything_in_view(demo))
    assert attention_button(demo).accessibleName().startswith("Needs attention:")  # the count's meaning
    demo.resize(1280, 500)
    qtbot.waitUntil(lambda: shown_count(demo) == f"Needs attention ({count:,})")  # room again: the whole text


@pytest.mark.parametrize("width", [800, 1000, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_welcome_page_toolbar_fits_without_a_more_button(qtbot, monkeypatch, width, scheme) -> None:
    from token_desk import environment

    monkeypatch.setenv(environment.COLOR_SCHEME, scheme)
    window = create_window([])  # no connection yet: the welcome page
    qtbot.addWidget(window)
    window.resize(width, 600)
    window.show()
    qtbot.waitUntil(lambda: window.width() == width)
    qtbot.waitUntil(lambda: everything_in_view(window))
    if width >= 1000:  # room enough for the words of the buttons that act on tokens
        for button in (window.toolbar.new_button, *(window.toolbar.widgetForAction(window.commands[key])
                                                    for key in ("refresh", "revoke"))):
            assert button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon and button.text()


@pytest.mark.parametrize("width", [1000, 1280])
@pytest.mark.parametrize("page", list(TokenKind))
def test_token_pages_fit_their_toolbar_at_common_widths(qtbot, demo, width, page) -> None:
    demo.sidebar.setCurrentRow(list(TokenKind).index(page))
    demo.resize(width, 600)
    qtbot.waitUntil(lambda: demo.width() == width)
    qtbot.waitUntil(lambda: everything_in_view(demo))
    if width == 1280:  # room for every text
        assert shown_count(demo).startswith("Needs attention (")


def test_the_toolbar_fits_again_only_when_what_it_shows_changes(qtbot, demo) -> None:
    """Every command is re-decided on each change of the window (enabled, tooltip): the toolbar measures its
    buttons and announces the width it needs again only when a text, an icon or what is shown changed, and
    then once (the demo marker shown or hidden fitted it twice)."""
    announced: list[int] = []
    demo.toolbar.required_width_changed.connect(announced.append)
    for _ in range(3):
        demo.update_actions()
    assert announced == []
    demo.toolbar.set_demo(False)
    assert len(announced) == 1 and demo.minimumWidth() == announced[0] == demo.toolbar.required_width()
    demo.toolbar.set_demo(True)
    assert len(announced) == 2 and announced[1] > announced[0] and demo.minimumWidth() == announced[1]


def test_a_button_whose_text_grows_is_measured_anew(qtbot, demo) -> None:
    demo.resize(1100, 600)
    qtbot.waitUntil(lambda: demo.width() == 1100 and everything_in_view(demo))
    refresh = demo.toolbar.widgetForAction(demo.commands["refresh"])
    assert refresh.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    demo.commands["refresh"].setText("Refresh every list of every cluster of this account from the server now")
    qtbot.waitUntil(lambda: everything_in_view(demo))  # no "»": the longer text was measured, not the old one
    demo.commands["refresh"].setText("Refresh")
    qtbot.waitUntil(lambda: refresh.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
