"""qtmodeltester on the source model and the proxy, kept attached through changes."""

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from tests.models.conftest import NOW, db_token, make_token, section
from token_desk.api.models import Permission
from token_desk.models import Column

DAY = timedelta(days=1)


def mixed_tokens():
    return [
        make_token("ci writer", created_at=NOW - 3 * DAY),
        make_token("<b>Grafana</b>", expires_at=NOW + 2 * DAY),
        make_token("old", expires_at=NOW - DAY),
        make_token("gone", revoked_at=NOW - DAY, created_by=None, prefix=None),
        make_token("ci reader", created_at=NOW - 5 * DAY),
    ]


@pytest.mark.parametrize("force_py", [False, True])
def test_source_model_is_consistent(qtmodeltester, management_model, force_py):
    management_model.set_tokens(mixed_tokens())
    qtmodeltester.check(management_model, force_py=force_py)


def test_database_model_is_consistent(qtmodeltester, database_model):
    database_model.set_tokens([db_token(permissions=(Permission("read", "*"),)), db_token()])
    qtmodeltester.check(database_model)


def test_source_model_stays_consistent_through_updates(qtmodeltester, management_model):
    tokens = mixed_tokens()
    management_model.set_tokens(tokens)
    qtmodeltester.check(management_model)
    management_model.update_token(tokens[0].replace(revoked_at=NOW))
    management_model.set_tokens(tokens[:2])
    assert management_model.rowCount() == 2


@pytest.mark.parametrize("force_py", [False, True])
def test_empty_proxy_is_consistent(qtmodeltester, proxy, force_py):
    qtmodeltester.check(proxy, force_py=force_py)


@pytest.mark.parametrize("force_py", [False, True])
def test_sorted_filtered_proxy_is_consistent(qtmodeltester, management_model, proxy, force_py):
    management_model.set_tokens(mixed_tokens())
    proxy.sort(section(proxy, Column.DESCRIPTION), Qt.SortOrder.DescendingOrder)
    proxy.set_search_text("ci")
    qtmodeltester.check(proxy, force_py=force_py)


def test_proxy_stays_consistent_through_sort_filter_and_updates(qtmodeltester, management_model, proxy):
    tokens = mixed_tokens()
    management_model.set_tokens(tokens)
    qtmodeltester.check(proxy)
    for section in range(management_model.columnCount()):
        proxy.sort(section, Qt.SortOrder.AscendingOrder)
        proxy.sort(section, Qt.SortOrder.DescendingOrder)
    proxy.set_show_inactive(True)
    proxy.set_search_text("c")
    proxy.set_search_text("")
    management_model.update_token(tokens[0].replace(description="aaa first"))
    proxy.set_show_inactive(False)
    management_model.update_token(tokens[1].replace(revoked_at=NOW))
    management_model.update_token(tokens[1].replace(revoked_at=None, description="zz"))
    management_model.set_tokens(tokens[2:])
    assert proxy.rowCount() == 1  # only "ci reader" is still active
