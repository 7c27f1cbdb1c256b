"""A token page says when what it lists changes, and only then: each announcement recounts the window's
status bar and re-decides every command (a connection switch once did so four times for nothing)."""

from __future__ import annotations

import json

from tests.api.api_helpers import database_token_json
from token_desk.api import decoding
from token_desk.api.influxctl import InfluxctlTooOldError, InfluxctlUnavailableError
from token_desk.api.models import TokenKind
from token_desk.ui.tokens import TokenPage


def test_a_page_announces_its_listing_only_when_it_changes(qtbot) -> None:
    page = TokenPage(TokenKind.MANAGEMENT)
    qtbot.addWidget(page)
    heard: list[tuple[bool, str | None]] = []
    page.listing_changed.connect(lambda: heard.append((page.listed, page.unavailable_reason)))
    tokens = decoding.decode_tokens(TokenKind.DATABASE, json.dumps([database_token_json()]).encode())

    page.clear()
    page.hide_unavailable()  # nothing was listed, nothing explained: nothing to say
    assert heard == []
    page.set_tokens(tokens)
    page.set_tokens(tokens)  # a refresh: still a list (its counts have their own signal)
    page.hide_unavailable()
    assert heard == [(True, None)]

    page.show_unavailable(InfluxctlUnavailableError(program="/opt/influxctl"))
    page.show_unavailable(InfluxctlUnavailableError(program="/opt/influxctl"))
    assert [listed for listed, _reason in heard] == [True, False]
    page.show_unavailable(InfluxctlTooOldError(program="/opt/influxctl", found_version="2.1.0"))
    assert len(heard) == 3 and "too old" in heard[-1][1]  # the reason New Management Token… is off changed
    assert page.not_listed_text(loading=False) == "Management tokens cannot be listed: influxctl is too old"
    page.hide_unavailable()
    assert heard[-1] == (True, None)
    page.clear()
    page.clear()
    assert heard[-1] == (False, None) and len(heard) == 5
