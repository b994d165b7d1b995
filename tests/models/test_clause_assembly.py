"""The summary's length as units are tried, kept by sentence, against assembling every trial.

select_clauses tries each unit by the length the summary would have with it; _Chosen keeps
that length sentence by sentence. On random units (trailing marks, closing 。 and ！,
connectives an opening drops, empty pieces) every trial must measure what assembling the
whole trial gives.
"""

import random
from bisect import insort

from summarizer.models.clause_select import Unit, _assemble, _Chosen, _source_order

_PIECES = [
    "营收",
    "同比增长",
    "30%",
    "，",
    "；",
    "。",
    "！",
    "？",
    " ",
    "、",
    "：",
    "而",
    "但是，",
    "此外",
]


def _unit(rng: random.Random, sentence: int, first: int) -> Unit:
    text = "".join(rng.choice(_PIECES) for _ in range(rng.randrange(0, 6)))
    return Unit(sentence, first, first, text, frozenset(), frozenset(), 1.0, 1.0, True)


def test_every_trial_measures_the_assembled_length():
    rng = random.Random(3)
    trials = 0
    for _ in range(400):
        places = [(s, c) for s in range(5) for c in range(4)]
        rng.shuffle(places)
        units = [_unit(rng, s, c) for s, c in places[: rng.randrange(1, 12)]]
        chosen = _Chosen()
        plain: list[Unit] = []
        for unit in units:
            trial = plain.copy()
            insort(trial, unit, key=_source_order)
            assert chosen.length_with(unit) == len(_assemble(trial))
            trials += 1
            if rng.random() < 0.7:
                chosen.add(unit)
                plain = trial
        assert chosen.units == plain
    assert trials > 1000


def test_a_closing_exclamation_counts_only_at_the_end():
    chosen = _Chosen()
    first = Unit(0, 0, 0, "营收创新高！", frozenset(), frozenset(), 1.0, 1.0, True)
    later = Unit(1, 0, 0, "而净利下降，", frozenset(), frozenset(), 1.0, 1.0, True)
    assert chosen.length_with(first) == len("营收创新高！")  # kept as it ends the summary
    chosen.add(first)
    # 营收创新高！。净利下降。: closed with 。 inside, the connective dropped from the opening
    assert chosen.length_with(later) == len("营收创新高！。净利下降。")
