"""What goes over the wire: timestamps, UUIDs and token secrets, in the forms the documents allow."""

from __future__ import annotations

import functools
import hashlib
import random
import re
import uuid
from datetime import datetime, timezone

# influxctl prints this zero time for management tokens that never expire.
ZERO_TIME = "1970-01-01T00:00:00Z"

_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\Z")
_RFC3339 = re.compile(
    r"(\d{4}-\d{2}-\d{2})[Tt](\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})\Z"
)

# (fractional digits, zone suffix): every form the contract says a client must read.
TIMESTAMP_STYLES: tuple[tuple[int, str], ...] = (
    (0, "Z"), (3, "Z"), (6, "Z"), (9, "Z"), (0, "+00:00"), (3, "+00:00"), (6, "+00:00"), (9, "+00:00"),
)


def is_uuid(value: object) -> bool:
    return isinstance(value, str) and _UUID.match(value) is not None


def random_uuid(rng: random.Random | None = None) -> str:
    """A version 4 UUID; from `rng` when given so seeded data is reproducible."""
    if rng is None:
        return str(uuid.uuid4())
    digits = "%032x" % rng.getrandbits(128)  # formatted by hand: uuid.UUID() is the slow part of bulk rows
    variant = "89ab"[int(digits[16], 16) & 3]
    return f"{digits[:8]}-{digits[8:12]}-4{digits[13:16]}-{variant}{digits[17:20]}-{digits[20:]}"


def format_timestamp(moment: datetime, style: tuple[int, str] = (9, "Z"), nanos: int = 0) -> str:
    """RFC 3339 in UTC with the given fractional digits and zone suffix."""
    moment = moment.astimezone(timezone.utc)
    digits, zone = style
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if digits:
        fraction = f"{moment.microsecond:06d}{nanos % 1000:03d}"
        text += "." + fraction[:digits]
    return text + zone


def parse_timestamp(text: object) -> datetime | None:
    """The moment an RFC 3339 string names, or None when it is not RFC 3339."""
    if not isinstance(text, str):
        return None
    match = _RFC3339.match(text)
    if match is None:
        return None
    day, clock, fraction, zone = match.groups()
    micros = (fraction or "").ljust(6, "0")[:6]
    zone = "+00:00" if zone in ("Z", "z") else zone
    try:
        return datetime.fromisoformat(f"{day}T{clock}.{micros}{zone}")
    except ValueError:  # e.g. month 13: matches the pattern but is no date
        return None


@functools.lru_cache(maxsize=8192)  # bulk rows share few expiry strings
def expiry_epoch(expires_at: str | None) -> float | None:
    """Seconds since the epoch a token stops working, None when it never expires."""
    if expires_at is None or expires_at == ZERO_TIME:
        return None
    moment = parse_timestamp(expires_at)
    return None if moment is None else moment.timestamp()


def hash_secret(secret: str) -> str:
    # Only this digest is stored: a copied data file gives away no usable token.
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def prefix_of(secret: str) -> str:
    """The first characters shown as tokenPrefix; never more than half of a short secret."""
    return secret[: min(9, len(secret) // 2)]
