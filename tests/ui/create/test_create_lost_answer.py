"""A create whose answer was lost in other ways than a timeout: the dialog says so and checks before retrying."""

from __future__ import annotations

import pytest

from tests.ui.create.test_create_dialog import open_dialog, submit_and_wait
from token_desk.api import errors


@pytest.mark.parametrize(("error", "words"), [
    (errors.OutcomeUnknownError(method="POST"), "connection was lost before the server answered"),
    (errors.UnreadableAnswerError(status=200, method="POST"), "its answer could not be read"),
    (errors.OutcomeUnknownError(status=504, method="POST"), "gateway in front of the server lost its answer (HTTP 504)"),
])
def test_a_create_whose_answer_was_lost_or_unreadable_is_checked_before_retrying(qtbot, service, error, words) -> None:
    service.fail_with["create"] = [error]  # the server made it; its answer was lost on the way
    dialog = open_dialog(qtbot, service)
    dialog.description_box.setText("grafana")
    dialog.permissions.set_checked("telemetry", "read")
    submit_and_wait(qtbot, dialog)
    assert words in dialog.error_text and "unknown whether the token was created" in dialog.error_text
    submit_and_wait(qtbot, dialog)
    assert len(service.creates()) == 1  # the retry found it instead of creating a second one
    assert "did create this token" in dialog.error_text and service.tokens[0].id in dialog.error_text


def test_a_check_that_could_not_connect_keeps_the_earlier_attempt_unknown_and_checks_again(qtbot, service) -> None:
    """The check's listing could not connect: nothing new was made, and the first create is still in doubt."""
    service.fail_with["create"] = [errors.OutcomeUnknownError(method="POST")]
    service.fail_with["list_tokens"] = [errors.ApiConnectionError(method="GET")]  # a read: no "nothing changed"
    dialog = open_dialog(qtbot, service)
    dialog.description_box.setText("grafana")
    dialog.permissions.set_checked("telemetry", "read")
    submit_and_wait(qtbot, dialog)
    submit_and_wait(qtbot, dialog)  # its check cannot list the tokens
    assert dialog.error_text.startswith(errors.ApiConnectionError.default_advice)
    assert dialog.error_text.endswith("Whether the earlier attempt created the token is still unknown; Create Token "
                                      "checks the list first, so trying again never makes a duplicate.")
    assert dialog.busy_text() == "Checking whether the earlier attempt created it…"
    submit_and_wait(qtbot, dialog)
    assert len(service.creates()) == 1 and "did create this token" in dialog.error_text
