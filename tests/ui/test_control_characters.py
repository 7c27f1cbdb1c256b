"""Control characters from a file or a server are never shown raw: the profiles file's rule, one display function."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from tests.hostile import add_hostile_tokens
from tests.ui.conftest import wait_loaded
from tests.ui.modals import modals_answered
from token_desk.api.models import TokenKind
from token_desk.app import create_window
from token_desk.models.columns import Column
from token_desk.models.display import visible_text

ACCOUNT_ID = "0f8fad5b-d9cb-469f-a165-70867728950e"
CLUSTER_ID = "7c9e6679-7425-40de-944b-e07fc1f90ae7"
BAD_NAME = "bad\nname\x1b[31m"
RAW = ("\n", "\x1b", "\u202e")


def test_a_hand_written_name_with_control_characters_is_refused_and_the_others_load(qtbot, config_dir) -> None:
    profile = {"base_url": "https://console.influxdata.com/api/v0", "account_id": ACCOUNT_ID,
               "cluster_id": CLUSTER_ID}
    path = config_dir / "profiles.json"
    path.write_text(json.dumps({"schema_version": 1, "last_used": BAD_NAME, "profiles": [
        {"name": "Production", **profile}, {"name": BAD_NAME, **profile}]}, indent=2))
    with modals_answered() as seen:
        window = create_window([])
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: seen != [])
    switcher = window.connections.switcher
    shown = [switcher.itemText(index) for index in range(switcher.count())]
    assert "Production" in shown
    assert not any(raw in text for text in [*shown, window.windowTitle()] for raw in RAW)
    line = next(number for number, text in enumerate(path.read_text().splitlines(), start=1)
                if text.strip().startswith('"name": "bad'))
    [box] = seen
    sentence = box.text
    assert f"line {line} of {path}" in sentence and "control characters" in sentence
    window.close()


def test_a_servers_description_with_control_characters_shows_them_as_symbols(qtbot, sandbox, open_window) -> None:
    description = "line1\nline2\x1b[31m red \u202eesrever"
    add_hostile_tokens(sandbox, description)
    window = open_window()
    wait_loaded(qtbot, window)
    page = window.page(TokenKind.MANAGEMENT)
    column = page.column_index(Column.DESCRIPTION)
    cells = [page.proxy.index(row, column).data(Qt.ItemDataRole.DisplayRole) for row in range(page.proxy.rowCount())]
    assert visible_text(description) in cells
    assert "line1\u240aline2\u241b[31m red [U+202E]esrever" in cells
    assert not any(raw in cell for cell in cells for raw in RAW)
