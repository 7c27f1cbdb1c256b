"""Any error becomes one sentence: typed errors speak for themselves, a bug is logged and explained."""

from __future__ import annotations

import logging

from token_desk.api.errors import ServerError
from token_desk.credentials import InvalidTokenError
from token_desk.ui.common.error_text import error_sentence


def test_typed_errors_keep_their_own_sentence(caplog) -> None:
    assert error_sentence(ServerError("The server failed; try again."), "Loading the tokens") == \
        "The server failed; try again."
    assert error_sentence(InvalidTokenError(), "The connection test") == str(InvalidTokenError())
    assert not caplog.records


def test_a_bug_is_logged_with_its_traceback_and_explained(caplog) -> None:
    caplog.set_level(logging.ERROR)
    bug = KeyError("internal detail")
    sentence = error_sentence(bug, "Loading the tokens", "retry")
    assert sentence == "Loading the tokens failed unexpectedly; see the log for details, then retry."
    assert "internal detail" not in sentence
    assert caplog.records[0].exc_info[1] is bug


def test_advice_is_optional() -> None:
    assert error_sentence(RuntimeError(), "The connection test") == \
        "The connection test failed unexpectedly; see the log for details."


def test_a_file_problem_is_said_in_the_systems_words_with_its_path(caplog) -> None:
    error = PermissionError(13, "Permission denied", "/srv/audit/history.csv")
    assert error_sentence(error, "Exporting the history") == \
        "Exporting the history failed: Permission denied (/srv/audit/history.csv)."
    assert not caplog.records  # expected, not a bug: nothing logged as one
