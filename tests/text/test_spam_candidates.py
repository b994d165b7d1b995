import random
import re
from collections import Counter

from corpus import corpus_articles

from summarizer.text.spam import _candidates, find_spam_strings


def reference_candidates(text: str) -> dict[str, list[int]]:
    """Every 3-8 character Han string counted, repeated ones kept if maximal, with all starts."""
    counts: Counter[str] = Counter()
    for run in re.findall(r"[\u4e00-\u9fff]+", text):
        for n in range(3, 9):
            for i in range(len(run) - n + 1):
                counts[run[i : i + n]] += 1
    repeated = {s: c for s, c in counts.items() if c >= 3}
    covered = {
        part
        for longer, c in repeated.items()
        if len(longer) > 3
        for part in (longer[:-1], longer[1:])
        if repeated.get(part) == c
    }
    return {
        s: [m.start() for m in re.finditer(f"(?={re.escape(s)})", text)]
        for s in repeated
        if s not in covered
    }


def stuffed(text: str, keyword: str) -> str:
    return "\n".join(line.replace("，", keyword + "，", 1) for line in text.split("\n"))


def test_candidates_and_their_order_match_the_plain_count():
    texts = [text for _, text in corpus_articles()]
    texts.append(stuffed("\n".join(texts[:6]), "全职美工"))
    texts.append("哈哈哈哈哈哈，哈哈哈哈。" * 4)  # overlapping repeats
    for text in texts:
        assert list(_candidates(text).items()) == list(reference_candidates(text).items())


def test_stuffed_keyword_is_found():
    text = stuffed("\n".join(text for _, text in corpus_articles()[:6]), "全职美工")
    assert find_spam_strings(text) == ["全职美工"]


def test_protected_terms_inside_or_around_the_keyword_keep_it():
    text = stuffed("\n".join(text for _, text in corpus_articles()[:6]), "全职美工")
    assert find_spam_strings(text, ["美工"]) == []  # a protected term inside it
    assert find_spam_strings(text, ["招聘全职美工师"]) == []  # inside a protected term
    assert find_spam_strings(text, ["职美工"]) == []
    assert find_spam_strings(text, ["美工师", "全职", "", "职员"]) == []  # 全职 is in it
    assert find_spam_strings(text, ["美工师", "兼职", ""]) == ["全职美工"]  # neither way


def test_candidates_of_random_text_from_a_small_alphabet_match_the_plain_count():
    """Few characters make many repeats, overlapping and nested, cut by breaks and digits."""
    rng = random.Random(9)
    for _ in range(200):
        alphabet = rng.sample("营收增长利润季度公司市场", rng.randrange(2, 6)) + ["，", "\n", "5"]
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 400)))
        assert list(_candidates(text).items()) == list(reference_candidates(text).items())


def test_shortest_texts_that_can_and_cannot_repeat_a_string_three_times():
    assert _candidates("") == {}
    assert _candidates("好好好好") == {}  # 好好好 twice only
    assert _candidates("好好好好好") == {"好好好": [0, 1, 2]}
    assert _candidates("营收增长，营收增长，营收增长") == {"营收增长": [0, 5, 10]}
