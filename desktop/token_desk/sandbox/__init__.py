"""A local server of both Management API documents, backed by SQLite: demo mode and test oracle.

Independent of token_desk.api on purpose: the client is tested against it, so
it must not share the client's assumptions. Standard library only, no Qt.

The names below load when first used (PEP 562): the influxctl emulator (`token_desk.sandbox.influxctl`), a
process started for every influxctl call, talks to the server over HTTP and never needs the server's code
(about 80 ms to import, twice at each demo start).
"""

from __future__ import annotations

__all__ = ["LoggedRequest", "Sandbox", "SandboxState", "start_sandbox"]


def __getattr__(name: str):
    # Import statements, not importlib with a name: PyInstaller follows these into the packaged app.
    if name == "LoggedRequest":
        from token_desk.sandbox import request_log as home
    elif name in ("Sandbox", "SandboxState", "start_sandbox"):
        from token_desk.sandbox import server as home
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(home, name)
