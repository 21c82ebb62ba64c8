"""The JSON contract of ../shared/SPEC.md. Field names are a public interface.

The models are frozen standard-library dataclasses, so parsing a plan never imports pydantic
(building 14 pydantic models costs ~130 ms at every start, more than the parse itself).
pydantic validates them where input comes from outside (`load_json`, reading `keoach parse`
JSON) and generates the JSON Schema (`json_schema`), through a TypeAdapter built on first use.
"""
from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from functools import lru_cache
from typing import Any, Literal, Optional

SectionKind = Literal["purpose", "objectives", "tasks", "budget", "implementation", "reporting",
                      "annex", "other"]
Comparator = Literal["<", "<=", ">", ">=", "=", "range"]
Recurrence = Literal["none", "yearly", "half-yearly", "quarterly", "monthly"]
Direction = Literal["decrease", "increase", "maintain"]


def _model(cls):
    """Frozen, keyword-only, slotted; pydantic (when used) refuses unknown fields."""
    cls.__pydantic_config__ = {"extra": "forbid"}
    cls = dataclass(frozen=True, kw_only=True, slots=True)(cls)
    cls.__init__ = _slot_init(cls)
    return cls


_FACTORY = object()     # the default of a field with a default factory: call the factory


def _slot_init(cls):
    """An __init__ with the signature and defaults of the dataclass's own, that stores each field
    through its slot's descriptor. A frozen dataclass's own goes through object.__setattr__ by
    name, 2x slower, and a plan makes hundreds of these (tests/test_model.py holds the two alike)."""
    namespace: dict[str, Any] = {"_FACTORY": _FACTORY}
    params, body = [], []
    for f in fields(cls):
        namespace[f"_set_{f.name}"] = getattr(cls, f.name).__set__
        if f.default_factory is not MISSING:
            namespace[f"_factory_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_FACTORY")
            body.append(f"    _set_{f.name}(self, _factory_{f.name}() if {f.name} is _FACTORY else {f.name})")
            continue
        if f.default is not MISSING:
            namespace[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        else:
            params.append(f.name)
        body.append(f"    _set_{f.name}(self, {f.name})")
    exec(f"def __init__(self, *, {', '.join(params)}):\n" + "\n".join(body) + "\n", namespace)   # noqa: S102
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


@_model
class Source:
    """Where the plan came from."""
    path: str
    """The input path as given (or "-" for standard input)."""
    format: Literal["txt", "md", "pdf", "docx", "image"]
    sha256: str
    """SHA-256 of the input bytes."""
    pages: Optional[int] = None
    """Page count for PDF; null for formats without pages."""
    encoding: Optional[str] = None
    """Text encoding used to decode a txt/md input (utf-8, utf-8-sig, utf-16, cp1258)."""
    ocr: Optional[list[int]] = None
    """Pages (1-based) read by OCR (scans, glyph-id text layers, images); null when none."""


@_model
class Period:
    start: Optional[int] = None
    end: Optional[int] = None


@_model
class Signer:
    name: Optional[str] = None
    title: Optional[str] = None
    """The signer's own title ("PHÓ CHỦ TỊCH"), without "KT."/"TM." lines."""


@_model
class Reference:
    """A document the plan cites: "Kế hoạch số 208/KH-UBND ngày 09/6/2021 của UBND tỉnh ..."."""
    type: Optional[str] = None
    number: str
    """Normalized: no spaces, plain hyphens ("23/CT- TTg" -> "23/CT-TTg")."""
    date: Optional[str] = None
    """ISO date; null when absent or impossible (an impossible date earns a warning)."""
    issuer: Optional[str] = None
    line: Optional[int] = None


@_model
class Document:
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
    period: Period = field(default_factory=Period)
    signer: Signer = field(default_factory=Signer)
    recipients: list[str] = field(default_factory=list)
    """The "Nơi nhận" list, one entry per line, without the leading dash."""
    references: list[Reference] = field(default_factory=list)


@_model
class Section:
    """A heading of the plan and what it contains; top level is decided by the numbering scheme."""
    number: Optional[str] = None
    """As printed, without the trailing dot: "I", "2.1", "a", "-" for a bullet; null if unnumbered."""
    title: str
    kind: SectionKind = "other"
    start_line: int
    end_line: int
    page: Optional[int] = None
    children: list["Section"] = field(default_factory=list)


@_model
class Target:
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


@_model
class Indicator:
    """A chỉ tiêu: one target line of the objectives section(s), with its targets."""
    index: int
    code: Optional[str] = None
    """"3" for "Chỉ tiêu 3"; null when the plan does not number its targets."""
    group: Optional[str] = None
    """The heading it sits under ("Mục tiêu 1: Về phát triển toàn diện trẻ em ...")."""
    text: str
    targets: list[Target] = field(default_factory=list)
    line: int
    page: Optional[int] = None


@_model
class Assignment:
    """A unit named in TỔ CHỨC THỰC HIỆN, with what it is given."""
    agency: str
    role: Optional[Literal["lead", "support"]] = None
    """"lead" when it chủ trì (or carries the chỉ tiêu itself), "support" when it only phối hợp."""
    indicator_codes: list[str] = field(default_factory=list)
    """Every chỉ tiêu code named for the unit, lead or support."""
    lead_codes: list[str] = field(default_factory=list)
    """The codes it leads (not only supports)."""
    tasks: list[str] = field(default_factory=list)
    line: int
    page: Optional[int] = None


@_model
class Deadline:
    date: Optional[str] = None
    """ISO at the precision written: "2021-07-15", "2021-09", "2025-Q4", "2025", "--11-30", "---18"."""
    recurrence: Recurrence = "none"
    action: Optional[str] = None
    actor: Optional[str] = None
    recipient: Optional[str] = None
    text: str
    line: int
    page: Optional[int] = None


@_model
class Table:
    """A data table of the plan (Word tables with a header row), e.g. a schedule of tasks."""
    line: int
    header: list[str]
    rows: list[list[str]]


@_model
class ParseWarning:
    """A doubtful reading, reported instead of silently repaired."""
    code: str
    message: str
    line: Optional[int] = None


@_model
class Plan:
    schema_version: Literal["1"] = "1"
    source: Source
    document: Document
    sections: list[Section] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    """Data tables (Word), cells as text; an extension of SPEC.md."""
    warnings: list[ParseWarning] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The plan as `keoach parse` writes it (SPEC.md), as Python values."""
        return to_dict(self)

    def to_json(self, indent: Optional[int] = 2) -> str:
        """The JSON of `keoach parse` (indented by two spaces, or one line with indent=None)."""
        from ..output import to_json
        return to_json(to_dict(self), indent)

    def target_rows(self) -> list[dict[str, Any]]:
        """One dict per target, with its plan and chỉ tiêu: `pandas.DataFrame(plan.target_rows())`.
        The columns are those of `keoach parse --format csv`."""
        return self._rows("targets")

    def deadline_rows(self) -> list[dict[str, Any]]:
        """One dict per deadline (`--table deadlines`)."""
        return self._rows("deadlines")

    def assignment_rows(self) -> list[dict[str, Any]]:
        """One dict per unit of TỔ CHỨC THỰC HIỆN (`--table assignments`)."""
        return self._rows("assignments")

    def _rows(self, table: str) -> list[dict[str, Any]]:
        from ..output import TABLES, table_rows
        header = TABLES[table][0]
        return [dict(zip(header, row)) for row in table_rows(to_dict(self), table)]


_SCALARS = (str, int, float, bool, type(None))
_CONVERTERS: dict[type, Any] = {}


def to_dict(obj: Any) -> Any:
    """The JSON-ready form of a model (fields in declaration order), recursively."""
    cls = type(obj)
    if cls in _SCALARS:
        return obj
    if cls is list:
        return [to_dict(x) for x in obj]
    convert = _CONVERTERS.get(cls)
    if convert is None:
        if not hasattr(cls, "__dataclass_fields__"):
            return obj
        convert = _CONVERTERS[cls] = _converter(cls)
    return convert(obj)


def _converter(cls: type):
    """A function written for one model: scalar fields are copied as they are, model fields
    and lists of models converted (one call per plan object instead of one per field)."""
    import typing
    hints = typing.get_type_hints(cls)
    parts = []
    for f in fields(cls):
        kind = _kind(hints[f.name])
        value = f"o.{f.name}"
        parts.append(f"{f.name!r}: " + {"scalar": value, "scalars": f"list({value})",
                                        "models": f"[_v(x) for x in {value}]"}.get(kind, f"_v({value})"))
    namespace = {"_v": to_dict}
    exec(f"def convert(o):\n    return {{{', '.join(parts)}}}\n", namespace)     # noqa: S102 - our own field names
    return namespace["convert"]


def _kind(hint: Any) -> str:
    """"scalar" (str, int, float, bool, None, Literal, Optional of these), "scalars" (a list of
    those), "models" (a list of anything else), or "other" (converted by to_dict)."""
    import typing
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint in _SCALARS or origin is Literal:
        return "scalar"
    if origin is typing.Union and all(_kind(a) == "scalar" for a in args):
        return "scalar"
    if origin is list:
        return "scalars" if _kind(args[0]) == "scalar" else "models" if hasattr(args[0], "__dataclass_fields__") else "other"
    return "other"


@lru_cache(maxsize=None)
def _adapter():
    from pydantic import TypeAdapter
    return TypeAdapter(Plan)


def load_json(data: str | bytes) -> Plan:
    """A Plan from the JSON of `keoach parse`, validated (raises pydantic.ValidationError)."""
    return _adapter().validate_json(data)


def load_dict(data: dict) -> Plan:
    return _adapter().validate_python(data)


def json_schema() -> dict:
    return _adapter().json_schema()
