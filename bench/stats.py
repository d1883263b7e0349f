"""Figures: samples of one measure, its reference measured in the same runs, and a target.

A single run on a shared machine says little, so every figure keeps all its
samples and is judged on the median; the ratio to a reference measured
interleaved with it cancels most of the machine's mood.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Target:
    """An upper bound on the median (`on="median"`) or on the ratio to the reference."""

    limit: float
    on: Literal["median", "ratio"] = "median"

    def describe(self, unit: str) -> str:
        if self.on == "ratio":
            return f"≤ {self.limit:g}x"
        if unit == "modules" and self.limit == 0:
            return "none"
        return f"≤ {self.limit:g} {unit}"


@dataclass
class Figure:
    scenario: str
    key: str
    name: str
    unit: str
    subject: str
    samples: list[float]
    reference: str | None = None
    reference_samples: list[float] = field(default_factory=list)
    target: Target | None = None
    errors: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    # a sample equal to it means "not done within": the run was given up at that value
    ceiling: float | None = None
    reference_note: str | None = None  # why the reference has no samples (not installable, say)

    def capped(self, value: float | None) -> bool:
        return value is not None and self.ceiling is not None and value >= self.ceiling

    @property
    def median(self) -> float | None:
        return statistics.median(self.samples) if self.samples else None

    @property
    def minimum(self) -> float | None:
        return min(self.samples) if self.samples else None

    @property
    def maximum(self) -> float | None:
        return max(self.samples) if self.samples else None

    @property
    def reference_median(self) -> float | None:
        return statistics.median(self.reference_samples) if self.reference_samples else None

    @property
    def ratio(self) -> float | None:
        median, reference = self.median, self.reference_median
        if median is None or reference is None or reference <= 0:
            return None
        return median / reference

    @property
    def met(self) -> bool | None:
        """True or False against the target; None when there is no target or no data."""
        if self.target is None:
            return None
        value = self.ratio if self.target.on == "ratio" else self.median
        if value is None:
            return False
        return value <= self.target.limit

    def as_json(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario,
            "key": self.key,
            "name": self.name,
            "unit": self.unit,
            "subject": self.subject,
            "samples": self.samples,
            "median": self.median,
            "min": self.minimum,
            "max": self.maximum,
            "runs": len(self.samples),
            "reference": None
            if self.reference is None
            else {
                "name": self.reference,
                "samples": self.reference_samples,
                "median": self.reference_median,
                "min": min(self.reference_samples, default=None),
                "max": max(self.reference_samples, default=None),
            },
            "ratio": self.ratio,
            "target": None
            if self.target is None
            else {
                "limit": self.target.limit,
                "on": self.target.on,
                "text": self.target.describe(self.unit),
            },
            "met": self.met,
            "ceiling": self.ceiling,
            "reference_note": self.reference_note,
            "errors": self.errors,
            "details": self.details,
        }


class Samples:
    """Values collected per (measure, subject) across interleaved runs, with failures."""

    def __init__(self) -> None:
        self.values: dict[tuple[str, str], list[float]] = defaultdict(list)
        self.errors: dict[str, list[tuple[str | None, str]]] = defaultdict(list)
        self.details: dict[tuple[str, str], list[Any]] = defaultdict(list)

    def add(self, measure: str, subject: str, value: float) -> None:
        self.values[(measure, subject)].append(value)

    def note(self, measure: str, subject: str, detail: Any) -> None:
        self.details[(measure, subject)].append(detail)

    def fail(self, subject: str, message: str, measure: str | None = None) -> None:
        """A run that went wrong: for one measure, or (None) for all of the subject's."""
        self.errors[subject].append((measure, message))

    def _errors(self, subject: str, measure: str) -> list[str]:
        return [text for only, text in self.errors.get(subject, []) if only in (None, measure)]

    def figure(
        self,
        scenario: str,
        measure: str,
        name: str,
        unit: str,
        subject: str,
        *,
        reference: str | None = None,
        target: Target | None = None,
        ceiling: float | None = None,
        reference_note: str | None = None,
    ) -> Figure:
        errors = [f"{subject}: {text}" for text in self._errors(subject, measure)]
        if reference is not None:
            errors += [f"{reference}: {text}" for text in self._errors(reference, measure)]
        details: dict[str, Any] = {}
        if self.details.get((measure, subject)):
            details["per_run"] = self.details[(measure, subject)]
        if reference is not None and self.details.get((measure, reference)):
            details["reference_per_run"] = self.details[(measure, reference)]
        return Figure(
            scenario=scenario,
            key=measure if reference is None else f"{measure}.vs.{reference}",
            name=name,
            unit=unit,
            subject=subject,
            samples=list(self.values.get((measure, subject), [])),
            reference=reference,
            reference_samples=list(self.values.get((measure, reference), []))
            if reference is not None
            else [],
            target=target,
            errors=errors,
            details=details,
            ceiling=ceiling,
            reference_note=reference_note,
        )


def interleaved(runs: int, subjects: Sequence[T]) -> Iterator[tuple[int, T]]:
    """Each run measures every subject; the order flips each run so neither is always first."""
    for run in range(runs):
        order = list(subjects) if run % 2 == 0 else list(reversed(subjects))
        for subject in order:
            yield run, subject
