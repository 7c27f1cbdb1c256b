"""Once a page shows a list, workers make the order of every column its table shows, so a person's first click
on a header reads an order instead of sorting the whole list; what the click shows is the same either way."""

from __future__ import annotations

from datetime import timedelta

from tests.models.conftest import NOW, make_token
from tests.ui.conftest import header_click
from token_desk.api.models import TokenKind
from token_desk.models import Column
from token_desk.ui.tokens import TokenPage

DAY = timedelta(days=1)


def some_tokens():
    names = ["delta", "alpha", "charlie", "alpha", "bravo"]
    return [make_token(name, number=10 - number, created_at=NOW - number * DAY,
                       revoked_at=NOW if name == "bravo" else None) for number, name in enumerate(names)]


def made_orders(page: TokenPage) -> list[Column]:
    rows = page.model.row_values
    return [spec.key for spec in page.columns if rows.known_order(spec) is not None]


def shown_columns(page: TokenPage) -> list[Column]:
    return [spec.key for section, spec in enumerate(page.columns)
            if not page.view.isColumnHidden(section) and not spec.from_findings]


def shown_page(qtbot) -> TokenPage:
    page = TokenPage(TokenKind.MANAGEMENT)
    qtbot.addWidget(page)
    page.resize(1400, 500)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_a_shown_list_gets_the_order_of_each_column_shown_and_a_click_shows_it(qtbot) -> None:
    page = shown_page(qtbot)
    page.set_tokens(some_tokens())
    qtbot.waitUntil(lambda: made_orders(page) == shown_columns(page))
    assert Column.REVOKED_AT not in made_orders(page)  # hidden with the inactive tokens: nobody can click it

    header_click(qtbot, page, Column.DESCRIPTION)
    shown = [page.proxy.token_at(row) for row in range(page.proxy.rowCount())]
    assert [token.description for token in shown] == ["alpha", "alpha", "charlie", "delta"]
    assert shown[0].id < shown[1].id  # a tie in token ID order
    header_click(qtbot, page, Column.DESCRIPTION)
    shown = [page.proxy.token_at(row) for row in range(page.proxy.rowCount())]
    assert [token.description for token in shown] == ["delta", "charlie", "alpha", "alpha"]
    assert shown[2].id < shown[3].id  # still in ID order, the other way round


def test_a_list_finished_before_its_table_was_made_gets_its_orders_once_shown(qtbot) -> None:
    page = TokenPage(TokenKind.MANAGEMENT)
    qtbot.addWidget(page)
    page.set_tokens(some_tokens())
    qtbot.waitUntil(lambda: page.model.row_values.known_id_order() is not None)  # finished, with no table
    assert made_orders(page) == []  # a page never opened makes none
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: made_orders(page) == shown_columns(page))


def test_a_newer_list_gets_its_own_orders(qtbot) -> None:
    page = shown_page(qtbot)
    page.set_tokens(some_tokens())
    page.set_tokens(some_tokens()[:3])  # a refresh before the first list's orders were made
    qtbot.waitUntil(lambda: made_orders(page) == shown_columns(page))
    assert len(page.model.row_values) == 3
