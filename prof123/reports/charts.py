"""Charts as server-rendered SVG, pure: no chart library, nothing from another site.

Each chart is a small data object; the template macros in templates/reports/_charts.html
draw it, always beside a table of the same numbers (the text alternative)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    note: str = ""  # shown in the title (hover) and the table, e.g. "7 of 9"


@dataclass(frozen=True)
class BarChart:
    """Vertical bars on a 0..maximum scale, e.g. a score distribution or accuracy per table."""

    title: str
    bars: tuple[Bar, ...]
    maximum: float
    unit: str = ""  # "%" or "" (counts)
    width: int = 640
    height: int = 220
    margin: int = 28

    @property
    def bar_width(self) -> float:
        return (self.width - 2 * self.margin) / max(len(self.bars), 1)

    def bar_height(self, bar: Bar) -> float:
        usable = self.height - 2 * self.margin
        return 0 if self.maximum <= 0 else usable * min(bar.value, self.maximum) / self.maximum

    def x(self, index: int) -> float:
        return self.margin + index * self.bar_width

    def y(self, bar: Bar) -> float:
        return self.height - self.margin - self.bar_height(bar)


@dataclass(frozen=True)
class LineChart:
    """Points over time on a 0..maximum scale, e.g. a pupil's scores."""

    title: str
    labels: tuple[str, ...]
    values: tuple[float, ...]
    maximum: float
    unit: str = "%"
    width: int = 640
    height: int = 200
    margin: int = 28

    def points(self) -> list[tuple[float, float]]:
        count = len(self.values)
        step = (self.width - 2 * self.margin) / max(count - 1, 1)
        usable = self.height - 2 * self.margin
        return [
            (
                self.margin + index * step,
                self.height - self.margin - (usable * value / self.maximum if self.maximum else 0),
            )
            for index, value in enumerate(self.values)
        ]

    @property
    def path(self) -> str:
        return " ".join(
            f"{'M' if n == 0 else 'L'}{x:.1f},{y:.1f}" for n, (x, y) in enumerate(self.points())
        )


def percent(part: int, whole: int) -> int | None:
    return None if whole == 0 else round(100 * part / whole)
