"""Quotes and statements: recall, precision, speakers and what they are about."""

from __future__ import annotations

from dataclasses import dataclass

from graph.evaluate.context import CG, Context
from graph.evaluate.gold import Gold, gold_names, gold_span
from graph.evaluate.normalise import norm_text
from graph.evaluate.result import Result

_STATEMENTS = """SELECT ?s ?t ?b ?e ?sp ?ty WHERE { ?s prov:wasDerivedFrom ?art ; a cg:Statement .
    OPTIONAL { ?s schema:text ?t } OPTIONAL { ?s nif:beginIndex ?b ; nif:endIndex ?e }
    OPTIONAL { ?s prov:wasAttributedTo ?sp } OPTIONAL { ?s a ?ty } }"""


@dataclass(frozen=True)
class SystemStatement:
    """A statement of the graph, as scored.

    Attributes:
        text: Its text, if any.
        span: Its character offsets in the article, if any.
        speaker: Its speaker's IRI, if any.
        types: Its classes.
        speaker_types: Its speaker's classes.
    """

    text: str | None
    span: tuple[int, int] | None
    speaker: str | None
    types: frozenset[str]
    speaker_types: frozenset[str]

    @property
    def direct(self) -> bool:
        """Whether it is a direct or mixed quote."""
        return bool({CG + "DirectQuote", CG + "MixedQuote"} & self.types)


def system_statements(ctx: Context, art: str) -> dict[str, SystemStatement]:
    """The statements of the article ``art``, by IRI, in the order the store gives them."""
    rows: dict[str, list[dict]] = {}
    for r in ctx.select(_STATEMENTS, art=art):
        rows.setdefault(r["s"], []).append(r)
    return {s: _statement(ctx, rs) for s, rs in rows.items()}


def _statement(ctx: Context, rows: list[dict]) -> SystemStatement:
    spans = [(int(r["b"]), int(r["e"])) for r in rows if r["b"] is not None]
    speakers = [r["sp"] for r in rows if r["sp"] is not None]
    speaker = speakers[-1] if speakers else None
    speaker_types = {r["t"] for r in ctx.select("SELECT ?t WHERE { ?sp a ?t }", sp=speaker)} if speaker else set()
    return SystemStatement(text=rows[0]["t"], span=spans[-1] if spans else None, speaker=speaker,
                           types=frozenset(r["ty"] for r in rows if r["ty"] is not None),
                           speaker_types=frozenset(speaker_types))


def score_statements(ctx: Context, gold: Gold, raw: str, stmts: dict[str, SystemStatement]) -> Result:
    """Score the gold quotes and statements of one article against the graph's.

    A gold item is found by the system statements that contain its text, or whose span
    covers half of it; its speaker is right if one of them has it (or an unnamed source,
    for ``UNNAMED``); its ``about`` targets must be among what they are about. Every
    system statement that matched no gold item counts against precision.
    """
    fname = gold["article"]["file"]
    parts, used = [], set()
    for kind in ("quote", "statement"):
        for item in gold.get(kind, []):
            found = [k for k, s in stmts.items() if _matches(raw, item, s)]
            used.update(found)
            if not item.get("optional"):
                parts.append(_score_item(ctx, gold, kind, item, {k: stmts[k] for k in found}))
    precision = Result()
    for k, s in stmts.items():
        precision.add("quote_precision" if s.direct else "statement_precision", k in used)
        if k not in used:
            precision.errors.append(f"{fname}: unmatched system {'quote' if s.direct else 'statement'} "
                                    f"'{(s.text or '')[:60]}'")
    return Result.merged([*parts, precision])


def _matches(raw: str, item: Gold, s: SystemStatement) -> bool:
    if s.text and norm_text(item["text"]) in norm_text(s.text):
        return True
    gs = gold_span(raw, item["text"])
    if gs and s.span:
        return min(gs[1], s.span[1]) - max(gs[0], s.span[0]) >= 0.5 * (gs[1] - gs[0])
    return False


def _score_item(ctx: Context, gold: Gold, kind: str, item: Gold, found: dict[str, SystemStatement]) -> Result:
    fname, res = gold["article"]["file"], Result()
    res.add(f"{kind}_recall", bool(found))
    if not found:
        res.errors.append(f"{fname}: missed {kind} '{item['text'][:60]}' ({item['speaker']})")
        return res
    about = _about(ctx, gold, kind, item, found) if item.get("about") else Result()
    ok = any(_speaker_ok(ctx, gold, item, s) for s in found.values())
    res.add(f"{kind}_speaker_accuracy", ok)
    if not ok:
        res.errors.append(f"{fname}: wrong speaker for {kind} '{item['text'][:50]}': got "
                          f"{[ctx.names.get(s.speaker) for s in found.values()]}")
    return Result.merged([about, res])


def _about(ctx: Context, gold: Gold, kind: str, item: Gold, found: dict[str, SystemStatement]) -> Result:
    res, got = Result(), set()
    for k in found:
        for r in ctx.select("SELECT ?e WHERE { ?s schema:about ?e }", s=k):
            got |= ctx.names_of(r["e"])
    for target in item["about"]:
        hit = bool(gold_names(gold, target) & got)
        res.add("about_recall", hit)
        if not hit:
            res.errors.append(f"{gold['article']['file']}: {kind} '{item['text'][:40]}' "
                              f"not linked to its target {target}")
    return res


def _speaker_ok(ctx: Context, gold: Gold, item: Gold, s: SystemStatement) -> bool:
    if item["speaker"] == "UNNAMED":
        return CG + "UnnamedSource" in s.speaker_types
    got = ctx.names_of(s.speaker)
    return any(gold_names(gold, w) & got for w in [item["speaker"]] + item.get("alt_speakers", []))
