"""One rule for column widths: Description takes what is left (never less than a readable width), IDs show a
short form unless widened by hand, and hiding and showing columns or the inactive tokens, in any order, comes
back to exactly the first-start layout."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem

from tests.ui.conftest import column_shown, wait_loaded
from token_desk.api.models import Permission, Token, TokenKind
from token_desk.models.columns import Column
from token_desk.ui.tokens.token_page import TokenPage

NOW = datetime.now(timezone.utc)
INACTIVE = "Show inactive tokens"


def token(kind: TokenKind, number: int, *, revoked: bool = False, databases: int = 1) -> Token:
    permissions = tuple(Permission(resource=f"telemetry_{n}", action="read") for n in range(databases))
    return Token(kind=kind, id=f"5a0c1e2d-0000-4000-8000-{number:012d}", description=f"Airflow – data platform {number}",
                 created_at=NOW - timedelta(days=number + 1), revoked_at=NOW - timedelta(hours=1) if revoked else None,
                 prefix="M.V1.k7Q" if kind is TokenKind.MANAGEMENT else None,
                 created_by="c0ffee00-1111-4222-8333-444455556666" if kind is TokenKind.MANAGEMENT else None,
                 permissions=permissions if kind is TokenKind.DATABASE else ())


def shown_page(qtbot, kind: TokenKind, width: int = 1240, height: int = 420) -> TokenPage:
    """A page with more rows than fit (the vertical scroll bar shows) and some revoked tokens."""
    page = TokenPage(kind)
    qtbot.addWidget(page)
    page.set_tokens([token(kind, n, revoked=n % 3 == 0, databases=1 + n % 3) for n in range(40)])
    page.resize(width, height)
    page.show()
    qtbot.waitExposed(page)
    QApplication.processEvents()
    return page


def section_widths(page: TokenPage) -> dict[str, int]:
    """Every shown section's width, by title."""
    header = page.view.horizontalHeader()
    return {spec.title: header.sectionSize(section) for section, spec in enumerate(page.columns)
            if not header.isSectionHidden(section)}


def toggles(page: TokenPage) -> list[str]:
    return [spec.title for spec in page.columns if spec.can_hide and not spec.inactive_only] + [INACTIVE]


def flip(page: TokenPage, toggle: str, hidden: set[str]) -> None:
    """What the header's menu (or the Show inactive switch) does. The active rows alone overflow the page, so
    the vertical scroll bar shows throughout and the viewport's width stays put."""
    if toggle == INACTIVE:
        page.set_show_inactive(not page.proxy.show_inactive)
    else:
        key = Column(toggle)
        page.set_column_shown(key, not column_shown(page, key))
    hidden ^= {toggle}


@pytest.mark.parametrize("kind", list(TokenKind))
def test_toggling_every_column_and_the_inactive_switch_in_every_order_restores_the_layout(qtbot, kind) -> None:
    """Every order of every switch, checked edge by edge: from each set of hidden columns reached, each switch is
    flipped and back, and every set must always show the same widths. Any order of switches is a walk along
    these edges, so this covers all of them (7! orders with the Findings column) in 2 × 2⁷ × 7 flips."""
    page = shown_page(qtbot, kind)
    first_start = section_widths(page)
    seen: dict[frozenset[str], dict[str, int]] = {frozenset(): first_start}
    names = toggles(page)
    hidden: set[str] = set()

    def check(step: str) -> None:
        widths = section_widths(page)
        expected = seen.setdefault(frozenset(hidden), widths)
        assert widths == expected, f"after {step} with {sorted(hidden)} hidden the layout differs from before"
        assert page.view.horizontalHeader().length() >= page.view.viewport().width(), "an empty band"

    def visit() -> None:
        here = frozenset(hidden)
        for name in names:
            flip(page, name, hidden)
            check(name)
            if frozenset(hidden) not in visited:
                visited.add(frozenset(hidden))
                visit()
            flip(page, name, hidden)
            check(name)
        assert frozenset(hidden) == here

    visited = {frozenset()}
    visit()
    assert len(visited) == 2 ** len(names)
    QApplication.processEvents()  # painted: still the same
    assert section_widths(page) == first_start


@pytest.mark.parametrize("width", [1240, 1000, 900])
@pytest.mark.parametrize("kind", list(TokenKind))
def test_show_inactive_on_and_off_gives_description_its_room_back(qtbot, kind, width) -> None:
    """The reported case: the inactive tokens bring a vertical scroll bar and Revoked At, then both go."""
    page = TokenPage(kind)
    qtbot.addWidget(page)
    page.set_tokens([token(kind, n, revoked=n >= 5) for n in range(40)])  # 5 active rows fit, 40 do not
    page.resize(width, 420)
    page.show()
    qtbot.waitExposed(page)
    QApplication.processEvents()
    first_start = section_widths(page)
    header = page.view.horizontalHeader()
    for show in (True, False, True, False):
        page.set_show_inactive(show)
        qtbot.waitUntil(lambda: page.view.verticalScrollBar().isVisible() == show)
        QApplication.processEvents()
        assert header.length() >= page.view.viewport().width(), "an empty band before the ⋮ column"
    assert section_widths(page) == first_start


def test_description_takes_what_is_left_and_the_rest_fit_their_content(qtbot) -> None:
    page = shown_page(qtbot, TokenKind.MANAGEMENT, width=1240)
    view, header = page.view, page.view.horizontalHeader()
    assert header.length() == view.viewport().width()  # nothing scrolls sideways, no band either
    widths = section_widths(page)
    assert widths["Description"] == max(widths.values())  # people read descriptions; the ID is for copying
    assert widths["Token ID"] < QFontMetrics(view.font()).horizontalAdvance(page.proxy.token_at(0).id)
    assert not view.horizontalScrollBar().isVisible()


def test_a_narrow_window_keeps_description_readable_and_shows_more_than_three_columns(qtbot) -> None:
    page = shown_page(qtbot, TokenKind.MANAGEMENT, width=780)
    view = page.view
    floor = QFontMetrics(view.font()).horizontalAdvance("Airflow – data platform")
    assert view.columnWidth(page.column_index(Column.DESCRIPTION)) >= floor
    header = view.horizontalHeader()
    whole = [spec.title for section, spec in enumerate(page.columns)
             if header.sectionViewportPosition(section) + header.sectionSize(section) <= view.viewport().width()]
    assert len(whole) >= 5, whole  # not only Status, Description and Token ID


def painted_text(page: TokenPage, column: Column, row: int = 0) -> str:
    """The text the delegate draws in a cell of its present width."""
    section = page.column_index(column)
    index = page.proxy.index(row, section)
    option = QStyleOptionViewItem()
    option.initFrom(page.view)
    option.widget = page.view
    option.rect = QRect(0, 0, page.view.columnWidth(section), page.view.rowHeight(row))
    page.view.itemDelegate().initStyleOption(option, index)
    return option.text


def test_token_ids_show_a_short_form_with_the_whole_id_in_the_tooltip(qtbot) -> None:
    page = shown_page(qtbot, TokenKind.MANAGEMENT)
    whole = page.proxy.token_at(0).id
    assert painted_text(page, Column.TOKEN_ID) == whole[:8] + "…"
    tooltip = page.proxy.index(0, page.column_index(Column.TOKEN_ID)).data(Qt.ItemDataRole.ToolTipRole)
    assert whole in tooltip
    assert page.proxy.index(0, page.column_index(Column.TOKEN_ID)).data() == whole  # screen readers, search


def test_an_id_column_widened_by_hand_shows_whole_ids_and_stays_widened(qtbot) -> None:
    page = shown_page(qtbot, TokenKind.MANAGEMENT, width=1400)
    section = page.column_index(Column.TOKEN_ID)
    whole = page.proxy.token_at(0).id
    wide = QFontMetrics(page.view.font()).horizontalAdvance(whole) + 20
    page.view.horizontalHeader().resizeSection(section, wide)  # as a drag of its divider does
    assert painted_text(page, Column.TOKEN_ID) == whole
    for _ in range(2):
        page.set_show_inactive(not page.proxy.show_inactive)
        page.set_column_shown(Column.PREFIX, not column_shown(page, Column.PREFIX))
        QApplication.processEvents()
    assert page.view.columnWidth(section) == wide
    page.reset_columns()
    assert painted_text(page, Column.TOKEN_ID) == whole[:8] + "…"


def test_copy_token_id_copies_the_whole_id(qtbot, window) -> None:
    page = window.page(TokenKind.MANAGEMENT)
    page.select_row(0)
    window.commands["copy-id"].trigger()
    assert QApplication.clipboard().text() == page.proxy.token_at(0).id


def test_databases_lose_the_end_of_the_first_name_and_keep_the_more_count_whole(qtbot) -> None:
    page = shown_page(qtbot, TokenKind.DATABASE)
    row = next(r for r in range(page.proxy.rowCount()) if len(page.proxy.token_at(r).permissions) == 3)
    page.view.horizontalHeader().resizeSection(page.column_index(Column.DATABASES), 150)
    text = painted_text(page, Column.DATABASES, row)
    assert text.startswith("telemetry_") and text.endswith("…, + 2 more"), text
