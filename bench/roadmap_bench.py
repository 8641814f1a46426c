"""Roadmap PDF at workshop scale: 300 participants, 5,000 items, against bare ReportLab.

Goal (issue "The roadmap PDF, per-table minutes, and data exports"): build time at most 3x bare ReportLab
building the same escaped paragraphs in one `SimpleDocTemplate.build`, and under 300 MB peak memory.

"Bare" is one escaped paragraph per item holding all of that item's typed text fields, set in the same TTF font:
the text the roadmap must lay out at the very least. Each measurement runs in a fresh subprocess, so imports,
font registration and caches count as they would in a bot worker, and peak RSS (ru_maxrss) is that build's
alone. Time is measured without tracemalloc (it slows allocation-heavy code severalfold), best of `--repeat`
alternating runs (the machine may be busy); the roadmap's tracemalloc peak comes from one more run.

    python -m bench.roadmap_bench [--items 5000] [--participants 300] [--repeat 3] [--no-memory]

Each timed run is printed as it ends (a loaded machine makes the whole take minutes); `--no-memory` skips the
tracemalloc run, the slowest (peak memory is then read from ru_maxrss alone).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
import tomllib
import tracemalloc
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

from bot.domain.constituency import CONTESTED_COUNTRIES, DEFAULT_BROAD_COUNTRIES
from reports.model import (
    Comment,
    Country,
    Dimension,
    Feedback,
    Item,
    Level,
    Organisation,
    Participant,
    Participation,
    RoadmapData,
    Table,
    WorkshopInfo,
)

GOAL_RATIO = 3.0
GOAL_MB = 300
ROOT = Path(__file__).resolve().parent.parent

_ES = (
    "la reintegración sostenible de las personas migrantes retornadas requiere coordinación entre "
    "instituciones nacionales y locales, acceso a empleo, salud mental, vivienda, educación, "
    "certificación de competencias, redes comunitarias, protección de niñas, niños y mujeres, datos "
    "y monitoreo, presupuesto, alianzas con el sector privado y la sociedad civil")
_EN = (
    "sustainable reintegration of returning migrants needs coordination between national and local "
    "institutions, access to jobs, mental health, housing, schooling, skills certification, "
    "community networks, protection of children and women, data and monitoring, budgets, "
    "partnerships with the private sector and civil society")
WORDS_ES, WORDS_EN = _ES.split(), _EN.split()
SPICE = ("AT&T", "<b>", "&amp;", "Ñandú", "Łódź", "🙂", "«citado»", "x" * 120)


def _sentence(rng: random.Random, low: int, high: int) -> str:
    words = WORDS_ES if rng.random() < 0.7 else WORDS_EN
    text = " ".join(rng.choice(words) for _ in range(rng.randint(low, high)))
    if rng.random() < 0.1:
        text += " " + rng.choice(SPICE)
    return text[0].upper() + text[1:] + "."


def synthetic_roadmap(n_items: int = 5000, n_participants: int = 300, seed: int = 7) -> RoadmapData:
    """A large workshop with the real shape: 3 levels x 3 dimensions, 3 tables, 11 countries, 6 organisations;
    40 % challenges, 30 % good practices, 30 % recommendations; a few merged and rejected; plenary feedback."""
    rng = random.Random(seed)
    levels = (Level("individual", "Individual"), Level("community", "Comunitario"),
              Level("structural", "Estructural"))
    dims = (Dimension("economic", "Económica"), Dimension("social", "Social"),
            Dimension("psychosocial", "Psicosocial"))
    countries = tuple(Country(c, n) for c, n in (
        ("BZ", "Belice"), ("CA", "Canadá"), ("CR", "Costa Rica"), ("SV", "El Salvador"), ("US", "Estados Unidos"),
        ("GT", "Guatemala"), ("HN", "Honduras"), ("MX", "México"), ("NI", "Nicaragua"), ("PA", "Panamá"),
        ("DO", "República Dominicana")))
    orgs = tuple(Organisation(o, o.upper(), "observer") for o in ("oim", "oit", "acnur", "unicef", "rrocm", "pma"))
    tables = tuple(Table(t, f"Grupo {t}", levels[n].id, ("SE-CRM",)) for n, t in enumerate("ABC"))
    t0 = datetime(2022, 9, 7, 14, tzinfo=UTC)
    items: list[Item] = []
    kinds = ["challenge"] * 4 + ["good_practice"] * 3 + ["recommendation"] * 3
    challenges: list[int] = []
    practices: list[int] = []
    for n in range(1, n_items + 1):
        kind = kinds[n % 10]
        country = rng.choice(countries)
        credit = rng.choice((f"Persona {n} ({country.name})", country.name, None))
        status = rng.choices(("approved", "submitted", "merged", "rejected"), (85, 7, 5, 3))[0]
        common = dict(id=n, kind=kind, status=status, language=rng.choice(("es", "es", "en")),
                      created_at=t0 + timedelta(seconds=n * 7), level_id=rng.choice(levels).id,
                      dimension_ids=tuple(rng.sample([d.id for d in dims], rng.randint(1, 2))),
                      credit=credit, merged_into=max(1, n - 10) if status == "merged" else None)
        if kind == "challenge":
            items.append(Item(**common, description=_sentence(rng, 25, 90), group_ids=("women",)))
            challenges.append(n)
        elif kind == "good_practice":
            org = rng.choice(orgs) if rng.random() < 0.3 else None
            items.append(Item(**common, name=_sentence(rng, 4, 10), where=country.name, run_by=_sentence(rng, 3, 8),
                              achieved=_sentence(rng, 15, 50), country_id=country.id if credit else None,
                              country_name=country.name if credit else None,
                              organisation_id=org.id if org else None, organisation_name=org.name if org else None))
            practices.append(n)
        else:
            status = rng.choices(("adopted", "adopted_amended", "set_aside", "merged", "rejected"),
                                 (60, 20, 10, 6, 4))[0]
            common.update(status=status, table_id=rng.choice(tables).id,
                          merged_into=max(1, n - 10) if status == "merged" else None)
            comments = tuple(Comment(_sentence(rng, 5, 20), credit, "es", t0) for _ in range(rng.randint(0, 2)))
            items.append(Item(**common, action=_sentence(rng, 20, 70), scope=rng.choice(("national", "regional")),
                              actor_ids=("national_authorities", "civil_society"),
                              timeframe=rng.choice(("short", "medium", "long")),
                              challenge_ids=tuple(rng.sample(challenges, min(2, len(challenges)))),
                              good_practice_ids=tuple(rng.sample(practices, min(2, len(practices)))),
                              votes=rng.randint(0, 40),
                              reading_reason=_sentence(rng, 5, 15) if status != "adopted" else "",
                              feedback=Feedback(rng.randint(0, 20), rng.randint(0, 5), comments)))
    people = tuple(Participant(id=1000 + n, kind="government", country_id=countries[n % 11].id,
                               table_id="ABC"[n % 3], public=n % 2 == 0, name=f"Persona {n}" if n % 2 == 0 else None)
                   for n in range(n_participants))
    return RoadmapData(
        workshop=WorkshopInfo(title="Taller sobre Reintegración Sostenible", place="Puebla, México",
                              starts_on=date(2022, 9, 7), ends_on=date(2022, 9, 8), organisers=("CRM", "SE-CRM"),
                              levels=levels, dimensions=dims, tables=tables, countries=countries, organisations=orgs),
        language="es", final=False, generated_at=t0, items=tuple(items), participants=people,
        participation=Participation(n_participants, len(countries), len(orgs), n_participants // 3,
                                    (("government", n_participants),)),
        briefing=_briefing("es"),
        broad_support_countries=DEFAULT_BROAD_COUNTRIES, contested_countries=CONTESTED_COUNTRIES,
    )


def _briefing(language: str) -> dict:
    path = ROOT / "content" / language / "briefings" / "reintegration.toml"
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def item_paragraph(item: Item) -> str:
    """Every typed text field of an item, escaped, as bare ReportLab would be given it."""
    fields = (item.description, item.name, item.where, item.run_by, item.achieved, item.action,
              item.reading_reason, item.credit or "")
    return "<br/>".join(escape(f) for f in fields if f)


def build_bare(data: RoadmapData) -> bytes:
    from io import BytesIO

    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from reports.fonts import report_font

    style = getSampleStyleSheet()["BodyText"]
    style.fontName = report_font().regular
    buffer = BytesIO()
    SimpleDocTemplate(buffer).build([Paragraph(item_paragraph(item), style) for item in data.items])
    return buffer.getvalue()


def _child(what: str, n_items: int, n_participants: int, trace: bool) -> dict:
    data = synthetic_roadmap(n_items, n_participants)
    if what == "roadmap":
        from reports.roadmap import build_roadmap as build
    elif what == "bare":
        build = build_bare
    else:
        raise SystemExit(f"unknown child {what!r}")
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    pdf = build(data)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    maxrss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    return {"seconds": seconds, "bytes": len(pdf), "traced_peak_mb": peak / 2**20, "maxrss_mb": maxrss_kb / 1024}


def _run_child(what: str, n_items: int, n_participants: int, trace: bool) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "bench.roadmap_bench", "--child", what, "--items", str(n_items),
         "--participants", str(n_participants), *(["--trace"] if trace else [])],
        check=True, capture_output=True, text=True, cwd=ROOT,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--participants", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each; the best counts")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc run")
    args = parser.parse_args([] if argv is None else argv)
    if args.child:
        result = _child(args.child, args.items, args.participants, args.trace)
        print(json.dumps(result))
        return result
    print(f"roadmap: {args.participants} participants, {args.items} items; best of {args.repeat} runs, "
          f"each build in a fresh process", flush=True)
    runs: dict[str, list[dict]] = {"bare": [], "roadmap": []}
    for _ in range(args.repeat):  # alternating, so a burst of load elsewhere hits both alike
        for what in runs:
            runs[what].append(_run_child(what, args.items, args.participants, trace=False))
        bare, built = runs["bare"][-1]["seconds"], runs["roadmap"][-1]["seconds"]
        print(f"  run {len(runs['bare'])}: bare {bare:.2f} s, roadmap {built:.2f} s ({built / bare:.2f}x)", flush=True)
    results = {what: min(found, key=lambda r: r["seconds"]) for what, found in runs.items()}
    if not args.no_memory:
        results["roadmap"]["traced_peak_mb"] = _run_child("roadmap", args.items, args.participants, trace=True)[
            "traced_peak_mb"]
    for what, best in results.items():
        times = ", ".join(f"{r['seconds']:.2f}" for r in runs[what])
        traced = f"  tracemalloc peak {best['traced_peak_mb']:6.1f} MB" if best["traced_peak_mb"] else ""
        print(f"  {what:8} {best['seconds']:6.2f} s (runs: {times})  {best['bytes'] / 2**20:5.1f} MB pdf  "
              f"peak RSS {max(r['maxrss_mb'] for r in runs[what]):6.1f} MB{traced}", flush=True)
    ratio = results["roadmap"]["seconds"] / results["bare"]["seconds"]
    peak = max([r["maxrss_mb"] for r in runs["roadmap"]] + [results["roadmap"]["traced_peak_mb"]])
    print(f"  ratio roadmap/bare: {ratio:.2f}x (goal <= {GOAL_RATIO}x) -> {'OK' if ratio <= GOAL_RATIO else 'OVER'}")
    print(f"  roadmap peak memory: {peak:.1f} MB (goal < {GOAL_MB} MB) -> {'OK' if peak < GOAL_MB else 'OVER'}")
    results["ratio"] = ratio
    return results


if __name__ == "__main__":
    main(sys.argv[1:])
