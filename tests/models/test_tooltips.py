"""Tooltips: exact UTC times, status explanations, server text shown literally."""

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGuiNamespace
from PySide6.QtGui import QTextDocument

from tests.models.conftest import NOW, db_token, make_token
from token_desk.api.models import Permission
from token_desk.models import Column

TOOLTIP = Qt.ItemDataRole.ToolTipRole


def tooltip(model, column: Column, row: int = 0) -> str:
    return model.index(row, model.section_of(column)).data(TOOLTIP)


def rendered(tip: str) -> str:
    """What a rich-text tooltip shows, as QToolTip would render it."""
    document = QTextDocument()
    document.setHtml(tip)
    return document.toPlainText()


def test_time_tooltip_is_full_rfc3339_utc(management_model):
    management_model.set_tokens([make_token(created_at=NOW.replace(microsecond=120000))])
    assert tooltip(management_model, Column.CREATED_AT) == "2026-11-29T10:00:00.120000Z"


def test_never_expiring_tooltip_says_so(management_model):
    management_model.set_tokens([make_token(expires_at=None)])
    assert tooltip(management_model, Column.EXPIRES_AT) == "This token never expires."


def test_expires_soon_tooltip_says_when(management_model):
    management_model.set_tokens([make_token(expires_at=NOW + timedelta(days=3))])
    # Then the row's findings, this one among them (see test_findings_in_the_table.py).
    assert tooltip(management_model, Column.STATUS).startswith(
        "<qt><p style='white-space:pre-wrap'>Expires in 3 days (2026-12-02 10:00 UTC)\n\nNeeds attention:\n")


def test_expires_within_the_hour_tooltip_counts_minutes(management_model):
    management_model.set_tokens([make_token(expires_at=NOW + timedelta(minutes=1, seconds=30))])
    assert "'>Expires in 1 minute (2026-11-29 10:01 UTC)\n" in tooltip(management_model, Column.STATUS)


def test_revoked_status_tooltip_says_when_it_stopped_working(management_model):
    management_model.set_tokens([make_token(revoked_at=NOW - timedelta(days=1))])
    assert tooltip(management_model, Column.STATUS) == "Revoked on 2026-11-28 10:00 UTC; it no longer works."


def test_a_revoked_token_with_no_known_time_says_so_and_shows_no_time(management_model):
    management_model.set_tokens([make_token().replace(revoked_time_unknown=True)])
    assert tooltip(management_model, Column.STATUS) == "Revoked (influxctl did not say when); it no longer works."
    assert tooltip(management_model, Column.REVOKED_AT) == "Not recorded"
    row = management_model.index(0, management_model.section_of(Column.REVOKED_AT))
    assert row.data() == "—"


def test_an_unrevoked_tokens_revoked_at_tooltip_says_not_revoked(management_model):
    management_model.set_tokens([make_token()])
    assert tooltip(management_model, Column.REVOKED_AT) == "Not revoked"


def test_description_tooltip_shows_markup_literally(management_model):
    management_model.set_tokens([make_token("<b>x</b>")])
    assert rendered(tooltip(management_model, Column.DESCRIPTION)) == "<b>x</b>"


def test_description_tooltip_is_unambiguously_rich_text(management_model):
    # Qt picks plain or rich per tooltip with mightBeRichText(); ours must never be a guess.
    management_model.set_tokens([make_token("a < b and c > d")])
    assert QtGuiNamespace.mightBeRichText(tooltip(management_model, Column.DESCRIPTION))
    assert rendered(tooltip(management_model, Column.DESCRIPTION)) == "a < b and c > d"


def test_description_tooltip_keeps_line_breaks(management_model):
    management_model.set_tokens([make_token("first line\nsecond line")])
    assert rendered(tooltip(management_model, Column.DESCRIPTION)) == "first line\nsecond line"


def test_created_by_tooltip_shows_entities_literally(management_model):
    management_model.set_tokens([make_token(created_by="&lt;admin&gt;")])
    assert rendered(tooltip(management_model, Column.CREATED_BY)) == "&lt;admin&gt;"


def test_databases_tooltip_lists_every_database(database_model):
    permissions = (Permission("read", "<telemetry>"), Permission("write", "*"))
    database_model.set_tokens([db_token(permissions=permissions)])
    assert rendered(tooltip(database_model, Column.DATABASES)) == "<telemetry>: read\nAll databases: write"


def test_time_column_headers_explain_local_time(management_model):
    section = management_model.section_of(Column.CREATED_AT)
    tip = management_model.headerData(section, Qt.Orientation.Horizontal, TOOLTIP)
    assert "local time zone" in tip
