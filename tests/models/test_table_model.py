"""The source model's roles and updates, without widgets."""

from datetime import timedelta

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QIcon, QPixmap

from tests.models.conftest import NOW, make_token
from token_desk.api.models import TokenKind
from token_desk.models import SORT_ROLE, STATUS_ROLE, TOKEN_ROLE, Column, DisplayStatus, TokenTableModel


def cell(model, row: int, column: Column):
    return model.index(row, model.section_of(column))


def test_token_role_returns_the_rows_token(management_model):
    token = make_token("mine")
    management_model.set_tokens([make_token(), token])
    assert cell(management_model, 1, Column.CREATED_AT).data(TOKEN_ROLE) is token


def test_status_role_returns_display_status(management_model):
    management_model.set_tokens([make_token(expires_at=NOW + timedelta(hours=5))])
    assert cell(management_model, 0, Column.STATUS).data(STATUS_ROLE) is DisplayStatus.EXPIRES_SOON


def test_sort_role_returns_native_time(management_model):
    management_model.set_tokens([make_token(created_at=NOW)])
    assert cell(management_model, 0, Column.CREATED_AT).data(SORT_ROLE) == NOW.timestamp()


def test_status_icon_comes_from_injected_mapping(qapp):
    pixmap = QPixmap(8, 8)
    pixmap.fill(QColor("red"))
    revoked_icon = QIcon(pixmap)
    model = TokenTableModel(TokenKind.MANAGEMENT, clock=lambda: NOW, status_icons={DisplayStatus.REVOKED: revoked_icon})
    model.set_tokens([make_token(revoked_at=NOW)])
    assert cell(model, 0, Column.STATUS).data(Qt.ItemDataRole.DecorationRole).cacheKey() == revoked_icon.cacheKey()


def test_status_icon_is_optional(management_model):
    management_model.set_tokens([make_token(revoked_at=NOW)])
    assert cell(management_model, 0, Column.STATUS).data(Qt.ItemDataRole.DecorationRole) is None


def colour_model(status_colours=None) -> TokenTableModel:
    """A model whose injected colours name the status they were asked for."""
    return TokenTableModel(TokenKind.MANAGEMENT, clock=lambda: NOW,
                           status_colours=status_colours or (lambda status: QColor(f"#{status.value:06d}")))


def test_inactive_rows_take_the_injected_colour_in_every_cell(qapp):
    model = colour_model()
    model.set_tokens([make_token(revoked_at=NOW)])
    assert cell(model, 0, Column.DESCRIPTION).data(Qt.ItemDataRole.ForegroundRole) == QColor(f"#{DisplayStatus.REVOKED.value:06d}")


def test_expiring_soon_colours_only_its_status_and_expiry(qapp):
    model = colour_model()
    model.set_tokens([make_token(expires_at=NOW + timedelta(days=1))])
    coloured = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())
                if model.index(0, c).data(Qt.ItemDataRole.ForegroundRole) is not None]
    assert coloured == ["Status", "Expires At"]


def test_without_injected_colours_every_cell_uses_the_palette(management_model):
    management_model.set_tokens([make_token(revoked_at=NOW)])
    assert cell(management_model, 0, Column.DESCRIPTION).data(Qt.ItemDataRole.ForegroundRole) is None


def test_cells_are_left_aligned(management_model):
    management_model.set_tokens([make_token()])
    alignment = cell(management_model, 0, Column.CREATED_AT).data(Qt.ItemDataRole.TextAlignmentRole)
    assert alignment & Qt.AlignmentFlag.AlignLeft


def test_update_token_replaces_row_and_signals_it(management_model, qtbot):
    old = make_token("old name")
    management_model.set_tokens([make_token(), old])
    renamed = make_token("new name", number=int(old.id[-12:]))
    with qtbot.waitSignal(management_model.dataChanged) as signal:
        assert management_model.update_token(renamed)
    assert signal.args[0].row() == 1 and cell(management_model, 1, Column.DESCRIPTION).data() == "new name"


def test_update_of_unknown_token_is_refused(management_model):
    management_model.set_tokens([make_token()])
    assert not management_model.update_token(make_token("stranger"))


def test_row_of_finds_token_by_id(management_model):
    tokens = [make_token(), make_token()]
    management_model.set_tokens(tokens)
    assert management_model.row_of(tokens[1].id) == 1 and management_model.row_of("nope") is None


def test_table_is_flat(management_model):
    management_model.set_tokens([make_token()])
    assert management_model.rowCount(management_model.index(0, 0)) == 0
    assert management_model.rowCount(QModelIndex()) == 1


def test_rows_prepared_off_the_gui_thread_show_like_a_token_list(management_model):
    from token_desk.models.filter_proxy import TokenFilterProxy
    from token_desk.models.row_values import RowValues
    tokens = [make_token("b", revoked_at=NOW), make_token("a"), make_token("c")]
    management_model.set_tokens(RowValues(management_model.columns, tokens, NOW))
    proxy = TokenFilterProxy()
    proxy.setSourceModel(management_model)
    proxy.sort(management_model.section_of(Column.DESCRIPTION), Qt.SortOrder.AscendingOrder)
    assert management_model.tokens() == tuple(tokens)
    assert [proxy.token_at(row).description for row in range(proxy.rowCount())] == ["a", "c"]
    assert cell(management_model, 0, Column.STATUS).data(STATUS_ROLE) is DisplayStatus.REVOKED
