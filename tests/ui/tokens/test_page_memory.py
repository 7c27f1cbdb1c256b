"""What showing a list leaves behind: nothing that grows with every refresh."""

from __future__ import annotations

import gc
import json

from tests.api.api_helpers import database_token_json
from token_desk.api import decoding
from token_desk.api.models import TokenKind
from token_desk.ui.tokens.token_page import TokenPage


def weak_references_to(obj: object) -> int:
    gc.collect()
    return sum(1 for ref in gc.get_objects() if type(ref).__name__ == "ReferenceType" and ref() is obj)


def test_refreshing_a_shown_page_leaves_nothing_behind_per_refresh(qtbot) -> None:
    """A soak of a thousand refreshes grew without bound: each list shown on a visible page left a weak
    reference to the page (and native memory) in PySide6's single-shot timer, for good."""
    page = TokenPage(TokenKind.DATABASE)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    tokens = decoding.decode_tokens(TokenKind.DATABASE, json.dumps([database_token_json()]).encode())
    page.set_tokens(tokens)
    before = weak_references_to(page)
    for _ in range(20):
        page.set_tokens(tokens)
    assert weak_references_to(page) - before < 5
