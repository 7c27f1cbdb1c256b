"""A column's order made by a worker once the list is shown (RowValues.order_work), which a click on its header
reads instead of sorting: the rows come out exactly as a full sort puts them, both ways, and a row changed
since is never placed by an order made before the change."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given, settings, strategies as st
from PySide6.QtCore import Qt

from tests.models.conftest import NOW, make_token, section
from token_desk.api.models import TokenKind
from token_desk.cancellation import Cancellation, CancelledError, cancellable
from token_desk.models import Column, TokenFilterProxy, TokenTableModel
from token_desk.models.columns import MANAGEMENT_COLUMNS

ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder
DAY = timedelta(days=1)
SORTED_BY_WORKER = [spec for spec in MANAGEMENT_COLUMNS if not spec.from_findings]

# Few values per field, so most columns have ties (and some IDs repeat, as a broken server may send them).
_MOMENTS = st.sampled_from([NOW - 3 * DAY, NOW - DAY, NOW, NOW + DAY, NOW + 40 * DAY])
_TOKENS = st.lists(st.builds(
    lambda description, number, created, expires, revoked, creator, prefix: make_token(
        description, number=number, created_at=created, expires_at=expires, revoked_at=revoked,
        created_by=creator, prefix=prefix),
    st.sampled_from(["alpha", "Alpha", "beta", "", "Ωmega", "zeta"]), st.integers(1, 40), _MOMENTS,
    st.none() | _MOMENTS, st.none() | _MOMENTS, st.none() | st.sampled_from(["ann", "Bob", "bob"]),
    st.none() | st.sampled_from(["M.V1.a", "M.V1.B"])), max_size=40)


def shown_ids(proxy: TokenFilterProxy) -> list[str]:
    return [proxy.token_at(row).id for row in range(proxy.rowCount())]


def reference_ids(model: TokenTableModel, column: Column, order: Qt.SortOrder) -> list[str]:
    """A full sort: by token ID, then stably by the column's keys (reversed, ties stay in ID order)."""
    rows = model.row_values
    spec = model.column_at(model.section_of(column))
    keys = spec.sort_keys(rows.tokens, rows.statuses)
    by_id = sorted(range(len(rows)), key=lambda row: rows.tokens[row].id)
    return [rows.tokens[row].id for row in sorted(by_id, key=keys.__getitem__, reverse=order == DESC)]


def made_by_worker(model: TokenTableModel) -> None:
    """What the token page has workers make once a list is shown, put in place as it does."""
    rows = model.row_values
    for make_work in [rows.deferred_work] + [lambda spec=spec: rows.order_work(spec) for spec in SORTED_BY_WORKER]:
        work = make_work()
        if work is not None:
            work()()


@settings(max_examples=60, deadline=None)
@given(_TOKENS)
def test_an_order_made_by_a_worker_shows_the_rows_as_a_full_sort_does(qapp, tokens) -> None:
    model = TokenTableModel(TokenKind.MANAGEMENT, clock=lambda: NOW)
    model.set_tokens(tokens)
    made_by_worker(model)
    proxy = TokenFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_show_inactive(True)
    for spec in SORTED_BY_WORKER:
        assert model.row_values.known_order(spec) is not None or not tokens
        for order in (ASC, DESC):
            proxy.sort(model.section_of(spec.key), order)
            assert shown_ids(proxy) == reference_ids(model, spec.key, order), (spec.title, order)


def test_an_order_made_by_a_worker_keeps_hiding_inactive_tokens(management_model, proxy) -> None:
    management_model.set_tokens([make_token("b"), make_token("gone", revoked_at=NOW - DAY), make_token("a")])
    made_by_worker(management_model)
    proxy.sort(section(proxy, Column.DESCRIPTION), DESC)
    assert [proxy.token_at(row).description for row in range(proxy.rowCount())] == ["b", "a"]


def test_a_token_changed_after_the_orders_were_made_sorts_where_it_now_belongs(management_model, proxy) -> None:
    tokens = [make_token(name, number=number) for number, name in enumerate(["a", "b", "c"], start=1)]
    management_model.set_tokens(tokens)
    made_by_worker(management_model)
    management_model.update_token(tokens[0].replace(description="d"))  # renamed: "a" is now "d"
    proxy.sort(section(proxy, Column.DESCRIPTION), ASC)
    assert [proxy.token_at(row).description for row in range(proxy.rowCount())] == ["b", "c", "d"]
    management_model.add_token(make_token("0", number=9))
    proxy.sort(section(proxy, Column.DESCRIPTION), DESC)
    assert [proxy.token_at(row).description for row in range(proxy.rowCount())] == ["d", "c", "b", "0"]


def test_an_order_a_worker_made_from_rows_changed_since_is_not_used(management_model, proxy) -> None:
    tokens = [make_token(name, number=number) for number, name in enumerate(["a", "b", "c"], start=1)]
    management_model.set_tokens(tokens)
    description = management_model.column_at(section(proxy, Column.DESCRIPTION))
    make = management_model.row_values.order_work(description)  # from this moment's rows, on a worker
    management_model.update_token(tokens[2].replace(description="0"))  # renamed meanwhile
    make()()  # the worker's answer, put in place on the GUI thread
    assert management_model.row_values.known_order(description) is None
    proxy.sort(section(proxy, Column.DESCRIPTION), ASC)
    assert [proxy.token_at(row).description for row in range(proxy.rowCount())] == ["0", "a", "b"]


def test_an_order_cancelled_while_it_is_made_stops_at_its_next_pause(management_model) -> None:
    """Quitting cancels every task: a worker making a column's order stops at its next pause, not sorting on
    while the app waits for its workers to end."""
    management_model.set_tokens([make_token(name, number=number) for number, name in enumerate("cab", start=1)])
    description = management_model.column_at(management_model.section_of(Column.DESCRIPTION))
    make = management_model.row_values.order_work(description)
    quitting = Cancellation()
    quitting.cancel()
    with cancellable(quitting), pytest.raises(CancelledError):
        make()
    assert management_model.row_values.known_order(description) is None
