"""Bucket PolNeAR strict misses by how the content bounds differ.

``score_polnear.py`` counts a gold attribution as strictly found when statements cover at
least 90% of it and lie 90% inside it; its ``--errors`` list says which ones miss, not why.
This script scores an export with the scorer's own code and, for every gold attribution
found leniently but not strictly, compares its bounds with those of its best statement:
each side is "ok", "early" or "late" (blanks, punctuation and quotation marks between the
two bounds are ignored). It prints the count of each kind of miss and, per kind, the most
frequent words at the differing edge (what a statement adds after the gold end, what it
leaves off at the gold start, ...), so the largest general kinds can be fixed first.

Usage (from the worktree root; the output quotes the corpus: keep it outside the
repository)::

    .venv/bin/python scripts/strict_buckets.py EXPORT.nq /work/eval/polnear/train [--show KIND] [--top N]
"""

from __future__ import annotations

import argparse
import importlib.util
import re
from collections import Counter, defaultdict
from pathlib import Path

SCORER = Path("/work/shared/eval/polnear/score_polnear.py")
LOOSE = " \t\n\"“”„‟«»'‘’`.,;:!?—–-()"
EDGE_WORDS = 3


def load_scorer(path: Path):
    """The scorer script as a module."""
    spec = importlib.util.spec_from_file_location("score_polnear", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def side(text: str, gold: int, system: int) -> str:
    """'ok' when only loose characters lie between the two bounds, else which one is first."""
    lo, hi = sorted((gold, system))
    if all(c in LOOSE for c in text[lo:hi]):
        return "ok"
    return "early" if system < gold else "late"


def edge(words: str, last: bool) -> str:
    """The first (or last) few words of a stretch, lowercased, capitalised words as X."""
    toks = re.findall(r"[\w'’-]+|[^\w\s]", words)
    toks = toks[-EDGE_WORDS:] if last else toks[:EDGE_WORDS]
    return " ".join("X" if t[:1].isupper() and t not in ("I",) else t.lower() for t in toks)


def strict_partners(sc, a: dict, spans: dict) -> list:
    """The statements pairing strictly with gold attribution ``a`` (the scorer's test)."""
    out = []
    for k, sp in spans.items():
        if sp is None:
            continue
        ov = sc_overlap(sp, a["segs"])
        if ov <= 0:
            continue
        slen = sp[1] - sp[0]
        gaps = sc_overlap(sp, [(x[1], y[0]) for x, y in zip(a["segs"], a["segs"][1:]) if y[0] > x[1]])
        if ov >= 0.9 * (slen - gaps) and (ov >= 0.9 * a["len"] or any(
                sc_overlap(sp, [s]) >= 0.9 * (s[1] - s[0]) for s in a["segs"])):
            out.append(k)
    return out


sc_overlap = None


def main() -> None:
    global sc_overlap
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("export")
    ap.add_argument("split_dir")
    ap.add_argument("--show", help="print every miss of this kind (e.g. 'ok/late')")
    ap.add_argument("--top", type=int, default=12)
    ap.add_argument("--only", choices=("direct", "indirect"),
                    help="only gold contents with (or without) quotation marks")
    args = ap.parse_args()
    sp = load_scorer(SCORER)
    sc_overlap = sp.overlap
    gold = sp.load_gold(Path(args.split_dir))
    exported, stmts, speakers = sp.load_system(sp.load_store(args.export))
    scorer = sp.Scorer(gold, exported, stmts, speakers, False)
    kinds: Counter = Counter()
    edges: dict[str, Counter] = defaultdict(Counter)
    shown = []
    n_found = n_strict = 0
    for name, g in gold.items():
        text = g["text"]
        syss = stmts.get(name, {})
        spans = {k: scorer.span_of(s, text) for k, s in syss.items()}
        for a in g["attributions"]:
            if args.only and a["direct"] != (args.only == "direct"):
                continue
            cands = []
            for k, span in spans.items():
                if span is None:
                    continue
                ov = sp.overlap(span, a["segs"])
                slen = span[1] - span[0]
                if ov > 0 and ov >= 0.5 * min(slen, a["len"]):
                    cands.append((ov / (slen + a["len"] - ov), k))
            if not cands:
                continue
            n_found += 1
            partners = strict_partners(sp, a, spans)
            covered = {i for k in partners for sb, se in a["segs"]
                       for i in range(max(spans[k][0], sb), min(spans[k][1], se))}
            if partners and len(covered) >= 0.9 * a["len"]:
                n_strict += 1
                continue
            b, e = spans[max(cands)[1]]
            gb, ge = a["segs"][0][0], a["segs"][-1][1]
            start, end = side(text, gb, b), side(text, ge, e)
            kind = f"{start}/{end}"
            if kind == "ok/ok":
                kind = "ok/ok(split or inner)"
            kinds[kind] += 1
            if start == "early":
                edges["start early: statement adds before gold (last words)"][edge(text[b:gb], True)] += 1
            if start == "late":
                edges["start late: statement leaves off (first words)"][edge(text[gb:b], False)] += 1
            if end == "late":
                edges["end late: statement adds after gold (first words)"][edge(text[ge:e], False)] += 1
            if end == "early":
                edges["end early: statement leaves off (first words)"][edge(text[e:ge], False)] += 1
            if args.show and kind.startswith(args.show):
                shown.append((name, text[gb:ge], text[b:e]))
    print(f"found leniently {n_found}, strictly {n_strict}, strict misses {n_found - n_strict}")
    for kind, n in kinds.most_common():
        print(f"  {kind:24s} {n}")
    for title, counter in edges.items():
        print(f"\n{title}: {sum(counter.values())}")
        for words, n in counter.most_common(args.top):
            print(f"  {n:5d}  {words}")
    for name, g_text, s_text in shown:
        print(f"\n{name}\n  GOLD {' '.join(g_text.split())}\n  SYS  {' '.join(s_text.split())}")


if __name__ == "__main__":
    main()
