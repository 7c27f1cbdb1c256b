"""Preferences → Policy: a hand-edited or garbled value in the settings file never breaks the window, and the
dialog reads as sentences."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from token_desk.findings import DAY_RANGE, Policy
from token_desk.ui.attention.policy_settings import read_policy, write_policy
from token_desk.ui.common.settings import MemorySettings


def test_a_policy_written_reads_back_the_same() -> None:
    settings = MemorySettings()
    write_policy(settings, Policy(expiry_warning_days=30, management_max_age_days=45, database_max_age_days=180))
    assert read_policy(settings) == Policy(30, 45, 180)


def test_garbled_or_out_of_range_numbers_fall_back_or_are_clamped() -> None:
    settings = MemorySettings()
    settings.setValue("policy/expiry_warning_days", "soon")
    settings.setValue("policy/management_max_age_days", "-5")
    settings.setValue("policy/database_max_age_days", "99999999")
    assert read_policy(settings) == Policy(expiry_warning_days=14, management_max_age_days=DAY_RANGE[0],
                                           database_max_age_days=DAY_RANGE[1])


def test_nothing_stored_is_the_default_policy() -> None:
    assert read_policy(MemorySettings()) == Policy()


def test_the_preferences_read_as_sentences_one_day_and_many_days(qtbot) -> None:
    from token_desk.ui.attention.preferences_dialog import PreferencesDialog

    dialog = PreferencesDialog(Policy())
    qtbot.addWidget(dialog)
    intro = dialog.tabs.widget(0).findChildren(QLabel)[0].text()
    # It read "What Needs attention flags."
    assert intro == "When \u201cNeeds attention\u201d flags a token. Changes apply at once."
    box = dialog.spin_boxes["expiry_warning_days"]
    box.setValue(1)
    assert box.text() == "1 day"  # was "1 days"
    box.setValue(2)
    assert box.text() == "2 days"
