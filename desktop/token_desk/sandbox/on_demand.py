"""The demo's sandbox: listening at once, built when its first connection arrives.

`token-desk --demo` built its whole sandbox inside `create_window`: importing the HTTP server (http.server with
http.client, email and ssl, the SQLite store, the handler) and seeding took about 50 ms of the GUI thread
before the first paint. The window needs at once only where the sandbox is and whom to sign in as: the URL
(the listening socket, made here), the account and cluster (the seed names them) and the management token
(made here and handed to the sandbox). The server itself is needed when the first request arrives, from the
window's loading worker or the influxctl emulator, by which time the window is being painted; the request
waits in the socket's backlog meanwhile. A thread waiting on the socket builds the real `Sandbox` then; asking
anything else of this object builds it at once, on the calling thread.

Why not simply build it on a thread: it is Python work, and while a thread runs Python the GUI thread waits for
the interpreter lock after every Qt call (PySide6 releases it during Qt calls), which slowed the window more
than the work itself.
"""

from __future__ import annotations

import logging
import selectors
import socket
import threading
from collections.abc import Sequence
from typing import Any

from token_desk.sandbox.clusters import ClusterSeed
from token_desk.sandbox.influxctl import emulator_command
from token_desk.sandbox.routes import BASE_PATH
from token_desk.sandbox.secrets_gen import new_management_secret
from token_desk.sandbox.seed import Seeder

log = logging.getLogger(__name__)


class OnDemandSandbox:
    """An in-memory `Sandbox` (server.py) that knows its URL, account, cluster and token before it is built."""

    def __init__(self, seed: int, clusters: Sequence[ClusterSeed]) -> None:
        self._seed, self._clusters = seed, clusters
        self.account_id, self.cluster_id = Seeder(seed).identity()  # what server.Sandbox seeds with
        self.management_token = new_management_secret()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}{BASE_PATH}"
        self._sandbox: Any = None
        self._stopped = False
        self._lock = threading.Lock()
        self._wake_reader, self._wake_writer = socket.socketpair()  # stop() wakes the waiting thread
        self._waiter = threading.Thread(target=self._build_at_first_connection, name="token-desk-demo-sandbox",
                                        daemon=True)
        self._waiter.start()

    @property
    def influxctl_command(self) -> list[str]:
        return emulator_command(self.url)

    def sandbox(self) -> Any:
        """The real sandbox, built now if no connection has built it yet."""
        with self._lock:
            if self._sandbox is None:
                if self._stopped:
                    raise OSError("the demo server was stopped")
                from token_desk.sandbox.server import Sandbox

                self._sandbox = Sandbox(seed=self._seed, token=self.management_token, clusters=self._clusters,
                                        listener=self._listener).start()
            return self._sandbox

    def __getattr__(self, name: str) -> Any:  # state, request_log, influxctl_config(), …: the real sandbox's
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.sandbox(), name)

    def stop(self) -> None:
        with self._lock:
            if self._stopped:
                return
            self._stopped = True
            sandbox, self._sandbox = self._sandbox, None
        self._wake_writer.send(b"\0")
        self._waiter.join()
        if sandbox is not None:
            sandbox.stop()  # closes the listening socket too
        else:
            self._listener.close()
        self._wake_reader.close()
        self._wake_writer.close()

    def __repr__(self) -> str:  # never the secret
        return f"OnDemandSandbox(url={self.url!r}, account_id={self.account_id!r}, cluster_id={self.cluster_id!r})"

    def _build_at_first_connection(self) -> None:
        with selectors.DefaultSelector() as selector:
            for end in (self._listener, self._wake_reader):
                selector.register(end, selectors.EVENT_READ)
            if self._wake_reader in {key.fileobj for key, _ in selector.select()}:
                return
        try:
            self.sandbox()
        except Exception:  # noqa: BLE001 - a client must hear "refused" at once, not wait for its timeout
            log.exception("The demo server could not start")
            self._refuse_connections()

    def _refuse_connections(self) -> None:
        with self._lock:
            if self._sandbox is None:
                self._listener.close()
