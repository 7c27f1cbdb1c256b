"""The window people live in: both token lists, search, filters, refresh, and the ways in to revoking."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QSettings, Qt, Signal, SignalInstance
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (QListWidget, QListWidgetItem, QMainWindow, QMenu, QSplitter, QStackedWidget,
                               QVBoxLayout, QWidget)

from token_desk.api.errors import AuthenticationError
from token_desk.api.models import TokenKind
from token_desk.connection import Connection
from token_desk.models.display import visible_text
from token_desk.ui.common import settings as ui_settings
from token_desk.ui.common.error_text import error_sentence
from token_desk.history import Journal
from token_desk.ui.revoke import RevokeService, busy_revokes
from token_desk.ui.common.notice import Notice
from token_desk.ui.attention import Attention
from token_desk.ui.clusters import AccountClusters
from token_desk.ui.shell.banner import Banner
from token_desk.ui.common.icons import icon
from token_desk.ui.shell.command_list import new_token_key
from token_desk.ui.shell.command_registry import Command, CommandActions, WindowState
from token_desk.ui.shell.menu_bar import build_menu_bar
from token_desk.ui.shell.row_commands import RowCommands
from token_desk.ui.shell.status_line import StatusLine, clusters_text
from token_desk.ui.tokens import PageActions, TokenLoader, TokenPage
from token_desk.ui.shell.toolbar import MainToolBar
from token_desk.ui.shell.welcome_page import WelcomePage
from token_desk.ui.shell.window_size import first_start_size

if TYPE_CHECKING:  # the create flows load at their first use (ui/shell/row_commands.py)
    from token_desk.ui.create import ProfileSaver


APP_TITLE = "Token Desk"
PAGE_ICONS = {TokenKind.MANAGEMENT: "connection", TokenKind.DATABASE: "status-active"}
CLUSTERS_PAGE_ICON = "clusters"
CLUSTERS_PAGE_TITLE = "Clusters"
SIGNED_OUT_PREFIX = "Signed out: "
DEMO_RESTART_HINT = " Restart the demo to get fresh sample data and a new token."
LOAD_CANCELLED = "Loading cancelled; the tables show the last list loaded. Press F5 to load again."
FIRST_LOAD_CANCELLED = "Loading cancelled before any list came. Press F5 to load again."
SIDEBAR_AIR = 4  # a little room right of the longest page name


class ConnectionControl(Protocol):
    """Whoever owns the window's connections (ui.connections.ConnectionsController), built before the window.

    Its signals: `showing(connection | None)` (show it now), `connection_changed(connection | None)` (after a
    switch or a change to the saved profiles) and `reload_requested()`."""

    showing: SignalInstance
    connection_changed: SignalInstance
    reload_requested: SignalInstance

    def manage_connections(self) -> object:
        """Open the Connections dialog (File → Connections…)."""
        ...

    def choose_influxctl(self, path: str) -> None:
        """Remember the influxctl program picked by hand; the open connection uses it from its next load."""
        ...

    def new_profile_saver(self, connection: Connection | None) -> ProfileSaver | None:
        """Where "Save as a Connection…" stores a new management token for `connection`; None: nowhere."""
        ...

    def sign_in_again(self) -> None:
        """The server rejected the token: ask for another (the window asks once per sign-out)."""
        ...

    def restart_demo(self) -> None:
        ...

    def release_callback(self) -> Callable[..., None]:
        """Closes the services and the demo server when the window goes."""
        ...


class MainWindow(QMainWindow):
    """`set_connection(None)` shows the welcome page; `sign_in_requested` asks the app for new credentials.

    Built in one pass (ui/shell/window_builder.py) from its parts: the connection controller with its
    `switcher` and `welcome` page, the revoke service, the settings, the history journal (None: nothing is
    recorded) and the command registry its menus, toolbar and row menus come from.
    """

    sign_in_requested = Signal()
    restart_demo_requested = Signal()

    def __init__(self, connections: ConnectionControl, revoker: RevokeService, settings: QSettings,
                 journal: Journal | None, commands: Sequence[Command], switcher: QWidget, welcome: WelcomePage) -> None:
        super().__init__()
        self.connections = connections
        self.revoker = revoker
        self.settings = settings
        self.journal = journal
        self.commands = CommandActions(commands, self, self)
        # The Database Tokens page comes with the account's clusters: its picker, its lines for clusters that
        # failed, and the Clusters page beside it (ui/clusters).
        self.clusters = AccountClusters(settings, self.commands.where(lambda command: command.cluster_menu),
                                        self._page_actions(TokenKind.DATABASE), self)
        management = TokenPage(TokenKind.MANAGEMENT, actions=self._page_actions(TokenKind.MANAGEMENT))
        self.pages = {TokenKind.MANAGEMENT: management, TokenKind.DATABASE: self.clusters.page}
        self.welcome = welcome
        self.toolbar = MainToolBar(self.commands, switcher, self)
        self.addToolBar(self.toolbar)
        # Every toolbar control stays visible: the window is never narrower than they need.
        self.toolbar.required_width_changed.connect(self.setMinimumWidth)
        self.search_box = self.toolbar.search_box
        self.status = StatusLine(self.statusBar(), self.commands["cancel-load"])
        self.loader = TokenLoader({kind: page.columns for kind, page in self.pages.items()}, self)
        self._connection: Connection | None = None
        self._signed_out = False
        self._busy = False
        self._load_problems: dict[TokenKind, str] = {}  # per kind: why its last load failed, in one sentence
        self._changing = 0  # > 0: several parts change at once; the counts and commands follow once, after
        self._build_central()
        self.rows = RowCommands(self, list(self.pages.values()))
        self._wire()
        # After _wire: its count follows the page shown, so it must hear of a page change after the stack does.
        self.attention = Attention(self, self.commands["needs-attention"])
        self.menus = build_menu_bar(self.menuBar(), self.commands)
        self._restore_settings()
        self.set_connection(None)
        self._serve(connections)

    def _serve(self, connections: ConnectionControl) -> None:
        connections.showing.connect(self.set_connection)
        connections.reload_requested.connect(self.refresh)
        self.sign_in_requested.connect(connections.sign_in_again)
        self.restart_demo_requested.connect(connections.restart_demo)
        self.destroyed.connect(connections.release_callback())

    # ---- building -------------------------------------------------------------------------------
    def _page_actions(self, kind: TokenKind) -> PageActions:
        return PageActions(self.commands.row_actions(), self.commands[new_token_key(kind)])

    def _build_central(self) -> None:
        self.banner = Banner()
        self.notice = Notice()
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setAccessibleName("Token lists")
        self.page_stack = QStackedWidget()
        for kind, page in self.pages.items():
            self.sidebar.addItem(QListWidgetItem(icon(PAGE_ICONS[kind]), page.title))
            self.page_stack.addWidget(page)
        self.sidebar.addItem(QListWidgetItem(icon(CLUSTERS_PAGE_ICON), CLUSTERS_PAGE_TITLE))
        self.page_stack.addWidget(self.clusters.clusters_page)
        self._token_page = self.pages[TokenKind.MANAGEMENT]  # the token page shown last (the Clusters page has none)
        self.sidebar.setCurrentRow(0)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self._pages_column())
        self.splitter.setStretchFactor(1, 1)
        sidebar_width = self._sidebar_width()  # measures every entry, icon included
        self.splitter.setSizes([sidebar_width, 1100])
        self.sidebar.setMinimumWidth(sidebar_width)  # its entries whole, whatever the pages ask for
        self.central_stack = QStackedWidget()
        self.central_stack.addWidget(self.welcome)
        self.central_stack.addWidget(self.splitter)
        self.setCentralWidget(self.central_stack)
        self.resize(first_start_size(self.screen().availableGeometry().size()))

    def _sidebar_width(self) -> int:
        """Just wide enough for the page names: every pixel saved goes to the token columns."""
        return self.sidebar.sizeHintForColumn(0) + 2 * self.sidebar.frameWidth() + SIDEBAR_AIR

    def _pages_column(self) -> QWidget:
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(2, 6, 6, 0)  # the splitter handle already parts it from the sidebar
        layout.setSpacing(6)
        layout.addWidget(self.banner)
        layout.addWidget(self.page_stack, 1)
        layout.addWidget(self.notice, 0, Qt.AlignmentFlag.AlignHCenter)  # under the table: it hides no row
        return column

    def _wire(self) -> None:
        self.search_box.textChanged.connect(self._apply_search)
        self.sidebar.currentRowChanged.connect(self._show_page)
        self.banner.action_clicked.connect(self._on_banner_action)
        self.loader.busy_changed.connect(self._on_busy)
        self.loader.kind_loaded.connect(self._on_kind_loaded)
        self.loader.kind_failed.connect(self._on_kind_failed)
        self.loader.loaded.connect(self._on_loaded)
        self.loader.failed.connect(self._on_load_failed)
        self.loader.source_state.connect(self._on_source_state)
        for page in self.pages.values():
            page.choose_influxctl_requested.connect(self.choose_influxctl)
        show_inactive = self.commands["show-inactive"]
        for page in self.pages.values():
            page.show_inactive_requested.connect(lambda: show_inactive.setChecked(True))
            page.proxy.counts_changed.connect(self._update_counts)
            page.listing_changed.connect(self._update_counts)
            page.listing_changed.connect(self.update_actions)  # Export follows: nothing to export without a list
            page.selection_changed.connect(self.update_actions)
        self.clusters.busy_changed.connect(self._on_busy)
        self.clusters.changed.connect(self._on_clusters_changed)
        self.clusters.own_tokens_wanted.connect(self._load_own_database_tokens)
        self.clusters.clusters_page.selection_changed.connect(self.update_actions)

    # ---- connection and loading -----------------------------------------------------------------
    @property
    def connection(self) -> Connection | None:
        return self._connection

    def set_connection(self, connection: Connection | None) -> None:
        """Show `connection`'s tokens (loading starts now, off the GUI thread) or the welcome page."""
        with self._all_at_once():
            self._switch_to(connection)

    @contextmanager
    def _all_at_once(self) -> Iterator[None]:
        """The pages, the clusters and the loader each announce their part of a switch: the status bar's
        counts and every command are decided once, after all of them."""
        self._changing += 1
        try:
            yield
        finally:
            self._changing -= 1
            if not self._changing:
                self._update_counts()
                self.update_actions()

    def _switch_to(self, connection: Connection | None) -> None:
        self.loader.cancel()
        self._connection = connection
        self._signed_out = False
        self._load_problems.clear()
        self.banner.hide()
        for page in self.pages.values():
            page.clear()
            page.hide_unavailable()
        self.central_stack.setCurrentWidget(self.splitter if connection else self.welcome)
        self.toolbar.set_demo(bool(connection and connection.is_demo))
        self.status.set_refreshed(None)
        self.setWindowTitle(f"{visible_text(connection.label)} — {APP_TITLE}" if connection else APP_TITLE)
        connected = connection is not None
        self._enable_search()
        if connected:  # the keyboard starts on the table, not on a button that Space would press
            self.current_page().view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.clusters.set_connection(connection)  # its clusters: cached, or found now off the GUI thread
        if connection is not None:
            self.loader.load(connection.service, self.clusters.token_loader_kinds())

    def refresh(self) -> None:
        """Reload both lists and the account's clusters; the tables keep showing the last good data until
        the answers arrive."""
        if self._connection is not None:
            self.loader.load(self._connection.service, self.clusters.token_loader_kinds())
            self.clusters.refresh()

    def _load_own_database_tokens(self) -> None:
        if self._connection is not None:
            self.loader.load(self._connection.service, (TokenKind.DATABASE,))

    def cancel_loading(self) -> None:
        """Esc or Cancel while loading: stop waiting; the tables keep the last list loaded."""
        if self.loader.busy or self.clusters.busy:
            self.loader.cancel()
            self.clusters.cancel()
            nothing_yet = not any(page.listed for page in self.pages.values())
            self.status.show_message(FIRST_LOAD_CANCELLED if nothing_yet else LOAD_CANCELLED, 15_000)

    def _on_busy(self, _busy: bool) -> None:
        self._busy = self.loader.busy or self.clusters.busy
        self.status.set_busy(self._busy)
        self._update_counts()  # "Loading …" becomes "… not loaded" when a first list failed or was cancelled
        self.update_actions()

    def _on_clusters_changed(self) -> None:
        self._update_counts()
        self.update_actions()

    def _on_kind_loaded(self, kind: TokenKind, rows) -> None:
        """Each kind is shown as soon as it arrives, whatever became of the other."""
        if kind is TokenKind.DATABASE and not self.clusters.own_listed(rows):
            return  # other clusters are shown now: they load (the own one with them) in ui/clusters
        self.pages[kind].set_tokens(rows, self.loader.requested_at)  # newer confirmed changes stay
        if self._connection is not None:  # the table marks the token Token Desk is signed in with
            self.pages[kind].model.set_signed_in(self._connection.service.is_signed_in_with)
        self._load_problems.pop(kind, None)
        self._show_load_problem()
        self.update_actions()

    def _on_kind_failed(self, kind: TokenKind, error: BaseException) -> None:
        """Said on that kind's page only; its last good table (if any) stays."""
        if kind is TokenKind.DATABASE and not self.clusters.shows_own_cluster_only:
            return  # a list no longer shown: the clusters shown say what became of each
        self._load_problems[kind] = error_sentence(error, f"Loading the {self.pages[kind].title.lower()}", "retry")
        self._show_load_problem()

    def _show_load_problem(self) -> None:
        """The banner says why the page shown now failed to load, if it did; a signed-out banner stays."""
        if self._signed_out:
            return
        problem = self._load_problems.get(self.current_page().kind)
        if problem is None:
            self.banner.hide()
        else:
            self.banner.show_error(problem)

    def _on_loaded(self, _rows_by_kind: dict) -> None:
        self._signed_out = False
        self._show_load_problem()
        self.status.set_refreshed(datetime.now())
        self.update_actions()

    def _on_source_state(self, kind: TokenKind, unavailable: BaseException | None) -> None:
        page = self.pages[kind]
        self._load_problems.pop(kind, None)  # the panel in the table's place says it all
        self._show_load_problem()
        # Its listing_changed, if this changes what it shows, updates the counts and commands (New … Token…
        # is off with the page's reason while it cannot work).
        if unavailable is None:
            page.hide_unavailable()
        else:
            page.show_unavailable(unavailable)

    def choose_influxctl(self) -> None:
        """Pick the influxctl program by hand; the connections controller remembers it and reloads."""
        from PySide6.QtWidgets import QFileDialog  # at the first pick, as every class only a command uses

        path, _filter = QFileDialog.getOpenFileName(self, "Choose influxctl")
        if path:
            self.connections.choose_influxctl(path)

    def _on_load_failed(self, error: BaseException) -> None:
        """A rejected sign-in is the one failure for both pages; any other was already said on its own page."""
        if isinstance(error, AuthenticationError):
            self.enter_signed_out(str(error))

    def enter_signed_out(self, reason: str) -> None:
        """The server no longer accepts our token: one prompt (never a banner and a modal at once), no retry loop.

        A profile or one-off connection asks for a new token in a dialog; only if that is declined does the
        banner keep a "Sign in…" button for later. The demo has no other token to paste: its banner offers
        "Restart demo" instead. Revoke actions stay disabled while signed out."""
        first = not self._signed_out
        self._signed_out = True
        self.update_actions()
        if self._connection is not None and self._connection.is_demo:
            self.banner.show_error(SIGNED_OUT_PREFIX + reason + DEMO_RESTART_HINT, action="restart-demo")
            return
        self.banner.hide()
        if first:
            connection = self._connection
            self.sign_in_requested.emit()  # the controller's modal prompt, answered before this returns
            if not (self._signed_out and self._connection is connection):
                return  # signed in again (the connection was replaced)
        self.banner.show_error(SIGNED_OUT_PREFIX + reason, action="sign-in")

    @property
    def signed_out(self) -> bool:
        return self._signed_out

    def _on_banner_action(self, action: str) -> None:
        if action == "sign-in":
            self.sign_in_requested.emit()
        elif action == "restart-demo":
            self.restart_demo_requested.emit()
        else:
            self.refresh()

    # ---- pages, search and filters -----------------------------------------------------------------
    def current_page(self) -> TokenPage:
        """The token page shown, or the one shown last while the Clusters page is."""
        return self._token_page

    @property
    def clusters_shown(self) -> bool:
        return self.page_stack.currentWidget() is self.clusters.clusters_page

    def page(self, kind: TokenKind) -> TokenPage:
        return self.pages[kind]

    def show_page(self, kind: TokenKind) -> None:
        self.sidebar.setCurrentRow(list(self.pages).index(kind))

    def show_clusters(self) -> None:
        self.sidebar.setCurrentRow(len(self.pages))

    def _show_page(self, row: int) -> None:
        if row >= 0:
            self.page_stack.setCurrentIndex(row)
            if not self.clusters_shown:
                self._token_page = self.page_stack.currentWidget()
            self.toolbar.set_page(self.current_page().kind)
            self._enable_search()
            self._show_load_problem()
            self._update_counts()
            self.update_actions()

    def _enable_search(self) -> None:
        """Nothing to search on the welcome page; the search filters tokens, and the Clusters page lists none."""
        self.search_box.setEnabled(self._connection is not None and not self.clusters_shown)

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def _apply_search(self, text: str) -> None:
        for page in self.pages.values():
            page.proxy.set_search_text(text)

    def show_inactive(self, show: bool) -> None:
        for page in self.pages.values():
            page.set_show_inactive(show)

    def fill_column_menu(self, menu: QMenu) -> None:
        """View → Columns is the header's right-click menu, for the keyboard too: for the page shown."""
        self.current_page().fill_column_menu(menu)

    def show_history(self) -> None:
        """The History window, made on first use and kept."""
        from token_desk.ui.history import HistoryWindow

        if self.journal is None:
            return
        history = self.findChild(HistoryWindow)
        if history is None:
            history = HistoryWindow(self.journal, lambda: self.connection, None, self)
            self.connections.connection_changed.connect(history.update_check)
        history.show()
        history.raise_()
        history.activateWindow()

    def profile_saver(self):
        """Where "Save as a Connection…" stores a new management token for this connection; None: nowhere."""
        return self.connections.new_profile_saver(self._connection)

    def _update_counts(self) -> None:
        if self._changing:
            return  # once the change is whole (_all_at_once)
        if self._connection is None:  # the welcome page: no account, so no "0 tokens" either
            self.status.set_count_text("")
            return
        if self.clusters_shown:
            self.status.set_count_text(clusters_text(len(self.clusters.clusters), self.clusters.finding))
            return
        page = self.current_page()
        if not page.listed:  # loading, failed, cancelled or unavailable: no count the service never gave
            self.status.set_count_text(page.not_listed_text(loading=self._busy))
            return
        counts = page.proxy.counts()
        self.status.set_counts(counts.total, counts.shown, counts.inactive_hidden)

    def command_state(self) -> WindowState:
        connection = self._connection
        clusters_shown = self.clusters_shown
        cluster = self.clusters.clusters_page.selected_cluster() if clusters_shown else None
        shown = self.current_page()
        return WindowState(connected=connection is not None, demo=bool(connection and connection.is_demo),
                           busy=self._busy, signed_out=self._signed_out, page=shown.kind,
                           selection=() if clusters_shown else tuple(shown.selected_tokens()),
                           keeps_history=self.journal is not None, clusters_shown=clusters_shown,
                           cluster=cluster, cluster_failed=self.clusters.failed(cluster),
                           unavailable={kind: reason for kind, page in self.pages.items()
                                        if (reason := page.unavailable_reason)},
                           not_listed=None if shown.listed else shown.not_listed_text(loading=self._busy))

    def update_actions(self, *_ignored: object) -> None:
        """Runs on every change of the window's state: the registry's one rule enables every command."""
        if not self._changing:
            self.commands.apply(self.command_state())

    @property
    def context_menu(self) -> QMenu | None:
        return self.rows.context_menu

    # ---- persistence --------------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        geometry = ui_settings.read_bytes(self.settings, ui_settings.GEOMETRY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        splitter = ui_settings.read_bytes(self.settings, ui_settings.SPLITTER)
        if splitter is not None:
            self.splitter.restoreState(splitter)
        # The inactive toggle first: it decides whether Revoked At shows, so a saved sort by it survives.
        self.commands["show-inactive"].setChecked(ui_settings.read_bool(self.settings, ui_settings.SHOW_INACTIVE, False))
        for kind, page in self.pages.items():
            header = ui_settings.read_bytes(self.settings, ui_settings.header_key(kind.value))
            if header is not None:
                page.restore_header(header)
        page_row = ui_settings.read_int(self.settings, ui_settings.CURRENT_PAGE, 0)
        self.sidebar.setCurrentRow(page_row if 0 <= page_row < self.sidebar.count() else 0)

    def save_settings(self) -> None:
        self.settings.setValue(ui_settings.GEOMETRY, self.saveGeometry())
        self.settings.setValue(ui_settings.SPLITTER, self.splitter.saveState())
        for kind, page in self.pages.items():
            header = page.save_header()
            if header is not None:  # a page never shown, without a saved state: its defaults need no keeping
                self.settings.setValue(ui_settings.header_key(kind.value), header)
        self.settings.setValue(ui_settings.SHOW_INACTIVE, self.commands["show-inactive"].isChecked())
        self.settings.setValue(ui_settings.CURRENT_PAGE, self.sidebar.currentRow())
        self.settings.sync()

    def close_without_asking(self) -> None:
        """The app was told to quit (SIGTERM, a logout, Ctrl+C in its terminal): nobody may be there to
        answer, so a revoke still waiting is abandoned (its outcome recorded as unknown) and the window closes."""
        for dialog in busy_revokes(self):
            dialog.abandon()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt override
        busy = busy_revokes(self)
        if busy:
            from token_desk.ui.revoke import confirm_stop_waiting  # loaded already, with the busy dialogs

            if not confirm_stop_waiting(self):
                event.ignore()  # keep waiting for the server's answer
                return
        for dialog in busy:
            dialog.abandon()  # the outcome is recorded as unknown
        self.save_settings()
        self.rows.close_menu()
        super().closeEvent(event)
