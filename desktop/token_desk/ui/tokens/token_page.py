"""One token list: its model, its fast filter proxy and its table, kept together per token kind."""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable, Iterable, Sequence

from PySide6.QtCore import QByteArray, QItemSelection, QItemSelectionModel, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QGuiApplication, QIcon
from PySide6.QtWidgets import QMenu, QStackedWidget, QVBoxLayout, QWidget

from token_desk.api.models import Token, TokenKind
from token_desk.models import TokenFilterProxy, TokenTableModel
from token_desk.models.columns import Column, ColumnSpec, columns_for, section_of
from token_desk.models.display import DisplayStatus
from token_desk.models.row_values import RowValues
from token_desk.models.token_table_model import MOST_ROWS_MOVED_ONE_BY_ONE
from token_desk.tasks import run_in_background
from token_desk.ui.common.icons import icon
from token_desk.ui.common.palette import colours, muted_text
from token_desk.ui.tokens.influxctl_panel import InfluxctlMissingPanel, cannot_list_text, create_blocker
from token_desk.ui.tokens.empty_state import EmptyState
from token_desk.ui.tokens.token_view import TokenTableView

log = logging.getLogger(__name__)
PAGE_TITLES = {TokenKind.MANAGEMENT: "Management Tokens", TokenKind.DATABASE: "Database Tokens"}
STATUS_ICON_NAMES = {
    DisplayStatus.ACTIVE: "status-active",
    DisplayStatus.EXPIRES_SOON: "status-expiring-soon",
    DisplayStatus.EXPIRED: "status-expired",
    DisplayStatus.REVOKED: "status-revoked",
}
DEFAULT_SORT = (Column.CREATED_AT, Qt.SortOrder.DescendingOrder)  # newest first
FINISH_ROWS_AT_LATEST_MS = 2000  # a table shown but not drawn (its window minimised) still gets them


def status_icons() -> dict[DisplayStatus, QIcon]:
    return {status: icon(name) for status, name in STATUS_ICON_NAMES.items()}


def status_colour(status: DisplayStatus) -> QColor | None:
    """Orange for tokens about to stop, muted for ones that no longer work, in the scheme shown now."""
    if status is DisplayStatus.EXPIRES_SOON:
        return QColor(colours().expires_soon)
    if status in (DisplayStatus.EXPIRED, DisplayStatus.REVOKED):
        return muted_text(QGuiApplication.palette())
    return None


class PageActions:
    """A token page's commands from the registry: `rows`, whose shortcuts act while its table has the keyboard
    (Ctrl+C in the search box still copies its text), and `create` (New … Token…), offered by the empty table
    of an account without tokens."""

    __slots__ = ("rows", "create")

    def __init__(self, rows: Sequence[QAction] = (), create: QAction | None = None) -> None:
        self.rows, self.create = tuple(rows), create


class TokenPage(QWidget):
    """One kind's tokens: the model and its proxy from the start (a list loads whether or not it is shown), the
    table made when the page is first shown or asked for (`view`): a page people do not open draws nothing.

    `listing_changed()`: the page now shows a list the service gave, or no longer does (see `listed`), or says
    another reason why not (only then: each one recounts the window's status bar and re-decides its commands). The
    table's own signals, as the page's: `selection_changed()`, `menu_requested(pos)` (a right-click, in the
    viewport's coordinates), `options_requested(row, global_pos)` (the ⋮ button, Menu, Shift+F10),
    `open_requested(row)` (Enter, a double-click), `show_inactive_requested()` (the empty state's link) and
    `choose_influxctl_requested()` (the button of the panel saying why no list can be had)."""

    listing_changed = Signal()
    selection_changed = Signal()
    menu_requested = Signal(QPoint)
    options_requested = Signal(int, QPoint)
    open_requested = Signal(int)
    show_inactive_requested = Signal()
    choose_influxctl_requested = Signal()

    def __init__(self, kind: TokenKind, parent: QWidget | None = None,
                 columns: Sequence[ColumnSpec] | None = None, header: QWidget | None = None,
                 actions: PageActions | None = None) -> None:
        """`header`: shown above the table (the Database Tokens page's cluster picker and problems)."""
        super().__init__(parent)
        self.kind = kind
        self.title = PAGE_TITLES[kind]
        self.columns = tuple(columns) if columns is not None else columns_for(kind)
        self.model = TokenTableModel(kind, status_icons=status_icons(), parent=self, columns=self.columns,
                                     status_colours=status_colour, findings_icon=icon("warning"))
        self.proxy = TokenFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._actions = actions or PageActions()
        self._view: TokenTableView | None = None
        self._empty_state: EmptyState | None = None
        self._saved_header: QByteArray | None = None  # restored once the table is made
        # The table, or in its place an explanation when the tokens' source (influxctl) is unusable (each
        # made when first needed).
        self.stack = QStackedWidget(self)
        self._panel: InfluxctlMissingPanel | None = None
        self._unavailable: BaseException | None = None  # why no list can be had (no usable influxctl)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if header is not None:
            layout.addWidget(header)
        layout.addWidget(self.stack)
        self._loaded = False
        self._rows_unfinished = False
        self._orders_started = False  # a worker is making (or has made) the shown columns' orders for these rows
        self._several_clusters = False  # the Cluster column shows only while several clusters are shown
        self.column_menu = QMenu("Columns", self)  # right-click a header: which columns show

    def setVisible(self, visible: bool) -> None:  # Qt override: the table is made before it first shows
        if visible and self._view is None:
            self._make_table()
        super().setVisible(visible)

    @property
    def view(self) -> TokenTableView:
        """The table (made now if the page has not been shown yet)."""
        if self._view is None:
            self._make_table()
        return self._view

    @property
    def empty_state(self) -> EmptyState:
        """What the table says when it has no rows to show (made when it first has something to say)."""
        if self._empty_state is None:
            self._make_empty_state()
            self._update_empty_state()
        return self._empty_state

    def _make_empty_state(self) -> None:
        view = self.view  # made first: making it may have made the empty state already
        if self._empty_state is None:
            self._empty_state = EmptyState(view, f"No {self.title.lower()} yet")
            if self._actions.create is not None:
                self._empty_state.set_create_action(self._actions.create)
            self._empty_state.show_inactive_requested.connect(self.show_inactive_requested)

    def _make_table(self) -> None:
        self._view = view = TokenTableView(self)
        view.setModel(self.proxy)
        view.install_column_delegates(self.columns)
        view.setAccessibleName(self.title)
        view.addActions(self._actions.rows)
        self.stack.insertWidget(0, view)
        if self._unavailable is None:
            self.stack.setCurrentWidget(view)
        header = view.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._show_column_menu)
        view.selectionModel().selectionChanged.connect(self.selection_changed)
        view.customContextMenuRequested.connect(self.menu_requested)
        view.options_requested.connect(self.options_requested)
        view.open_requested.connect(self.open_requested)
        for signal in (self.proxy.counts_changed, self.proxy.layoutChanged, self.proxy.modelReset):
            signal.connect(self._update_empty_state)
        saved, self._saved_header = self._saved_header, None
        if saved is None:
            self.apply_default_layout()
        else:
            self.restore_header(saved)  # or the defaults, if it does not fit
        self._update_empty_state()
        if self._loaded and not self._rows_unfinished:  # rows finished while no table showed them: orders now
            view.call_after_next_paint(self._make_orders)

    def column_index(self, key: Hashable) -> int:
        """The section of the column named `key` (e.g. Column.DESCRIPTION)."""
        section = section_of(self.columns, key)
        if section is None:
            raise KeyError(f"this table has no {key} column")
        return section

    def show_unavailable(self, error) -> InfluxctlMissingPanel:
        """Show why these tokens cannot be listed (no usable influxctl) where the table was."""
        before = self._listing()
        self._unavailable = error
        panel = self.unavailable_panel
        panel.show_error(error)
        self.stack.setCurrentWidget(panel)
        self._announce_listing(before)
        return panel

    def hide_unavailable(self) -> None:
        before = self._listing()
        self._unavailable = None
        if self._view is not None:
            self.stack.setCurrentWidget(self._view)
        self._announce_listing(before)

    @property
    def unavailable_panel(self) -> InfluxctlMissingPanel:
        """What shows in the table's place while no list can be had (made when first needed)."""
        if self._panel is None:
            self._panel = InfluxctlMissingPanel(self)
            self._panel.choose_requested.connect(self.choose_influxctl_requested)
            self.stack.addWidget(self._panel)
        return self._panel

    def _listing(self) -> tuple[bool, str | None]:
        """What `listing_changed` announces: a list is shown, or else what the page says instead."""
        return self.listed, self.not_listed_text(loading=False) if self._unavailable is not None else None

    def _announce_listing(self, before: tuple[bool, str | None]) -> None:
        # Only a change: each announcement recounts the status bar and re-decides every command.
        if self._listing() != before:
            self.listing_changed.emit()

    @property
    def listed(self) -> bool:
        """The table shows a list the service gave. Not so while the first list loads, after it failed or
        was cancelled, nor while the panel says why none can be listed: no count may then be shown."""
        return self._loaded and self._unavailable is None

    def not_listed_text(self, loading: bool) -> str:
        """What the status bar says in place of a count while not `listed`: "0 tokens" would claim an
        account without any, which the service never said."""
        if self._unavailable is not None:
            return cannot_list_text(self._unavailable)  # the panel's headline
        return f"Loading {self.title.lower()}…" if loading else f"{self.title} not loaded"

    @property
    def unavailable_reason(self) -> str | None:
        """While the page explains that its tokens cannot be listed: why none can be created either, in the
        page's terms (the window's New … Token… command is off with this as its reason)."""
        if self._unavailable is None:
            return None
        return create_blocker(self._unavailable)

    def apply_default_layout(self) -> None:
        self.view.apply_default_widths()
        self._hide_columns_off_by_default()
        self._show_inactive_columns()
        column, order = DEFAULT_SORT
        self.view.horizontalHeader().setSortIndicator(self.column_index(column), order)
        self.view.setSortingEnabled(True)

    def fill_column_menu(self, menu: QMenu) -> None:
        """One checkable entry per column in the order shown, then Reset Columns (the header's menu and
        View → Columns are both filled here)."""
        menu.clear()
        header = self.view.horizontalHeader()
        for visual in range(header.count()):
            section = header.logicalIndex(visual)
            spec = self.columns[section]
            if spec.several_clusters_only and not self._several_clusters:
                continue  # nothing to choose: it has one value for every row
            action = menu.addAction(f"{spec.title} (with inactive tokens)" if spec.inactive_only else spec.title)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(section))
            action.setEnabled(spec.can_hide and not spec.inactive_only)  # the inactive toggle decides
            action.toggled.connect(lambda shown, key=spec.key: self.set_column_shown(key, shown))
        menu.addSeparator()
        reset = menu.addAction("Reset Columns")
        reset.setStatusTip("Show every column, in the first-start order and widths")
        reset.triggered.connect(self.reset_columns)

    def _show_column_menu(self, position: QPoint) -> None:
        self.fill_column_menu(self.column_menu)
        self.column_menu.popup(self.view.horizontalHeader().mapToGlobal(position))

    def set_column_shown(self, key: Hashable, shown: bool) -> None:
        """Show or hide one column; the status and the description always show, and a column for inactive
        tokens only (Revoked At) follows "Show inactive tokens"."""
        section = self.column_index(key)
        spec = self.columns[section]
        if (shown or spec.can_hide) and not spec.inactive_only:
            if spec.several_clusters_only and not self._several_clusters:
                return
            self.view.setColumnHidden(section, not shown)
            self._sort_by_a_shown_column()

    def set_several_clusters(self, several: bool) -> None:
        """Tokens of several clusters are shown (or one cluster's again): the Cluster column follows."""
        self._several_clusters = several
        self._show_inactive_columns()

    def set_show_inactive(self, show: bool) -> None:
        """Show or hide revoked and expired tokens, and the columns only they fill."""
        self.proxy.set_show_inactive(show)
        self._show_inactive_columns()

    def _hide_columns_off_by_default(self) -> None:
        for section, spec in enumerate(self.columns):
            if not spec.shown_by_default:
                self.view.setColumnHidden(section, True)

    def set_attention_only(self, only: bool) -> None:
        """Only the tokens with findings (Needs attention), within the search."""
        self.proxy.set_attention_only(only)
        self._update_empty_state()

    def set_policy(self, policy) -> None:
        """The findings under new numbers, now, keeping the selected tokens selected."""
        selected = [token.id for token in self.selected_tokens()]
        current = self.current_token()
        self.model.set_policy(policy)
        self.select_ids(selected, current.id if current else None)
        self._update_empty_state()

    def findings_of(self, token_id: str):
        """The findings of the token with this ID as the table shows them (empty if it has none or is not here)."""
        row = self.model.row_of(token_id)
        return () if row is None else self.model.findings_at(row)

    def _show_inactive_columns(self) -> None:
        if self._view is None:
            return  # the table shows them as the toggles say once it is made
        for section, spec in enumerate(self.columns):
            if spec.inactive_only:
                self.view.setColumnHidden(section, not self.proxy.show_inactive)
            elif spec.several_clusters_only:
                self.view.setColumnHidden(section, not self._several_clusters)
        self._sort_by_a_shown_column()

    def _sort_by_a_shown_column(self) -> None:
        """A sort by a column no longer shown has no arrow to say so: back to the default order."""
        header = self.view.horizontalHeader()
        if header.isSectionHidden(header.sortIndicatorSection()):
            column, order = DEFAULT_SORT
            self.view.sortByColumn(self.column_index(column), order)

    def reset_columns(self) -> None:
        """Every column back, in its first-start order and width; the sort stays as it is."""
        header = self.view.horizontalHeader()
        for section in range(header.count()):
            header.showSection(section)
            header.moveSection(header.visualIndex(section), section)
        self.view.apply_default_widths()
        self._hide_columns_off_by_default()
        self._show_inactive_columns()

    def _show_required_columns(self) -> None:
        for section, spec in enumerate(self.columns):
            if not spec.can_hide:
                self.view.setColumnHidden(section, False)
        self._show_inactive_columns()

    def save_header(self) -> QByteArray | None:
        """The header's state; for a table never made, the state it was given (None: none, nothing to keep)."""
        if self._view is None:
            return self._saved_header
        return self._view.horizontalHeader().saveState()

    def restore_header(self, state: QByteArray) -> bool:
        """Column order, widths and sort; False (and defaults kept) when the saved state does not fit. A table
        not made yet takes it when it is made (True until then)."""
        if self._view is None:
            self._saved_header = state
            return True
        header = self.view.horizontalHeader()
        with self.view.column_layout.quietly():
            restored = header.restoreState(state)
        if not restored or header.count() != len(self.columns):
            self.apply_default_layout()
            return False
        self._show_required_columns()  # a hand-edited or older state may hide them
        # Widths that differ from the first-start ones were set by hand and stay; Description takes the rest.
        self.view.adopt_restored_widths()
        # restoreState sets the indicator without sorting: sort as the header now says. A table made with this
        # state (a restart's) never had the defaults' sorting turned on; turning it on sorts by the indicator.
        if self.view.isSortingEnabled():
            self.view.sortByColumn(header.sortIndicatorSection(), header.sortIndicatorOrder())
        else:
            self.view.setSortingEnabled(True)
        return True

    def set_tokens(self, tokens: Sequence[Token] | RowValues, requested_at: float | None = None) -> None:
        """Show a fresh list (or rows prepared off the GUI thread), keeping the selected tokens
        (by ID) selected and the sort as it was; changes confirmed after `requested_at` stay (see the model)."""
        selected = [token.id for token in self.selected_tokens()]
        current = self.current_token()
        before = self._listing()
        self._loaded = True
        self.model.set_tokens(tokens, requested_at)
        self._announce_listing(before)
        self.select_ids(selected, current.id if current else None)
        self._give_the_keyboard_a_row()
        self._update_empty_state()
        self._orders_started = False
        self._finish_rows_soon()

    def _finish_rows_soon(self) -> None:
        """Once the rows are drawn (at once if the table is hidden), a worker finishes them: the work is
        Python holding the interpreter lock, which drawing a large list would otherwise wait for (100 ms and
        more at 100,000 rows)."""
        self._rows_unfinished = True
        if self._view is not None and self._view.isVisible():
            self.view.call_after_next_paint(self._finish_rows)
            # A window minimised meanwhile. A lambda, not the bound method: PySide6 (6.11) keeps a weak reference
            # and about 300 bytes for good for every delayed single shot given a context and a bound method.
            QTimer.singleShot(FINISH_ROWS_AT_LATEST_MS, self, lambda: self._finish_rows())
        else:
            QTimer.singleShot(0, self, self._finish_rows)

    def _finish_rows(self) -> None:
        """On a worker, unless a newer list is shown by its answer: the one finding left out of the rows
        (shared descriptions: it hashes every description), then what the first search or sort by a column
        with ties would otherwise make (see RowValues.deferred_work)."""
        if not self._rows_unfinished:
            return  # started already (the rows were drawn before the timer fired)
        self._rows_unfinished = False
        rows = self.model.row_values
        if rows.findings.shared is None and len(rows):
            run_in_background(rows.findings.count_shared, context=self,
                              on_result=lambda shared: self._add_shared(rows, shared),
                              on_error=lambda error: log.error("Shared descriptions could not be counted: %r", error))
        work = rows.deferred_work()
        if work is None:
            self._make_orders()
        else:
            run_in_background(work, context=self, on_result=lambda put_in_place: self._then_orders(put_in_place),
                              on_error=lambda error: log.error("Search texts could not be made: %r", error))

    def _then_orders(self, put_in_place: Callable[[], None]) -> None:
        put_in_place()
        self._make_orders()

    def _make_orders(self) -> None:
        """Once the rows are finished, a worker makes the order of each column the table shows, one column
        at a time (the interpreter lock is free for drawing between them), left to right: a click on a
        header then reads its order instead of sorting (see RowValues.order_work). A table not made yet has
        them made once it is."""
        if self._orders_started or self._view is None:
            return
        self._orders_started = True
        header = self._view.horizontalHeader()
        sections = [header.logicalIndex(visual) for visual in range(header.count())]
        columns = [self.columns[section] for section in sections if not header.isSectionHidden(section)]
        self._make_next_order(self.model.row_values, columns)

    def _make_next_order(self, rows: RowValues, columns: list[ColumnSpec]) -> None:
        while columns and rows is self.model.row_values:  # a newer list has its own
            work = rows.order_work(columns.pop(0))
            if work is not None:
                run_in_background(work, context=self,
                                  on_result=lambda put_in_place: self._next_order(put_in_place, rows, columns),
                                  on_error=lambda error: log.error("A column's order could not be made: %r", error))
                return

    def _next_order(self, put_in_place: Callable[[], None], rows: RowValues, columns: list[ColumnSpec]) -> None:
        put_in_place()
        self._make_next_order(rows, columns)

    def _add_shared(self, rows: RowValues, shared) -> None:
        selected = [token.id for token in self.selected_tokens()]
        current = self.current_token()
        if self.model.apply_shared(rows, shared) and len(shared.rows) > MOST_ROWS_MOVED_ONE_BY_ONE:
            self.select_ids(selected, current.id if current else None)  # the model was reset
        self._update_empty_state()

    def _give_the_keyboard_a_row(self) -> None:
        """A table that had the keyboard before its rows arrived gets a current row, as Qt gives one on focus
        (without selecting it): Enter, Menu and the arrows then start from the first row."""
        if self._view is None:
            return
        has_keyboard = self.view.window().focusWidget() is self.view
        if has_keyboard and not self.view.currentIndex().isValid() and self.proxy.rowCount():
            self.view.selectionModel().setCurrentIndex(self.proxy.index(0, 0),
                                                      QItemSelectionModel.SelectionFlag.NoUpdate)

    def clear(self) -> None:
        """No rows, and no "nothing here" either: the next list is on its way."""
        self._several_clusters = False  # the Cluster column shows only while several clusters are shown
        self.forget_list()

    def forget_list(self) -> None:
        """No rows and no count: no list came for what the page shows (on its way, or failed everywhere)."""
        before = self._listing()
        self._loaded = False
        self.model.set_tokens(())
        self._update_empty_state()
        self._announce_listing(before)

    def _update_empty_state(self, *_ignored: object) -> None:
        if self._view is None:
            return  # said once the table is made
        counts = self.proxy.counts()
        if self._empty_state is None:
            if not self._loaded or counts.shown:
                return  # nothing to say yet: made when there is
            self._make_empty_state()
        self._empty_state.update_for(counts, self.proxy.search_text, self._loaded, self.proxy.attention_only)

    def selected_tokens(self) -> list[Token]:
        """The selected tokens in the order shown."""
        selection = self._view.selectionModel() if self._view is not None else None
        rows = sorted(index.row() for index in selection.selectedRows()) if selection else []
        return [self.proxy.token_at(row) for row in rows]

    def current_token(self) -> Token | None:
        if self._view is None:
            return None
        index = self._view.currentIndex()
        return self.proxy.token_at(index.row()) if index.isValid() else None

    def proxy_row_of(self, token_id: str) -> int | None:
        source_row = self.model.row_of(token_id)
        if source_row is None:
            return None
        return self.proxy.proxy_row(source_row)

    def select_ids(self, token_ids: Iterable[str], current_id: str | None = None) -> None:
        """Select the rows of these tokens that are visible; make `current_id` the current row."""
        if self._view is None and not token_ids and current_id is None:
            return  # nothing to select in a table not made yet
        selection = QItemSelection()
        last_column = self.proxy.columnCount() - 1
        for row in filter(lambda r: r is not None, map(self.proxy_row_of, token_ids)):
            selection.select(self.proxy.index(row, 0), self.proxy.index(row, last_column))
        model = self.view.selectionModel()
        current_row = self.proxy_row_of(current_id) if current_id else None
        if current_row is not None:
            model.setCurrentIndex(self.proxy.index(current_row, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
        model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def show_token(self, token: Token) -> bool:
        """Put the server's copy of `token` (after a change it confirmed) in the table, select it and scroll
        to it; False if a filter hides it."""
        self.model.confirm(token)
        row = self.proxy_row_of(token.id)
        if row is None:
            return False
        self.select_ids([token.id], token.id)
        self.view.scrollTo(self.proxy.index(row, 0))
        return True

    def select_row(self, row: int) -> None:
        """Make `row` the only selected row and the current one."""
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.view.selectionModel().setCurrentIndex(self.proxy.index(row, 0), flags)

    def is_row_selected(self, row: int) -> bool:
        return self.view.selectionModel().isRowSelected(row)
