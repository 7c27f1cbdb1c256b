"""HTTP/1.1 front of the sandbox: routing, bearer check, faults, and error bodies."""

from __future__ import annotations

import json
import logging
import time
from http.server import BaseHTTPRequestHandler
from socket import socket
from typing import Protocol
from urllib.parse import urlsplit

from token_desk.sandbox import routes
from token_desk.sandbox.clusters import CLUSTERS_PATH, clusters_json
from token_desk.sandbox.faults import Faults, Injected, RequestLog
from token_desk.sandbox.service import Answer, Service
from token_desk.sandbox.validation import ApiFailure
from token_desk.sandbox.wire import is_uuid


class HandlerServer(Protocol):
    """What a request handler uses of its server (server.SandboxHTTPServer)."""

    service: Service
    faults: Faults
    request_log: RequestLog

    def track(self, connection: socket) -> None: ...
    def untrack(self, connection: socket) -> None: ...
    def accepts(self, secret: str) -> bool: ...

log = logging.getLogger("token_desk.sandbox")

CHAOS_ANSWERS = {"500": 500, "429": 429}
CHAOS_DELAY_S = 0.05
GARBAGE_BODY = b"<html>502 Bad Gateway: upstream answered garbage"  # looks like a proxy error page
_REASONS = {400: "bad request", 401: "unauthorized", 403: "forbidden", 404: "not found",
            405: "method not allowed", 409: "conflict", 429: "too many requests", 500: "internal server error"}


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
        faults = self.server.faults
        if faults.hang_if_asked():
            self.close_connection = True
            return
        chaos = faults.draw_chaos()
        if chaos in CHAOS_ANSWERS:
            self._send(self._injected(Injected(CHAOS_ANSWERS[chaos])))
            return
        if chaos == "delay":
            time.sleep(CHAOS_DELAY_S)
        try:
            answer = self._answer(path, raw)
        except ApiFailure as failure:
            answer = Answer(failure.status, error_body(failure.status, failure.message))
        except Exception:  # never a traceback on the wire; the type is enough to debug locally
            log.exception("sandbox failed on %s %s", self.command, path)
            answer = Answer(500, error_body(500, "internal server error"))
        if answer.status == 0:  # hung up on purpose (a hung cluster)
            return
        faults.wait_if_held()  # the answer as the service had it when asked, held back on the way
        if chaos == "drop" or faults.take_drop(self.command):
            self.close_connection = True  # the work is done, but its answer is lost on the way
            self.server.request_log.record(self.command, path, 0)
            return
        self._send(answer)
        self.server.request_log.record(self.command, path, answer.status)

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
        if self.server.faults.hang_if_cluster_hung(segments[1]):
            self.close_connection = True
            return Answer(0)
        refusal = self.server.faults.cluster_refusal(segments[1])
        if refusal is not None:
            return self._injected(refusal)
        if route.kind and self.command == "DELETE":
            self.server.request_log.count_delete(route.kind, segments[-1])
        if self.server.faults.delay_ms:
            time.sleep(self.server.faults.delay_ms / 1000)
        injected = self.server.faults.take(self.command)
        if injected is not None:
            return self._injected(injected)
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

    def _check_bearer(self) -> None:
        header = self.headers.get("Authorization") or ""
        scheme, _, secret = header.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip() or not self.server.accepts(secret.strip()):
            raise ApiFailure(401, "unauthorized: the management token is missing, revoked, expired or unknown")

    def _injected(self, injected: Injected) -> Answer:
        if injected.garbage:
            return Answer(200, GARBAGE_BODY.decode())
        return Answer(injected.status, error_body(injected.status, f"{_REASONS.get(injected.status, 'error')} (injected)"))

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

    def _send(self, answer: Answer) -> None:
        payload = answer.body.encode("utf-8")
        self.send_response(answer.status)
        self.send_header("Content-Length", str(len(payload)))
        if payload:
            self.send_header("Content-Type", "application/json")
        if answer.status == 405:
            self.send_header("Allow", ", ".join(routes.match(urlsplit(self.path).path)[0].operations))
        self.end_headers()
        if payload and self.command != "HEAD":
            self.wfile.write(payload)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        # Our own line: method, path, status. Headers (and so the bearer) are never logged.
        log.info("%s %s %s", self.command, urlsplit(self.path).path, code)

    def log_message(self, format: str, *args: object) -> None:
        log.debug("http.server: " + format, *args)
