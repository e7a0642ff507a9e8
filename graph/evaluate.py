"""Score a graph against gold annotations (TOML, format in ``tests/gold/README.md``).

The metrics and their definitions are those of the project's shared scorer
(``shared/eval/score_gold.py``), so that ``claimgraph evaluate`` and the scorer agree on
the same store; ``tests/test_evaluate.py`` checks that they do.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from graph.rdf._terms import iri
from graph.rdf.base import GraphStore

HONORIFICS = re.compile(
    r"^(mr|mrs|ms|miss|dr|prof|sir|lt gen|lt\. gen|gen|general|lieutenant general|he|h e|"
    r"samdech|lok chumteav|oknha|president|minister|premier)\.?\s+")
KG = {"tonne": 1000.0, "ton": 1000.0, "tons": 1000.0, "tonnes": 1000.0, "kg": 1.0, "kilogram": 1.0,
      "kilograms": 1.0, "kilogrammes": 1.0, "g": 0.001, "gram": 0.001}
CG = "https://w3id.org/claimgraph/ontology#"
SUMMARY = ("quote_recall", "quote_speaker_accuracy", "quote_precision", "statement_recall",
           "statement_speaker_accuracy", "about_recall", "person_recall", "person_precision",
           "statistic_recall")


def norm_text(s: str) -> str:
    """Text as compared: NFKC, plain quotes, no brackets, single spaces, lowercase."""
    s = unicodedata.normalize("NFKC", s)
    for a, b in (("“", '"'), ("”", '"'), ("’", "'"), ("‘", "'"), ("…", "...")):
        s = s.replace(a, b)
    s = re.sub(r"[\[\]]", "", s)
    return re.sub(r"\s+", " ", s).strip().lower()


def norm_name(s: str) -> str:
    """A name as compared: no diacritics or punctuation, lowercase, honorifics dropped."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().replace("’", "'")
    s = re.sub(r"\s+", " ", re.sub(r"[^\w\s'-]", " ", s)).strip()
    for _ in range(3):
        s = HONORIFICS.sub("", s)
    return re.sub(r"^the\s+", "", s)


@dataclass
class Result:
    """Metrics as (hits, total) pairs, plus one line per error."""

    counts: dict[str, tuple[int, int]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def add(self, key: str, hit: bool | int, total: int = 1) -> None:
        h, t = self.counts.get(key, (0, 0))
        self.counts[key] = (h + int(hit), t + total)

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
        short = {"_recall": "_R", "_precision": "_P", "_speaker_accuracy": "_spk"}
        summary = []
        for k in SUMMARY:
            name = k
            for a, b in short.items():
                name = name.replace(a, b)
            summary.append(f"{name}={m.get(k)}")
        return out + ["OK | " + " ".join(summary)]


def score(store: GraphStore, gold_dir: Path, text_dir: Path) -> Result:
    """Score the store against every ``*.toml`` gold file in ``gold_dir``.

    Args:
        store: The graph.
        gold_dir: Gold annotations.
        text_dir: The annotated article texts.
    """
    golds = [tomllib.loads(f.read_text("utf-8")) for f in sorted(Path(gold_dir).glob("*.toml"))]
    scorer = _Scorer(store, Path(text_dir))
    for gold in golds:
        scorer.article(gold)
    scorer.identity(golds)
    return scorer.result


class _Scorer:
    def __init__(self, store: GraphStore, text_dir: Path) -> None:
        self.store, self.text_dir, self.result = store, text_dir, Result()
        self.names: dict[str, set[str]] = {}
        for r in self.q("SELECT ?e ?n WHERE { { ?e rdfs:label ?n } UNION { ?e skos:altLabel ?n } }"):
            self.names.setdefault(r["e"], set()).add(norm_name(r["n"]))

    def q(self, sparql: str, **bind: str) -> list[dict]:
        return self.store.select(sparql, **{k: iri(v) for k, v in bind.items()})

    def article_iri(self, fname: str) -> str | None:
        rows = self.store.select("SELECT ?a WHERE { ?a cg:sourceFile ?f }", f=fname)
        if not rows:
            rows = [r for r in self.q("SELECT ?a ?f WHERE { ?a cg:sourceFile ?f }")
                    if str(r["f"]).endswith("/" + fname)]
        return rows[0]["a"] if rows else None

    @staticmethod
    def gold_names(gold: dict, speaker: str) -> set[str]:
        for kind in ("person", "organization", "place"):
            for p in gold.get(kind, []):
                if p["name"] == speaker:
                    return {norm_name(n) for n in [p["name"]] + p.get("aliases", [])}
        return {norm_name(speaker)}

    def speaker_ok(self, gold: dict, item: dict, speaker: str | None, types: set[str]) -> bool:
        if item["speaker"] == "UNNAMED":
            return CG + "UnnamedSource" in types
        got = self.names.get(speaker, set())
        return any(self.gold_names(gold, w) & got for w in [item["speaker"]] + item.get("alt_speakers", []))

    def article(self, gold: dict) -> None:
        res, fname = self.result, gold["article"]["file"]
        raw = (self.text_dir / fname).read_text(encoding="utf-8")
        art = self.article_iri(fname)
        if art is None:
            res.errors.append(f"{fname}: no article with cg:sourceFile")
            for kind in ("quote", "statement", "statistic", "person", "organization"):
                for item in gold.get(kind, []):
                    if not item.get("optional"):
                        res.add(f"{kind}_recall", 0)
            return
        stmts = self.statements(art)

        def gold_span(text: str) -> tuple[int, int] | None:
            if norm_text(text) not in norm_text(raw):
                return None
            esc = lambda w: "".join("['’‘]" if c in "'’‘" else '["“”]' if c in '"“”' else re.escape(c)  # noqa: E731
                                    for c in w)
            mm = re.search(r"\s+".join(esc(w) for w in text.split()), raw)
            return (mm.start(), mm.end()) if mm else None

        def matches(item: dict, s: dict) -> bool:
            if s["text"] and norm_text(item["text"]) in norm_text(s["text"]):
                return True
            gs = gold_span(item["text"])
            if gs and s["span"]:
                return min(gs[1], s["span"][1]) - max(gs[0], s["span"][0]) >= 0.5 * (gs[1] - gs[0])
            return False

        used: set[str] = set()
        for kind in ("quote", "statement"):
            for item in gold.get(kind, []):
                cands = [k for k, s in stmts.items() if matches(item, s)]
                used.update(cands)
                if item.get("optional"):
                    continue
                res.add(f"{kind}_recall", bool(cands))
                if cands and item.get("about"):
                    got = set()
                    for k in cands:
                        for r in self.q("SELECT ?e WHERE { ?s schema:about ?e }", s=k):
                            got |= self.names.get(r["e"], set())
                    for target in item["about"]:
                        hit = bool(self.gold_names(gold, target) & got)
                        res.add("about_recall", hit)
                        if not hit:
                            res.errors.append(f"{fname}: {kind} '{item['text'][:40]}' not linked to its target {target}")
                if cands:
                    ok = any(self.speaker_ok(gold, item, stmts[k]["speaker"], stmts[k]["spk_types"]) for k in cands)
                    res.add(f"{kind}_speaker_accuracy", ok)
                    if not ok:
                        res.errors.append(f"{fname}: wrong speaker for {kind} '{item['text'][:50]}': got "
                                          f"{[self.names.get(stmts[k]['speaker']) for k in cands]}")
                else:
                    res.errors.append(f"{fname}: missed {kind} '{item['text'][:60]}' ({item['speaker']})")
        for k, s in stmts.items():
            direct = bool({CG + "DirectQuote", CG + "MixedQuote"} & s["types"])
            res.add("quote_precision" if direct else "statement_precision", k in used)
            if k not in used:
                res.errors.append(f"{fname}: unmatched system {'quote' if direct else 'statement'} '{(s['text'] or '')[:60]}'")
        self.entities(gold, fname, art)
        self.statistics(gold, fname, art, gold_span)

    def statements(self, art: str) -> dict[str, dict]:
        stmts: dict[str, dict] = {}
        for r in self.q("""SELECT ?s ?t ?b ?e ?sp ?ty WHERE { ?s prov:wasDerivedFrom ?art ; a cg:Statement .
                   OPTIONAL { ?s schema:text ?t } OPTIONAL { ?s nif:beginIndex ?b ; nif:endIndex ?e }
                   OPTIONAL { ?s prov:wasAttributedTo ?sp } OPTIONAL { ?s a ?ty } }""", art=art):
            s = stmts.setdefault(r["s"], {"text": r["t"], "span": None, "speaker": None, "types": set(), "spk_types": set()})
            if r["b"] is not None:
                s["span"] = (int(r["b"]), int(r["e"]))
            if r["sp"] is not None:
                s["speaker"] = r["sp"]
            if r["ty"] is not None:
                s["types"].add(r["ty"])
        for s in stmts.values():
            if s["speaker"]:
                s["spk_types"] = {r["t"] for r in self.q("SELECT ?t WHERE { ?sp a ?t }", sp=s["speaker"])}
        return stmts

    def entities(self, gold: dict, fname: str, art: str) -> None:
        res = self.result
        ents: dict[str, set[str]] = {}
        for r in self.q("SELECT ?e ?t WHERE { ?art schema:mentions ?e . ?e a ?t }", art=art):
            ents.setdefault(r["e"], set()).add(r["t"])
        all_names = {norm_name(n) for k in ("person", "organization", "place")
                     for item in gold.get(k, []) for n in [item["name"]] + item.get("aliases", [])}
        for kind, cls in (("person", "https://schema.org/Person"), ("organization", "https://schema.org/Organization")):
            sys_ents = [e for e, ts in ents.items() if cls in ts]
            matched: set[str] = set()
            for item in gold.get(kind, []):
                gnames = {norm_name(n) for n in [item["name"]] + item.get("aliases", [])}
                hits = [e for e in sys_ents if self.names.get(e, set()) & gnames]
                matched.update(hits)
                if item.get("optional"):
                    continue
                res.add(f"{kind}_recall", bool(hits))
                if not hits:
                    res.errors.append(f"{fname}: missed {kind} {item['name']}")
                if kind == "person" and hits:
                    self.title_precision(fname, art, item, hits)
                if kind == "person" and hits and item.get("titles"):
                    titles = {norm_text(r["t"]) for e in hits for r in self.q("SELECT ?t WHERE { ?e schema:jobTitle ?t }", e=e)}
                    for t in item["titles"]:
                        ok = any(norm_text(t) in x or x in norm_text(t) for x in titles if x)
                        res.add("title_recall", ok)
                        if not ok:
                            res.errors.append(f"{fname}: missed title '{t}' of {item['name']} (has {sorted(titles)})")
            for e in sys_ents:
                ok = e in matched or bool(self.names.get(e, set()) & all_names)
                res.add(f"{kind}_precision", ok)
                if not ok:
                    res.errors.append(f"{fname}: spurious {kind} {sorted(self.names.get(e, {e}))}")

    def title_precision(self, fname: str, art: str, item: dict, hits: list[str]) -> None:
        """Each title that this article's role nodes give a gold person must be one of its
        gold titles (either contains the other), so a title taken from the wrong person counts."""
        gold_titles = [norm_text(t) for t in item.get("titles", [])]
        for e in hits:
            for r in self.q("SELECT DISTINCT ?t WHERE { ?r a cg:Role ; org:member ?e ; cg:title ?t ; "
                            "prov:wasDerivedFrom ?art }", e=e, art=art):
                title = norm_text(r["t"])
                ok = any(g in title or title in g for g in gold_titles if g)
                self.result.add("title_precision", ok)
                if not ok:
                    self.result.errors.append(f"{fname}: spurious title '{r['t']}' of {item['name']} "
                                              f"(gold {item.get('titles', [])})")

    def statistics(self, gold: dict, fname: str, art: str, gold_span) -> None:
        stats = []
        for r in self.q("""SELECT ?x ?v ?u ?t ?b ?e WHERE { ?x a cg:Statistic ; prov:wasDerivedFrom ?art ; schema:value ?v .
                   OPTIONAL { ?x schema:unitText ?u } OPTIONAL { ?x schema:text ?t }
                   OPTIONAL { ?x nif:beginIndex ?b ; nif:endIndex ?e } }""", art=art):
            try:
                v = float(r["v"])
            except (TypeError, ValueError):
                continue
            stats.append({"v": v, "u": str(r["u"] or "").lower(), "text": r["t"],
                          "span": (int(r["b"]), int(r["e"])) if r["b"] is not None else None})
        for item in gold.get("statistic", []):
            gv, gu = float(item["value"]), item.get("unit", "")

            def same_value(s: dict) -> bool:
                if abs(s["v"] - gv) < 1e-6:
                    return True
                return s["u"] in KG and gu in KG and abs(s["v"] * KG[s["u"]] - gv * KG[gu]) < 1e-6

            def near(s: dict) -> bool:
                if not (s["text"] or s["span"]):
                    return True
                if s["text"] and (norm_text(s["text"]) in norm_text(item["text"]) or norm_text(item["text"]) in norm_text(s["text"])):
                    return True
                gs = gold_span(item["text"])
                return bool(gs and s["span"] and min(gs[1], s["span"][1]) > max(gs[0], s["span"][0]))

            if item.get("optional"):
                continue
            hit = any(same_value(s) and near(s) for s in stats)
            self.result.add("statistic_recall", hit)
            if not hit:
                self.result.errors.append(f"{fname}: missed statistic '{item['text']}'")

    def identity(self, golds: list[dict]) -> None:
        people: dict[str, set[str]] = {}
        for gold in golds:
            for item in gold.get("person", []):
                people.setdefault(item["name"], set()).update(norm_name(n) for n in [item["name"]] + item.get("aliases", []))
        sys_people = [r["e"] for r in self.q("SELECT DISTINCT ?e WHERE { ?e a schema:Person }")]
        dup = wrong = 0
        for name in people:
            nodes = [e for e in sys_people if norm_name(name) in self.names.get(e, set())]
            if len(nodes) > 1:
                dup += 1
                self.result.errors.append(f"duplicate person nodes for {name}: {len(nodes)}")
        full = {norm_name(n): n for n in people}
        for e in sys_people:
            carried = {full[x] for x in self.names.get(e, set()) if x in full}
            if len(carried) > 1:
                wrong += 1
                self.result.errors.append(f"one node merges {sorted(carried)}")
        self.result.counts["person_duplicates"] = (dup, 0)
        self.result.counts["person_wrong_merges"] = (wrong, 0)
