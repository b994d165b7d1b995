"""The digest's JSON is written by indented_json: the text json.dumps(indent=2) gives."""

import json
import math
import random

import pytest

from summarizer.digest.render import indented_json


def random_value(rng: random.Random, depth: int = 0) -> object:
    roll = rng.random()
    if depth < 4 and roll < 0.25:
        return {random_text(rng): random_value(rng, depth + 1) for _ in range(rng.randrange(4))}
    if depth < 4 and roll < 0.4:
        items = [random_value(rng, depth + 1) for _ in range(rng.randrange(4))]
        return tuple(items) if rng.random() < 0.2 else items
    return rng.choice(
        [
            random_text(rng),
            rng.randrange(-(10**20), 10**20),
            rng.uniform(-1e6, 1e6),
            rng.choice([0.0, -0.0, 1e300, 5e-324, math.nan, math.inf, -math.inf]),
            rng.choice([True, False, None]),
        ]
    )


def random_text(rng: random.Random) -> str:
    pieces = ["营收", "Kuaishou", '"', "\\", "\n", "\t", "\x00", "\u2028", "é", "🚗", " ", "%"]
    return "".join(rng.choice(pieces) for _ in range(rng.randrange(5)))


@pytest.mark.parametrize("level", [0, 1, 2])
def test_same_text_as_json_dumps_with_indent(level):
    rng = random.Random(level)
    for _ in range(500):
        value = random_value(rng)
        expected = json.dumps(value, ensure_ascii=False, indent=2)
        assert indented_json(value, level) == expected.replace("\n", "\n" + "  " * level)


def test_what_json_converts_or_refuses_is_left_to_it():
    # keys json turns into text, and subclasses of the plain types
    odd = {1: "a", 2.5: [True], None: {}, False: 0, "x": {3: ()}}
    assert indented_json(odd) == json.dumps(odd, ensure_ascii=False, indent=2)

    class Count(int):
        pass

    assert indented_json([Count(3)], 1) == json.dumps([Count(3)], indent=2).replace("\n", "\n  ")
    with pytest.raises(TypeError):
        indented_json({"when": object()})


def test_a_nested_entry_reads_as_json_one_level_in():
    text = indented_json({"a": [1, {"b": "营收"}], "c": {}}, 1)
    assert (
        text
        == '{\n    "a": [\n      1,\n      {\n        "b": "营收"\n      }\n    ],\n    "c": {}\n  }'
    )
    assert json.loads(text) == {"a": [1, {"b": "营收"}], "c": {}}
