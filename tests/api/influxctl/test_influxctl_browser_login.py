"""Way b: influxctl waiting for a browser sign-in is shown to the person, and Cancel ends it."""

from __future__ import annotations

import threading

import pytest
from influxctl_standins import make_influxctl

from token_desk.api.influxctl import (
    ExistingProfile, InfluxctlBridge, InfluxctlCancelledError, InfluxctlProgram, InfluxctlTimeoutError,
)
from token_desk.api.influxctl.login import LoginWatcher

LOGIN = '''
print("Not loading module \\"atk-bridge\\": The functionality is provided by GTK natively.", file=sys.stderr)
print("To sign in, visit https://auth.example.com/activate?user_code=WDJB-MJHT", file=sys.stderr, flush=True)
print("and enter the code WDJB-MJHT", file=sys.stderr, flush=True)
'''


class Observer:
    def __init__(self, cancel_on_show: bool) -> None:
        self.shown, self.ended = [], []
        self.cancel_on_show = cancel_on_show
        self.code_seen = threading.Event()

    def login_shown(self, prompt):
        self.shown.append(prompt)
        if prompt.code and self.cancel_on_show:
            self.code_seen.set()
            prompt.cancel()

    def login_ended(self, prompt):
        self.ended.append(prompt)


def test_the_url_and_code_reach_the_observer_and_cancel_ends_the_wait(tmp_path):
    program = make_influxctl(tmp_path, LOGIN + "time.sleep(600)")
    observer = Observer(cancel_on_show=True)
    bridge = InfluxctlBridge(InfluxctlProgram([str(program)]), ExistingProfile(), login_observer=observer)
    with pytest.raises(InfluxctlCancelledError):
        bridge.list_management_tokens()
    last = observer.shown[-1]
    assert last.url == "https://auth.example.com/activate?user_code=WDJB-MJHT"
    assert last.code == "WDJB-MJHT"
    assert "atk-bridge" not in last.text
    assert observer.ended and observer.ended[-1].key == last.key


def test_a_sign_in_that_completes_closes_the_prompt_and_the_list_arrives(tmp_path):
    program = make_influxctl(tmp_path, LOGIN + 'print("[]")')
    observer = Observer(cancel_on_show=False)
    bridge = InfluxctlBridge(InfluxctlProgram([str(program)]), ExistingProfile(), login_observer=observer)
    assert bridge.list_management_tokens() == []
    assert observer.shown and observer.ended


def test_urls_inside_the_listed_data_are_never_taken_for_a_sign_in():
    observer = Observer(cancel_on_show=False)
    watcher = LoginWatcher(observer, lambda: None)
    watcher("stdout", '[{"id": "x", "description": "see https://wiki.example.com code ABCD"}]')
    watcher.finished()
    assert observer.shown == [] and observer.ended == []


def test_a_person_signing_in_for_longer_than_the_timeout_is_not_cut_off(tmp_path):
    """influxctl waits for the browser sign-in as long as the person takes (the dialog offers Cancel), so
    Token Desk's deadline waits too: a sign-in of 2.5 s against a 1 s timeout still brings the list."""
    program = make_influxctl(tmp_path, LOGIN + 'time.sleep(2.5)\nprint("[]")')
    observer = Observer(cancel_on_show=False)
    bridge = InfluxctlBridge(InfluxctlProgram([str(program)]), ExistingProfile(), login_observer=observer,
                             timeout_seconds=1, kill_grace_seconds=0.2)
    assert bridge.list_management_tokens() == []
    assert observer.shown and observer.ended


def test_without_a_sign_in_the_deadline_still_ends_a_silent_influxctl(tmp_path):
    program = make_influxctl(tmp_path, 'time.sleep(600)')
    bridge = InfluxctlBridge(InfluxctlProgram([str(program)]), ExistingProfile(),
                             login_observer=Observer(cancel_on_show=False), timeout_seconds=1, kill_grace_seconds=0.2)
    with pytest.raises(InfluxctlTimeoutError):
        bridge.list_management_tokens()
