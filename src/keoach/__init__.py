"""keoach: Vietnamese government plans (Kế hoạch) as data.

>>> plan = parse_text("KẾ HOẠCH\\nI. MỤC TIÊU\\n- Chỉ tiêu 1: Tỷ lệ hộ nghèo giảm xuống dưới 2% vào năm 2025.")
>>> [(t.value, t.unit, t.comparator, t.year) for t in plan.indicators[0].targets]
[(2.0, '%', '<', 2025)]
>>> row = plan.target_rows()[0]                 # a dict per target: pandas.DataFrame(plan.target_rows())
>>> row["code"], row["value"], row["unit"], row["year"]
('1', 2.0, '%', 2025)

The public names: `parse_file`, `parse_text`, `diff` (a `PlanDiff`), `deadlines` (a list of
`Occurrence`), the models `Plan` and `PlanDiff`, and `KeoachError`, which every failure to read
an input is. A Plan gives `to_dict()`, `to_json()` and rows for a DataFrame (`target_rows()`,
`deadline_rows()`, `assignment_rows()`).
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["parse_file", "parse_text", "diff", "deadlines", "Plan", "PlanDiff", "Occurrence", "KeoachError",
           "__version__"]

_LAZY = {"parse_file": ".parse", "parse_text": ".parse", "Plan": ".model", "KeoachError": ".errors",
         "PlanDiff": ".model.diff", "Occurrence": ".commands.deadlines.agenda"}

TYPE_CHECKING = False
if TYPE_CHECKING:                   # `keoach --version` imports not even typing, datetime or pathlib
    from datetime import date
    from pathlib import Path
    from typing import Iterable, Optional

    from .commands.deadlines.agenda import Occurrence
    from .errors import KeoachError
    from .model import Plan
    from .model.diff import PlanDiff
    from .parse import parse_file, parse_text


def __getattr__(name: str):
    """The public names load on first use, so `keoach --version` imports nothing heavy (PEP 562)."""
    if name in _LAZY:
        import importlib
        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'keoach' has no attribute {name!r}")


def __dir__() -> list[str]:
    """The public names (loaded or not) for dir() and tab completion."""
    return sorted(set(__all__) | {n for n in globals() if n.startswith("__")})


def _plan(x: "Plan | str | Path") -> "Plan":
    from .model import Plan
    if isinstance(x, Plan):
        return x
    from .parse import parse_file
    return parse_file(x)


def diff(a: "Plan | str | Path", b: "Plan | str | Path", threshold: float = 0.35) -> "PlanDiff":
    """What changed from plan `a` to plan `b` (each a Plan or a path), as `keoach diff` prints it.

    >>> d = diff(parse_text("KẾ HOẠCH\\nI. MỤC TIÊU\\n- Tỷ lệ hộ nghèo dưới 3% vào năm 2025."),
    ...          parse_text("KẾ HOẠCH\\nI. MỤC TIÊU\\n- Tỷ lệ hộ nghèo dưới 2% vào năm 2025."))
    >>> [(t.verdict, t.changes) for p in d.indicators for t in p.targets]
    [('tighter', ['value'])]
    """
    from .commands.diff.compare import compare_plans
    return compare_plans(_plan(a), _plan(b), threshold)


def deadlines(plans: "Plan | str | Path | Iterable[Plan | str | Path]", since: Optional[date] = None,
              until: Optional[date] = None, today: Optional[date] = None, upcoming: Optional[int] = None,
              overdue: bool = False, actor: Optional[str] = None,
              grep: Optional[str] = None) -> list["Occurrence"]:
    """Every deadline of the plans by date, recurring ones expanded within each plan's period
    (narrowed by `since`/`until`), as `keoach deadlines` lists them; `Occurrence.as_dict()` is
    the row of its JSON."""
    from datetime import date
    from pathlib import Path

    from .commands.deadlines.agenda import Filters, Window, agenda
    if isinstance(plans, (str, Path)) or hasattr(plans, "deadlines"):
        plans = [plans]                                 # type: ignore[list-item]
    window = Window(since or date(1900, 1, 1), until or date(2199, 12, 31)) if since or until else None
    filters = Filters(actor=actor, grep=grep, today=today or date.today(), upcoming=upcoming, overdue=overdue)
    return agenda([_plan(p) for p in plans], window, filters)      # type: ignore[union-attr]
