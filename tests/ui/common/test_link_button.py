"""A place to click that reads as a link looks like one: the download link under "influxctl not found" was
drawn as plain text, so a newcomer could not tell it opens InfluxData's download page."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from token_desk.ui.common.palette import colours
from token_desk.ui.tokens.influxctl_panel import DOWNLOAD_TEXT, InfluxctlMissingPanel


def drawn_colours(widget) -> set[str]:
    image = widget.grab().toImage()
    return {QColor(image.pixel(x, y)).name() for x in range(image.width()) for y in range(image.height())}


def test_the_download_link_is_drawn_underlined_in_the_link_colour(qtbot) -> None:
    panel = InfluxctlMissingPanel()
    qtbot.addWidget(panel)
    panel.show()
    link = panel.download_link
    assert link.text() == DOWNLOAD_TEXT
    link.ensurePolished()
    assert link.font().underline()
    assert link.palette().color(QPalette.ColorRole.ButtonText).name() == colours().link
    assert colours().link in drawn_colours(link)
