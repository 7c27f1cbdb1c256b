"""A package's names re-exported lazily (PEP 562): the submodule defining a name is imported when the name is
first used, so importing the package for its light parts does not import its heavy ones."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from typing import Any


def lazy_exports(package_globals: MutableMapping[str, Any], homes: Mapping[str, Sequence[str]]
                 ) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The package's `__getattr__` and `__dir__`: `homes` maps each submodule to the names it defines."""
    home_of = {name: module for module, names in homes.items() for name in names}
    package = package_globals["__name__"]

    def __getattr__(name: str) -> Any:
        module = home_of.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(module), name)

    def __dir__() -> list[str]:
        return sorted({*package_globals, *home_of})

    return __getattr__, __dir__
