"""Whether a URL is safe to send the management token to, and what a TLS failure means. No Qt."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

# What the profile form offers, and what every URL sentence gives as its example.
DEFAULT_BASE_URL = "https://console.influxdata.com/api/v0"


def base_url_problem(base_url: str) -> str | None:
    """Why `base_url` is not an http(s) Management API URL with a host, or None when it is."""
    example = f"for example {DEFAULT_BASE_URL}"
    if not base_url.strip():
        return f"Enter the Management API URL, {example}."
    if base_url != base_url.strip() or any(char.isspace() for char in base_url):
        return "Remove the spaces from the Management API URL."
    try:
        parts = urlsplit(base_url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number in range
    except ValueError:
        return f"The Management API URL is not a valid URL; use the form {DEFAULT_BASE_URL}."
    if parts.scheme.lower() not in ("http", "https"):
        return f"The Management API URL must start with https:// ({example})."
    if not parts.hostname:
        return f"The Management API URL needs a host name, {example}."
    if parts.query or parts.fragment or parts.username or parts.password:
        return "Remove the user name, '?…' or '#…' part from the Management API URL."
    return None


_LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


def url_host(url: str) -> str:
    """The host name people recognise ('' when the URL has none or cannot be read)."""
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""


def is_loopback_host(host: str) -> bool:
    """This computer itself: nothing sent there crosses a network."""
    host = host.strip("[]").lower()
    if host in _LOOPBACK_NAMES or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def sends_token_in_clear(url: str) -> bool:
    """An http:// URL whose host is another computer: the bearer token would cross the network readable."""
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return False
    return scheme == "http" and not is_loopback_host(url_host(url))


def plain_http_refusal(url: str, allowed: bool) -> str | None:
    """The sentence refusing to send the token in the clear, or None when sending is fine."""
    if allowed or not sends_token_in_clear(url):
        return None
    return (f"Token Desk did not send the management token to {url_host(url)}: the URL uses plain http://, "
            "so anyone on the network could read it. Use https://, or allow plain HTTP for this connection "
            "in its settings if you trust the network.")


def plain_http_warning(url: str) -> str:
    """What the person reads before allowing plain HTTP for one connection."""
    return (f"The management token will be sent unencrypted to {url_host(url)}. Anyone who can see the "
            "network traffic can read it and use it. Allow this only on a network you trust.")


def certificate_problem(err: BaseException, url: str) -> str | None:
    """A sentence naming the host when `err` (or what caused it) is a TLS failure; else None."""
    # Imported here, not with the module: the window's start-up checks URLs but sends nothing (ssl is about
    # 15 ms), and a TLS error can only exist once the client has loaded ssl anyway.
    import ssl

    seen: set[int] = set()
    cause: BaseException | None = err
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, ssl.SSLError) or "CERTIFICATE_VERIFY_FAILED" in str(cause):
            return _certificate_sentence(cause, url_host(url) or "the server")
        cause = cause.__cause__ or cause.__context__
    return None


def _certificate_sentence(err: BaseException, host: str) -> str:
    import ssl  # already loaded: see certificate_problem

    if isinstance(err, ssl.SSLCertVerificationError) or "CERTIFICATE_VERIFY_FAILED" in str(err):
        reason = getattr(err, "verify_message", "") or "it is not trusted"
        return (f"Certificate problem with {host}: its certificate could not be verified ({reason}). "
                "Nothing was sent. Check the URL; if your company inspects HTTPS, set SSL_CERT_FILE to "
                "its CA certificate.")
    return (f"Certificate problem with {host}: the secure (TLS) connection failed. Nothing was sent; "
            "check the URL and that the server speaks HTTPS.")
