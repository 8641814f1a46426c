"""What a publications officer would otherwise fix by hand in the published roadmap, read back from the PDF in
both editions: the method told as what happened, who moderated and who reported, actions under way in the
region apart from examples elsewhere, a table's own recommendation said as such, the conference's English
name, and participation counts that agree between the summary and Annex A."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from pdftext import text
from sample import T0, sample_roadmap

from bot.i18n import load_toml
from bot.jobs.roadmap_data import roadmap_data
from bot.storage import Storage
from reports.labels import load_labels
from reports.model import Item, Organisation, Participant, Table
from reports.roadmap import build_roadmap

LANGUAGES = ("es", "en")


def _between(full: str, start: str, end: str) -> str:
    """The body's part from heading `start` to heading `end` (the last of each: the contents list them first),
    leaving out the list of sources, whose note names some of the sections again."""
    for language in ("es", "en"):
        L = load_labels(language)
        sources, acronyms = L("sections.sources"), L("sections.acronyms")
        if sources in full and acronyms in full[full.rindex(sources):]:
            cut = full.rindex(sources)
            full = full[:cut] + full[full.index(acronyms, cut):]
    begin = full.rindex(start)
    return full[begin:full.index(end, begin + len(start))]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_published_roadmap_tells_the_context_and_method_as_what_happened(language):
    L = load_labels(language)
    briefing = load_toml(language, "briefings/reintegration.toml")
    roadmap = briefing["roadmap"]
    data = replace(sample_roadmap(language, final=True, hostile=False), briefing=briefing)
    part = _between(text(build_roadmap(data)), L("sections.context"), L("sections.framework"))
    before, after = {"es": (("pueden enviar", "se forman", "El taller busca "),
                            ("pudieron enviar", "se formaron", "El taller buscó ")),
                     "en": (("may send", "are formed", "The workshop aims "),
                            ("could send", "were formed", "The workshop sought "))}[language]
    for words in before:
        assert words in roadmap["method"] + roadmap["context"]  # the bot's briefing is left as it is...
        assert words not in part, words  # ...and the published roadmap does not print it
    for words in after:
        assert words in part, words
    # cited to the same sources as the briefing's own wording, numbered as in the list of sources, each section
    # named in the edition's language
    number = list(briefing["sources"]).index("s004") + 1
    method, context = {"es": ("Metodología, Agenda preliminar", "Contexto, Justificación"),
                       "en": ("Methodology, Provisional agenda", "Context, Rationale")}[language]
    assert f"([{number}] {method})" in part
    assert f"([{number}] {context})" in part
    # a draft, printed while the workshop runs, keeps the briefing's words
    draft = text(build_roadmap(replace(data, final=False)))
    assert before[0] in _between(draft, L("sections.context"), L("sections.framework"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_tables_name_their_moderators_and_rapporteur_as_the_model_credits_them(language):
    L = load_labels(language)
    data = sample_roadmap(language, final=True, hostile=False)
    tables = (Table("A", data.workshop.tables[0].name, "individual", ("Marcela Rivas (SE-CRM)", "Guatemala"),
                    "Ana Pérez (Guatemala)"), *data.workshop.tables[1:])
    data = replace(data, workshop=replace(data.workshop, tables=tables))
    part = _between(text(build_roadmap(data)), L("sections.method"), L("sections.framework"))
    assert (f"{L('fields.moderators')}: Marcela Rivas (SE-CRM), Guatemala · "
            f"{L('fields.rapporteur')}: Ana Pérez (Guatemala)") in part


def _practice(item_id: int, name: str, where: str, run_by: str = "", country: str | None = "GT") -> Item:
    return Item(id=item_id, kind="good_practice", status="approved", language="es", created_at=T0,
                level_id="structural", dimension_ids=("social",), credit="Guatemala", country_id=country,
                name=name, where=where, run_by=run_by)


@pytest.mark.parametrize("language", LANGUAGES)
def test_actions_under_way_put_the_region_first_and_examples_from_elsewhere_apart(language):
    L = load_labels(language)
    data = sample_roadmap(language, final=True, hostile=False)
    region = {"es": "Países miembros de la CRM", "en": "RCM member countries"}
    other = "en" if language == "es" else "es"
    workshop = replace(data.workshop, region=region[language], region_aliases=(region[other],))
    practices = (
        _practice(90, "Consejos locales de migración", "Serbia, 2001–2012", "Municipios, con la OIM"),
        _practice(91, "Comité de gestión de casos", "Cote d'Ivoire", "Gobierno de Côte d'Ivoire, con la OIM"),
        # typed in the other language: the region is found by its name in either
        _practice(92, "Fondo de reserva regional", f"Los {region[other].lower()}", "OIM"),
        _practice(93, "Oficinas municipales de atención", "Municipios de Guatemala", ""),
    )
    data = replace(data, workshop=workshop, items=(*data.items, *practices))
    full = text(build_roadmap(data))
    section = _between(full, L("sections.under_way"), L("sections.recommendations"))
    in_region = section[section.index(L("sections.by_country")):section.index(L("sections.elsewhere"))]
    elsewhere = section[section.index(L("sections.elsewhere")):]
    bp = L("ref.good_practice")
    assert L("sections.by_country") in section and L("sections.by_organisation") in in_region
    # the region as one, before the member countries
    assert in_region.index(f"{region[language]} • {bp}-92 Fondo de reserva regional") \
        < in_region.index("Guatemala •")
    assert f"{bp}-93 Oficinas municipales" in in_region[in_region.index("Guatemala •"):]
    # examples from outside the region: apart, by country, said as such; not under the presenting delegation
    # nor among the region's organisations
    assert L("fields.elsewhere_note") in elsewhere
    assert f"Serbia • {bp}-90 Consejos locales" in elsewhere and f"Côte d’Ivoire • {bp}-91 Comité" in elsewhere
    assert f"{bp}-90" not in in_region and f"{bp}-91" not in in_region
    assert "en la región" not in L("sections.under_way") and "in the region" not in L("sections.under_way")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_tables_own_recommendation_says_it_is_the_tables_with_its_rapporteur(language):
    L = load_labels(language)
    data = sample_roadmap(language, final=True, hostile=False)
    table = data.workshop.tables[0]  # Grupo A, rapporteur Ana Pérez (Guatemala)
    own = Item(id=95, kind="recommendation", status="adopted", language=language, created_at=T0,
               level_id="individual", dimension_ids=("economic",), table_id="A", credit=table.name,
               consolidated=True, action={"es": "Certificar las competencias en cada país de retorno.",
                                          "en": "Certify skills in every country of return."}[language])
    full = text(build_roadmap(replace(data, items=(*data.items, own))))
    # no brackets inside brackets: "(relatoría: Ana Pérez (Guatemala))" became "(relatoría: Ana Pérez, Guatemala)"
    said = {"es": "Recomendación de la mesa del Grupo A (relatoría: Ana Pérez, Guatemala)",
            "en": "Recommendation of the Group A working table (rapporteur: Ana Pérez, Guatemala)"}[language]
    assert said in full
    assert f"{L.plural('fields.credit', 1)}: {table.name}" not in full
    assert f"{table.name} · {said}" not in full  # the table named once on its line


@pytest.mark.parametrize("language", LANGUAGES)
def test_participation_counts_agree_between_the_summary_and_annex_a(language):
    """Annex A names what the summary counts: the secretariat's organisation, whose people ran the workshop, is
    named apart, not counted as an organisation that took part."""
    L = load_labels(language)
    data = sample_roadmap(language, final=True, hostile=False)
    secretariat = Organisation("se-crm", {"es": "Secretaría Ejecutiva de la CRM", "en": "RCM Executive Secretariat"}
                               [language], "secretariat")
    staff = Participant(id=900, kind="secretariat", organisation_id="se-crm", staff=True)
    data = replace(data, workshop=replace(data.workshop, organisations=(*data.workshop.organisations, secretariat)),
                   participants=(*data.participants, staff))
    full = text(build_roadmap(data))
    summary = full[full.rindex(L("sections.participation")):]
    observers = int(re.search(re.escape(L("participant_kind.observer")) + r" (\d+) \d+", summary).group(1))
    assert L("summary.participation_note") in summary
    annex = _between(full, L("sections.annex_participants"), L("sections.annex_items"))
    listed = re.search(re.escape(L.plural("fields.annex_organisations", observers)) + r": ([^.]*?) " +
                       re.escape(L("summary.staff")) + r" \(", annex)
    assert listed and observers == 4
    assert secretariat.name not in listed.group(1)
    assert f"{L('summary.staff')} (1): • " in annex and annex.count(secretariat.name) == 1
    assert L("fields.annex_participants_note") in annex


async def test_the_english_edition_names_the_rcm_and_its_executive_secretariat(database, workshop_id):
    """From the example workshop file: the English edition says RCM, and writes out the RCM Executive Secretariat
    ("ES" read as the language code, or as Spain); the Spanish one keeps CRM and SE-CRM."""
    async with Storage(database) as storage:
        english = text(build_roadmap(await roadmap_data(storage, workshop_id, "en")))
        spanish = text(build_roadmap(await roadmap_data(storage, workshop_id, "es")))
    L = load_labels("en")
    assert "Regional Conference on Migration (RCM), through its Pro Tempore Presidency (Mexico)" in english
    assert "RCM Executive Secretariat" in english and "(ES)" not in english
    assert f"Group A · Individual · {L.plural('fields.moderators', 1)}: RCM Executive Secretariat" in english
    # nothing of the English edition says CRM, its sources included
    assert not re.search(r"\bCRM\b|SE-CRM|RROCM", english), re.findall(r".{60}\bCRM\b.{20}", english)
    assert "Conferencia Regional sobre Migración (CRM)" in spanish
    assert f"Grupo A · Individual · {load_labels('es')('fields.moderators')}: SE-CRM" in spanish
