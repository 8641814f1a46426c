"""What the demo's people type from the plenary floor and after the event: amendments proposed from a card and the
table's decisions on them, the reasons objections carry and the table's answers, and the focal points' check-in.

Written for the demo in our own words from the source documents (/work/shared/seeds, cited as sNNN and section),
as ``phrases.py`` is: no sentence copied from them, none typed twice (tests/test_demo.py). The cast keys and the
recommendation keys are those of ``cast.py`` and ``phrases.py``; the first nine people (``--people 9``) can play
every part here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Amendment:
    """A delegate's amendment to another table's recommendation, proposed from its card in the plenary."""

    author: str                  # a cast key: who proposes it
    on: str                      # the recommendation's key in phrases.RECOMMENDATIONS
    wording: str                 # the whole new wording, in the recommendation's language
    reason: str
    attribution: str             # named | country | anonymous: how the reading and the roadmap credit it
    accept: bool                 # the table's rapporteur takes it into the text, or declines it...
    other_language: str = ""     # ...the accepted wording in the other language (the translator's, later)
    declined_because: str = ""   # ...with this reason, in the rapporteur's language


AMENDMENTS: tuple[Amendment, ...] = (
    # s003 §4 (campañas con testimonios de las propias personas retornadas; medios comunitarios)
    Amendment(
        "BZ-1", "campaigns",
        "Run joint information campaigns with local and community radio, designed together with returnees who "
        "tell their own stories of a reintegration that benefited the whole community, to counter the stigma "
        "against deported people.",
        "Returnees speaking for themselves convince more than officials do, and community radio reaches the towns "
        "most people come back to.",
        "named", accept=True,
        other_language="Realizar campañas conjuntas de información con radios locales y comunitarias, diseñadas "
                       "junto con personas retornadas que cuentan su propia historia de una reintegración que "
                       "benefició a toda la comunidad, para contrarrestar el estigma contra las personas "
                       "deportadas."),
    # s003 §4 (vincular la reintegración a los planes de desarrollo local)
    Amendment(
        "BZ-2", "projects",
        "Fund community projects only in municipalities that already have a local reintegration plan, so that "
        "returnees and neighbours who never migrated choose and run them together within it.",
        "Without a local plan the money is spread thin and the works are abandoned once the funding ends.",
        "anonymous", accept=False,
        declined_because="La mesa prefiere no condicionar los fondos a un plan: muchos de los municipios con más "
                         "retornos todavía no lo tienen, y son los que más necesitan estos proyectos."),
)

# What objections say, in the order people object (the i-th objection typed in a language takes the i-th
# reason); each fits any recommendation, as a delegate's doubt would. s003 §3-§5 and s000 Cuadro 4.1 and 4.8
# (financing, duplication, documents, local governments, measurement, rural areas, voluntary and forced return).
OBJECTION_REASONS = {
    "es": (
        "No dice quién la financia ni en qué plazo.",
        "Repite un programa que ya existe en varios países de la región.",
        "Deja fuera a quienes retornan sin documentos de identidad.",
        "Supone que todos los municipios tienen personal para aplicarla, y muchos no lo tienen.",
        "Está redactada de forma tan amplia que no se podrá medir si se cumplió.",
        "No menciona a los gobiernos locales, que serían quienes la aplican.",
        "Pide compromisos de gasto que ninguna delegación puede asumir en este taller.",
        "Junta dos medidas distintas que convendría decidir por separado.",
        "No tiene en cuenta a las familias que se quedaron en el país de origen.",
        "Da a la cooperación internacional un papel que corresponde a las instituciones nacionales.",
        "No distingue el retorno voluntario de la deportación, que piden respuestas distintas.",
        "Olvida a las personas retornadas que viven en zonas rurales alejadas.",
        "No prevé ninguna forma de que las personas retornadas opinen sobre el servicio.",
        "Añade trámites a instituciones que ya están saturadas.",
    ),
    "en": (
        "It does not say who pays for it or by when.",
        "It duplicates a programme several countries of the region already run.",
        "It leaves out returnees who arrive without identity documents.",
        "The wording is too broad to tell whether it was ever carried out.",
        "It gives international agencies a role that belongs to national institutions.",
        "It overlooks returnees who settle in remote rural areas.",
        "Two different measures are bundled here and should be decided separately.",
        "It assumes every municipality has the staff to apply it, and many do not.",
    ),
}



@dataclass(frozen=True)
class Objection:
    """An objection made on the floor while the amendments are read, which the table's rapporteur answers."""

    author: str                  # a cast key
    on: str                      # the recommendation's key
    reason: str                  # in the author's language
    answer: tuple[str, str]      # the table's answer (in Spanish, in English: the rapporteur types their own)


# s000 Cuadro 4.8 (trabajo: metas de los servicios públicos de empleo); s003 §4 (seguimiento con datos)
OBJECTION = Objection(
    "US-1", "policy",
    "Naming returnees as a target group means little unless the employment services are given a figure to reach.",
    ("La mesa deja las cifras al plan de empleo de cada país; el seguimiento de la hoja de ruta las pedirá en la "
     "primera ronda.",
     "The table leaves the figures to each country's employment plan; the roadmap's follow-up will ask for them "
     "in its first round."))


@dataclass(frozen=True)
class Commitment:
    """A delegation that commits, at the joint reading, to an adopted recommendation; its first delegate in the
    cast will report."""

    country: str                 # a country id of the workshop file
    on: str                      # a recommendation's key (its card: the table's recommendation that took it in)


# s004 Objetivos (hoja de ruta con acciones nacionales); Guatemala on documents at reception (s000 Cuadro 4.8),
# Mexico on psychosocial care at reception (s002 §4.1), which table A's recommendation took in.
COMMITMENTS: tuple[Commitment, ...] = (Commitment("GT", "docs"), Commitment("MX", "psych"))

# The first round's answer of the first commitment's reporter, three months on: under way, a note, a link.
CHECKIN_NOTE = {
    "es": "Ya funciona la mesa interinstitucional que coordina la medida; se eligieron los tres primeros "
          "municipios y el presupuesto del primer año está aprobado.",
    "en": "The inter-agency group that coordinates the measure is meeting; the first three municipalities are "
          "chosen and the first year's budget is approved.",
}
CHECKIN_LINK = "https://informes.example.org/seguimiento-crm/ronda-1"


def typed() -> list[str]:
    """Every sentence of this module that someone may type (for the test that none is typed twice)."""
    found = [t for a in AMENDMENTS for t in (a.wording, a.reason, a.declined_because, a.other_language) if t]
    found += [t for reasons in OBJECTION_REASONS.values() for t in reasons]
    found += [OBJECTION.reason, *OBJECTION.answer]
    found += [*CHECKIN_NOTE.values()]
    return found


def known_translations() -> dict[str, str]:
    """An accepted amendment's wording -> its other language, for the demo's machine translation service."""
    return {a.wording: a.other_language for a in AMENDMENTS if a.accept and a.other_language}
