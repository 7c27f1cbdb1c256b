"""An influxctl that never stops printing is stopped once past any real answer's size, and never fills the memory."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.api.test_influxctl_against_standin import make_standin, way_a
from tests.influxctl_standin.standin import private_home_and_tmp
from token_desk.api.influxctl import InfluxctlOutcomeUnknownError, InfluxctlOutputError, running_count
from token_desk.api.influxctl import process

SMALL_BOUND = 1 << 20  # the real bound is 256 MB; a test need not print that much to cross one


@pytest.fixture
def home_and_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    return private_home_and_tmp(tmp_path, monkeypatch)


def test_a_process_printing_without_end_is_ended_once_past_the_bound(monkeypatch):
    monkeypatch.setattr(process, "MAX_OUTPUT_BYTES", SMALL_BOUND)
    endless = "import sys\nwhile True: sys.stdout.write('x' * 65536)"  # one line that never ends
    finished = process.run_process([sys.executable, "-c", endless], timeout=60)
    assert finished.ended_by == "overflow"
    assert len(finished.stdout) <= SMALL_BOUND
    assert running_count() == 0


def test_a_listing_that_never_ends_is_an_output_error_and_leaves_no_process(home_and_tmp, monkeypatch):
    monkeypatch.setattr(process, "MAX_OUTPUT_BYTES", SMALL_BOUND)
    standin, _ = make_standin(home_and_tmp[1], monkeypatch, modes=("endless",))
    with pytest.raises(InfluxctlOutputError) as caught:
        way_a(standin, timeout_seconds=60).list_management_tokens()
    assert "printed more" in str(caught.value)
    assert running_count() == 0


def test_a_revoke_that_never_stops_printing_has_an_unknown_outcome(home_and_tmp, monkeypatch):
    monkeypatch.setattr(process, "MAX_OUTPUT_BYTES", SMALL_BOUND)
    standin, seeded = make_standin(home_and_tmp[1], monkeypatch, modes=("endless",))
    with pytest.raises(InfluxctlOutcomeUnknownError):
        way_a(standin, timeout_seconds=60).revoke_management_token(seeded.never_expires_id)
    assert running_count() == 0
