"""json_bytes, the batch's fast encoder (orjson), writes exactly what json.dumps writes."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from keoach.output import json_bytes, to_json

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class Name(str):
    pass


scalars = st.one_of(
    st.none(), st.booleans(), st.text(max_size=20),
    st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), max_size=2),   # lone surrogates
    st.integers(), st.integers(min_value=2**63 - 2, max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False), st.floats(min_value=1e-12, max_value=1e-3),
    st.builds(Name, st.text(max_size=5)))
documents = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=4)), max_leaves=25)


def _bytes_or_error(make):
    try:
        return make()
    except UnicodeEncodeError:          # a lone surrogate: no UTF-8 for it
        return UnicodeEncodeError


def plain(obj, indent):
    return json.dumps(obj, ensure_ascii=False, indent=indent, separators=None if indent else (",", ":")) + "\n"


@SETTINGS
@given(documents, st.sampled_from([None, 2]))
def test_fast_encoder_writes_what_json_dumps_writes(obj, indent) -> None:
    assert to_json(obj, indent) == plain(obj, indent)
    assert _bytes_or_error(lambda: json_bytes(obj, indent)) == _bytes_or_error(lambda: plain(obj, indent).encode("utf-8"))


@pytest.mark.parametrize("value", [1e-05, 5.69e-05, 7.4e-06, 1e-4, 0.5, 1e16, 1.5e22, 2**64, "a\ud800", Name("x")])
def test_fast_encoder_leaves_to_json_dumps_what_it_writes_otherwise(value) -> None:
    for indent in (None, 2):
        obj = {"v": [value]}
        assert _bytes_or_error(lambda: json_bytes(obj, indent)) == _bytes_or_error(lambda: plain(obj, indent).encode())


def test_a_plan_encodes_alike_both_ways(tmp_path) -> None:
    from pathlib import Path

    from keoach import parse_file
    from keoach.output import plan_dict
    for sample in sorted(p for p in Path(__file__).parent.parent.joinpath("samples").iterdir() if p.suffix != ".json"):
        data = plan_dict(parse_file(sample))
        for indent in (None, 2):
            assert json_bytes(data, indent) == to_json(data, indent).encode()


def test_without_orjson_the_text_is_the_same(monkeypatch) -> None:
    data = {"a": [1, 2.5, "Kế hoạch", None], "b": {}}
    fast = json_bytes(data, None)
    monkeypatch.setitem(__import__("sys").modules, "orjson", None)      # import orjson now fails
    assert json_bytes(data, None) == fast == plain(data, None).encode()
