"""The JSON contract of ../shared/SPEC.md as pydantic models. Field names are a public interface."""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

SectionKind = Literal["purpose", "objectives", "tasks", "budget", "implementation", "reporting",
                      "annex", "other"]
Comparator = Literal["<", "<=", ">", ">=", "=", "range"]
Recurrence = Literal["none", "yearly", "half-yearly", "quarterly", "monthly"]
Direction = Literal["decrease", "increase", "maintain"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class Source(_Model):
    """Where the plan came from."""
    path: str
    """The input path as given (or "-" for standard input)."""
    format: Literal["txt", "md", "pdf", "docx"]
    sha256: str
    """SHA-256 of the input bytes."""
    pages: Optional[int] = None
    """Page count for PDF; null for formats without pages."""
    encoding: Optional[str] = None
    """Text encoding used to decode a txt/md input (utf-8, utf-8-sig, utf-16, cp1258)."""


class Period(_Model):
    start: Optional[int] = None
    end: Optional[int] = None


class Signer(_Model):
    name: Optional[str] = None
    title: Optional[str] = None
    """The signer's own title ("PHÓ CHỦ TỊCH"), without "KT."/"TM." lines."""


class Reference(_Model):
    """A document the plan cites: "Kế hoạch số 208/KH-UBND ngày 09/6/2021 của UBND tỉnh ..."."""
    type: Optional[str] = None
    number: str
    """Normalized: no spaces, plain hyphens ("23/CT- TTg" -> "23/CT-TTg")."""
    date: Optional[str] = None
    """ISO date; null when absent or impossible (an impossible date earns a warning)."""
    issuer: Optional[str] = None
    line: Optional[int] = None


class Document(_Model):
    type: Optional[str] = None
    """The document type line, in capitals ("KẾ HOẠCH")."""
    number: Optional[str] = None
    """"18/KH-SLĐTB&XH"; null when absent or left blank ("Số   /KH-UBND")."""
    date: Optional[str] = None
    """Issue date, ISO; null when absent or blank."""
    place: Optional[str] = None
    issuer: Optional[str] = None
    """The issuing body from the header ("UBND TỈNH LÀO CAI / SỞ CÔNG THƯƠNG"), when printed."""
    title: Optional[str] = None
    period: Period = Field(default_factory=Period)
    signer: Signer = Field(default_factory=Signer)
    recipients: list[str] = Field(default_factory=list)
    """The "Nơi nhận" list, one entry per line, without the leading dash."""
    references: list[Reference] = Field(default_factory=list)


class Section(_Model):
    """A heading of the plan and what it contains; top level is decided by the numbering scheme."""
    number: Optional[str] = None
    """As printed, without the trailing dot: "I", "2.1", "a", "-" for a bullet; null if unnumbered."""
    title: str
    kind: SectionKind = "other"
    start_line: int
    end_line: int
    page: Optional[int] = None
    children: list["Section"] = Field(default_factory=list)


class Target(_Model):
    """One figure of a chỉ tiêu, for one year and one qualifier."""
    metric: str
    value: float
    value_max: Optional[float] = None
    unit: Optional[str] = None
    """"%", "%/năm", "‰", "/10000", "/100000", "VND", "USD", a physical unit, a counted noun, or null."""
    comparator: Comparator = "="
    year: Optional[int] = None
    qualifier: Optional[str] = None
    """Who or where the figure is for ("nông thôn"), when the text narrows it."""
    direction: Optional[Direction] = None
    raw: str
    """The words the figure was read from ("xuống dưới 2,5% vào năm 2025")."""
    line: int
    page: Optional[int] = None


class Indicator(_Model):
    """A chỉ tiêu: one target line of the objectives section(s), with its targets."""
    index: int
    code: Optional[str] = None
    """"3" for "Chỉ tiêu 3"; null when the plan does not number its targets."""
    group: Optional[str] = None
    """The heading it sits under ("Mục tiêu 1: Về phát triển toàn diện trẻ em ...")."""
    text: str
    targets: list[Target] = Field(default_factory=list)
    line: int
    page: Optional[int] = None


class Assignment(_Model):
    """A unit named in TỔ CHỨC THỰC HIỆN, with what it is given."""
    agency: str
    role: Optional[Literal["lead", "support"]] = None
    """"lead" when it chủ trì (or carries the chỉ tiêu itself), "support" when it only phối hợp."""
    indicator_codes: list[str] = Field(default_factory=list)
    """Every chỉ tiêu code named for the unit, lead or support."""
    lead_codes: list[str] = Field(default_factory=list)
    """The codes it leads (not only supports)."""
    tasks: list[str] = Field(default_factory=list)
    line: int
    page: Optional[int] = None


class Deadline(_Model):
    date: Optional[str] = None
    """ISO at the precision written: "2021-07-15", "2021-09", "2025-Q4", "2025", "--11-30", "---18"."""
    recurrence: Recurrence = "none"
    action: Optional[str] = None
    actor: Optional[str] = None
    recipient: Optional[str] = None
    text: str
    line: int
    page: Optional[int] = None


class Table(_Model):
    """A data table of the plan (Word tables with a header row), e.g. a schedule of tasks."""
    line: int
    header: list[str]
    rows: list[list[str]]


class ParseWarning(_Model):
    """A doubtful reading, reported instead of silently repaired."""
    code: str
    message: str
    line: Optional[int] = None


class Plan(_Model):
    schema_version: Literal["1"] = "1"
    source: Source
    document: Document
    sections: list[Section] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    assignments: list[Assignment] = Field(default_factory=list)
    deadlines: list[Deadline] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    """Data tables (Word), cells as text; an extension of SPEC.md."""
    warnings: list[ParseWarning] = Field(default_factory=list)
