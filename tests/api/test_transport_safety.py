"""The management token never crosses a network unencrypted unless allowed, and TLS failures name the host."""

from __future__ import annotations

import datetime
import ssl
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from token_desk.api import errors
from token_desk.api.client import ManagementApiClient
from token_desk.api.models import TokenKind
from token_desk.api.url_safety import is_loopback_host, sends_token_in_clear

ACCOUNT = CLUSTER = "11111111-1111-4111-8111-111111111111"
SECRET = "M.V1.secret-value"


def recording_client(url: str, seen: list[httpx.Request], **options) -> ManagementApiClient:
    transport = httpx.MockTransport(lambda request: seen.append(request) or httpx.Response(200, json=[]))
    return ManagementApiClient(url, ACCOUNT, CLUSTER, SECRET, http_client=httpx.Client(transport=transport),
                               sleep=lambda _: None, **options)


def test_plain_http_to_another_computer_sends_nothing_and_names_the_host() -> None:
    seen: list[httpx.Request] = []
    with recording_client("http://tokens.example.com/api/v0", seen) as client:
        with pytest.raises(errors.PlainHttpRefusedError) as refused:
            client.list_tokens(TokenKind.DATABASE)
    assert seen == []
    assert "tokens.example.com" in str(refused.value) and "https://" in str(refused.value)
    assert SECRET not in str(refused.value)


def test_plain_http_is_sent_once_the_person_allowed_it_for_this_connection() -> None:
    seen: list[httpx.Request] = []
    with recording_client("http://tokens.example.com/api/v0", seen, allow_plain_http=True) as client:
        assert client.list_tokens(TokenKind.DATABASE) == []
    assert len(seen) == 1 and client.allows_plain_http


@pytest.mark.parametrize("url", ["http://127.0.0.1:8086/api/v0", "http://localhost/api/v0", "http://[::1]:80/api/v0",
                                 "https://tokens.example.com/api/v0"])
def test_https_and_this_computer_need_no_permission(url) -> None:
    seen: list[httpx.Request] = []
    with recording_client(url, seen) as client:
        client.list_tokens(TokenKind.DATABASE)
    assert len(seen) == 1 and not sends_token_in_clear(url)


@pytest.mark.parametrize(("host", "loopback"), [("127.0.0.2", True), ("::1", True), ("localhost", True),
                                                ("10.0.0.1", False), ("example.com", False), ("", False)])
def test_loopback_means_this_computer_only(host, loopback) -> None:
    assert is_loopback_host(host) is loopback


def _self_signed(tmp_path) -> tuple[str, str]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "untrusted.test")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1)).sign(key, hashes.SHA256()))
    cert_path, key_path = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return str(cert_path), str(key_path)


class _Never(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # pragma: no cover - the handshake fails first
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def untrusted_https_server(tmp_path):
    server = HTTPServer(("127.0.0.1", 0), _Never)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*_self_signed(tmp_path))
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{server.server_address[1]}/api/v0"
    server.shutdown()
    server.server_close()


def test_an_untrusted_certificate_is_reported_as_a_certificate_problem_naming_the_host(untrusted_https_server) -> None:
    with ManagementApiClient(untrusted_https_server, ACCOUNT, CLUSTER, SECRET, sleep=lambda _: None) as client:
        with pytest.raises(errors.CertificateError) as failed:
            client.list_tokens(TokenKind.DATABASE)
    message = str(failed.value)
    assert message.startswith("Certificate problem with 127.0.0.1:") and "Nothing was sent" in message


def test_https_to_a_plain_http_server_is_a_tls_problem_naming_the_host(sandbox_url_https) -> None:
    with ManagementApiClient(sandbox_url_https, ACCOUNT, CLUSTER, SECRET, sleep=lambda _: None) as client:
        with pytest.raises(errors.CertificateError, match="^Certificate problem with 127.0.0.1: the secure"):
            client.list_tokens(TokenKind.DATABASE)


@pytest.fixture
def sandbox_url_https():
    from token_desk.sandbox import start_sandbox

    with start_sandbox(seed=1) as sandbox:
        yield sandbox.url.replace("http://", "https://")


def test_the_transport_of_a_plain_http_client_completes_no_tls_handshake(untrusted_https_server) -> None:
    """A plain http:// client skips loading the CA bundle: should it ever meet TLS, it trusts no certificate."""
    from token_desk.api.transport import cancellable_transport

    with httpx.Client(transport=cancellable_transport(tls=False)) as plain:
        with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
            plain.get(untrusted_https_server)
