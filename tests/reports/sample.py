"""A realistic small workshop as report data: three tables by level, items in Spanish and English, every
attribution choice, merges, a rejection, the joint reading's outcomes, plenary feedback, and hostile texts.

Built from plain dataclasses, as the storage mapper will: the reports' tests need no database.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

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

GENERATED_AT = datetime(2022, 9, 8, 18, 30, tzinfo=UTC)
ADOPTED_AT = datetime(2022, 9, 8, 21, 40, tzinfo=UTC)  # 16:40 in Puebla, when the joint reading ended
TIMEZONE = "America/Mexico_City"
T0 = datetime(2022, 9, 7, 15, 0, tzinfo=UTC)

HOSTILE = '<b>bold?</b> <font size=40>big</font> <script>alert(1)</script> AT&T &amp; "quotes" \'single\''
LONG_WORD = "x" * 10_000
EMOJI = "Apoyo psicosocial 🙂👍🏽 para familias 🇬🇹 y 中文 sin glifos"

BRIEFING = {
    "sources": {
        "s002": "OIM (2017), Hacia un enfoque integrado de la reintegración.",
        "s004": "CRM (2022), Nota conceptual del Taller sobre Reintegración Sostenible.",
    },
    "levels": {
        "individual": {"title": "Nivel individual", "summary": "Apoyo ajustado a cada persona retornada.",
                       "source": "s002 §4.1",
                       "dimensions": {"economic": "Medios de vida y empleo.", "social": "Acceso a servicios.",
                                      "psychosocial": "Atención al trauma."},
                       "questions": ["¿Qué necesita cada persona?"], "examples": []},
        "community": {"title": "Nivel comunitario", "summary": "Comunidades que reciben.", "source": "s002 §4.2"},
        "structural": {"title": "Nivel estructural", "summary": "Políticas y coordinación.", "source": "s002 §4.3"},
    },
    "dimensions": {
        "economic": {"title": "Dimensión económica", "summary": "Autosuficiencia económica.", "source": "s002"},
        "social": {"title": "Dimensión social", "summary": "Acceso a servicios.", "source": "s002"},
        "psychosocial": {"title": "Dimensión psicosocial", "summary": "Bienestar emocional.", "source": "s002"},
    },
    "stakeholders": {
        "national_authorities": {"name": "Autoridades nacionales", "role": "Rectoría", "source": "s002"},
        "local_governments": {"name": "Gobiernos locales", "role": "Servicios", "source": "s002"},
        "civil_society": {"name": "Sociedad civil", "role": "Acompañamiento", "source": "s002"},
        "private_sector": {"name": "Sector privado", "role": "Empleo", "source": "s002"},
        "international_organisations": {"name": "Organismos internacionales", "role": "Apoyo",
                                        "source": "s002"},
    },
    "crosscutting": {
        "rights": {"name": "Derechos humanos", "summary": "...", "source": "s002"},
        "gender": {"name": "Género", "summary": "...", "source": "s002"},
        "data_monitoring": {"name": "Datos y monitoreo", "summary": "...", "source": "s002"},
    },
    "groups": {
        "unaccompanied_children": {"name": "Niñez no acompañada o separada"},
        "women": {"name": "Mujeres"},
        "displaced_on_arrival": {"name": "Personas desplazadas al retornar"},
    },
    "concepts": {
        "reception": {"term": "Recepción", "definition": "Primera atención al llegar.", "source": "s004"},
        "return": {"term": "Retorno", "definition": "Regreso al país de origen.", "source": "s004"},
        "reintegration": {"term": "Reintegración", "definition": "Restablecer vínculos.", "source": "s002 §1"},
        "sustainable_reintegration": {"term": "Reintegración sostenible", "definition": "Autosuficiencia.",
                                      "source": "s002 §1"},
        "integrated_approach": {"term": "Enfoque integrado", "definition": "Todos los niveles a la vez.",
                                "source": "s002 §3"},
    },
    "frameworks": {
        "gcm_objective_21": {"name": "Pacto Mundial para la Migración, objetivo 21",
                             "summary": "Retorno seguro y digno.", "source": "s004"},
        "sdg_10_2": {"name": "ODS, meta 10.2", "summary": "Inclusión.", "source": "s004"},
        "sdg_10_7": {"name": "ODS, meta 10.7", "summary": "Migración ordenada.", "source": "s004"},
        "sdg_17_9": {"name": "ODS, meta 17.9", "summary": "Capacidades.", "source": "s004"},
        "sdg_17_17": {"name": "ODS, meta 17.17", "summary": "Alianzas.", "source": "s004"},
    },
    "roadmap": {
        "context": "Altos números de personas retornadas en la región.",
        "context_source": "s004 Contexto",
        "objectives": ["Construir una hoja de ruta regional.", "Compartir buenas prácticas."],
        "method": "Mapeo en plenaria, mesas por nivel, lectura conjunta.",
        "next_steps": ["Difundir la hoja de ruta.", "Crear mecanismos de coordinación."],
        "sources_note": "Textos resumidos de las fuentes.",
    },
}

COUNTRIES = (("GT", "Guatemala"), ("HN", "Honduras"), ("SV", "El Salvador"), ("MX", "México"),
             ("CR", "Costa Rica"), ("PA", "Panamá"), ("DO", "República Dominicana"), ("NI", "Nicaragua"))
# id, Spanish name, English name, kind: each edition gets its own language's name and the other as an alias.
ORGANISATIONS = (("iom", "OIM", "IOM", "un_agency"), ("ilo", "OIT", "ILO", "un_agency"),
                 ("unicef", "UNICEF", "UNICEF", "un_agency"), ("rrocm", "RROCM", "RROCM", "civil_society"))


def workshop(language: str = "es") -> WorkshopInfo:
    es = language == "es"
    return WorkshopInfo(
        title="Taller sobre Reintegración Sostenible" if es else "Workshop on Sustainable Reintegration",
        place="Puebla, México",
        starts_on=date(2022, 9, 7),
        ends_on=date(2022, 9, 8),
        organisers=("Conferencia Regional sobre Migración (CRM)", "Secretaría Ejecutiva de la CRM"),
        levels=(Level("individual", "Individual"), Level("community", "Comunitario" if es else "Community"),
                Level("structural", "Estructural" if es else "Structural")),
        dimensions=(Dimension("economic", "Económica" if es else "Economic"),
                    Dimension("social", "Social"),
                    Dimension("psychosocial", "Psicosocial" if es else "Psychosocial")),
        tables=(Table("A", "Grupo A" if es else "Group A", "individual", ("SE-CRM",), "Ana Pérez (Guatemala)"),
                Table("B", "Grupo B" if es else "Group B", "community", ("OIM",)),
                Table("C", "Grupo C" if es else "Group C", "structural", ("OIT",), "Honduras")),
        countries=tuple(Country(i, n) for i, n in COUNTRIES),
        organisations=tuple(Organisation(i, n_es if es else n_en, k, acronym=n_es if es else n_en,
                                         aliases=() if n_es == n_en else ((n_en,) if es else (n_es,)))
                            for i, n_es, n_en, k in ORGANISATIONS),
        timezone=TIMEZONE,
        languages=("es", "en") if es else ("en", "es"),
    )


def _at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def items(hostile: bool = True) -> tuple[Item, ...]:
    """Ids are global across kinds, as in storage; references read C-<id>, G-<id>, R-<id>."""
    c = []
    challenge_texts = [
        ("individual", ("economic",), "es", "Falta de certificación de las habilidades adquiridas en el exterior.",
         "Ana Pérez (Guatemala)", "GT"),
        ("individual", ("psychosocial", "social"), "es",
         "Las personas retornadas llegan con traumas del viaje y no hay atención psicosocial inmediata.",
         "Honduras", "HN"),
        ("individual", ("social",), "en", "Returnees displaced on arrival cannot go back to their communities.",
         None, None),
        ("community", ("economic",), "es", "Las comunidades de origen tienen pocas oportunidades de empleo.",
         "El Salvador", "SV"),
        ("community", ("social",), "en", "Stigma against deported people in their home towns.",
         "Luis Gómez (México)", "MX"),
        ("community", ("psychosocial",), "es", "Redes de apoyo comunitario débiles.", None, None),
        ("structural", ("economic",), "es", "Presupuestos insuficientes para programas de reintegración.",
         "Costa Rica", "CR"),
        ("structural", ("social",), "en", "No shared registry of returnees across institutions.",
         "Jane Doe (OIM)", None),
        ("structural", ("social", "economic"), "es",
         "Falta de coordinación interinstitucional entre el nivel nacional y el local.", "Panamá", "PA"),
        (None, (), "es", "Reto sin nivel indicado: falta de información sobre servicios.", None, None),
    ]
    next_id = 1
    for n, (level, dims, lang, text, credit, country) in enumerate(challenge_texts):
        c.append(Item(id=next_id, kind="challenge", status="approved", language=lang, created_at=_at(n),
                      level_id=level, dimension_ids=dims, table_id=None, credit=credit, country_id=country,
                      description=text, group_ids=("women",) if n % 3 == 0 else ("unaccompanied_children",),
                      groups_other="Personas con necesidades de salud" if n == 1 else ""))
        next_id += 1
    # C-11 merged into C-2; C-12 rejected; C-13 hostile; C-14 long unbroken word; C-15 emoji.
    c.append(Item(id=11, kind="challenge", status="merged", merged_into=2, language="es", created_at=_at(20),
                  level_id="individual", dimension_ids=("psychosocial",), credit="Nicaragua",
                  description="No existe acompañamiento psicológico al llegar (duplicado)."))
    c.append(Item(id=12, kind="challenge", status="rejected", language="es", created_at=_at(21),
                  moderation_reason="Fuera de tema", description="Texto rechazado que no debe publicarse ZZQ."))
    if hostile:
        c.append(Item(id=13, kind="challenge", status="approved", language="es", created_at=_at(22),
                      level_id="community", dimension_ids=("social",), credit=None,
                      description=HOSTILE + "\nsegunda línea"))
        c.append(Item(id=14, kind="challenge", status="approved", language="es", created_at=_at(23),
                      level_id="structural", dimension_ids=("economic",), credit="México",
                      description="Palabra larga: " + LONG_WORD))
        c.append(Item(id=15, kind="challenge", status="submitted", language="es", created_at=_at(24),
                      level_id="individual", dimension_ids=("psychosocial",), credit="Guatemala",
                      description=EMOJI))
    # Patch C-2 so it carries the merged author's credit, as the mapper would.
    c[1] = replace(c[1], merged_credits=("Nicaragua", None))

    g = [
        Item(id=20, kind="good_practice", status="approved", language="es", created_at=_at(30),
             level_id="individual", dimension_ids=("economic",), credit="Ana Pérez (Guatemala)",
             country_id="GT", country_name="Guatemala", name="Guate te incluye",
             where="Ciudad de Guatemala", run_by="Ministerio de Trabajo",
             achieved="Más de 2.000 personas retornadas vinculadas a empleos.", link="https://example.org/gti"),
        Item(id=21, kind="good_practice", status="approved", language="es", created_at=_at(31),
             level_id="individual", dimension_ids=("economic", "social"), credit="El Salvador",
             country_id="SV", country_name="El Salvador", organisation_id="ilo", organisation_name="OIT",
             name="Formación para la empleabilidad de mujeres migrantes", where="San Salvador",
             run_by="OIT y Gobierno de El Salvador", achieved="33 mujeres certificadas en ofimática.",
             has_document=True),
        Item(id=22, kind="good_practice", status="approved", language="en", created_at=_at(32),
             level_id="community", dimension_ids=("psychosocial",), credit="Jane Doe (OIM)",
             organisation_id="iom", organisation_name="OIM", name="Theatre for mental health",
             where="Honduras", run_by="IOM", achieved="Psycho-educational messages reached 5,000 people."),
        Item(id=23, kind="good_practice", status="approved", language="es", created_at=_at(33),
             level_id="structural", dimension_ids=("social",), credit="Honduras", country_id="HN",
             country_name="Honduras", name="Ventanillas de atención a personas retornadas",
             where="Municipios fronterizos", run_by="Cancillería", achieved="Atención integral en 12 municipios."),
        Item(id=24, kind="good_practice", status="approved", language="es", created_at=_at(34),
             level_id="community", dimension_ids=("economic",), credit=None, name="Centros Quédate",
             where="Guatemala", run_by="Secretaría de Bienestar Social", achieved="Formación técnica."),
        Item(id=25, kind="good_practice", status="merged", merged_into=20, language="es", created_at=_at(35),
             level_id="individual", dimension_ids=("economic",), credit="Guatemala", name="Guate te incluye (bis)"),
    ]
    g[0] = replace(g[0], merged_credits=("Guatemala",))

    comments = (Comment("Muy necesaria para la región.", "Costa Rica", "es", _at(300)),
                Comment("Add municipal budgets.", None, "en", _at(301)),
                Comment(HOSTILE, "Panamá", "es", _at(302)) if hostile else Comment("Ok", None, "es", _at(302)))
    r = [
        Item(id=40, kind="recommendation", status="adopted", language="es", created_at=_at(200), level_id="individual",
             dimension_ids=("economic",), table_id="A", credit="Ana Pérez (Guatemala)",
             merged_credits=("Honduras", None), action="Crear un sistema regional de certificación de competencias "
             "adquiridas en el exterior.", scope="regional",
             actor_ids=("national_authorities", "private_sector"), timeframe="medium", challenge_ids=(1,),
             good_practice_ids=(20, 21), crosscutting_ids=("rights",), votes=14,
             feedback=Feedback(support=9, object=1, comments=comments)),
        Item(id=41, kind="recommendation", status="adopted_amended", language="es", created_at=_at(201),
             level_id="individual", dimension_ids=("psychosocial",), table_id="A", credit="Honduras",
             action="Garantizar atención psicosocial inmediata en los centros de recepción.", scope="national",
             actor_ids=("national_authorities", "civil_society"), timeframe="short", challenge_ids=(11, 12),
             good_practice_ids=(22,), votes=11, reading_reason="Se agregó la perspectiva de género.",
             crosscutting_ids=("gender", "unknown_issue"), feedback=Feedback(support=5)),
        Item(id=42, kind="recommendation", status="set_aside", language="en", created_at=_at(202),
             level_id="community", dimension_ids=("social",), table_id="B", credit=None,
             action="Fund a regional anti-stigma campaign.", scope="regional", actor_ids=("donors_unknown",),
             timeframe="long", challenge_ids=(5,), votes=3, reading_reason="Already covered by R-43."),
        Item(id=43, kind="recommendation", status="adopted", language="en", created_at=_at(203),
             level_id="community", dimension_ids=("economic", "social"), table_id="B", credit="Jane Doe (OIM)",
             action="Support local employment plans that include returnees and host communities.",
             scope="national", actor_ids=("local_governments",), timeframe="medium", challenge_ids=(4, 5),
             good_practice_ids=(24,), votes=9),
        Item(id=44, kind="recommendation", status="approved", language="es", created_at=_at(204),
             level_id="structural", dimension_ids=("social",), table_id="C", credit="Honduras",
             action="Establecer un registro interinstitucional compartido de personas retornadas.",
             scope="national", actor_ids=("national_authorities",), timeframe="short", challenge_ids=(8, 9),
             good_practice_ids=(23,), crosscutting_ids=("data_monitoring",), votes=7),
        Item(id=45, kind="recommendation", status="merged", merged_into=44, language="es", created_at=_at(205),
             level_id="structural", table_id="C", credit="Panamá", action="Registro único de retornados."),
        Item(id=46, kind="recommendation", status="rejected", language="es", created_at=_at(206),
             level_id="structural", table_id="C", credit="Panamá", action="Recomendación rechazada QQZ."),
        Item(id=47, kind="recommendation", status="submitted", language="es", created_at=_at(207),
             level_id="structural", dimension_ids=("economic",), table_id="C", credit=None,
             action="Incluir la reintegración en los planes nacionales de desarrollo.", scope="regional",
             timeframe="long", votes=2),
    ]
    if hostile:
        r.append(Item(id=48, kind="recommendation", status="submitted", language="es", created_at=_at(208),
                      level_id="individual", table_id="A", credit="Guatemala", action=HOSTILE,
                      reading_reason=LONG_WORD[:500]))
    return tuple(c + g + r)


def participants() -> tuple[Participant, ...]:
    people = []
    tables = ("A", "B", "C")
    for n in range(24):
        country = COUNTRIES[n % len(COUNTRIES)][0] if n < 18 else None
        org = None if country else ORGANISATIONS[n % len(ORGANISATIONS)][0]
        public = n % 3 != 0
        people.append(Participant(
            id=100 + n, kind="government" if country else "observer", country_id=country, organisation_id=org,
            table_id=tables[n % 3], language="es" if n % 4 else "en", public=public,
            name=f"Persona {n}" if public else None, institution=f"Institución {n}" if public else None,
            position="Directora" if public else None,
        ))
    return tuple(people)


def sample_roadmap(language: str = "es", final: bool = False, hostile: bool = True) -> RoadmapData:
    found = items(hostile)
    if language == "en":  # the mapper gives credits in the edition's language (organisations' English names)
        found = tuple(replace(i, credit=i.credit.replace("(OIM)", "(IOM)")) if i.credit else i for i in found)
    return RoadmapData(
        workshop=workshop(language),
        language=language,
        final=final,
        generated_at=GENERATED_AT,
        participation=Participation(participants=27, countries=8, organisations=4, institutions=19,
                                    by_kind=(("government", 18), ("observer", 6)),
                                    delegations=(("government", 8, 18), ("observer", 4, 6)), staff=3),
        items=found,
        participants=participants(),
        briefing=BRIEFING,
        adopted_at=ADOPTED_AT if final else None,
        broad_support_countries=3,
        contested_countries=2,
    )
