"""The models: a fast __init__ with the dataclass's own signature, frozen, and loading JSON back."""
from __future__ import annotations

import dataclasses
import inspect
from pathlib import Path

import pytest

from keoach.model import plan as M

MODELS = [v for v in vars(M).values() if isinstance(v, type) and dataclasses.is_dataclass(v) and v.__module__ == M.__name__]


@pytest.mark.parametrize("cls", MODELS, ids=lambda c: c.__name__)
def test_init_takes_the_fields_with_their_defaults(cls) -> None:
    params = list(inspect.signature(cls.__init__).parameters.values())[1:]
    fields = dataclasses.fields(cls)
    assert [p.name for p in params] == [f.name for f in fields]
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params)
    required = {f.name: f"value of {f.name}" for f in fields
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}
    a, b = cls(**required), cls(**required)
    for f in fields:
        got = getattr(a, f.name)
        if f.name in required:
            assert got == required[f.name]
        elif f.default_factory is not dataclasses.MISSING:
            assert got == f.default_factory() and (got is not getattr(b, f.name) or got == ())   # a new one each
        else:
            assert got == f.default
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(a, fields[0].name, None)
    if required:
        with pytest.raises(TypeError):
            cls(**dict(list(required.items())[1:]))
    with pytest.raises(TypeError):
        cls(**required, not_a_field=1)


def test_a_plan_loads_back_from_its_json() -> None:
    from keoach import parse_file
    from keoach.model import load_json
    from keoach.output import plan_dict, to_json
    sample = Path(__file__).parent.parent / "samples" / "so-ldtbxh-gia-lai-2021.txt"
    plan = parse_file(sample)
    again = load_json(to_json(plan_dict(plan)))
    assert again == plan and to_json(plan_dict(again)) == to_json(plan_dict(plan))
