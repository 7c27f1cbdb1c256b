"""`python -m token_desk.devtools.screenshot OUT.png [--page P] [--dialog D] [--scheme S] [--size WxH]
[--search TEXT | --no-tokens] [--attention] [--cluster NAME] [args]`.

The window is grabbed once its tokens have loaded; with --dialog, the named dialog is opened over it (the
revoke dialog for the first token shown that is not the one in use, details expanded; "revoke-several" for
the first four) and grabbed instead. --scheme light|dark stands in for the desktop's colour scheme.
--search types TEXT into the search box; --no-tokens shows the page as an account without tokens would
(the empty states). --attention turns Needs attention on and shows the Findings column. Details shows the
first token shown that has findings, with them listed. --page clusters shows the Clusters page; --cluster
chooses NAME (or "All clusters") in the Database Tokens page's cluster picker, and waits for its tokens.
"""

from __future__ import annotations

import argparse
import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from token_desk import environment
from token_desk.api.models import Token, TokenKind
from token_desk.ui.common.capture import grab_without_secrets

LOAD_TIMEOUT_MS = 20_000
CLEAR_BUTTON_FADE_MS = 500
WINDOW_SIZE = (1280, 760)
PAGES = {"management": TokenKind.MANAGEMENT, "database": TokenKind.DATABASE}
DIALOGS = ("revoke", "revoke-several", "details", "connections", "about", "create", "secret", "export", "history")
# Made up for the README's picture of the secret dialog; no server ever issued it.
DEMO_SECRET = "apiv1_DEMO-VALUE-not-a-real-token-0123456789abcdefghijklmnopqrstuvwxyz"
SCHEMES = ("light", "dark")
SEVERAL = 4


def window_size(text: str) -> tuple[int, int]:
    width, _, height = text.partition("x")
    return int(width), int(height)


def parse(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(prog="python -m token_desk.devtools.screenshot")
    parser.add_argument("out", metavar="OUT.png")
    parser.add_argument("--page", choices=sorted([*PAGES, "clusters"]), default="management")
    parser.add_argument("--cluster", metavar="NAME", help='the cluster picker\'s choice, e.g. "All clusters"')
    parser.add_argument("--dialog", choices=DIALOGS)
    parser.add_argument("--scheme", choices=SCHEMES)
    parser.add_argument("--size", type=window_size, default=WINDOW_SIZE, metavar="WxH")
    empty = parser.add_mutually_exclusive_group()
    empty.add_argument("--search", metavar="TEXT", default="")
    empty.add_argument("--no-tokens", action="store_true")
    parser.add_argument("--attention", action="store_true", help="Needs attention on, the Findings column shown")
    return parser.parse_known_args(argv)  # the rest goes to token-desk, e.g. --demo


def open_dialog(window, name: str) -> QWidget:
    if name in ("create", "secret"):
        return (create_example if name == "create" else secret_example)(window)
    if name == "history":
        return history_example(window)
    if name == "export":
        from token_desk.ui.export import open_export

        return open_export(window)
    if name == "connections":
        return window.connections.manage_connections()
    if name == "about":
        from token_desk.ui.shell.about_dialog import AboutDialog

        dialog = AboutDialog(window, window.connection.service.base_url)
    elif name == "details":
        from token_desk.ui.attention import show_token_details

        page = window.current_page()
        examples = revoke_examples(window)
        flagged = [token for token in examples if len(page.findings_of(token.id)) > 1] or examples
        return show_token_details(window, page, flagged[0])
    else:
        from token_desk.ui.revoke.revoke_dialog import RevokeDialog

        tokens = revoke_examples(window)[:SEVERAL if name == "revoke-several" else 1]
        dialog = RevokeDialog(window, tokens, window.connection.service)
        dialog.set_details_expanded(name == "revoke")
    dialog.open()
    return dialog


def create_example(window) -> QWidget:
    """New Database Token… filled in: a description, an expiry, two databases ticked."""
    from token_desk.ui.create.create_dialog import CreateTokenDialog
    from token_desk.ui.create.requests_and_results import CreateRequest

    dialog = CreateTokenDialog(window, window.connection.service, CreateRequest(TokenKind.DATABASE))
    dialog.open()
    while "Loading" in dialog.permissions.load_status.text():  # the databases arrive off the GUI thread
        QApplication.processEvents()
    dialog.description_box.setText("Grafana dashboards, read-only")
    for database in ("telemetry", "metrics"):
        dialog.permissions.set_checked(database, "read")
    dialog.resize(640, 720)
    return dialog


def secret_example(window) -> QWidget:
    """The secret dialog over a made-up token, its demo value left visible on purpose."""
    import uuid
    from datetime import timedelta

    from token_desk.api.models import CreatedToken, Permission, utc_now
    from token_desk.ui.common.capture import SECRET_PROPERTY
    from token_desk.ui.create.clipboard_guard import ClipboardGuard
    from token_desk.ui.create.secret_dialog import SecretDialog

    now = utc_now()
    token = Token(TokenKind.DATABASE, str(uuid.uuid4()), "Grafana dashboards, read-only", now,
                  expires_at=now + timedelta(days=90), permissions=(Permission("read", "telemetry"),))
    dialog = SecretDialog(window, CreatedToken(token, DEMO_SECRET), guard=ClipboardGuard())
    dialog.secret_field.setProperty(SECRET_PROPERTY, False)  # a demo value, not a secret
    dialog.open()
    return dialog


def history_example(window) -> QWidget:
    """The History window over a made-up journal (the demo records nothing) of changes to demo tokens."""
    import tempfile
    from pathlib import Path

    from msgspec.structs import replace

    from token_desk.connection import ConnectionKind
    from token_desk.history import Action, Journal, Outcome, target_of
    from token_desk.ui.history import HistoryWindow

    journal = Journal(Path(tempfile.mkdtemp(prefix="token-desk-history-example-")))
    here = replace(target_of(window.connection), profile="Production")
    pages = {kind: window.page(kind).proxy for kind in TokenKind}
    management, database = ([proxy.token_at(row) for row in range(6)] for proxy in pages.values())
    examples = [
        (Action.CREATE, database[0], Outcome.CONFIRMED, "Created."),
        (Action.EDIT, database[1], Outcome.CONFIRMED, "Updated."),
        (Action.REVOKE, management[2], Outcome.CONFIRMED, "Revoked."),
        (Action.REVOKE, database[2], Outcome.FAILED, "permission denied: token lacks the tokens:write permission"),
        (Action.REVOKE, management[3], Outcome.UNKNOWN, ""),
    ]
    for action, token, outcome, message in examples:
        entry_id = journal.record_attempt(here, token.kind.value, token.id, token.description, action)
        if outcome is not Outcome.UNKNOWN:
            journal.record_outcome(entry_id, outcome, message)
    # As if connected to "Production" (the demo cannot be checked), so Check Now shows as offered.
    production = replace(window.connection, kind=ConnectionKind.PROFILE, profile_name="Production")
    history = HistoryWindow(journal, lambda: production, parent=window)
    history.resize(1180, 360)
    history.show()
    while history.model.rowCount() < len(examples):  # the journal is read off the GUI thread
        QApplication.processEvents()
    unknown = next(row for row in range(history.model.rowCount())  # the one for which Check Now is offered
                   if history.model.index(row, 1).data() == Outcome.UNKNOWN.label)
    history.view.selectRow(unknown)
    return history


def show_attention(window) -> None:
    """Needs attention on, as its toolbar button does, and the Findings column shown on both pages."""
    from token_desk.models.columns import Column

    toggle = next(action for action in window.toolbar.actions() if action.text().startswith("Needs attention"))
    toggle.setChecked(True)
    for page in window.pages.values():
        page.set_column_shown(Column.FINDINGS, True)


def revoke_examples(window) -> list[Token]:
    """The tokens shown, except the one signing us in (that one adds a sign-out warning)."""
    page, client = window.current_page(), window.connection.service
    tokens = [page.proxy.token_at(row) for row in range(page.proxy.rowCount())]
    return [token for token in tokens if not client.is_signed_in_with(token)] or tokens


def _save_when_loaded(window, options: argparse.Namespace, app: QApplication, result: list[int]) -> None:
    chose = []

    def check() -> None:
        clusters = window.clusters
        if window.loader.busy or clusters.busy or clusters.finding or clusters.table.pending:
            QTimer.singleShot(50, check)
            return
        if options.cluster and not chose:
            chose.append(options.cluster)
            clusters.picker.setCurrentIndex(clusters.picker.findText(options.cluster))
            QTimer.singleShot(50, check)  # its clusters load now
            return
        if options.page == "clusters":
            window.show_clusters()
        else:
            window.sidebar.setCurrentRow(list(TokenKind).index(PAGES[options.page]))
        window.search_box.setText(options.search)
        if options.no_tokens:
            window.current_page().set_tokens(())
            window.notice.hide()  # it counted the demo's expiring tokens, which this picture leaves out
        if options.attention:
            show_attention(window)
        target = open_dialog(window, options.dialog) if options.dialog else window

        def grab() -> None:
            for _ in range(20):  # let the layout settle and paint
                app.processEvents()
            result.append(0 if grab_without_secrets(target).save(options.out) else 1)
            app.quit()

        # The search box's clear button fades in (Qt animates it): grabbed at once, it was missing or half drawn.
        QTimer.singleShot(CLEAR_BUTTON_FADE_MS if options.search else 0, grab)

    QTimer.singleShot(200, check)  # let the first paint settle before checking
    QTimer.singleShot(LOAD_TIMEOUT_MS, lambda: (result.append(3), app.quit()))


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: python -m token_desk.devtools.screenshot OUT.png [--page database|clusters] "
              '[--cluster "All clusters"] '
              f"[--dialog {'|'.join(DIALOGS)}] [--scheme light|dark] [--size WxH] [--search TEXT | --no-tokens] "
              "[--attention] "
              "[token-desk arguments]", file=sys.stderr)
        return 2
    options, app_args = parse(argv)
    if options.scheme:
        os.environ[environment.COLOR_SCHEME] = options.scheme
    from token_desk.app import create_window
    from token_desk.ui.common.application import create_application

    app = create_application()
    window = create_window(app_args)
    window.resize(*options.size)
    window.show()
    result: list[int] = []
    _save_when_loaded(window, options, app, result)
    app.exec()
    return result[0] if result else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
