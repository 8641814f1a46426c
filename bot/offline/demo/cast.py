"""The demo's people: two delegates per CRM member state, the regional civil-society network and observer
organisations, each writing in their own language, seated at one of the three working tables.

The concept note (s004, Participantes) asks for two representatives per member state from first-contact,
policy and labour institutions, and two from the RROCM; observer organisations are welcome. The people and
their names are invented; the institutions are the kind the concept note lists.

The order matters: ``--people N`` keeps the first N, and the first nine already cover the three tables,
both languages, a near-duplicate pair, an amendment and a recommendation set aside (tests/test_demo.py).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Delegate:
    key: str                # "SV-1": how phrases.py names the author of an item
    telegram_id: int
    name: str
    language: str           # "es" | "en": the language they chose and write in
    country: str | None     # a country id of the workshop file
    organisation: str | None
    institution: str
    position: str
    table: str              # "A" | "B" | "C"


# key, name, language, country or organisation, institution, position, table
_PEOPLE = (
    ("BZ-1", "Sharlene Pitts", "en", "BZ", "Immigration and Nationality Department",
     "Director of Border Management", "A"),
    ("BZ-2", "Andre Gillett", "en", "BZ", "Ministry of Human Development", "Social Services Coordinator", "C"),
    ("CA-1", "Catherine Tremblay", "en", "CA", "Immigration, Refugees and Citizenship Canada",
     "Senior Policy Analyst", "C"),
    ("CA-2", "Daniel Okafor", "en", "CA", "Global Affairs Canada", "Migration Programme Officer", "B"),
    ("CR-1", "Adriana Solís Mora", "es", "CR", "Dirección General de Migración y Extranjería",
     "Jefa de la Unidad de Integración", "B"),
    ("CR-2", "Esteban Quesada Vargas", "es", "CR", "Ministerio de Trabajo y Seguridad Social",
     "Asesor en migración laboral", "C"),
    ("SV-1", "Karla Menjívar", "es", "SV", "Ministerio de Relaciones Exteriores",
     "Directora de Atención a Personas Retornadas", "A"),
    ("SV-2", "Roberto Alvarenga", "es", "SV", "Dirección General de Migración y Extranjería",
     "Coordinador de recepción", "B"),
    ("US-1", "Jennifer Walsh", "en", "US", "Department of State, Bureau of Population, Refugees, and Migration",
     "Regional Migration Officer", "B"),
    ("US-2", "Marcus Reed", "en", "US", "U.S. Agency for International Development",
     "Reintegration Programmes Adviser", "C"),
    ("GT-1", "Ana Lucía Ixcot", "es", "GT", "Instituto Guatemalteco de Migración",
     "Subdirectora de Atención al Migrante", "A"),
    ("GT-2", "Héctor Barrios", "es", "GT", "Ministerio de Trabajo y Previsión Social", "Director de Empleo", "C"),
    ("HN-1", "Dania Zelaya", "es", "HN", "Centro de Atención al Migrante Retornado",
     "Coordinadora de protección", "A"),
    ("HN-2", "Óscar Funes", "es", "HN", "Unidad Municipal de Atención al Migrante Retornado",
     "Oficial municipal", "B"),
    ("MX-1", "Gabriela Ortega", "es", "MX", "Instituto Nacional de Migración",
     "Directora de Protección al Migrante", "A"),
    ("MX-2", "Luis Fernando Ríos", "es", "MX", "Secretaría del Trabajo y Previsión Social",
     "Subdirector de Movilidad Laboral", "C"),
    ("NI-1", "Julio Espinoza", "es", "NI", "Dirección General de Migración y Extranjería", "Jefe de recepción", "B"),
    ("NI-2", "María José Castellón", "es", "NI", "Ministerio de la Familia, Adolescencia y Niñez",
     "Técnica de protección especial", "A"),
    ("PA-1", "Ricardo Arosemena", "es", "PA", "Ministerio de Relaciones Exteriores",
     "Director de Asuntos Migratorios", "C"),
    ("PA-2", "Itzel Pinzón", "es", "PA", "Servicio Nacional de Migración", "Analista de políticas", "B"),
    ("DO-1", "Yokasta Peña", "es", "DO", "Dirección General de Migración",
     "Encargada de recepción de personas retornadas", "B"),
    ("DO-2", "Ramón Almonte", "es", "DO", "Instituto de Dominicanos y Dominicanas en el Exterior",
     "Coordinador de programas", "C"),
    ("RROCM-1", "Teresa Cuéllar", "es", "rrocm", "Organización de la RROCM en Guatemala",
     "Coordinadora de programas", "A"),
    ("RROCM-2", "Mauricio Pineda", "es", "rrocm", "Organización de la RROCM en Honduras", "Oficial de incidencia",
     "B"),
    ("IOM", "Hannah Lindqvist", "en", "iom", "IOM Regional Office for Central America, North America and the Caribbean",
     "Regional Reintegration Specialist", "C"),
    ("ILO", "Sergio Chaves", "es", "ilo", "Oficina de la OIT para América Central",
     "Especialista en migración laboral", "B"),
    ("UNHCR", "Amira Haddad", "en", "unhcr", "UNHCR Multi-Country Office", "Protection Officer", "A"),
    ("UNICEF", "Paola Méndez", "es", "unicef", "Oficina Regional para América Latina y el Caribe",
     "Especialista en protección de la niñez migrante", "A"),
    ("WFP", "Claudia Batres", "es", "wfp", "Oficina del PMA en Guatemala", "Oficial de medios de vida", "B"),
    ("MPI", "Rachel Kim", "en", "mpi", "Migration Policy Institute", "Policy Analyst", "C"),
)

# The staff join with their own invitation links: the secretariat, and one moderator per table from the
# organisation the concept note's agenda names (A: SE-CRM, B: IOM, C: ILO).
SECRETARIAT = ("Lorena Villalobos", "se-crm", "Oficial de programas")
MODERATORS = {"A": ("Marcela Rivas", "se-crm", "Oficial técnica"),
              "B": ("Jorge Castro", "iom", "Oficial de reintegración"),
              "C": ("Silvia Montenegro", "ilo", "Especialista en empleo")}
# A translator of the SE-CRM joins with the translator link the secretariat's /invite gives (a translator is asked
# only for a name): she gives the other language of any text. Her name, and the language she uses the bot in.
TRANSLATOR = ("Beatriz Aguilar Soto", "es")


def cast(country_ids: list[str], organisation_ids: list[str], tables: list[str]) -> list[Delegate]:
    """Everyone whose country, organisation and table the workshop file has; the same demo every run."""
    people = []
    for index, (key, name, language, seat, institution, position, table) in enumerate(_PEOPLE):
        country = seat if seat in country_ids else None
        organisation = seat if seat in organisation_ids else None
        if (country or organisation) is None or table not in tables:
            continue
        people.append(Delegate(key, 700_000 + index, name, language, country, organisation, institution, position,
                               table))
    return people
