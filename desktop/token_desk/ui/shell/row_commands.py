"""The row commands (copy, details, new, edit, rotate, revoke) and the row menu, acting on the window's selection.

The window is reached only through `RowsHost`, so nothing here imports it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QListWidget, QMenu, QWidget

from token_desk.api.clusters import Cluster, service_for_cluster
from token_desk.api.models import Token, TokenKind
from token_desk.connection import Connection
from token_desk.ui import revoke
from token_desk.ui.common.menu_position import below_and_inside
from token_desk.ui.common.notice import Notice
from token_desk.ui.revoke import RevokeService
from token_desk.ui.shell.command_registry import CommandActions
from token_desk.ui.shell.context_menu import empty_space_menu, token_menu
from token_desk.ui.shell.status_line import StatusLine
from token_desk.ui.tokens import TokenPage

if TYPE_CHECKING:  # the create, edit and rotate flows load at their first use: the first paint needs none of them
    from token_desk.ui.create import ProfileSaver, TokenLifecycle

SIGNED_OUT_BY_REVOKE = ("you revoked the token Token Desk was using; "
                        "sign in with another management token to go on.")
MESSAGE_MS = 15_000


class ClustersHost(Protocol):
    def cluster_for_new_token(self, parent: QWidget) -> Cluster | None | bool: ...


class RowsHost(Protocol):
    """What the row commands use of the window."""

    commands: CommandActions
    status: StatusLine
    notice: Notice
    revoker: RevokeService
    search_box: QWidget
    sidebar: QListWidget
    clusters: ClustersHost

    @property
    def connection(self) -> Connection | None: ...
    def current_page(self) -> TokenPage: ...
    def page(self, kind: TokenKind) -> TokenPage: ...
    def update_actions(self) -> None: ...
    def refresh(self) -> None: ...
    def enter_signed_out(self, reason: str) -> None: ...
    def profile_saver(self) -> ProfileSaver | None: ...
    def screen(self): ...


class WindowLifecycleHost:
    """The window as the create, edit and rotate flows see it (ui.create's LifecycleHost)."""

    def __init__(self, window: RowsHost, rows: RowCommands) -> None:
        self._window, self._rows = window, rows

    @property
    def dialog_parent(self) -> QWidget:
        return self._window

    def token_service(self, cluster: Cluster | None = None):
        """The connection's service acting on `cluster` (None: its own)."""
        connection = self._window.connection
        if connection is None:
            return None
        return service_for_cluster(connection.service, cluster.id if cluster is not None else None)

    def show_token(self, token: Token) -> None:
        """The server's copy in its table at once: that page shown, the row selected and scrolled to."""
        window = self._window
        window.sidebar.setCurrentRow(list(TokenKind).index(token.kind))
        page = window.page(token.kind)
        if not page.show_token(token) and window.search_box.text():
            window.search_box.clear()  # the search hid it: a new token must be seen
            page.show_token(token)
        page.view.flash_tokens([token.id])  # created or changed: the row says so for a moment
        window.update_actions()

    def show_message(self, text: str) -> None:
        self._window.status.show_message(text, MESSAGE_MS)

    def revoke_with_dialog(self, token: Token):
        return self._rows.revoke_tokens(self._window.page(token.kind), [token])

    def profile_saver(self) -> ProfileSaver | None:
        return self._window.profile_saver()


class RowCommands(QObject):
    """Serves `window`'s pages: their row menus, ⋮ buttons, Enter and double-click."""

    def __init__(self, window: RowsHost, pages: list[TokenPage]) -> None:
        super().__init__(window)
        self._window = window
        self.context_menu: QMenu | None = None
        self._lifecycle: TokenLifecycle | None = None
        for page in pages:
            page.menu_requested.connect(lambda pos, p=page: self.menu_at(p, pos))
            page.options_requested.connect(lambda row, at, p=page: self.open_row_menu(p, row, at, under_button=True))
            # Enter or a double-click on a row opens its details, as in a file manager's list.
            page.open_requested.connect(lambda row, p=page: self.open_details(p, row))

    @property
    def lifecycle(self) -> TokenLifecycle:
        """New…, Edit… and Rotate…'s flows, made (and their module imported) when one first runs."""
        if self._lifecycle is None:
            from token_desk.ui.create import TokenLifecycle

            self._lifecycle = TokenLifecycle(WindowLifecycleHost(self._window, self), parent=self)
        return self._lifecycle

    # ---- menus --------------------------------------------------------------------------------------
    def menu_at(self, page: TokenPage, pos: QPoint) -> None:
        at = page.view.viewport().mapToGlobal(pos)
        index = page.view.indexAt(pos)
        if index.isValid():
            self.open_row_menu(page, index.row(), at)
        else:
            self._popup(empty_space_menu(self._window.commands, page.kind, self._window), at)

    def open_row_menu(self, page: TokenPage, row: int, at: QPoint, under_button: bool = False) -> None:
        """Right-click semantics: an unselected row becomes the selection; a selected one keeps it.

        From the ⋮ button (or the Menu key) the menu hangs under the button, right-aligned, inside the screen;
        from a right-click it opens at the pointer."""
        if not page.is_row_selected(row):
            page.select_row(row)
        self._window.update_actions()
        menu = token_menu(self._window.commands, self._window)
        if under_button:
            screen = QGuiApplication.screenAt(at) or self._window.screen()
            at = below_and_inside(at, menu.sizeHint(), screen.availableGeometry(), page.view.rowHeight(row))
        self._popup(menu, at)

    def _popup(self, menu: QMenu, at: QPoint) -> None:
        self.close_menu()
        self.context_menu = menu
        menu.popup(at)  # non-blocking: the window keeps running while the menu is open

    def close_menu(self) -> None:
        if self.context_menu is not None:
            self.context_menu.close()
            self.context_menu.deleteLater()
            self.context_menu = None

    # ---- row commands -------------------------------------------------------------------------------
    def copy_ids(self) -> None:
        self._copy(lambda token: token.id)

    def copy_descriptions(self) -> None:
        self._copy(lambda token: token.description)

    def new_token(self, kind: TokenKind) -> None:
        """New … Token…; with several clusters' database tokens shown, on the cluster the person picks."""
        cluster = None
        if kind is TokenKind.DATABASE:
            choice = self._window.clusters.cluster_for_new_token(self._window)
            if choice is False:
                return  # asked which cluster, and cancelled
            cluster = choice
        self.lifecycle.new_token(kind, cluster)

    def edit_selected(self) -> None:
        self._on_one(self.lifecycle.edit, "edit")

    def rotate_selected(self) -> None:
        self._on_one(self.lifecycle.rotate, "rotate")

    def _copy(self, field) -> None:
        tokens = self._window.current_page().selected_tokens()
        if tokens:
            QApplication.clipboard().setText("\n".join(field(token) for token in tokens))
            noun = "token" if len(tokens) == 1 else "tokens"
            self._window.status.show_message(f"Copied {len(tokens)} {noun} to the clipboard.", 4000)

    @staticmethod
    def _keep_in_sight(page: TokenPage) -> None:
        """The notice takes its room under the table: a current row its arrival pushed out of sight comes back."""
        index = page.view.currentIndex()
        if index.isValid():
            page.view.scrollTo(index)

    def open_details(self, page: TokenPage, row: int) -> None:
        """Details for `row`, made the selection first if it was not (the focus frame can sit on an
        unselected row, as at start)."""
        if not page.is_row_selected(row):
            page.select_row(row)
        self._window.update_actions()
        self.show_details()

    def show_details(self) -> None:
        from token_desk.ui.attention import show_token_details  # at first use: the window opens without it

        page = self._window.current_page()
        tokens = page.selected_tokens()
        if len(tokens) == 1:
            show_token_details(self._window, page, tokens[0])  # with its findings and their fixes

    def _on_one(self, flow, key: str) -> None:
        """Edit… and Rotate… act on the one selected token, when their enabled rule allows."""
        tokens = self._window.current_page().selected_tokens()
        if self._window.commands[key].isEnabled() and len(tokens) == 1:
            flow(tokens[0])

    def revoke_selected(self) -> None:
        window = self._window
        page = window.current_page()
        tokens = page.selected_tokens()
        if window.commands["revoke"].isEnabled() and tokens:
            self.revoke_tokens(page, tokens)

    def revoke_tokens(self, page: TokenPage, tokens: list[Token]):
        """The standard revoke dialog for `tokens`, and the table updated from its report (None: cancelled)."""
        window = self._window
        if window.connection is None or not tokens:
            return None
        rows = [page.proxy_row_of(token.id) for token in tokens]
        neighbour = revoke.neighbour_row([row for row in rows if row is not None], page.proxy.rowCount())
        neighbour_id = page.proxy.token_at(neighbour).id if neighbour is not None else None
        report = window.revoker.ask(window, tokens, window.connection.service)
        if report is not None:
            self._apply_report(page, report, [token.id for token in tokens], neighbour_id)
        return report

    def _apply_report(self, page: TokenPage, report, chosen_ids: list[str], neighbour_id: str | None) -> None:
        window = self._window
        for outcome in report.outcomes:
            if outcome.revoked is not None:
                page.model.confirm(outcome.revoked)
            elif outcome.succeeded:  # confirmed, but not read back: revoked, at a time the refresh will tell
                page.model.confirm(outcome.token.replace(revoked_time_unknown=True))
        still_shown = [token_id for token_id in chosen_ids if page.proxy_row_of(token_id) is not None]
        # Revoked rows stay selected if still shown (inactive tokens visible); else the neighbour takes over.
        keep = still_shown or ([neighbour_id] if neighbour_id else [])
        page.select_ids(keep, keep[0] if keep else None)
        page.view.flash_tokens(still_shown)
        page.view.setFocus(Qt.FocusReason.OtherFocusReason)  # the keyboard goes on from the row now current
        current = page.current_token()
        landing = f" Now on \u201c{current.description}\u201d." if current is not None and not still_shown else ""
        window.notice.show_notice(report.status_sentence, problem=not report.all_succeeded,
                                  spoken=report.status_sentence + landing)
        self._keep_in_sight(page)
        window.update_actions()
        if report.signed_out:
            window.enter_signed_out(SIGNED_OUT_BY_REVOKE)
        elif report.needs_refresh:
            window.refresh()
