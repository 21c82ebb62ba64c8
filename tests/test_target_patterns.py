"""PATTERNS.md causes C1, C3, C4, C25, C28, C29, C31 as cases: every example and its variations.

tests/cases/target-patterns.txt: one sentence through `read_figures`, expected
`[[value, value_max, unit, comparator, year], ...]`.
tests/cases/target-scope.txt: a whole text through `parse_text`, expected
`{"targets": [[...], ...], "codes": ["5", "7"]}` (the targets of every indicator, in order).

Titles are "<id> example: ..." for a PATTERNS.md example and "<id> varied: ..." for a variation.
An expected target with a sixth element "optional" is a reading GOLD.md leaves optional (a
figure "duy trì đến năm Z" for a later year): found or not, it is no error. Numbers compare with
a small tolerance. Measures ("%", "‰", "VND", "tấn", "cm" ...) compare exactly; a count's unit
is any noun, compared after casefold, and a counted noun that starts with the expected one (or
the other way round: "hợp tác xã nông nghiệp" / "hợp tác xã") is the same count.
"""
from __future__ import annotations

import json
import math
import re

import pytest

from keoach import parse_text
from keoach.parse.indicators import read_figures

from conftest import read_cases

SENTENCES = read_cases("target-patterns.txt")
SCOPE = read_cases("target-scope.txt")

# The example numbers of the PATTERNS.md sections covered here (C25, C28, C29, C31 list
# their examples unnumbered; they are numbered in the order written there).
EXAMPLES = {"C1": 4, "C3": 7, "C4": 5, "C25": 2, "C28": 5, "C29": 4, "C31": 2}
TITLE = re.compile(r"^(?P<id>C\d+\.\d+) (?P<kind>example|varied): \S")

MEASURES = {"%", "%/năm", "‰", "/10000", "/100000", "VND", "USD",
            "tấn", "ha", "km", "cm", "m", "m3", "m3/ngày", "kWh", "MW"}


def _same_num(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


def _same_unit(want, got) -> bool:
    if want in MEASURES or want is None:
        return want == got
    if got is None or got in MEASURES:
        return False
    w, g = " ".join(want.casefold().split()), " ".join(str(got).casefold().split())
    return w == g or g.startswith(w + " ") or w.startswith(g + " ")


def _same(want: list, got: list) -> bool:
    return (_same_num(want[0], got[0]) and _same_num(want[1], got[1]) and _same_unit(want[2], got[2])
            and want[3] == got[3] and want[4] == got[4])


def _check(expected: list, got: list) -> None:
    """`got` must be the required targets in order; optional ones may stand anywhere among them."""
    required = [e[:5] for e in expected if len(e) < 6]
    optional = [e[:5] for e in expected if len(e) >= 6]
    unused, k, ok = list(optional), 0, True
    for g in got:
        if k < len(required) and _same(required[k], g):
            k += 1
        elif (hit := next((o for o in unused if _same(o, g)), None)) is not None:
            unused.remove(hit)
        else:
            ok = False
    assert ok and k == len(required), f"expected {required} (optional {optional}), got {got}"


def _targets(ts) -> list:
    return [[t.value, t.value_max, t.unit, t.comparator, t.year] for t in ts]


@pytest.mark.parametrize("title, sentence, expected", [pytest.param(*c, id=c[0]) for c in SENTENCES])
def test_sentence(title: str, sentence: str, expected: list) -> None:
    _check(expected, _targets(read_figures(sentence)))


@pytest.mark.parametrize("title, text, expected", [pytest.param(*c, id=c[0]) for c in SCOPE])
def test_scope(title: str, text: str, expected: dict) -> None:
    assert "\n.\n" not in "\n" + text + "\n"
    plan = parse_text(text)
    _check(expected["targets"], _targets(t for i in plan.indicators for t in i.targets))
    assert [i.code for i in plan.indicators if i.code] == expected["codes"]


def test_every_example_has_a_case_and_three_variations() -> None:
    seen: dict[str, dict[str, int]] = {}
    for title, *_ in SENTENCES + SCOPE:
        m = TITLE.match(title)
        assert m, f"title must be '<id> example: ...' or '<id> varied: ...': {title!r}"
        seen.setdefault(m["id"], {"example": 0, "varied": 0})[m["kind"]] += 1
    for cause, n in EXAMPLES.items():
        for k in range(1, n + 1):
            got = seen.get(f"{cause}.{k}", {"example": 0, "varied": 0})
            assert got["example"] >= 1, f"{cause}.{k}: no example case"
            assert got["varied"] >= 3, f"{cause}.{k}: {got['varied']} variations, want >= 3"
    for key in seen:
        cause, k = key.split(".")
        assert cause in EXAMPLES and 1 <= int(k) <= EXAMPLES[cause], f"unknown example id {key}"


def test_expected_values_are_well_formed() -> None:
    comparators = {"=", "<", "<=", ">", ">=", "range"}
    rows = [e for _, _, exp in SENTENCES for e in exp] + [e for _, _, exp in SCOPE for e in exp["targets"]]
    for e in rows:
        assert len(e) in (5, 6) and (len(e) == 5 or e[5] == "optional"), e
        assert isinstance(e[0], (int, float)) and e[3] in comparators, e
        assert (e[1] is not None) == (e[3] == "range"), e
        assert e[4] is None or 1990 <= e[4] <= 2100, e
    for _, _, exp in SCOPE:
        assert set(exp) == {"targets", "codes"} and all(isinstance(c, str) for c in exp["codes"]), exp
