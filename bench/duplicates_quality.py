"""Precision and recall of the moderator's top-3 duplicate suggestions on a labelled set.

Every item of ``bench/data/near_duplicates.toml`` (groups of phrasings of one idea, plus distractors on the
same themes) is put in one pool, as if it were one very busy table; for each item that has a duplicate,
the suggestions shown to the moderator (at most 3, above the threshold) are compared with its group.

    precision = suggestions that are true duplicates / suggestions shown
    recall    = true duplicates suggested / true duplicates that exist (counting at most 3 per item)

Run: .venv/bin/python bench/duplicates_quality.py [--threshold 0.42] [--misses] [--no-glossary]
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.domain import duplicates

DATA = Path(__file__).resolve().parent / "data" / "near_duplicates.toml"


def load() -> tuple[list[tuple[int, str]], dict[int, int]]:
    raw = tomllib.loads(DATA.read_text(encoding="utf-8"))
    pool: list[tuple[int, str]] = []
    group_of: dict[int, int] = {}
    for group_number, group in enumerate(raw["groups"]):
        for text in group["items"]:
            group_of[len(pool)] = group_number
            pool.append((len(pool), text))
    for distractor in raw.get("distractors", []):
        pool.append((len(pool), distractor["text"]))
    return pool, group_of


def evaluate(threshold: float, show_misses: bool = False) -> dict[str, float]:
    pool, group_of = load()
    shown = hits = relevant = 0
    cross_relevant = cross_hits = 0
    for item_id, text in pool:
        if item_id not in group_of:
            continue
        mates = {i for i, g in group_of.items() if g == group_of[item_id] and i != item_id}
        others = [(i, t) for i, t in pool if i != item_id]
        suggested = [i for i, _ in duplicates.suggest(text, others, threshold=threshold)]
        found = mates & set(suggested)
        shown += len(suggested)
        hits += len(found)
        relevant += min(len(mates), duplicates.TOP)
        english = {i for i in mates if _english(pool[i][1])}
        cross = english if not _english(text) else mates - english
        cross_relevant += len(cross)
        cross_hits += len(cross & found)
        if show_misses and (mates - found or set(suggested) - mates):
            print(f"\n{text}\n  missed: {[pool[i][1] for i in mates - found]}"
                  f"\n  wrong:  {[pool[i][1] for i in set(suggested) - mates]}")
    return {"items": sum(1 for i, _ in pool if i in group_of), "pool": len(pool),
            "groups": len(set(group_of.values())), "precision": hits / shown if shown else 1.0,
            "recall": hits / relevant, "cross_language_recall": cross_hits / cross_relevant if cross_relevant else 1.0}


def _english(text: str) -> bool:
    return bool(set(duplicates.normalise(text).split()) & {"the", "for", "of", "and", "to", "their", "with"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threshold", type=float, default=duplicates.THRESHOLD)
    parser.add_argument("--misses", action="store_true", help="print every miss and false suggestion")
    parser.add_argument("--no-glossary", action="store_true", help="without the bilingual domain glossary")
    args = parser.parse_args()
    if args.no_glossary:
        duplicates.GLOSSARY = ()
    result = evaluate(args.threshold, args.misses)
    print(f"labelled set: {result['groups']} groups, {result['items']} items with duplicates, "
          f"{result['pool']} items in the pool (distractors included)")
    print(f"top-{duplicates.TOP} suggestions, threshold {args.threshold:.2f}: "
          f"precision {result['precision']:.3f}, recall {result['recall']:.3f} "
          f"(Spanish<->English pairs: recall {result['cross_language_recall']:.3f})")


if __name__ == "__main__":
    main()
