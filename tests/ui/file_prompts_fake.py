"""Stands in for FilePrompts: answers the save dialog with a chosen path and records each question."""

from __future__ import annotations

from pathlib import Path


class ScriptedFilePrompts:
    def __init__(self, path: Path | None = None, replace: bool = False) -> None:
        self.path, self.replace = path, replace
        self.asked: list[tuple[str, Path]] = []

    def choose_save_path(self, parent, title: str, suggested: Path, file_format: str) -> Path | None:
        self.asked.append(("choose_save_path", suggested))
        return self.path

    def confirm_overwrite(self, parent, path: Path) -> bool:
        self.asked.append(("confirm_overwrite", path))
        return self.replace
