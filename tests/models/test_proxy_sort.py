"""Sorting through TokenFilterProxy: native values, stable ties, empties last."""

from datetime import timedelta

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt

from tests.models.conftest import NOW, db_token, descriptions, make_token, section
from token_desk.api.models import Permission
from token_desk.models import Column, TokenFilterProxy
from token_desk.models.roles import TOKEN_ROLE

ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder
DAY = timedelta(days=1)


def sort_by(proxy, column: Column, order=ASC) -> list[str]:
    proxy.set_show_inactive(True)
    proxy.sort(proxy.sourceModel().section_of(column), order)
    return descriptions(proxy)


def test_created_at_sorts_chronologically_not_by_text(management_model, proxy):
    management_model.set_tokens([
        make_token("b", created_at=NOW - 2 * DAY),
        make_token("c", created_at=NOW),
        make_token("a", created_at=NOW - 10 * DAY),
    ])
    assert sort_by(proxy, Column.CREATED_AT) == ["a", "b", "c"]


def test_second_click_reverses(management_model, proxy):
    management_model.set_tokens([make_token(str(n), created_at=NOW - n * DAY) for n in range(3)])
    assert sort_by(proxy, Column.CREATED_AT, DESC) == ["0", "1", "2"]


def test_status_sorts_active_soon_expired_revoked(management_model, proxy):
    management_model.set_tokens([
        make_token("revoked", revoked_at=NOW),
        make_token("expired", expires_at=NOW - DAY),
        make_token("active"),
        make_token("soon", expires_at=NOW + DAY),
    ])
    assert sort_by(proxy, Column.STATUS) == ["active", "soon", "expired", "revoked"]


def test_never_expiring_sorts_last_ascending(management_model, proxy):
    management_model.set_tokens([
        make_token("never", expires_at=None),
        make_token("later", expires_at=NOW + 30 * DAY),
        make_token("sooner", expires_at=NOW + 10 * DAY),
    ])
    assert sort_by(proxy, Column.EXPIRES_AT) == ["sooner", "later", "never"]


def test_never_expiring_sorts_first_descending(management_model, proxy):
    management_model.set_tokens([make_token("later", expires_at=NOW + 30 * DAY), make_token("never")])
    assert sort_by(proxy, Column.EXPIRES_AT, DESC) == ["never", "later"]


def test_unrevoked_sorts_after_revoked_dates(management_model, proxy):
    management_model.set_tokens([
        make_token("not revoked"),
        make_token("revoked late", revoked_at=NOW),
        make_token("revoked early", revoked_at=NOW - DAY),
    ])
    assert sort_by(proxy, Column.REVOKED_AT) == ["revoked early", "revoked late", "not revoked"]


def test_description_sorts_case_insensitively(management_model, proxy):
    management_model.set_tokens([make_token("beta"), make_token("Alpha"), make_token("alpha2"), make_token("Gamma")])
    assert sort_by(proxy, Column.DESCRIPTION) == ["Alpha", "alpha2", "beta", "Gamma"]


def test_ties_are_broken_by_token_id(management_model, proxy):
    management_model.set_tokens([make_token("same", number=n, prefix=f"p{n}") for n in (30, 10, 20)])
    proxy.sort(management_model.section_of(Column.DESCRIPTION))
    assert [proxy.token_at(row).prefix for row in range(3)] == ["p10", "p20", "p30"]


def test_ties_stay_in_id_order_when_descending(management_model, proxy):
    management_model.set_tokens([make_token("same", number=n, prefix=f"p{n}") for n in (30, 10, 20)])
    proxy.sort(management_model.section_of(Column.DESCRIPTION), DESC)
    assert [proxy.token_at(row).prefix for row in range(3)] == ["p10", "p20", "p30"]


def test_token_id_column_sorts_by_id(management_model, proxy):
    management_model.set_tokens([make_token(str(n), number=n) for n in (3, 1, 2)])
    assert sort_by(proxy, Column.TOKEN_ID) == ["1", "2", "3"]


@pytest.mark.parametrize("column, field", [(Column.PREFIX, "prefix"), (Column.CREATED_BY, "created_by")])
def test_text_columns_sort_casefolded_with_empty_last(management_model, proxy, column, field):
    management_model.set_tokens([
        make_token("empty", **{field: None}), make_token("b", **{field: "B"}), make_token("a", **{field: "a"}),
    ])
    assert sort_by(proxy, column) == ["a", "b", "empty"]


def test_databases_sort_by_summary_with_no_access_last(database_model):
    proxy = TokenFilterProxy()
    proxy.setSourceModel(database_model)
    database_model.set_tokens([
        db_token("none"),
        db_token("telemetry", permissions=(Permission("read", "telemetry"),)),
        db_token("all", permissions=(Permission("read", "*"),)),
    ])
    assert sort_by(proxy, Column.DATABASES) == ["all", "telemetry", "none"]


def test_sort_survives_new_token_list(management_model, proxy):
    sort_by(proxy, Column.DESCRIPTION, DESC)
    management_model.set_tokens([make_token("a"), make_token("c"), make_token("b")])
    assert descriptions(proxy) == ["c", "b", "a"]


def test_sort_survives_filtering(management_model, proxy):
    management_model.set_tokens([make_token(d) for d in ("ab2", "b", "ab1", "ab3")])
    sort_by(proxy, Column.DESCRIPTION, DESC)
    proxy.set_search_text("ab")
    assert descriptions(proxy) == ["ab3", "ab2", "ab1"]


def test_unsorted_proxy_keeps_server_order(management_model, proxy):
    management_model.set_tokens([make_token(d) for d in ("z", "a", "m")])
    assert descriptions(proxy) == ["z", "a", "m"]


def test_sort_keeps_selected_token_selected(management_model, proxy):
    management_model.set_tokens([make_token("a"), make_token("b"), make_token("c")])
    from PySide6.QtCore import QPersistentModelIndex

    selected = QPersistentModelIndex(proxy.index(0, section(proxy, Column.DESCRIPTION)))  # what a selection model holds
    sort_by(proxy, Column.DESCRIPTION, DESC)
    assert selected.row() == 2 and selected.data() == "a"


@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_a_column_with_few_values_sorts_like_any_other(management_model, order):
    """Created By holds a handful of users across many tokens: that sort takes a faster
    path, which must give exactly the order a full sort gives, ties in token ID order."""
    creators = ["user-c", "user-a", "user-b", None]
    tokens = [make_token(f"token {n}", number=n, created_by=creators[(n * 7) % 4]) for n in range(1, 161)]
    management_model.set_tokens(tokens)
    proxy = TokenFilterProxy()
    proxy.setSourceModel(management_model)
    proxy.set_show_inactive(True)
    proxy.sort(management_model.section_of(Column.CREATED_BY), order)
    shown = [proxy.token_at(row) for row in range(proxy.rowCount())]

    def by_creator_then_id(token):
        return (token.created_by is None, token.created_by or "", token.id)

    expected = sorted(tokens, key=by_creator_then_id)
    if order == Qt.SortOrder.DescendingOrder:  # the column reverses; ties stay in ID order
        expected = sorted(sorted(tokens, key=lambda t: t.id),
                          key=lambda t: (t.created_by is None, t.created_by or ""), reverse=True)
    assert [t.id for t in shown] == [t.id for t in expected]


@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_descriptions_some_tokens_share_sort_like_any_other_ties_in_id_order(management_model, order):
    """Description: nearly every token its own, a few shared (runs of two and three, at the ends too).
    That sort takes the source order's runs, then puts each tie in ID order: exactly the order a full sort
    gives."""
    names = [f"token {n % 97}" if n % 5 == 0 else f"token {n}" for n in range(1, 161)] + ["a", "a", "zz", "zz"]
    tokens = [make_token(name, number=n) for n, name in enumerate(names, start=1)]
    management_model.set_tokens(tokens)
    proxy = TokenFilterProxy()
    proxy.setSourceModel(management_model)
    proxy.set_show_inactive(True)
    proxy.sort(management_model.section_of(Column.DESCRIPTION), order)
    shown = [proxy.token_at(row).id for row in range(proxy.rowCount())]
    by_id = sorted(tokens, key=lambda t: t.id)
    expected = sorted(by_id, key=lambda t: t.description, reverse=order == Qt.SortOrder.DescendingOrder)
    assert len({t.description for t in tokens}) * 16 > len(tokens)  # many keys: not the few-values path
    assert shown == [t.id for t in expected]


def test_marking_the_signed_in_token_moves_no_row_and_keeps_the_selection_of_a_large_list(management_model, proxy):
    """Marking the token Token Desk signed in with changes how its row reads only: the proxy passes that on as
    one change of every row, without moving rows one by one (each move a pass over the list: at 100,000 tokens
    the window froze for minutes after every load)."""
    management_model.set_tokens([make_token(f"t{n:04d}", created_at=NOW - n * DAY) for n in range(1000)])
    proxy.sort(section(management_model, Column.CREATED_AT), ASC)
    before = descriptions(proxy)
    moved, changed = [], []
    proxy.rowsMoved.connect(lambda *args: moved.append(args))
    proxy.layoutChanged.connect(lambda *args: moved.append(args))
    proxy.dataChanged.connect(lambda top, bottom, roles: changed.append((top.row(), bottom.row())))
    signed_in = before[10]
    management_model.set_signed_in(lambda token: token.description == signed_in)
    assert descriptions(proxy) == before and moved == []
    assert changed == [(0, len(before) - 1)]  # every row drawn again, so the mark shows
    row = before.index(signed_in)
    marked = proxy.index(row, section(management_model, Column.DESCRIPTION)).data(Qt.ItemDataRole.AccessibleTextRole)
    assert marked.startswith(signed_in) and "Signed in" in marked


def test_a_change_announced_for_every_row_keeps_the_order_the_filter_and_the_selection(management_model, proxy):
    """Any model may say "every row changed" without naming roles: the proxy then sorts and filters once, as a
    layout change, so a selected row stays on its token."""
    tokens = [make_token(f"t{n:04d}", created_at=NOW - n * DAY, revoked_at=NOW if n % 3 == 0 else None)
              for n in range(500)]
    management_model.set_tokens(tokens)
    proxy.sort(section(management_model, Column.DESCRIPTION), DESC)
    before = descriptions(proxy)
    selected = QPersistentModelIndex(proxy.index(7, 0))
    selected_token = selected.data(TOKEN_ROLE)
    management_model.dataChanged.emit(management_model.index(0, 0),
                                      management_model.index(len(tokens) - 1, management_model.columnCount() - 1))
    assert descriptions(proxy) == before and len(before) == 333  # revoked ones stay hidden
    assert selected.isValid() and selected.data(TOKEN_ROLE).id == selected_token.id


@pytest.mark.parametrize("order", [ASC, DESC])
@pytest.mark.parametrize("id_order_made_first", [False, True])
def test_a_column_of_few_values_over_many_rows_sorts_by_value_then_id(management_model, proxy, order,
                                                                      id_order_made_first):
    # 64 rows, 3 statuses and 2 creators: the proxy groups rows by value instead of sorting them, with or
    # without the rows' ID order made yet (a list just shown has not made it).
    numbers = [(n * 37) % 64 for n in range(64)]  # source order unlike ID order
    management_model.set_tokens([
        make_token(f"t{n}", number=n, created_by="b@example.com" if n % 3 else "a@example.com",
                   revoked_at=NOW if n % 5 == 0 else None, expires_at=NOW - DAY if n % 7 == 0 else None)
        for n in numbers])
    rows = management_model.row_values
    if id_order_made_first:
        rows.id_order()
    proxy.set_show_inactive(True)
    for column in (Column.STATUS, Column.CREATED_BY):
        proxy.sort(management_model.section_of(column), order)
        shown = [proxy.token_at(row) for row in range(proxy.rowCount())]
        keys = rows.keys(management_model.column_at(management_model.section_of(column)))
        key_of = {token.id: keys[row] for row, token in enumerate(rows.tokens)}
        by_value = sorted(shown, key=lambda token: key_of[token.id], reverse=order == DESC)
        assert [key_of[token.id] for token in shown] == [key_of[token.id] for token in by_value]
        for value in set(key_of.values()):  # ties in ID order, either way round
            tied = [token.id for token in shown if key_of[token.id] == value]
            assert tied == sorted(tied)
