"""HTTP/1.1 front of the sandbox: routing, bearer check, error bodies, and the interceptor's say."""

from __future__ import annotations

import json
import logging
from http.server import BaseHTTPRequestHandler
from socket import socket
from typing import Protocol
from urllib.parse import urlsplit

from token_desk.sandbox import routes
from token_desk.sandbox.clusters import CLUSTERS_PATH, clusters_json
from token_desk.sandbox.interceptor import Interceptor
from token_desk.sandbox.request_log import RequestLog
from token_desk.sandbox.service import Answer, Service
from token_desk.sandbox.validation import ApiFailure
from token_desk.sandbox.wire import is_uuid


class HandlerServer(Protocol):
    """What a request handler uses of its server (server.SandboxHTTPServer)."""

    service: Service  # the first cluster's: the account's management tokens live there
    services: dict[str, Service]  # every cluster's, by lower-case ID
    cluster_records: list[dict]
    interceptor: Interceptor
    request_log: RequestLog

    def track(self, connection: socket) -> None: ...
    def untrack(self, connection: socket) -> None: ...
    def accepts(self, secret: str) -> bool: ...

log = logging.getLogger("token_desk.sandbox")


def error_body(status: int, message: str) -> str:
    return json.dumps({"code": status, "message": message}, ensure_ascii=False)


class SandboxHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, so httpx reuses connections as with the real service
    server: HandlerServer
    server_version = "TokenDeskSandbox/1"

    def setup(self) -> None:
        super().setup()
        self.server.track(self.connection)

    def finish(self) -> None:
        self.server.untrack(self.connection)
        super().finish()

    def do_GET(self) -> None:
        self._serve()

    do_POST = do_PATCH = do_DELETE = do_PUT = do_HEAD = do_OPTIONS = do_GET

    def _serve(self) -> None:
        raw = self._read_body()  # always drained, or the next request on this connection is garbled
        path = urlsplit(self.path).path
        self._count_delete(path)
        answer = self.server.interceptor.answer(self.command, path, lambda: self._answer_or_error(path, raw))
        if answer is None:
            self.close_connection = True  # no answer: the client sees the connection hung up
            self.server.request_log.record(self.command, path, 0)
            return
        self._send(answer)
        self.server.request_log.record(self.command, path, answer.status)

    def _count_delete(self, path: str) -> None:
        """Every DELETE of a token received, answered or not: what "sent exactly once" is checked against."""
        found = routes.match(path)
        if found is not None and found[0].kind and self.command == "DELETE":
            self.server.request_log.count_delete(found[0].kind, found[1][-1])

    def _answer_or_error(self, path: str, raw: bytes) -> Answer:
        try:
            return self._answer(path, raw)
        except ApiFailure as failure:
            return Answer(failure.status, error_body(failure.status, failure.message))
        except Exception:  # never a traceback on the wire; the type is enough to debug locally
            log.exception("sandbox failed on %s %s", self.command, path)
            return Answer(500, error_body(500, "internal server error"))

    def _read_body(self) -> bytes:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:  # cannot find where this request ends: answer, then hang up
            self.close_connection = True
            return b""
        return self.rfile.read(length) if length > 0 else b""

    def _answer(self, path: str, raw: bytes) -> Answer:
        clusters = CLUSTERS_PATH.fullmatch(path)
        if clusters is not None:
            return self._cluster_list(clusters[1])
        found = routes.match(path)
        if found is None:
            raise ApiFailure(404, f"no such endpoint: {path}")
        route, segments = found
        operation = route.operations.get(self.command)
        if operation is None:
            raise ApiFailure(405, f"{self.command} is not allowed here; use {', '.join(route.operations)}")
        self._authorise(route, segments)
        service = self.server.services[segments[1].lower()]
        return getattr(service, operation)(segments[2] if len(segments) > 2 else None, raw)

    def _cluster_list(self, account_id: str) -> Answer:
        """The sandbox-only list of the account's clusters, for the influxctl emulator's `cluster list`."""
        if self.command != "GET":
            raise ApiFailure(405, "only GET is allowed here")
        self._check_bearer()
        if account_id.lower() != self.server.service.account_id:
            raise ApiFailure(404, "account not found")
        return Answer(200, clusters_json(self.server.cluster_records))

    def _authorise(self, route: routes.Route, segments: tuple[str, ...]) -> None:
        """401 before anything else, then 400 for malformed ids, then 404 for someone else's cluster."""
        self._check_bearer()
        for segment in segments:
            if not is_uuid(segment):
                raise ApiFailure(400, f"malformed ID in path: {segment[:40]!r} is not a UUID")
        service = self.server.service
        # 404, not 403, like the real service: a token must not learn whether another
        # account or cluster exists, and 403 would confirm it does.
        if segments[0].lower() != service.account_id or segments[1].lower() not in self.server.services:
            if self.command in route.no_404:  # CreateManagementToken documents no 404
                raise ApiFailure(403, "forbidden: this token has no access to that account or cluster")
            raise ApiFailure(404, "account or cluster not found")

    def _check_bearer(self) -> None:
        header = self.headers.get("Authorization") or ""
        scheme, _, secret = header.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip() or not self.server.accepts(secret.strip()):
            raise ApiFailure(401, "unauthorized: the management token is missing, revoked, expired or unknown")

    def _send(self, answer: Answer) -> None:
        payload = answer.body.encode("utf-8")
        self.send_response(answer.status)
        self.send_header("Content-Length", str(len(payload)))
        if payload:
            self.send_header("Content-Type", "application/json")
        if answer.status == 405:
            found = routes.match(urlsplit(self.path).path)
            self.send_header("Allow", ", ".join(found[0].operations) if found else "GET")  # else: the cluster list
        self.end_headers()
        if payload and self.command != "HEAD":
            self.wfile.write(payload)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        # Our own line: method, path, status. Headers (and so the bearer) are never logged.
        log.info("%s %s %s", self.command, urlsplit(self.path).path, code)

    def log_message(self, format: str, *args: object) -> None:
        log.debug("http.server: " + format, *args)
