"""Screenshots the app writes (self-test, screenshot tool) never show a secret.

A field showing a secret is marked with `mark_secret`; `grab_without_secrets` masks every marked
field of the application while it grabs, then puts each back as it was.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

SECRET_PROPERTY = "tokenDeskSecret"


def mark_secret(field: QLineEdit) -> QLineEdit:
    field.setProperty(SECRET_PROPERTY, True)
    return field


def _secret_fields() -> list[QLineEdit]:
    fields: list[QLineEdit] = []
    for top in QApplication.topLevelWidgets():
        candidates = [top, *top.findChildren(QLineEdit)]
        fields += [w for w in candidates if isinstance(w, QLineEdit) and w.property(SECRET_PROPERTY)]
    return fields


@contextmanager
def secrets_masked() -> Iterator[None]:
    saved = [(field, field.echoMode()) for field in _secret_fields()]
    for field, _mode in saved:
        field.setEchoMode(QLineEdit.EchoMode.Password)
    try:
        yield
    finally:
        for field, mode in saved:
            field.setEchoMode(mode)


def grab_without_secrets(widget: QWidget) -> QPixmap:
    with secrets_masked():
        return widget.grab()
