"""A chart the overview pages need beside charts.py: the spread of a class's scores on each
assessment, drawn as a line from the lowest to the highest score with a mark at the median.
Pure data; templates/reports/overview/_range_chart.html draws it, with its table."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Range:
    label: str
    low: float
    middle: float  # the median
    high: float
    note: str = ""  # e.g. "12 papers"


@dataclass(frozen=True)
class RangeChart:
    """One row per range on a 0..maximum scale, e.g. each assessment's lowest, median and
    highest score in per cent."""

    title: str
    ranges: tuple[Range, ...]
    maximum: float = 100
    unit: str = "%"
    width: int = 640
    label_width: int = 200
    row_height: int = 30
    margin: int = 16
    axis_height: int = 24
    ticks: tuple[int, ...] = (0, 25, 50, 75, 100)

    @property
    def height(self) -> int:
        return self.margin + self.row_height * max(len(self.ranges), 1) + self.axis_height

    @property
    def plot_left(self) -> int:
        return self.label_width

    @property
    def plot_right(self) -> int:
        return self.width - self.margin

    @property
    def plot_bottom(self) -> int:
        return self.margin + self.row_height * max(len(self.ranges), 1)

    def x(self, value: float) -> float:
        share = 0 if self.maximum <= 0 else min(max(value, 0), self.maximum) / self.maximum
        return self.plot_left + share * (self.plot_right - self.plot_left)

    def y(self, index: int) -> float:
        return self.margin + (index + 0.5) * self.row_height

    def short_label(self, label: str, limit: int = 26) -> str:
        return label if len(label) <= limit else label[: limit - 1] + "…"


@dataclass(frozen=True)
class HBar:
    label: str
    value: float | None  # None: nothing to draw (no data, or too few pupils)
    text: str  # written at the end of the bar, e.g. "72%" or "under 5 pupils"


@dataclass(frozen=True)
class HBarChart:
    """Horizontal bars with their values written beside them: groups compared at a glance
    (year groups, classes, a pupil's tables)."""

    title: str
    bars: tuple[HBar, ...]
    maximum: float = 100
    width: int = 560
    label_width: int = 110
    value_width: int = 120
    row_height: int = 28
    margin: int = 8

    @property
    def height(self) -> int:
        return 2 * self.margin + self.row_height * max(len(self.bars), 1)

    @property
    def track(self) -> float:
        return self.width - self.label_width - self.value_width

    def length(self, bar: HBar) -> float:
        if bar.value is None or self.maximum <= 0:
            return 0
        return self.track * min(max(bar.value, 0), self.maximum) / self.maximum

    def y(self, index: int) -> float:
        return self.margin + index * self.row_height

    def short_label(self, label: str, limit: int = 14) -> str:
        return label if len(label) <= limit else label[: limit - 1] + "…"
