"""The result of `keoach diff A B`: what changed from plan A to plan B.

The JSON of `keoach diff --format json` is `PlanDiff.model_dump(mode="json")`; README's
"diff JSON" section documents it. Verdicts read from A to B: `tighter` means B asks more.
"""
from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from .plan import Target


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

Verdict = Literal["same", "tighter", "looser", "changed", "added", "removed"]
Part = Literal["document", "targets", "sections", "assignments", "deadlines"]
PARTS: tuple[str, ...] = ("document", "targets", "sections", "assignments", "deadlines")


class PlanRef(_Model):
    source: str
    number: Optional[str] = None
    date: Optional[str] = None
    title: Optional[str] = None


class FieldChange(_Model):
    """A document field that differs: "number", "date", "period.end", "signer.name" ..."""
    field: str
    a: Any = None
    b: Any = None


class TargetChange(_Model):
    verdict: Verdict
    metric: str
    changes: list[str] = Field(default_factory=list)
    """Fields that differ: value, value_max, unit, comparator, year, qualifier."""
    a: Optional[Target] = None
    b: Optional[Target] = None


class IndicatorRef(_Model):
    code: Optional[str] = None
    index: int
    text: str
    line: int


class IndicatorPair(_Model):
    """Two indicators taken to be the same chỉ tiêu, with how sure the alignment is."""
    a: IndicatorRef
    b: IndicatorRef
    similarity: float
    method: Literal["code", "meaning"]
    targets: list[TargetChange] = Field(default_factory=list)


class SectionChange(_Model):
    change: Literal["added", "removed", "renamed"]
    number: Optional[str] = None
    path: Optional[str] = None
    """The numbers from the top: "II.2" for the "2." under "II."."""
    kind: str
    a: Optional[str] = None
    b: Optional[str] = None
    a_line: Optional[int] = None
    b_line: Optional[int] = None


class AssignmentChange(_Model):
    """A chỉ tiêu whose lead units changed, or a unit that appears in one plan only."""
    change: Literal["lead-changed", "added", "removed"]
    a_code: Optional[str] = None
    b_code: Optional[str] = None
    a: list[str] = Field(default_factory=list)
    b: list[str] = Field(default_factory=list)


class DeadlineChange(_Model):
    change: Literal["added", "removed", "moved"]
    a_date: Optional[str] = None
    b_date: Optional[str] = None
    recurrence: str = "none"
    action: Optional[str] = None
    a_line: Optional[int] = None
    b_line: Optional[int] = None


class PlanDiff(_Model):
    """Everything that changed from plan A to plan B: `keoach diff --format json` is
    `model_dump(mode="json")` plus `counts()`."""
    schema_version: Literal["1"] = "1"
    a: PlanRef
    b: PlanRef
    threshold: float
    document: list[FieldChange] = Field(default_factory=list)
    indicators: list[IndicatorPair] = Field(default_factory=list)
    only_in_a: list[IndicatorRef] = Field(default_factory=list)
    only_in_b: list[IndicatorRef] = Field(default_factory=list)
    sections: list[SectionChange] = Field(default_factory=list)
    assignments: list[AssignmentChange] = Field(default_factory=list)
    deadlines: list[DeadlineChange] = Field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """Number of differences per part (unchanged targets do not count)."""
        return {
            "document": len(self.document),
            "targets": sum(t.verdict != "same" for p in self.indicators for t in p.targets)
            + len(self.only_in_a) + len(self.only_in_b),
            "sections": len(self.sections),
            "assignments": len(self.assignments),
            "deadlines": len(self.deadlines),
        }

    def only(self, parts: set[str]) -> "PlanDiff":
        """This diff restricted to `parts`; the others are emptied."""
        empty: dict[str, Any] = {}
        if "document" not in parts:
            empty["document"] = []
        if "targets" not in parts:
            empty.update(indicators=[], only_in_a=[], only_in_b=[])
        for part in ("sections", "assignments", "deadlines"):
            if part not in parts:
                empty[part] = []
        return self.model_copy(update=empty)
