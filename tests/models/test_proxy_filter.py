"""Search, the inactive toggle, counts and single-row updates through TokenFilterProxy."""

from datetime import timedelta

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt

from tests.models.conftest import NOW, descriptions, make_token, section
from token_desk.api.models import TokenKind
from token_desk.models import Column, Counts
from token_desk.models.columns import columns_for
from token_desk.models.row_values import RowValues


def test_search_matches_description_case_insensitively(management_model, proxy):
    management_model.set_tokens([make_token("Telegraf writer"), make_token("grafana")])
    proxy.set_search_text("TELEGRAF")
    assert descriptions(proxy) == ["Telegraf writer"]


def test_search_matches_token_id(management_model, proxy):
    management_model.set_tokens([make_token("one", number=123456), make_token("two", number=7)])
    proxy.set_search_text("000123456")
    assert descriptions(proxy) == ["one"]


def test_search_matches_prefix(management_model, proxy):
    management_model.set_tokens([make_token("one", prefix="M.V1.+5Jk"), make_token("two", prefix="M.V1.zz")])
    proxy.set_search_text("+5jk")
    assert descriptions(proxy) == ["one"]


def test_search_dot_is_literal(management_model, proxy):
    management_model.set_tokens([make_token("a.b", prefix=None), make_token("axb", prefix=None)])
    proxy.set_search_text("a.b")
    assert descriptions(proxy) == ["a.b"]


def test_search_parenthesis_is_literal(management_model, proxy):
    management_model.set_tokens([make_token("ci (prod)"), make_token("ci prod")])
    proxy.set_search_text("(")
    assert descriptions(proxy) == ["ci (prod)"]


def test_unchanged_search_text_does_nothing(management_model, proxy, qtbot):
    management_model.set_tokens([make_token("a")])
    proxy.set_search_text("a")
    with qtbot.assertNotEmitted(proxy.layoutChanged):
        proxy.set_search_text("a")


def test_clearing_search_shows_everything_again(management_model, proxy):
    management_model.set_tokens([make_token("a"), make_token("b")])
    proxy.set_search_text("a")
    proxy.set_search_text("")
    assert descriptions(proxy) == ["a", "b"]


def test_inactive_tokens_hidden_by_default(management_model, proxy):
    management_model.set_tokens([
        make_token("active"),
        make_token("soon", expires_at=NOW + timedelta(days=2)),
        make_token("expired", expires_at=NOW - timedelta(days=2)),
        make_token("revoked", revoked_at=NOW),
    ])
    assert descriptions(proxy) == ["active", "soon"]


def test_show_inactive_reveals_revoked_and_expired(management_model, proxy):
    management_model.set_tokens([make_token("active"), make_token("revoked", revoked_at=NOW)])
    proxy.set_show_inactive(True)
    assert descriptions(proxy) == ["active", "revoked"]


def test_counts_for_status_line(management_model, proxy):
    management_model.set_tokens([make_token("x")] * 0 + [make_token(f"t{n}") for n in range(15)]
                                + [make_token(f"r{n}", revoked_at=NOW) for n in range(3)])
    assert proxy.counts() == Counts(total=18, shown=15, inactive_hidden=3, needs_attention=15)  # none expires


def test_inactive_hidden_counts_only_search_matches(management_model, proxy):
    management_model.set_tokens([
        make_token("ci active"), make_token("ci old", revoked_at=NOW), make_token("other old", revoked_at=NOW),
    ])
    proxy.set_search_text("ci")
    assert proxy.counts() == Counts(total=3, shown=1, inactive_hidden=1, needs_attention=1)


def test_nothing_counts_as_hidden_when_showing_inactive(management_model, proxy):
    management_model.set_tokens([make_token("a"), make_token("b", revoked_at=NOW)])
    proxy.set_show_inactive(True)
    assert proxy.counts() == Counts(total=2, shown=2, inactive_hidden=0, needs_attention=1)


def test_counts_changed_signal_on_filter(management_model, proxy, qtbot):
    management_model.set_tokens([make_token("a"), make_token("b")])
    with qtbot.waitSignal(proxy.counts_changed):
        proxy.set_search_text("a")


def test_revoking_a_token_removes_its_row(management_model, proxy, qtbot):
    token = make_token("to revoke")
    management_model.set_tokens([make_token("keep"), token])
    with qtbot.waitSignal(proxy.rowsRemoved):
        management_model.update_token(token.replace(revoked_at=NOW))
    assert descriptions(proxy) == ["keep"] and proxy.counts().inactive_hidden == 1


def test_revoked_token_stays_visible_when_showing_inactive(management_model, proxy):
    token = make_token("to revoke")
    management_model.set_tokens([token])
    proxy.set_show_inactive(True)
    management_model.update_token(token.replace(revoked_at=NOW))
    assert proxy.index(0, 0).data() == "Revoked"


def test_renamed_token_moves_to_its_sorted_place(management_model, proxy):
    token = make_token("a")
    management_model.set_tokens([token, make_token("b"), make_token("c")])
    proxy.sort(management_model.section_of(Column.DESCRIPTION))
    selected = QPersistentModelIndex(proxy.index(0, section(proxy, Column.DESCRIPTION)))
    management_model.update_token(token.replace(description="d"))
    assert descriptions(proxy) == ["b", "c", "d"] and selected.row() == 2


def test_updated_token_appears_when_it_starts_matching(management_model, proxy):
    token = make_token("plain")
    management_model.set_tokens([make_token("ci b"), token])
    proxy.set_search_text("ci")
    management_model.update_token(token.replace(description="ci a"))
    assert descriptions(proxy) == ["ci b", "ci a"]


def test_filter_keeps_selection_of_still_visible_row(management_model, proxy):
    management_model.set_tokens([make_token("a1"), make_token("b"), make_token("a2")])
    selected = QPersistentModelIndex(proxy.index(2, section(proxy, Column.DESCRIPTION)))
    proxy.set_search_text("a")
    assert selected.row() == 1 and selected.data() == "a2"


@pytest.mark.parametrize("selected_count", [2, 12])  # a row or two, and more than are looked up one by one
def test_selected_rows_follow_a_search_and_a_sort_and_those_hidden_are_dropped(management_model, proxy,
                                                                             selected_count):
    management_model.set_tokens([make_token(f"{'a' if n % 2 else 'b'}{n:02d}") for n in range(24)])
    column = section(proxy, Column.DESCRIPTION)
    selected = [QPersistentModelIndex(proxy.index(row, column)) for row in range(selected_count)]
    proxy.set_search_text("a")  # hides the "b" rows
    assert [index.data() for index in selected if index.isValid()] == [f"a{n:02d}" for n in range(1, selected_count, 2)]
    proxy.sort(column, Qt.SortOrder.DescendingOrder)
    kept = [index for index in selected if index.isValid()]
    assert [index.data() for index in kept] == [f"a{n:02d}" for n in range(1, selected_count, 2)]
    assert [index.row() for index in kept] == [11 - n // 2 for n in range(1, selected_count, 2)]


def test_map_to_and_from_source_agree(management_model, proxy):
    management_model.set_tokens([make_token(d) for d in "dbca"] + [make_token("x", revoked_at=NOW)])
    proxy.sort(section(proxy, Column.DESCRIPTION), Qt.SortOrder.DescendingOrder)
    for row in range(proxy.rowCount()):
        source = proxy.mapToSource(proxy.index(row, section(proxy, Column.TOKEN_ID)))
        assert proxy.mapFromSource(source) == proxy.index(row, section(proxy, Column.TOKEN_ID))


def test_hidden_source_row_maps_to_nothing(management_model, proxy):
    management_model.set_tokens([make_token("revoked", revoked_at=NOW)])
    assert not proxy.mapFromSource(management_model.index(0, 0)).isValid()


def test_proxy_token_at_follows_display_order(management_model, proxy):
    tokens = [make_token("b"), make_token("a")]
    management_model.set_tokens(tokens)
    proxy.sort(section(proxy, Column.DESCRIPTION))
    assert proxy.token_at(0) is tokens[1]


def test_headers_shown_even_when_no_row_matches(management_model, proxy):
    management_model.set_tokens([make_token("a")])
    proxy.set_search_text("zzz")
    assert proxy.headerData(section(proxy, Column.DESCRIPTION), Qt.Orientation.Horizontal) == "Description"


def test_surrounding_spaces_do_not_change_the_search(management_model, proxy, qtbot):
    management_model.set_tokens([make_token("ci"), make_token("other")])
    proxy.set_search_text("ci")
    with qtbot.assertNotEmitted(proxy.layoutChanged):
        proxy.set_search_text("ci ")
    assert descriptions(proxy) == ["ci"]



def test_search_texts_made_on_a_worker_from_rows_changed_since_are_not_used():
    rows = RowValues(columns_for(TokenKind.MANAGEMENT), [make_token("alpha", number=1), make_token("beta", number=2)],
                     NOW)
    make = rows.deferred_work()  # what a worker runs once the rows are shown: from this moment's rows
    rows.replace(0, rows.tokens[0].replace(description="gamma"))  # renamed meanwhile
    make()()  # the worker's answer, put in place on the GUI thread
    assert ["gamma" in text for text in rows.search_texts] == [True, False]
    assert ["beta" in text for text in rows.search_texts] == [False, True]
