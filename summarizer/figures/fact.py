"""A key figure as the extractor reports it, and its English rendering."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from summarizer.figures.metrics import (
    MULTIPLE,
    PER_SHARE,
)
from summarizer.figures.numbers import Quantity as Amount
from summarizer.figures.numbers import render_change, render_quantity
from summarizer.glossary import Term

PER_ADS = re.compile(r"每(?:股)?(?:ADS|ADR|美国存托股)")
_CHANGE_KEYS = ("yoy_pct", "qoq_pct", "mom_pct", "yoy_pp", "qoq_pp", "change_times")


@dataclass
class Fact:
    """One key figure, shaped like the ``facts`` of the evaluation sets."""

    subject: str
    metric: str
    period: str | None
    value: Decimal | None
    unit: str | None
    yoy_pct: Decimal | None = None
    qoq_pct: Decimal | None = None
    mom_pct: Decimal | None = None
    yoy_pp: Decimal | None = None
    qoq_pp: Decimal | None = None
    change_times: Decimal | None = None
    qualifier: str = ""
    segment: str = ""
    sentence: int = 0
    span: tuple[int, int] = (0, 0)
    evidence: str = ""
    period_en: str = ""
    text_en: str = ""
    kind: str = ""
    equivalent: tuple[Decimal, str] | None = None  # the same figure in another currency
    analyst: str = ""  # the broker or data provider whose estimate it is
    subject_term: Term | None = field(default=None, repr=False)

    def has_change(self) -> bool:
        return any(
            v is not None
            for v in (
                self.yoy_pct,
                self.qoq_pct,
                self.mom_pct,
                self.yoy_pp,
                self.qoq_pp,
                self.change_times,
            )
        )

    def to_dict(self) -> dict:
        data: dict = {"subject": self.subject, "metric": self.metric, "period": self.period}
        if self.segment:
            data["segment"] = self.segment
        if self.value is not None:
            data["value"] = float(self.value)
            data["unit"] = self.unit
        for key in _CHANGE_KEYS:
            if getattr(self, key) is not None:
                data[key] = float(getattr(self, key))
        if self.qualifier:
            data["qualifier"] = self.qualifier
        if self.equivalent is not None:
            data["equivalent"] = {"value": float(self.equivalent[0]), "unit": self.equivalent[1]}
        if self.analyst:
            data["analyst"] = self.analyst
        data["evidence"] = {
            "sentence": self.sentence,
            "start": self.span[0],
            "end": self.span[1],
            "text": self.evidence,
        }
        data["text_en"] = self.text_en
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Fact:
        """The fact a ``to_dict`` record describes (a results file, a batch row)."""

        def number(value: object) -> Decimal | None:
            return None if value is None else Decimal(str(value))

        evidence = data.get("evidence") or {}
        equivalent = data.get("equivalent")
        return cls(
            subject=data.get("subject", ""),
            metric=data["metric"],
            period=data.get("period"),
            value=number(data.get("value")),
            unit=data.get("unit"),
            **{key: number(data.get(key)) for key in _CHANGE_KEYS},
            qualifier=data.get("qualifier", ""),
            segment=data.get("segment", ""),
            sentence=evidence.get("sentence", 0),
            span=(evidence.get("start", 0), evidence.get("end", 0)),
            evidence=evidence.get("text", ""),
            text_en=data.get("text_en", ""),
            equivalent=(number(equivalent["value"]), equivalent["unit"]) if equivalent else None,
            analyst=data.get("analyst", ""),
        )


def render_fact(fact: Fact) -> str:
    """The figure in English: 'RMB 31.1 billion, up 11.4% year on year'."""
    parts = []
    if fact.value is not None and fact.unit is not None:
        text = render_quantity(Amount(fact.value, fact.unit, ""))
        if fact.kind == PER_SHARE:
            # 每ADS摊薄净收益为人民币3.39元: an ADS holds several shares, so say which
            if fact.metric.endswith("per unit"):
                text += " per unit"  # a trust's units, not shares
            else:
                text += " per ADS" if PER_ADS.match(fact.evidence) else " per share"
        elif fact.kind == MULTIPLE:
            text = f"{text.replace(' times', '')}x"
        if fact.equivalent is not None:
            text += f" ({render_quantity(Amount(fact.equivalent[0], fact.equivalent[1], ''))})"
        hedge = fact.qualifier
        if hedge in ("low end", "high end"):
            text = f"{text} ({hedge})"
        elif hedge:
            text = f"{hedge} {text}"
        parts.append(text)
    changes = []
    if fact.change_times is not None:
        changes.append(render_change(None, times=fact.change_times))
    for value, basis in (
        (fact.yoy_pct, "year on year"),
        (fact.qoq_pct, "quarter on quarter"),
        (fact.mom_pct, "month on month"),
    ):
        if value is not None:
            changes.append(render_change(value, basis))
    for value, basis in ((fact.yoy_pp, "year on year"), (fact.qoq_pp, "quarter on quarter")):
        if value is not None:
            direction = "up" if value >= 0 else "down"
            changes.append(f"{direction} {abs(value).normalize():f} percentage points {basis}")
    if (
        changes
        and fact.value is None
        and fact.qualifier
        and fact.qualifier not in ("low end", "high end")
    ):
        changes[0] = (
            changes[0]
            .replace("up ", f"up {fact.qualifier} ", 1)
            .replace("down ", f"down {fact.qualifier} ", 1)
        )
    parts.extend(changes)
    return ", ".join(parts)
