"""The emulator's view of the sandbox: its REST API, called with the profile's management token."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import urllib.error


class RemoteError(Exception):
    """The sandbox refused; `code` is the gRPC-style status influxctl would print."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


_CODES = {401: "Unauthenticated", 403: "PermissionDenied", 404: "NotFound", 400: "InvalidArgument",
          409: "AlreadyExists"}


class Remote:
    def __init__(self, server: str, account_id: str, cluster_id: str, token: str, timeout: float) -> None:
        self.account_id, self.cluster_id = account_id, cluster_id
        self._base = f"{server.rstrip('/')}/accounts/{account_id}/clusters/{cluster_id}"
        # The sandbox-only list of the account's clusters sits beside /api/v0 (sandbox/clusters.py).
        self._clusters_url = f"{server.rstrip('/').removesuffix('/api/v0')}/sandbox/accounts/{account_id}/clusters"
        self._token, self._timeout = token, timeout

    @classmethod
    def choose(cls, servers: list[str], account_id: str, cluster_id: str, token: str, timeout: float) -> Remote:
        """The first sandbox that serves this account and cluster to this token (the first, if none does)."""
        remotes = [cls(server, account_id, cluster_id, token, timeout) for server in servers]
        for remote in remotes[:-1]:
            try:
                remote.call("GET", "/databases")
                return remote
            except RemoteError:
                continue
        return remotes[-1]

    def clusters(self) -> list[dict]:
        """Every cluster of the account (what the real influxctl asks InfluxData's service for)."""
        return self.call("GET", "", url=self._clusters_url)

    def call(self, method: str, path: str, body: dict | None = None, *, url: str | None = None) -> Any:
        # Imported at the first call: urllib.request brings http.client, email, ssl and tempfile, about 30
        # modules that `influxctl version` (the app's check at every start, before the window's first paint)
        # never needs. The app re-invokes itself as this emulator twice at each demo start.
        import urllib.error
        import urllib.request

        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(url or self._base + path, data=data, method=method, headers={
            "Authorization": f"Bearer {self._token}", "Accept": "application/json",
            **({"Content-Type": "application/json"} if data is not None else {})})
        try:
            with urllib.request.urlopen(request, timeout=self._timeout) as answer:
                content = answer.read()
        except urllib.error.HTTPError as err:
            raise RemoteError(_CODES.get(err.code, "Internal"), _message(err)) from None
        except (urllib.error.URLError, TimeoutError, OSError) as err:
            raise RemoteError("Unavailable", f"connection error: {getattr(err, 'reason', err)}") from None
        try:
            return json.loads(content) if content else None
        except ValueError:
            raise RemoteError("Internal", "the server's answer is not JSON") from None


def _message(err: urllib.error.HTTPError) -> str:
    try:
        return str(json.loads(err.read()).get("message") or err.reason)
    except (ValueError, AttributeError):
        return str(err.reason)
