"""`keoach deadlines`: the deadlines of many plans as one dated list, and as a calendar.

A Deadline keeps its date as written ("2021-07-15", "2021-09", "2025-Q4", "2025", "--11-20"
yearly, "---18" monthly). `expand` turns each into dated occurrences inside the plan's period,
narrowed (never stretched) by --from/--until: a yearly day gives one date a year, a monthly day one a month; a half-
yearly or quarterly duty repeats every 6 or 3 months from the month written (or, with only a
day, in the last month of each half or quarter). These are exactly the dates of the RRULE
`ics_text` writes (RFC 5545: a day a month lacks, such as the 31st, is skipped).
A partial date sorts at the first day of its period and says its precision; it is due on the
last day ("quý IV/2025" by 2025-12-31), which is the one-day event of the calendar.
"""
from __future__ import annotations

import calendar
import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Iterable, Iterator, Optional

import regex

from ...model import Deadline, Plan
from ...parse.text import fold

_FULL = regex.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?|-Q(?P<q>[1-4]))?$")
_YEARLY = regex.compile(r"^--(?P<m>\d{2})-(?P<d>\d{2})$")
_MONTHLY = regex.compile(r"^---(?P<d>\d{2})$")
STEP_MONTHS = {"yearly": 12, "half-yearly": 6, "quarterly": 3, "monthly": 1}


@dataclass(frozen=True)
class Window:
    start: date
    end: date

    def __contains__(self, d: date) -> bool:
        return self.start <= d <= self.end


@dataclass(frozen=True)
class Occurrence:
    """One dated (or undated) obligation of one plan."""
    plan: Plan
    deadline: Deadline
    start: Optional[date]
    """First day of the period the date names (the day itself for a full date)."""
    end: Optional[date]
    """Last day of that period: a deadline "tháng 9/2021" is met until 2021-09-30."""
    precision: Optional[str]
    """day, month, quarter, year; None when the plan gives no date."""

    @property
    def date_text(self) -> Optional[str]:
        if self.start is None:
            return None
        if self.precision == "day":
            return self.start.isoformat()
        if self.precision == "month":
            return self.start.strftime("%Y-%m")
        if self.precision == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return str(self.start.year)

    def sort_key(self) -> tuple:
        return (self.start is None, self.start or date.max, self.plan.source.path, self.deadline.line)

    def as_dict(self, today: Optional[date] = None) -> dict:
        d, doc = self.deadline, self.plan.document
        return {
            "date": self.date_text, "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None, "precision": self.precision,
            "days_left": (self.end - today).days if today and self.end else None,
            "recurrence": d.recurrence, "written": d.date, "action": d.action, "actor": d.actor,
            "recipient": d.recipient, "text": d.text, "line": d.line, "page": d.page,
            "plan": {"source": self.plan.source.path, "number": doc.number, "title": doc.title},
        }


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def period_of(text: str) -> Optional[tuple[date, date, str]]:
    """(first day, last day, precision) of a dated deadline: "2021-09" -> Sep 1 .. Sep 30, month."""
    m = _FULL.match(text)
    if not m:
        return None
    try:
        return _period(m)
    except ValueError:                  # "2020-13", "2021-02-30": no such day
        return None


def _period(m) -> tuple[date, date, str]:
    y = int(m["y"])
    if m["d"]:
        day = date(y, int(m["m"]), int(m["d"]))
        return day, day, "day"
    if m["m"]:
        return date(y, int(m["m"]), 1), _month_end(y, int(m["m"])), "month"
    if m["q"]:
        q = int(m["q"])
        return date(y, 3 * q - 2, 1), _month_end(y, 3 * q), "quarter"
    return date(y, 1, 1), date(y, 12, 31), "year"


def plan_window(plan: Plan) -> Optional[Window]:
    """The plan's period as dates: "giai đoạn 2021-2030" -> 2021-01-01 .. 2030-12-31."""
    p = plan.document.period
    start = p.start or p.end or (int(plan.document.date[:4]) if plan.document.date else None)
    end = p.end or start
    if start is None or end is None:
        return None
    return Window(date(start, 1, 1), date(end, 12, 31))


def rule_of(d: Deadline) -> Optional[tuple[int, int, Optional[int], date]]:
    """A recurring deadline as (step in months, day of month, first month, anchor date) or None.

    The anchor is the earliest date the rule can start: a full date written with the
    recurrence ("trước ngày 20/11/2021 và hằng năm") starts there, a month-day at any year."""
    if d.recurrence == "none" or d.date is None:
        return None
    step = STEP_MONTHS[d.recurrence]
    if m := _YEARLY.match(d.date):
        return step, int(m["d"]), int(m["m"]), date.min
    if m := _MONTHLY.match(d.date):
        first = None if step == 1 else step       # the last month of each half / quarter
        return step, int(m["d"]), first, date.min
    if (p := period_of(d.date)) and p[2] == "day":
        return step, p[0].day, p[0].month, p[0]
    return None


def rule_dates(step: int, day: int, month: Optional[int], window: Window, anchor: date = date.min) -> list[date]:
    """Every date of a rule inside the window; days a month lacks are skipped (RFC 5545)."""
    months = range(1, 13) if month is None and step == 1 else \
        sorted({((month or step) - 1 + k * step) % 12 + 1 for k in range(12 // step)})
    out = []
    for y in range(window.start.year, window.end.year + 1):
        for mo in months:
            if day <= calendar.monthrange(y, mo)[1]:
                d = date(y, mo, day)
                if d in window and d >= anchor:
                    out.append(d)
    return out


def narrow(window: Optional[Window], plan: Plan) -> Optional[Window]:
    """The dates a plan's deadlines can fall on: its period, narrowed by `window` (--from/--until);
    a window never stretches a plan past its own period. A plan with no period takes the window."""
    own = plan_window(plan)
    if own is None or window is None:
        return own or window
    return Window(max(own.start, window.start), min(own.end, window.end))


def expand(plan: Plan, window: Optional[Window]) -> Iterator[Occurrence]:
    """The occurrences of every deadline of a plan inside its period narrowed by `window`."""
    win = narrow(window, plan)
    for d in plan.deadlines:
        rule = rule_of(d)
        if rule is not None and win is not None:
            step, day, month, anchor = rule
            for when in rule_dates(step, day, month, win, anchor):
                yield Occurrence(plan, d, when, when, "day")
            continue
        span = period_of(d.date) if d.date else None
        if span is None:
            if window is None:          # undated duties are listed with the plan's own dates only
                yield Occurrence(plan, d, None, None, None)
            continue
        start, end, precision = span
        if window is None or (start <= window.end and end >= window.start):   # a plan's own dates stay
            yield Occurrence(plan, d, start, end, precision)


@dataclass
class Filters:
    actor: Optional[str] = None
    grep: Optional[str] = None
    today: Optional[date] = None
    upcoming: Optional[int] = None
    overdue: bool = False

    def keep(self, o: Occurrence) -> bool:
        d = o.deadline
        if self.actor and fold(self.actor) not in fold(d.actor or ""):
            return False
        if self.grep:
            hay = " ".join(x or "" for x in (d.action, d.text, d.actor, d.recipient, o.plan.document.title))
            if fold(self.grep) not in fold(hay):
                return False
        if self.overdue or self.upcoming is not None:
            if o.end is None or self.today is None:
                return False
            late = self.overdue and o.end < self.today
            soon = self.upcoming is not None and self.today <= o.end and o.start <= self.today + timedelta(self.upcoming)
            return late or soon
        return True


def agenda(plans: Iterable[Plan], window: Optional[Window], filters: Filters) -> list[Occurrence]:
    """Every kept occurrence of every plan, by date (undated last), then plan and line."""
    found = [o for p in plans for o in expand(p, window) if filters.keep(o)]
    return sorted(found, key=Occurrence.sort_key)


# --- iCalendar (RFC 5545) ----------------------------------------------------------------------

_BYDAY_FREQ = {"yearly": "YEARLY", "monthly": "MONTHLY", "half-yearly": "MONTHLY", "quarterly": "MONTHLY"}


def _ics_escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold_line(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1)."""
    out, cur = [], b""
    for ch in line:
        b = ch.encode("utf-8")
        if len(cur) + len(b) > (75 if not out else 74):
            out.append(cur.decode("utf-8"))
            cur = b""
        cur += b
    out.append(cur.decode("utf-8"))
    return "\r\n ".join(out)


def _uid(o: Occurrence, seen: dict[str, int]) -> str:
    """Stable across runs and re-parses: the plan's number (or file name), the date as written and
    the action; re-importing the calendar updates these events instead of adding copies."""
    p, d = o.plan, o.deadline
    key = "|".join([p.document.number or p.source.path.rsplit("/", 1)[-1], d.date or "", d.recurrence,
                    fold(d.action or d.text)])
    if d.recurrence == "none" or rule_of(d) is None:
        key += "|" + (o.date_text or "")
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]
    seen[digest] = seen.get(digest, 0) + 1
    return f"{digest}{'-' + str(seen[digest]) if seen[digest] > 1 else ''}@keoach"


PRECISION_VI = {"month": "tháng", "quarter": "quý", "year": "năm"}


def due_by(o: Occurrence) -> str:
    """"hạn quý 4/2025" for a deadline written at a month, quarter or year; "" for a day."""
    if o.start is None or o.precision == "day":
        return ""
    if o.precision == "month":
        return f"hạn tháng {o.start.month}/{o.start.year}"
    if o.precision == "quarter":
        return f"hạn quý {(o.start.month - 1) // 3 + 1}/{o.start.year}"
    return f"hạn năm {o.start.year}"


def _summary(o: Occurrence) -> str:
    from ...output import one_line
    d, doc = o.deadline, o.plan.document
    what = one_line(d.action or d.text, 120)
    plan = f"số {doc.number}" if doc.number else o.plan.source.path.rsplit("/", 1)[-1]
    when = due_by(o)
    return f"{what} ({plan}{'; ' + when if when else ''})"


def calendar_name(plans: list[Plan]) -> str:
    """"Thời hạn: Kế hoạch 18/KH-UBND" for one plan, "Thời hạn của 5 kế hoạch" for several."""
    if len(plans) == 1:
        doc = plans[0].document
        return f"Thời hạn: {(doc.type or 'kế hoạch').capitalize()} {doc.number or plans[0].source.path.rsplit('/', 1)[-1]}"
    return f"Thời hạn của {len(plans)} kế hoạch"


def ics_text(occurrences: list[Occurrence], stamp: datetime, name: Optional[str] = None,
             alarm: Optional[int] = None) -> str:
    """A VCALENDAR named `name`: all-day events (VALUE=DATE, no time zone to shift them); a
    recurring deadline is one event whose RRULE runs from its first to its last listed occurrence,
    so a calendar shows exactly the dates of the table (inside the plan's period, narrowed by
    --from/--until). A deadline written as a month, quarter or year is one day, its last ("due
    by"), with the precision in the summary. `alarm`: a reminder that many days before."""
    from ...output import clean
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//keoach//deadlines//VI", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH"]
    if name:
        lines += [f"NAME:{_ics_escape(clean(name))}", f"X-WR-CALNAME:{_ics_escape(clean(name))}"]
    seen: dict[str, int] = {}
    done: set[tuple] = set()
    dtstamp = stamp.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    for o in occurrences:
        if o.start is None:
            continue
        d = o.deadline
        rule = rule_of(d)
        if rule is not None:
            ident = (o.plan.source.path, d.line, d.date, d.recurrence, d.text)
            if ident in done:
                continue
            done.add(ident)
            dates = [x.start for x in occurrences if x.deadline is d]
            step, day, month, _ = rule
            parts = [f"FREQ={_BYDAY_FREQ[d.recurrence]}"]
            if step in (3, 6):
                parts.append(f"INTERVAL={step}")
            if d.recurrence == "yearly":
                parts.append(f"BYMONTH={month}")
            parts += [f"BYMONTHDAY={day}", f"UNTIL={dates[-1].strftime('%Y%m%d')}"]
            first, end, rrule = dates[0], dates[0] + timedelta(1), ";".join(parts)
        else:
            first, end, rrule = o.end, o.end + timedelta(1), None
        lines += ["BEGIN:VEVENT", f"UID:{_uid(o, seen)}", f"DTSTAMP:{dtstamp}",
                  f"DTSTART;VALUE=DATE:{first.strftime('%Y%m%d')}", f"DTEND;VALUE=DATE:{end.strftime('%Y%m%d')}"]
        if rrule:
            lines.append(f"RRULE:{rrule}")
        description = clean(f"{d.text}\n\n{o.plan.source.path}, dòng {d.line}")
        if d.actor:
            description = f"Thực hiện: {clean(d.actor)}\n" + description
        if d.recipient:
            description = f"Gửi: {clean(d.recipient)}\n" + description
        lines += [f"SUMMARY:{_ics_escape(_summary(o))}", f"DESCRIPTION:{_ics_escape(description)}",
                  "TRANSP:TRANSPARENT"]
        if alarm is not None:
            lines += ["BEGIN:VALARM", "ACTION:DISPLAY", f"TRIGGER:-P{alarm}D" if alarm else "TRIGGER:PT0S",
                      f"DESCRIPTION:{_ics_escape(_summary(o))}", "END:VALARM"]
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(_fold_line(x) + "\r\n" for x in lines)
