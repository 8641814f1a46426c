"""The demo's people: two delegates per member state, civil society and observers, in both languages."""

from __future__ import annotations

from dataclasses import dataclass

FIRST = ["Ana", "Luis", "María", "José", "Carmen", "Jorge", "Rosa", "Carlos", "Elena", "Miguel", "Lucía",
         "Pedro", "Sofía", "Andrés", "Julia", "Diego", "Paula", "Mario", "Teresa", "Raúl", "Laura", "Óscar"]
LAST = ["Pérez", "García", "López", "Martínez", "Hernández", "Ramírez", "Flores", "Castillo", "Morales",
        "Ortiz", "Reyes", "Cruz", "Mendoza", "Vargas", "Rojas", "Navarro", "Aguilar", "Chávez"]
ENGLISH_FIRST = ["Sarah", "James", "Emily", "Michael", "Grace", "Daniel"]
ENGLISH_LAST = ["Thompson", "Clarke", "Young", "Bennett", "Wright", "Hughes"]
ENGLISH_COUNTRIES = {"BZ", "CA", "US"}
INSTITUTIONS = {
    "es": ["Ministerio de Relaciones Exteriores", "Instituto de Migración", "Ministerio de Trabajo",
           "Dirección de Atención al Migrante Retornado", "Gobierno municipal"],
    "en": ["Ministry of Foreign Affairs", "Immigration Department", "Ministry of Labour",
           "Returnee Support Office", "City government"],
}
POSITIONS = {"es": ["Directora", "Coordinador", "Analista", "Jefa de unidad", "Asesor"],
             "en": ["Director", "Coordinator", "Analyst", "Head of unit", "Adviser"]}


@dataclass(frozen=True)
class Delegate:
    telegram_id: int
    name: str
    language: str           # "es" | "en"
    country: str | None     # a country id of the workshop file
    organisation: str | None
    institution: str
    position: str
    table: str              # "A" | "B" | "C"


def cast(country_ids: list[str], organisation_ids: list[str], tables: list[str]) -> list[Delegate]:
    """Deterministic: the same demo every run."""
    people: list[Delegate] = []
    seats = [(c, None) for c in country_ids for _ in range(2)] + [(None, o) for o in organisation_ids]
    for index, (country, organisation) in enumerate(seats):
        english = country in ENGLISH_COUNTRIES or (organisation is not None and index % 3 == 0)
        language = "en" if english else "es"
        if english:
            name = f"{ENGLISH_FIRST[index % len(ENGLISH_FIRST)]} {ENGLISH_LAST[index % len(ENGLISH_LAST)]}"
        else:
            name = f"{FIRST[index % len(FIRST)]} {LAST[(index * 7) % len(LAST)]}"
        people.append(Delegate(
            telegram_id=700_000 + index, name=name, language=language, country=country,
            organisation=organisation, institution=INSTITUTIONS[language][index % 5],
            position=POSITIONS[language][index % 5], table=tables[index % len(tables)],
        ))
    return people
