"""10,000 management tokens as `influxctl management list --format json` prints them, parsed.

The bytes follow INFLUXCTL.md's documented example: snake_case keys, {seconds, nanos}
timestamps (nanos sometimes absent), no expires_at for a token that never expires, revoked
tokens included.
"""

from __future__ import annotations

import json
import random
import uuid

from token_desk.api.influxctl.output import parse_management_list

_DAY = 86_400


def management_list_output(count: int, seed: int = 1) -> bytes:
    rng = random.Random(seed)
    account = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    creators = [str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(24)]
    now = 1_764_547_200
    items = []
    for index in range(count):
        item = {"id": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "account_id": account,
                "token_prefix": "M.V1." + "".join(rng.choices("abcdefghijkLMNOP0123456789+/", k=4)),
                "created_at": {"seconds": now - rng.randrange(900 * _DAY), "nanos": rng.randrange(10**9)},
                "description": f"influxctl token {index}", "created_by": rng.choice(creators)}
        if index % 3 == 0:
            item["expires_at"] = {"seconds": now + rng.randrange(-30 * _DAY, 300 * _DAY)}
        if index % 9 == 0:
            item["revoked_at"] = {"seconds": now - rng.randrange(50 * _DAY), "nanos": rng.randrange(10**9)}
        items.append(item)
    return json.dumps(items, indent=2).encode()


def parse(output: bytes) -> int:
    return len(parse_management_list(output))
