"""An httpx transport whose requests stop the moment their task is cancelled.

A request blocked reading a silent server would otherwise hold its worker thread
(and the closing app) until the read timeout. Each socket read or write registers
with the running task's `Cancellation`; cancelling shuts the socket down, which
wakes the blocked call at once with an error the client reports as cancelled.
"""

from __future__ import annotations

import functools
import socket
import ssl
from typing import Any

import httpcore
import httpx

from token_desk.cancellation import current_cancellation


def cancellable_transport(tls: bool = True) -> httpx.HTTPTransport:
    """httpx's own transport, with cancellable sockets underneath.

    Certificates are always verified: there is deliberately no parameter or setting to turn that off
    (a company's HTTPS-inspecting proxy is trusted by pointing SSL_CERT_FILE at its CA certificate).
    `tls=False`: for a client of a plain http:// API (a local sandbox, the demo, or one the person allowed),
    which never opens a TLS connection (redirects are not followed), so the first request need not load the CA
    bundle; should it ever try, its context trusts no certificate at all, so the connection fails."""
    transport = httpx.HTTPTransport(verify=_verifying_context() if tls else _trusting_nothing())
    pool = transport._pool  # noqa: SLF001 - httpx offers no public way to pass a network backend
    pool._network_backend = _CancellableBackend(pool._network_backend)  # noqa: SLF001
    return transport


@functools.cache
def _verifying_context() -> ssl.SSLContext:
    """httpx's default context (certifi's CAs, or SSL_CERT_FILE / SSL_CERT_DIR), built once: loading the
    CA bundle costs about 0.1 s, which every new client (a connection test, a switch) would pay again."""
    return httpx.create_ssl_context()


def _trusting_nothing() -> ssl.SSLContext:
    """Verifies certificates and host names, against no CA at all: no TLS connection can succeed with it."""
    return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


class _CancellableBackend(httpcore.NetworkBackend):
    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None, socket_options: Any = None) -> httpcore.NetworkStream:
        current_cancellation().raise_if_cancelled()
        stream = self._inner.connect_tcp(host, port, timeout, local_address, socket_options)
        return _CancellableStream(stream)

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Any = None) -> httpcore.NetworkStream:
        return _CancellableStream(self._inner.connect_unix_socket(path, timeout, socket_options))

    def sleep(self, seconds: float) -> None:
        current_cancellation().sleep(seconds)


class _CancellableStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        with _shut_down_on_cancel(self._inner):
            return self._inner.read(max_bytes, timeout)

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        with _shut_down_on_cancel(self._inner):
            self._inner.write(buffer, timeout)

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        with _shut_down_on_cancel(self._inner):
            return _CancellableStream(self._inner.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _shut_down_on_cancel:
    """While inside, cancelling the current task shuts the stream's socket down."""

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream
        self._forget = None

    def __enter__(self) -> None:
        cancellation = current_cancellation()
        cancellation.raise_if_cancelled()
        self._forget = cancellation.on_cancel(self._shut_down)

    def __exit__(self, *exc_info: object) -> None:
        if self._forget is not None:
            self._forget()

    def _shut_down(self) -> None:
        sock = self._stream.get_extra_info("socket")
        if sock is not None:
            # The plain socket method: it wakes a blocked recv() on any thread, TLS or not.
            socket.socket.shutdown(sock, socket.SHUT_RDWR)
