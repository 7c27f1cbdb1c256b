"""Adding a column is one specification: a table built from the built-in columns plus an extra one
shows, sorts and searches it with no other change."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.models.conftest import make_token
from token_desk.api.models import Token, TokenKind
from token_desk.models import Column, ColumnSpec, TokenFilterProxy, TokenTableModel, Width, columns_for
from token_desk.models.display import plain_tooltip


def owner_text(token: Token, status) -> str:
    return (token.created_by or "").partition("@")[0] or "—"


def owner_keys(tokens, statuses) -> list:
    return [owner_text(token, None).casefold() for token in tokens]


OWNER = ColumnSpec(key="owner", title="Owner", text=owner_text,
                   tooltip=lambda token, status, now: plain_tooltip(token.created_by or ""),
                   sort_keys=owner_keys, search_field="created_by", width=Width.FIT, width_sample="someone",
                   alignment=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
WITH_OWNER = (*columns_for(TokenKind.MANAGEMENT), OWNER)


def owner_table(tokens: list[Token]) -> tuple[TokenTableModel, TokenFilterProxy]:
    model = TokenTableModel(TokenKind.MANAGEMENT, columns=WITH_OWNER)
    model.set_tokens(tokens)
    proxy = TokenFilterProxy()
    proxy.setSourceModel(model)
    return model, proxy


def owners(proxy: TokenFilterProxy) -> list[str]:
    section = proxy.sourceModel().section_of("owner")
    return [proxy.index(row, section).data() for row in range(proxy.rowCount())]


def test_the_extra_column_has_its_title_text_tooltip_and_alignment(qapp) -> None:
    model, _proxy = owner_table([make_token(created_by="ada@example.com")])
    section = model.section_of("owner")
    assert model.headerData(section, Qt.Orientation.Horizontal) == "Owner"
    cell = model.index(0, section)
    assert cell.data() == "ada"
    assert "ada@example.com" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert cell.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert model.index(0, model.section_of(Column.DESCRIPTION)).data() == "token"  # the others unchanged


def test_the_extra_column_sorts_by_its_own_key(qapp) -> None:
    tokens = [make_token(created_by=f"{name}@example.com") for name in ("cy", "ada", "bo")]
    _model, proxy = owner_table(tokens)
    proxy.sort(proxy.sourceModel().section_of("owner"), Qt.SortOrder.AscendingOrder)
    assert owners(proxy) == ["ada", "bo", "cy"]
    proxy.sort(proxy.sourceModel().section_of("owner"), Qt.SortOrder.DescendingOrder)
    assert owners(proxy) == ["cy", "bo", "ada"]


def test_the_extra_columns_search_field_is_searched(qapp) -> None:
    _model, proxy = owner_table([make_token(created_by="ada@example.com"), make_token(created_by="bo@example.org")])
    proxy.set_search_text("EXAMPLE.ORG")
    assert owners(proxy) == ["bo"]


def test_the_built_in_tables_do_not_search_by_creator(qapp) -> None:
    model = TokenTableModel(TokenKind.MANAGEMENT)
    model.set_tokens([make_token(created_by="ada@example.com")])
    proxy = TokenFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_search_text("ada@")
    assert proxy.rowCount() == 0
