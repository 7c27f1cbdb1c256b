"""The demo shows every finding at least once, as the window works them out from the sandbox's data."""

from __future__ import annotations

from token_desk.api.models import TokenKind
from token_desk.findings import RULES
from token_desk.models.columns import columns_for
from token_desk.ui.tokens.loader import fetch_rows


def test_the_demo_data_shows_every_finding_at_least_once(client) -> None:
    found = set()
    for kind in TokenKind:
        rows = fetch_rows(client, kind, columns_for(kind))  # the loader's own path, database list included
        rows.apply_shared(rows.findings.count_shared())  # as the page does next, on a worker
        for row in range(len(rows)):
            found.update(finding.id for finding in rows.findings_at(row))
    assert found == {rule.id for rule in RULES}
