"""What the connections controller started and must close: API clients and the demo server."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from token_desk.api.influxctl import ExistingProfile, InfluxctlProgram, pipes_work

log = logging.getLogger(__name__)
# Starts the demo server: a running sandbox with url, account_id, cluster_id, management_token,
# influxctl_command, influxctl_config() and stop(). Only the entry point knows the sandbox (see
# token_desk.app.start_demo); ui never imports it.
DemoFactory = Callable[[], Any]


class OwnedResources:
    """Plain Python (no QObject), so the window's `destroyed` can still release it during teardown."""

    def __init__(self, demo_factory: DemoFactory) -> None:
        self._demo_factory = demo_factory
        self._clients: list[Any] = []
        self._sandbox: Any | None = None

    def adopt_client(self, client: Any) -> None:
        if not any(owned is client for owned in self._clients):
            self._clients.append(client)

    def release_client(self, client: Any) -> None:
        """Close `client` if this controller made it; stop the demo server once no client uses it."""
        if any(owned is client for owned in self._clients):
            self._clients = [owned for owned in self._clients if owned is not client]
            client.close()
        if self._sandbox is not None and not any(self._uses_demo(owned) for owned in self._clients):
            self._stop_demo()

    def start_demo_client(self, services: Callable[..., Any]) -> Any:
        """`services(url, account, cluster, token, influxctl)`: the demo's influxctl is the sandbox's
        emulator (in a packaged app, the app itself re-invoked)."""
        if self._sandbox is None:
            self._sandbox = self._demo_factory()
        sandbox = self._sandbox
        arguments = [sandbox.url, sandbox.account_id, sandbox.cluster_id, sandbox.management_token,
                     InfluxctlProgram(sandbox.influxctl_command)]
        if pipes_work():
            return services(*arguments)
        # No pipe to hand the emulator its config (Windows): it reads the sandbox's own, whose token opens
        # nothing but this demo's server, so the demo shows management tokens there too.
        config = ExistingProfile(str(sandbox.influxctl_config()))  # its "default" profile
        return services(*arguments, influxctl_auth=config)

    def _uses_demo(self, client: Any) -> bool:
        return self._sandbox is not None and getattr(client, "base_url", None) == self._sandbox.url.rstrip("/")

    def _stop_demo(self) -> None:
        sandbox, self._sandbox = self._sandbox, None
        if sandbox is not None:
            sandbox.stop()

    def release_all(self) -> None:
        clients, self._clients = self._clients, []
        for client in clients:
            client.close()
        self._stop_demo()

    def release_all_callback(self) -> Callable[..., None]:
        """For `window.destroyed`: a plain function, since Qt wrappers may already be gone then."""
        return lambda *_ignored: self.release_all()
