"""The scores: metrics as (hits, total) counts, the errors behind them, and the report."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

SUMMARY = ("quote_recall", "quote_speaker_accuracy", "quote_precision", "statement_recall",
           "statement_speaker_accuracy", "about_recall", "person_recall", "person_precision",
           "statistic_recall")
_SHORT = {"_recall": "_R", "_precision": "_P", "_speaker_accuracy": "_spk"}


@dataclass
class Result:
    """Metrics as (hits, total) pairs, plus one line per error.

    Each scoring step fills a new ``Result`` of its own; :meth:`merged` sums them.

    >>> r = Result()
    >>> r.add("quote_recall", True); r.add("quote_recall", False)
    >>> Result.merged([r, r]).metrics
    {'quote_recall': 0.5}
    """

    counts: dict[str, tuple[int, int]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def add(self, key: str, hit: bool | int, total: int = 1) -> None:
        """Count one scored item (``total`` items) under ``key``, ``hit`` of them right."""
        h, t = self.counts.get(key, (0, 0))
        self.counts[key] = (h + int(hit), t + total)

    @classmethod
    def merged(cls, parts: Iterable[Result]) -> Result:
        """One result summing the counts of ``parts`` and listing their errors in order."""
        out = cls()
        for part in parts:
            for key, (h, t) in part.counts.items():
                out.add(key, h, t)
            out.errors.extend(part.errors)
        return out

    @property
    def metrics(self) -> dict[str, float]:
        """Each metric as a ratio (or a count, for duplicates and wrong merges)."""
        return {k: (h if t == 0 else round(h / t, 4)) for k, (h, t) in sorted(self.counts.items())}

    def lines(self, errors: bool = False) -> list[str]:
        """The report: one line per metric, the errors if asked, and a summary line last."""
        m = self.metrics
        out = [f"{k:32s} {v}  (n={self.counts[k][1]})" for k, v in m.items()]
        if errors:
            out += self.errors
        summary = []
        for k in SUMMARY:
            name = k
            for a, b in _SHORT.items():
                name = name.replace(a, b)
            summary.append(f"{name}={m.get(k)}")
        return out + ["OK | " + " ".join(summary)]
