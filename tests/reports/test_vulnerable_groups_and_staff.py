"""The vulnerable groups drawn together from every kind of item, and Annex A's list of who ran the workshop
(issue 12, findings 9, 10 and 28 of the secretariat's reading)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from pdftext import text
from sample import sample_roadmap

from bot.domain.workshop_file import load_workshop
from bot.jobs.roadmap_data import credit
from reports.labels import load_labels
from reports.model import Participant
from reports.roadmap import build_roadmap

LANGUAGES = ("es", "en")


def _section(full: str, start: str, end: str) -> str:
    begin = full.rindex(start)
    return full[begin:full.index(end, begin + len(start))]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_group_lists_its_challenges_practices_and_adopted_actions_each_with_its_level(language):
    """Women named by a challenge, a good practice and two recommendations: one adopted (listed under the
    adopted actions, with its level) and one set aside (not an action of the roadmap, so not listed)."""
    L = load_labels(language)
    data = sample_roadmap(language, final=True, hostile=False)
    by_id = {item.id: item for item in data.items}
    named = {23: by_id[23], 40: by_id[40], 42: by_id[42]}  # a practice, an adopted and a set-aside recommendation
    assert (named[23].kind, named[40].status, named[42].status) == ("good_practice", "adopted", "set_aside")
    items = tuple(replace(i, group_ids=("women",)) if i.id in named else i for i in data.items)
    full = text(build_roadmap(replace(data, items=items)))
    section = _section(full, L("sections.vulnerable"), L("sections.under_way"))
    start = section.index(f" Mujeres {L('kinds.challenge')}")  # the sample briefing's name, in both editions
    ends = [section.find(mark, start + 1) for mark in ("Personas desplazadas al retornar",
                                                      L("fields.vulnerable_other"))]
    block = section[start:min([e for e in ends if e > 0], default=len(section))]
    letters = {"es": ("BP", "Rec"), "en": ("G", "Rec")}[language]
    practices, actions = block.index(L("kinds.good_practice")), block.index(L("fields.vulnerable_actions"))
    assert block.index(L("kinds.challenge")) < practices < actions
    assert f"{letters[0]}-23 " in block[practices:actions]
    level = data.workshop.levels[0].name
    said = re.escape(f"({L('register.level', level=level.lower())})")
    assert re.search(rf"{letters[1]}-40 .*{said}", block[actions:].replace("\n", " "))
    assert f"{letters[1]}-42 " not in block  # set aside: no action of the roadmap


@pytest.mark.parametrize("language", LANGUAGES)
def test_annex_a_lists_each_person_who_ran_the_workshop_once_with_their_role(language):
    """Five people: the secretariat by name, two moderators (one by name), a translator, and a moderator who is
    also in the secretariat listed once with both roles; rapporteurs listed apart, as credited."""
    L = load_labels(language)
    iom, ilo, se = ("OIM", "OIT", "SE-CRM") if language == "es" else ("IOM", "ILO", "RCM ES")
    data = sample_roadmap(language, final=True, hostile=False)
    tables = data.workshop.tables
    staff = (Participant(id=900, kind="observer", organisation_id="ilo", staff=True,
                         roles=(("moderator", tables[1].id),)),
             Participant(id=901, kind="observer", organisation_id="iom", staff=True,
                         credit=f"Lorena Villalobos ({iom})", roles=(("secretariat", None),)),
             Participant(id=902, kind="government", country_id="GT", staff=True, roles=(("translator", None),)),
             Participant(id=903, kind="observer", organisation_id="iom", staff=True, credit=f"Jorge Castro ({iom})",
                         roles=(("moderator", tables[0].id), ("secretariat", None))))
    rapporteurs = tuple(replace(t, rapporteur="Karla Menjívar (El Salvador)") if n == 0 else t
                        for n, t in enumerate(tables))
    data = replace(data, participants=(*data.participants, *staff),
                   workshop=replace(data.workshop, tables=rapporteurs))
    full = text(build_roadmap(data))
    # what the annex lists is said under its heading, before the lists (not stranded after them)
    head = full.rindex(L("sections.annex_participants"))
    assert " ".join(full[head:].split()).startswith(
        f"{L('sections.annex_participants')} {L.plural('fields.annex_participants_note_translated', 1)}")
    annex = full[full.rindex(f"{L.plural('summary.staff_translated', 1)} (4):"):]  # one of them translated
    annex = " ".join(annex[:annex.index(L("sections.annex_items"))].split()) + " "
    annex = annex[:annex.index(f"{tables[-1].name}: {tables[-1].rapporteur} ") + len(tables[-1].name)
                  + len(tables[-1].rapporteur) + 3]  # up to the last rapporteur (a page's foot may follow)
    moderator = L("fields.staff_moderator", table="{}")
    assert annex == (
        f"{L.plural('summary.staff_translated', 1)} (4): "
        f"• {L('fields.staff_secretariat')}; {moderator.format(tables[0].name)}: Jorge Castro ({iom}) "
        f"• {L('fields.staff_secretariat')}: Lorena Villalobos ({iom}) "
        f"• {moderator.format(tables[1].name)}: {ilo} "
        f"• {L('fields.staff_translator')}: Guatemala "
        f"{L('fields.staff_rapporteurs')}: • {tables[0].name}: Karla Menjívar (El Salvador) "
        + "".join(f"• {t.name}: {t.rapporteur} " for t in tables[1:] if t.rapporteur))
    assert se not in annex


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_person_named_with_an_agency_is_credited_with_its_short_name(language):
    """"Amira Haddad (ACNUR)", not the agency's full name with its own brackets inside; by organisation alone
    the full name stays."""
    workshop = load_workshop(Path("content/workshops/crm-puebla-2022.toml"))
    amira = {"full_name": "Amira Haddad", "organisation": "unhcr", "country": None}
    short = {"es": "ACNUR", "en": "UNHCR"}[language]
    assert credit(workshop, amira, "named", language) == f"Amira Haddad ({short})"
    assert credit(workshop, amira, "country", language).endswith(f"({short})")
    assert len(credit(workshop, amira, "country", language)) > len(short) + 10
    karla = {"full_name": "Karla Menjívar", "country": "SV", "organisation": None}
    assert credit(workshop, karla, "named", language) == "Karla Menjívar (El Salvador)"
