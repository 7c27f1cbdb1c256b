"""Results of the table benchmark and their Markdown table."""

from __future__ import annotations

from dataclasses import dataclass

TARGETS_APPLY_AT = 100_000  # the targets are for 100,000 tokens


@dataclass(frozen=True)
class Result:
    size: int
    what: str
    measured: float  # seconds, or MB when unit == "MB"
    floor: float | None
    max_ratio: float | None = None
    max_value: float | None = None
    unit: str = "s"
    label_size: int | None = None  # the size shown, where it differs from the one targets go by

    @property
    def ratio(self) -> float | None:
        return None if not self.floor else self.measured / self.floor

    def target(self) -> str:
        parts = []
        if self.max_ratio is not None:
            parts.append(f"≤ {self.max_ratio:g}× floor")
        if self.max_value is not None:
            parts.append(f"< {_format(self.max_value, self.unit)}")
        return " and ".join(parts) or "—"

    def verdict(self) -> str:
        if self.target() == "—":
            return "—"
        ok = (self.max_ratio is None or (self.ratio is not None and self.ratio <= self.max_ratio)) and (
            self.max_value is None or self.measured < self.max_value
        )
        if self.size != TARGETS_APPLY_AT:
            return "pass (info)" if ok else "miss (info)"
        return "**pass**" if ok else "**MISS**"


def _format(value: float, unit: str) -> str:
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value * 1000:.1f} ms"


def print_results(results: list[Result]) -> None:
    print("| Tokens | Measure | Time | Floor | Ratio | Target (at 100,000) | Result |")
    print("|---:|---|---:|---:|---:|---|---|")
    for r in results:
        floor = _format(r.floor, r.unit) if r.floor is not None else "—"
        ratio = f"{r.ratio:.2f}×" if r.ratio is not None else "—"
        print(f"| {r.label_size or r.size:,} | {r.what} | {_format(r.measured, r.unit)} | {floor} | {ratio} | {r.target()} | {r.verdict()} |")
