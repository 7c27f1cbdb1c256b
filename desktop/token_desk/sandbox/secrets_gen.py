"""Token strings in the shapes the real service hands out."""

from __future__ import annotations

import random
import secrets
import string

SECRET_ALPHABET = string.ascii_letters + string.digits + "+/"


def new_management_secret(rng: random.Random | None = None) -> str:
    """'M.V1.' plus 43 random characters; from `rng` only for seeded rows whose string nobody learns."""
    if rng is None:
        return "M.V1." + "".join(secrets.choice(SECRET_ALPHABET) for _ in range(43))
    return "M.V1." + "".join(rng.choice(SECRET_ALPHABET) for _ in range(43))


def new_database_secret(rng: random.Random | None = None) -> str:
    """'apiv1_' plus 64 hex digits, like the documents' examples (minLength 64)."""
    if rng is None:
        return "apiv1_" + secrets.token_hex(32)
    return "apiv1_" + "%064x" % rng.getrandbits(256)
