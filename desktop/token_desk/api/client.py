"""Typed client of the public Management API: database tokens and databases.

Speaks exactly ../shared/api/cloud-dedicated-management.openapi.yml: no query parameters, no
undocumented fields. It has no management-token endpoints (no version of the API has): those
come from influxctl, through token_desk.api.influxctl.
Every failure surfaces as a token_desk.api.errors.ApiError subclass.
"""

from __future__ import annotations

import functools
import logging
import sys
import threading
import time
from datetime import datetime
from typing import TYPE_CHECKING, Any, Callable, NamedTuple, Protocol, Sequence
from urllib.parse import urlsplit

from token_desk.api import errors
from token_desk.api.ids import is_uuid
from token_desk.api.token_text import EMPTY as EMPTY_TOKEN, token_problem
from token_desk.api.url_safety import certificate_problem, plain_http_refusal
from token_desk.cancellation import CancelledError, current_cancellation
from token_desk.api.models import (CreatedToken, Database, ModelError, Permission, Token, TokenKind, format_timestamp,
                                   require_complete)
from token_desk.api.retry import (
    DEFAULT_RETRY_POLICY, GATEWAY_LOST_ANSWER, RetryPolicy, default_timeout, is_retryable_status, is_server_error,
    retry_after_seconds,
)

# httpx (about 100 ms to import, with httpcore and h11) is imported where a request is sent, and decoding
# (its wire Structs and decoders) where an answer is read, both on the worker thread: a client is made on the
# GUI thread before the window's first paint, which must not wait for them.
if TYPE_CHECKING:
    import httpx

logger = logging.getLogger(__name__)

_ERROR_BY_STATUS: dict[int, type[errors.ApiError]] = {
    400: errors.BadRequestError, 401: errors.AuthenticationError, 403: errors.PermissionDeniedError,
    404: errors.NotFoundError, 409: errors.ConflictError, 429: errors.RateLimitedError,
}
# The public Management API has database tokens only: management tokens come from influxctl
# (token_desk.api.influxctl). management-tokens.openapi.yml was an invented document and is unused.
_COLLECTION = {TokenKind.DATABASE: "tokens"}
_READS = frozenset({"GET"})  # every other method changes something on the server
_MAX_SERVER_MESSAGE = 500


def error_for_response(response: httpx.Response, method: str, path: str, secret: str = "",
                       body: bytes | bytearray | None = None) -> errors.ApiError:
    """The one place an HTTP error status becomes a typed error (`body`: the response's, if read apart)."""
    status = response.status_code
    error_class = _ERROR_BY_STATUS.get(status) or (errors.ServerError if is_server_error(status) else errors.ApiError)
    advice = None
    if error_class is errors.ApiError:
        advice = f"The Management API refused the request (HTTP {status}); check the API URL and try again."
    message = _server_message(response.content if body is None else body, secret)
    return error_class(advice, status=status, method=method, path=path, server_message=message)


def _server_message(content: bytes | bytearray, secret: str) -> str | None:
    import json  # at the first refusal read, on its worker: a window's start reads no JSON (ARCHITECTURE)

    try:
        body = json.loads(content)
    except (ValueError, RecursionError):  # an HTML error page from a proxy, or absurd nesting: no message
        return None
    message = body.get("message") if isinstance(body, dict) else None
    if not isinstance(message, str):
        return None
    if secret and secret in message:  # a server echoing the credential must not leak it
        message = message.replace(secret, "[redacted]")
    return message[:_MAX_SERVER_MESSAGE]


def _transport_error(err: Exception, method: str, path: str, url: str) -> errors.ApiError:
    import httpx

    if isinstance(err, (httpx.InvalidURL, httpx.UnsupportedProtocol)):
        advice = f"The API URL {url!r} is not valid; it should look like https://console.influxdata.com/api/v0."
        return errors.ApiConnectionError(advice, method=method, path=path)
    certificate = certificate_problem(err, url)
    if certificate is not None:
        return errors.CertificateError(certificate, method=method, path=path)
    if isinstance(err, httpx.TimeoutException):
        advice = None if _may_have_reached_server(err) else errors.ApiTimeoutError.NOT_CONNECTED
        return errors.ApiTimeoutError(advice, method=method, path=path)
    return errors.ApiConnectionError(method=method, path=path)


def _may_have_acted(method: str, failure: Exception | httpx.Response) -> bool:
    """The one rule for "may the server have carried out this request, whose answer never arrived?": a
    change (never a read, which changes nothing) whose connection failed after a byte of it may have
    been sent (`failure` an httpx error), or that a gateway answered for, having lost the server's own
    answer (502, 504). _unless_lost() then makes the error an unknown outcome."""
    if method in _READS:
        return False
    if isinstance(failure, Exception):
        return _may_have_reached_server(failure)
    return failure.status_code in GATEWAY_LOST_ANSWER


def _may_have_reached_server(err: Exception) -> bool:
    """Whether the request may have been received before `err` (an httpx error) ended it: not when no
    connection was ever made, or the request was refused before a byte of it was sent."""
    import httpx

    never_sent = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.ProxyError, httpx.InvalidURL,
                  httpx.UnsupportedProtocol, httpx.LocalProtocolError)
    return not isinstance(err, never_sent)


def _display_url(url: str) -> str:
    """The URL without user info, query or fragment, safe for messages and repr."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "(unreadable URL)"
    if not parts.scheme or not host:
        return url.split("?", 1)[0].split("#", 1)[0].rsplit("@", 1)[-1]
    return f"{parts.scheme}://{host}{port}{parts.path}"


class ManagementApiClient:
    """One account and cluster of the Management API, authenticated with a management token."""

    def __init__(self, base_url: str, account_id: str, cluster_id: str, token: str, *,
                 http_client: httpx.Client | None = None, timeout: httpx.Timeout | None = None,
                 retry: RetryPolicy = DEFAULT_RETRY_POLICY, sleep: Callable[[float], None] | None = None,
                 allow_plain_http: bool = False) -> None:
        _check_id(account_id, "account ID")
        _check_id(cluster_id, "cluster ID")
        _check_token(token)
        self._base_url = base_url.strip().rstrip("/")
        self._account_id, self._cluster_id = account_id, cluster_id
        self._token = token
        self._headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        self._timeout, self._retry = timeout, retry  # None: retry.default_timeout(), made with the httpx client
        # The default back-off wakes up when the task is cancelled.
        self._sleep_option = sleep
        self._sleep = sleep if sleep is not None else lambda seconds: current_cancellation().sleep(seconds)
        self._allow_plain_http = allow_plain_http
        self._refusal = plain_http_refusal(self._base_url, allow_plain_http)
        self._owns_http = http_client is None
        # An owned httpx client is made at the first request, on the worker thread that sends it: its
        # TLS context loads the CA bundle from disk (tens of ms), which the GUI thread must not wait for.
        self._http_client = http_client
        self._lender: ManagementApiClient | None = None  # for_cluster(): the client whose connections it uses
        self._http_lock = threading.Lock()
        self._closed = False
        self._cluster_path = f"/accounts/{account_id}/clusters/{cluster_id}"

    @property
    def base_url(self) -> str:
        return self._base_url

    @property
    def allows_plain_http(self) -> bool:
        """The person allowed this connection to send its token over plain http:// (after a warning)."""
        return self._allow_plain_http

    @property
    def account_id(self) -> str:
        return self._account_id

    @property
    def cluster_id(self) -> str:
        return self._cluster_id

    def for_cluster(self, cluster_id: str) -> ManagementApiClient:
        """A client of another cluster of the same account: the same documented paths with that cluster's ID,
        the same token and settings, over this client's connections (closing it leaves them open)."""
        other = ManagementApiClient(self._base_url, self._account_id, cluster_id, self._token,
                                    timeout=self._timeout, retry=self._retry, sleep=self._sleep_option,
                                    allow_plain_http=self._allow_plain_http)
        # Borrowed, not made here: this may run on the GUI thread, and making an httpx client reads the CA
        # bundle from disk (see _http); the first request, on a worker, makes it.
        other._owns_http, other._lender = False, self
        return other

    def __repr__(self) -> str:
        return (f"ManagementApiClient(base_url={_display_url(self._base_url)!r}, "
                f"account_id={self._account_id!r}, cluster_id={self._cluster_id!r})")

    @property
    def _http(self) -> httpx.Client:
        if self._lender is not None:
            return self._lender._http
        with self._http_lock:
            if self._timeout is None:
                self._timeout = default_timeout()
            _keep_large_buffers_mapped()  # before the first body: here, on the worker, not where clients are made
            if self._http_client is None:
                import httpx

                from token_desk.api.transport import cancellable_transport

                transport = cancellable_transport(tls=not self._base_url.lower().startswith("http://"))
                self._http_client = httpx.Client(timeout=self._timeout, transport=transport)
                if self._closed:  # closed before its first request: sending fails as on any closed client
                    self._http_client.close()
            return self._http_client

    def close(self) -> None:
        with self._http_lock:
            self._closed = True
            http = self._http_client
        if self._owns_http and http is not None:
            http.close()

    def __enter__(self) -> ManagementApiClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- database tokens and databases -------------------------------------------------

    def list_database_tokens(self) -> list[Token]:
        return self.list_tokens(TokenKind.DATABASE)

    def get_database_token(self, token_id: str) -> Token:
        return self.get_token(TokenKind.DATABASE, token_id)

    def create_database_token(self, description: str, permissions: Sequence[Permission] = (),
                              expires_at: datetime | None = None) -> CreatedToken:
        body = _with_expiry({"description": description, "permissions": _permissions_json(permissions)}, expires_at)
        answer = self._request("POST", f"{self._cluster_path}/tokens", body)
        return self._parse(lambda content: _decoding().decode_created_token(TokenKind.DATABASE, content), answer)

    def update_database_token(self, token_id: str, *, description: str | None = None,
                              permissions: Sequence[Permission] | None = None) -> Token:
        """Change only the fields given; the API needs at least one."""
        if description is None and permissions is None:
            raise ValueError("Give a new description or new permissions (or both) to update a database token.")
        body: dict[str, Any] = {} if description is None else {"description": description}
        if permissions is not None:
            body["permissions"] = _permissions_json(permissions)
        answer = self._request("PATCH", self._token_path(TokenKind.DATABASE, token_id), body)
        return self._parse(lambda content: _decoding().decode_token(TokenKind.DATABASE, content), answer)

    def revoke_database_token(self, token_id: str) -> None:
        self.revoke_token(TokenKind.DATABASE, token_id)

    def list_databases(self) -> list[Database]:
        return self._parse(lambda content: _decoding().decode_databases(content),
                           self._request("GET", f"{self._cluster_path}/databases"))

    # --- by kind, for the UI ------------------------------------------------------------

    def list_tokens(self, kind: TokenKind) -> list[Token]:
        # Read into tokens as the body arrives: the whole body is never held beside them (see TokenListReader).
        answer = self._request("GET", f"{self._cluster_path}/{_collection(kind)}",
                               body_reader=lambda: _decoding().TokenListReader(kind))
        return self._parse(lambda reader: reader.result(), answer)

    def get_token(self, kind: TokenKind, token_id: str) -> Token:
        answer = self._request("GET", self._token_path(kind, token_id))
        return self._parse(lambda content: _decoding().decode_token(kind, content), answer)

    def revoke_token(self, kind: TokenKind, token_id: str) -> None:
        """Revoke (DELETE); any 2xx is success and its body is ignored."""
        self._request("DELETE", self._token_path(kind, token_id), expect_body=False)

    def is_signed_in_with(self, token: Token) -> bool:
        """Never: this client signs in with a management token and serves database tokens only."""
        return False

    # --- plumbing -----------------------------------------------------------------------

    def _token_path(self, kind: TokenKind, token_id: str) -> str:
        _check_id(token_id, "token ID")
        return f"{self._cluster_path}/{_collection(kind)}/{token_id}"

    def _request(self, method: str, path: str, body: dict[str, Any] | None = None, *,
                 expect_body: bool = True, body_reader: Callable[[], _BodyReader] = lambda: _Bytes()) -> _Answer | None:
        """Send with retries (idempotent methods only); the answer's bytes (or what `body_reader` made of them as
        they arrived), for _parse()."""
        status, content = self._send_with_retries(method, path, body, body_reader)
        return _Answer(content, status, method, path) if expect_body else None

    def _send_with_retries(self, method: str, path: str, body: dict[str, Any] | None,
                           body_reader: Callable[[], _BodyReader]) -> tuple[int, Any]:
        """The status and body of the first successful answer; an ApiError otherwise."""
        if self._refusal is not None:
            raise errors.PlainHttpRefusedError(self._refusal, method=method, path=path)
        attempts = self._retry.attempts_for(method)
        answer_lost = False  # an earlier attempt may have been carried out without its answer arriving
        for attempt in range(1, attempts + 1):
            current_cancellation().raise_if_cancelled()
            last_attempt = attempt == attempts
            try:
                response, content = self._send_once(method, path, body, body_reader())
            except _TransportFailure as failure:
                answer_lost = answer_lost or _may_have_acted(method, failure.cause)
                if last_attempt or not failure.retryable:
                    raise _unanswered(method, failure, answer_lost) from failure.cause
                self._sleep(self._retry.delay_before_retry(attempt))
                continue
            if response.is_success:
                return response.status_code, content
            answer_lost = answer_lost or _may_have_acted(method, response)
            if last_attempt or not is_retryable_status(response.status_code):
                error = error_for_response(response, method, path, self._token, content)
                raise _unless_lost(error, answer_lost) from (error if answer_lost else None)
            self._sleep(self._retry.delay_before_retry(attempt, retry_after_seconds(response)))
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _send_once(self, method: str, path: str, body: dict[str, Any] | None,
                   reader: _BodyReader) -> tuple[httpx.Response, Any]:
        """One request: its response (read, for errors) and its body, fed to `reader` (for a success)."""
        import httpx

        url = self._base_url + path
        started = time.perf_counter()
        http = self._http  # first: it also settles self._timeout
        try:
            try:
                request = http.build_request(method, url, json=body, headers=self._headers, timeout=self._timeout)
                response = http.send(request, stream=True)
            except UnicodeError as err:  # a host name IDNA cannot encode (an empty label, a bad A-label)
                raise httpx.InvalidURL(f"the host name cannot be encoded: {err}") from err
            content = _read_body(response, reader)
            if content is None:
                raise _unreadable(method)(f"The server's answer is larger than {MAX_ANSWER_BYTES >> 20} MB, more "
                                          "than any Management API sends; check the API URL.",
                                          status=response.status_code, method=method, path=path)
        except httpx.DecodingError as err:  # a Content-Encoding the body does not have
            raise _unreadable(method)("The server's answer could not be decompressed; check the API URL points at "
                                      "a Management API.", status=response.status_code, method=method,
                                      path=path) from err
        except (httpx.TransportError, httpx.InvalidURL) as err:
            if current_cancellation().cancelled:  # the socket was shut down on purpose
                raise CancelledError() from None
            error = _transport_error(err, method, path, _display_url(self._base_url))
            logger.debug("%s %s failed after %.0f ms: %s", method, path, _elapsed_ms(started), type(err).__name__)
            # Repeating cannot help a URL or a request that cannot be sent at all.
            retryable = not isinstance(err, (httpx.InvalidURL, httpx.UnsupportedProtocol, httpx.LocalProtocolError))
            raise _TransportFailure(error, err, retryable) from err
        logger.debug("%s %s -> %d in %.0f ms", method, path, response.status_code, _elapsed_ms(started))
        return response, content

    def _parse(self, decode: Callable[[Any], Any], answer: _Answer) -> Any:
        """The typed models `decode` makes of the answer, or the InvalidResponseError saying why not."""
        error_class = _unreadable(answer.method)
        try:
            return decode(answer.content)
        except _decoding().NotJsonError as err:
            raise error_class(
                "The server's answer is not JSON; check the API URL points at a Management API.",
                status=answer.status, method=answer.method, path=answer.path) from err
        except ModelError as err:
            raise error_class(
                f"The server's answer has an invalid '{err.field_name}' field; "
                "check the API URL points at a Management API.",
                status=answer.status, method=answer.method, path=answer.path) from err


# 100,000 tokens are about 33 MB: eight times that is no Management API's answer. An error's body is read
# only for its message.
MAX_ANSWER_BYTES = 256 * 1024 * 1024
MAX_ERROR_BYTES = 64 * 1024
_M_MMAP_THRESHOLD = -3  # from glibc's malloc.h


@functools.cache  # process-wide, and mallopt() also consolidates the heap: once, not per client (per cluster)
def _keep_large_buffers_mapped() -> None:
    """Have glibc give every allocation over 128 KiB its own mapping, as it does until the first such block
    is freed: after that it raises its threshold and grows the body's buffer inside the heap, where a
    resize copies it. The peak at a refresh of 100,000 tokens then swung between 237 and 259 MB from run to
    run; with the threshold fixed it is 229 MB every time. Other C libraries are left as they are."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes  # here: a client is made on the GUI thread before the first paint, which needs no ctypes

    try:
        libc = ctypes.CDLL(None)
        if hasattr(libc, "gnu_get_libc_version"):  # glibc, not musl
            libc.mallopt(_M_MMAP_THRESHOLD, 128 * 1024)
    except OSError:
        pass


class _BodyReader(Protocol):
    """Takes a successful answer's body as it arrives; what it made of it goes to _parse()."""

    def feed(self, data: bytes) -> None: ...


class _Bytes(bytearray):
    """The body as it is, in one growing buffer: httpx's own read() keeps every network chunk until it joins
    them, twice the body's size at once."""

    def feed(self, data: bytes) -> None:
        self.extend(data)


def _read_body(response: httpx.Response, reader: _BodyReader) -> Any:
    """A successful answer's body, fed to `reader` as it arrives (then the reader), or None past
    MAX_ANSWER_BYTES: a server that never stops must not fill the memory. Any other's, whole up to
    MAX_ERROR_BYTES, for its message."""
    try:
        if not response.is_success:
            return _error_body(response)
        received = 0
        for chunk in response.iter_bytes():
            received += len(chunk)
            if received > MAX_ANSWER_BYTES:
                return None
            reader.feed(chunk)
        return reader
    finally:
        response.close()


def _error_body(response: httpx.Response) -> bytearray:
    """An error's body, read only for its message: cut at MAX_ERROR_BYTES; without one (a body that cannot
    be decompressed), the status speaks."""
    import httpx

    content = bytearray()
    try:
        for chunk in response.iter_bytes():
            content += chunk
            if len(content) > MAX_ERROR_BYTES:
                return content[:MAX_ERROR_BYTES]
    except httpx.DecodingError:
        return bytearray()
    return content


class _Answer(NamedTuple):
    """A successful response's body (or what its reader made of it) and where it came from (for error messages)."""

    content: Any
    status: int
    method: str
    path: str


class _TransportFailure(Exception):
    """Internal: carries the typed error of a request that got no answer, its httpx cause, and whether
    sending it again may help."""

    def __init__(self, error: errors.ApiError, cause: Exception, retryable: bool) -> None:
        super().__init__(type(error).__name__)
        self.error, self.cause, self.retryable = error, cause, retryable


def _unreadable(method: str) -> type[errors.InvalidResponseError]:
    """The error of a success answer that cannot be read: for a change it may have been done all the same."""
    return errors.InvalidResponseError if method in _READS else errors.UnreadableAnswerError


def _unanswered(method: str, failure: _TransportFailure, answer_lost: bool) -> errors.ApiError:
    """The error of a request whose last attempt got no answer: an unknown outcome once an answer was lost
    (_unless_lost); else, for a change every attempt of which failed before it was sent, the plain connection
    or timeout error saying that nothing was changed (a URL or certificate refused here says what to fix)."""
    if answer_lost:
        return _unless_lost(failure.error, answer_lost)
    if method in _READS or not failure.retryable or isinstance(failure.error, errors.CertificateError):
        return failure.error
    return errors.never_sent(failure.error)


def _unless_lost(error: errors.ApiError, answer_lost: bool) -> errors.ApiError:
    """`error`, or, once this or an earlier attempt's answer was lost (_may_have_acted), the unknown outcome
    it leaves: a retried revoke refused as "not found" or "already revoked" may be refused because the first
    one worked, and a retry that could not connect says nothing about the first."""
    if not answer_lost or isinstance(error, errors.OutcomeUnknownError):
        return error
    unknown = errors.ChangeTimeoutError if isinstance(error, errors.ApiTimeoutError) else errors.OutcomeUnknownError
    return unknown(method=error.method, path=error.path, status=error.status, server_message=error.server_message)


def _decoding():
    """token_desk.api.decoding, imported by the first answer read (on a worker), not with the client."""
    from token_desk.api import decoding

    return decoding


def _collection(kind: TokenKind) -> str:
    if kind not in _COLLECTION:
        raise ValueError("The Management API has no management-token endpoints; management tokens come "
                         "from influxctl (token_desk.api.influxctl).")
    return _COLLECTION[kind]


def _check_id(value: object, what: str) -> None:
    if not is_uuid(value):
        raise errors.InvalidIdError(
            f"The {what} is not valid: expected a UUID such as 11111111-1111-4111-8111-111111111111.")


def _check_token(token: object) -> None:
    # Checked here so httpx never builds an error message around an unsendable secret.
    problem = token_problem(token) if isinstance(token, str) else EMPTY_TOKEN
    if problem is not None:
        raise errors.AuthenticationError(problem)


def _with_expiry(body: dict[str, Any], expires_at: datetime | None) -> dict[str, Any]:
    if expires_at is not None:
        body["expiresAt"] = format_timestamp(expires_at)
    return body


def _permissions_json(permissions: Sequence[Permission]) -> list[dict[str, str]]:
    """Complete permissions only (models.require_complete): nothing is sent otherwise."""
    require_complete(permissions)
    return [{"action": permission.action, "resource": permission.resource} for permission in permissions]


def _elapsed_ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000
