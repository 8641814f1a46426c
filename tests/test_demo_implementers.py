"""The demo's good practices and reasons as the roadmap prints them (issue 12, review r12): a practice's "run by"
names who runs it (the roadmap lists practices under the organisation that runs them, and "Regional pilot
programme" put one under none), the conference's secretariat is called by its name, and a country's name is
typed as the roadmap's own headings write it (CLDR's "Côte d’Ivoire", not "Côte d'Ivoire")."""

from __future__ import annotations

import re

from babel import Locale

from bot.domain.workshop_file import EXAMPLE_FILE, load_workshop
from bot.offline.demo import bilingual, phrases, plenary_bilingual

WORKSHOP = load_workshop(EXAMPLE_FILE)


def _implementers() -> list[tuple[str, str]]:
    """(practice key, its "run by") in the language it was sent in and in its other language."""
    found = [(p.key, p.run_by) for p in phrases.PRACTICES]
    found += [(key, fields["run_by"]) for key, fields in bilingual.PRACTICE_FIELDS_OTHER_LANGUAGE.items()
              if fields.get("run_by")]
    return found


def _organisation_names() -> set[str]:
    names = set()
    for org in WORKSHOP.organisations:
        for language in WORKSHOP.languages:
            name = org.name.get(language)
            names.add(name)
            names.update(re.findall(r"\(([^()]+)\)\s*$", name))
    return names


def test_a_practice_run_by_a_programme_names_the_organisation_behind_it():
    organisations = _organisation_names()
    for key, run_by in _implementers():
        if re.search(r"program", run_by, re.I):  # "Programa piloto regional" is no one who runs anything
            assert any(name in run_by for name in organisations), (key, run_by)
    ilo = {run_by for key, run_by in _implementers() if key == "ofimatica"}
    assert ilo == {"Organización Internacional del Trabajo (OIT)", "International Labour Organization (ILO)"}


def test_the_demo_calls_the_conferences_secretariat_by_its_name():
    texts = [*bilingual.OTHER_LANGUAGE.values(), *plenary_bilingual.OTHER_LANGUAGE.values(),
             *(r.set_aside for r in phrases.RECOMMENDATIONS if r.set_aside)]
    assert any("RCM Executive Secretariat" in t for t in texts)
    assert not [t for t in texts if re.search(r"Technical Secretariat|Secretaría Técnica", t)]


def test_a_country_is_typed_as_the_roadmap_heads_it():
    """The roadmap heads practices from outside the region with the CLDR name; the demo's "where" and "run by"
    write the same name the same way."""
    cldr = {name.replace("’", "'"): name for language in WORKSHOP.languages
            for name in Locale.parse(language).territories.values() if "’" in name}
    fields = [p.where for p in phrases.PRACTICES] + [run_by for _, run_by in _implementers()]
    fields += [f["where"] for f in bilingual.PRACTICE_FIELDS_OTHER_LANGUAGE.values() if f.get("where")]
    assert any("Côte d’Ivoire" in f for f in fields)
    for text in fields:
        for straight, typographic in cldr.items():
            assert straight not in text, (text, typographic)
