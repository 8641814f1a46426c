"""What the demo's delegates type: challenges, good practices, recommendations, comments, in their own language.

These are simulated participants' words (inputs to the bot), written for the demo in our own words from the
facts and examples of the source documents (/work/shared/seeds, cited beside each group as sNNN and section):
the regional initiatives the concept note names (s004), the GFMD paper's challenges and action proposals
(s003), the IOM papers' programme examples and case studies (s002, s000). No sentence is copied from them,
and no sentence is typed twice (tests/test_demo.py).

Some items say what another one says in other words, in the same language or the other one: ``same_as``
names the item they repeat, and the table's moderator merges them, as in the room. One item is a question, not
a challenge (``reject``). Level × dimension: community × psychosocial has a single item and structural ×
psychosocial none, so the maps show one thin and one empty cell.
"""

from __future__ import annotations

from dataclasses import dataclass

# Field values are the workshop file's and the briefing's ids: levels, dimensions, groups (most affected),
# stakeholders (responsible actors), cross-cutting issues; scope national | regional; timeframe short |
# medium | long; attribution named | country | anonymous.


@dataclass(frozen=True)
class Challenge:
    key: str
    author: str                         # a cast key
    level: str
    dimensions: tuple[str, ...]
    text: str
    groups: tuple[str, ...] = ()
    attribution: str = "country"
    same_as: str | None = None          # the item this one repeats: the moderator merges them
    reject: str | None = None           # the moderator's reason, for an item that is not a challenge


@dataclass(frozen=True)
class Practice:
    key: str
    author: str
    name: str
    where: str
    run_by: str
    achieved: str
    level: str
    dimensions: tuple[str, ...]
    link: str | None = None
    document: str | None = None         # the file name of the supporting document attached
    groups: tuple[str, ...] = ()        # the groups most affected it serves, where its words name them
    attribution: str = "country"
    same_as: str | None = None


@dataclass(frozen=True)
class Recommendation:
    key: str
    author: str                         # its level is the author's table's
    action: str
    dimensions: tuple[str, ...]
    scope: str
    actors: tuple[str, ...]
    timeframe: str
    answers: tuple[str, ...] = ()       # challenges of the same level
    builds_on: tuple[str, ...] = ()     # good practices of the same level
    crosscutting: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()        # the groups most affected it targets, where its words name them
    attribution: str = "country"
    same_as: str | None = None
    contested: bool = False             # most of those who see it in plenary object
    priority: int = 1                   # how many in the room want it first: 0 (none) to 3 (many); dots follow
    amend: tuple[str, str] | None = None    # the joint reading's wording and the reason for it
    set_aside: str | None = None        # the joint reading's reason for setting it aside


@dataclass(frozen=True)
class Consolidation:
    """A table's recommendation, drafted by its rapporteur from members' recommendations."""

    table: str
    rapporteur: str
    sources: tuple[str, ...]
    text: str
    priority: int = 3


@dataclass(frozen=True)
class Comment:
    author: str
    on: str                             # a recommendation key, or "@A" for table A's own recommendation
    text: str


CRM_PRINCIPLES_URL = "http://www.rcmvs.org/sites/default/files/publicaciones/principios_espanol.pdf"  # s000 Recursos
# (the page of El Salvador's documents on ReliefWeb, where the policy the concept note cites is found: the short
# link a delegate pastes, not the file's 160-character address, which the page can only break mid-word)
SV_POLICY_URL = "https://reliefweb.int/country/slv"  # s004 Contexto

CHALLENGES: tuple[Challenge, ...] = (
    # -- individual level ---------------------------------------------------------------------------------
    # s000 Cuadro 4.8 (bienestar: documentos personales para acceder a servicios; educación: certificados)
    Challenge("docs", "GT-1", "individual", ("social", "economic"),
              "Muchas personas deportadas llegan sin documento de identidad, sin partida de nacimiento y sin "
              "constancias de estudio; sin esos papeles no pueden inscribirse en programas de empleo ni volver a "
              "estudiar."),
    Challenge("docs-hn", "HN-1", "individual", ("social", "economic"),
              "Al llegar, buena parte de la población retornada no tiene documentos de identidad vigentes ni "
              "certificados de sus estudios, y eso le cierra el acceso al empleo y a la educación.",
              same_as="docs"),
    Challenge("docs-unhcr", "UNHCR", "individual", ("social", "economic"),
              "Many returnees arrive with no valid identity document and no proof of their studies, which keeps "
              "them out of employment and education.", attribution="named", same_as="docs"),
    # s002 §4.1 (vulnerabilidades por abuso, explotación o violencia durante la migración); s004 Objetivos
    Challenge("trauma", "SV-1", "individual", ("psychosocial", "social"),
              "Quienes sufrieron violencia, abuso o explotación en la ruta regresan con secuelas en su salud mental, "
              "y en los puntos de recepción no hay atención psicosocial especializada.",
              groups=("violence_survivors", "health_needs")),
    Challenge("trauma-mx", "MX-1", "individual", ("psychosocial",),
              "En la recepción casi no se ofrece atención psicológica a las personas que vivieron violencia o "
              "explotación durante la migración, y esas secuelas frenan su reintegración.",
              groups=("violence_survivors",), same_as="trauma"),
    # s000 Cuadro 4.8 (educación: acelerar certificados para matricular a menores en zonas de alto retorno)
    Challenge("school", "UNICEF", "individual", ("social",),
              "Niñas, niños y adolescentes retornados no acompañados o separados pierden meses de escuela: la "
              "matrícula exige certificados que tardan en llegar y, una vez con su familia, nadie les da "
              "seguimiento.", groups=("unaccompanied_children",), attribution="named"),
    Challenge("school-ni", "NI-2", "individual", ("social",),
              "Muchos niños, niñas y adolescentes que retornan no acompañados pierden el año escolar: los "
              "certificados que pide la matrícula tardan demasiado y después nadie les da seguimiento.",
              groups=("unaccompanied_children",), same_as="school"),
    # s003 §3 (evaluación y reconocimiento de competencias y de la formación anterior)
    Challenge("skills", "BZ-1", "individual", ("economic",),
              "Returnees who learned a trade abroad, in construction, cooking or mechanics, have no way to prove "
              "it, so employers only offer them unskilled work."),
    # s002 §4.1 (seguimiento adecuado durante los primeros 12 meses tras el retorno)
    Challenge("followup", "BZ-1", "individual", ("economic", "social"),
              "Most returnees leave reception with a one-off cash grant and no follow-up, so nobody knows whether "
              "they are earning a living six months later."),
    Challenge("followup-mx", "MX-1", "individual", ("economic",),
              "Casi todas las personas retornadas salen de la recepción con un único apoyo en efectivo y sin "
              "seguimiento, de modo que nadie sabe si meses después logran ganarse la vida.", same_as="followup"),
    # s004 Objetivos (personas retornadas que se desplazan forzosamente a su llegada)
    Challenge("displaced", "UNHCR", "individual", ("social", "psychosocial"),
              "Some deportees cannot go home because those who threatened them are still there; they end up "
              "displaced inside their own country, and reception does not identify them.",
              groups=("displaced_on_arrival",), attribution="named"),
    Challenge("displaced-hn", "HN-1", "individual", ("social",),
              "Algunas personas deportadas no pueden volver a su comunidad por amenazas de pandillas y terminan "
              "desplazadas dentro del país, sin que la recepción las identifique.",
              groups=("displaced_on_arrival",), same_as="displaced"),
    # s002 §4.2 nota 18 (comunidades que financiaron la migración y esperan un reembolso); s003 §2 (fracaso)
    Challenge("debt", "RROCM-1", "individual", ("economic", "psychosocial"),
              "Muchas familias se endeudaron para pagar el viaje; quien es deportado vuelve con una deuda que no "
              "puede saldar y con la presión de quienes lo financiaron, y lo vive como un fracaso.",
              groups=("families",), attribution="named"),
    # s000 Recursos útiles (mecanismos de derivación para víctimas de trata); s004 Objetivos
    Challenge("trafficking", "NI-2", "individual", ("social", "psychosocial"),
              "Las víctimas de trata que regresan casi nunca son identificadas en la recepción, así que no se las "
              "deriva a protección ni a servicios especializados.", groups=("trafficking_victims", "women")),
    # s003 §4 (asesoramiento antes del retorno, ligado al que se da después de la llegada)
    Challenge("predeparture", "US-1", "individual", ("social",),
              "People removed from the United States usually get no information before departure about the "
              "services available at home, so the first days after arrival are lost."),
    # s000 Cuadro 4.8 (género y LGBTI)
    Challenge("lgbti", "RROCM-2", "individual", ("social", "psychosocial"),
              "Las personas LGBTI retornadas sufren rechazo en su familia y en los propios servicios, y ningún "
              "protocolo de recepción contempla su situación.", groups=("lgbti",), attribution="named"),
    # s003 §4 (falta de capacidad local de seguimiento médico); s000 Cuadro 4.8 (salud en igualdad)
    Challenge("health", "PA-2", "individual", ("social",),
              "Quienes regresan con enfermedades crónicas interrumpen su tratamiento porque al llegar nadie los "
              "vincula con el sistema público de salud.", groups=("health_needs",)),

    # -- community level ----------------------------------------------------------------------------------
    # s003 §3 (tensiones con la población local; competencia por los servicios); s002 §4.2 (resentimiento)
    Challenge("tension", "CR-1", "community", ("social",),
              "En los municipios que reciben muchos retornos crecen las tensiones con vecinos que nunca migraron y "
              "que ven la ayuda a las personas retornadas como un privilegio."),
    Challenge("tension-do", "DO-1", "community", ("social",),
              "En los barrios con más retornos, los vecinos que no migraron sienten que la ayuda a las personas "
              "retornadas es injusta, y las tensiones van en aumento.", same_as="tension"),
    # s002 §2 (estigmatización al volver); s003 §3 (percibidos como una carga)
    Challenge("stigma", "CA-2", "community", ("social",),
              "Deported people are often labelled as criminals or failures in their neighbourhood, and that stigma "
              "keeps them out of work and community life."),
    Challenge("stigma-sv", "SV-2", "community", ("social",),
              "A las personas deportadas se las señala en su barrio como delincuentes o fracasadas, y ese estigma "
              "les cierra el empleo y la vida comunitaria.", same_as="stigma"),
    # s003 §4 (mercados laborales poco desarrollados en las comunidades de retorno, para toda la población)
    Challenge("jobs", "HN-2", "community", ("economic",),
              "En las comunidades rurales de retorno casi no hay empleo formal ni mercado para nuevos negocios, ni "
              "para quien regresa ni para quien se quedó."),
    Challenge("jobs-ni", "NI-1", "community", ("economic",),
              "En las comunidades de retorno faltan empleo y oportunidades de negocio, tanto para la población "
              "retornada como para la que nunca migró.", same_as="jobs"),
    # s002 §4.2 (comunidades sin infraestructura ni servicios básicos); s000 Cuadro 4.8 (salud, alto retorno)
    Challenge("services", "PA-2", "community", ("social",),
              "Los centros de salud y las escuelas de las zonas con más retornos no dan abasto y no reciben "
              "recursos adicionales cuando llega un grupo grande."),
    # s003 §3 (comunidades de retorno que dejan de recibir remesas)
    Challenge("remittances", "ILO", "community", ("economic",),
              "Con el retorno se acaban las remesas: muchos hogares de la comunidad pierden de golpe su principal "
              "ingreso.", attribution="named"),
    # s004 Contexto (nota 1: retornos registrados en 2021)
    Challenge("question", "NI-1", "community", ("economic",),
              "¿Cuántas personas retornadas atendió cada país en 2021 y qué presupuesto destinó a su reintegración?",
              reject="Es una pregunta para el panel y no un reto; la trasladamos a la sesión de preguntas."),

    # -- structural level ---------------------------------------------------------------------------------
    # s002 §4.4 (sistemas armonizados de recopilación de datos); s000 §4.1.3 (coordinación dispersa)
    Challenge("records", "CA-1", "structural", ("social",),
              "There is no shared information system: each agency that receives returnees keeps its own records, "
              "so people are interviewed again and again and cases get lost between institutions."),
    Challenge("records-cr", "CR-2", "structural", ("social",),
              "Las instituciones que reciben a la población retornada no comparten un sistema de información: cada "
              "una lleva su propio registro, se repiten las entrevistas y se pierden casos.", same_as="records"),
    Challenge("records-pa", "PA-1", "structural", ("social",),
              "No hay un registro compartido de personas retornadas entre las instituciones, por lo que los casos "
              "se pierden y la atención se duplica.", same_as="records"),
    # s003 §3 (falta de datos de evaluación; indicadores mensurables de reintegración sostenible)
    Challenge("indicators", "MPI", "structural", ("economic", "social"),
              "No country in the region measures whether reintegration lasts: there are no agreed indicators, and "
              "follow-up stops when the assistance does.", attribution="named"),
    Challenge("indicators-gt", "GT-2", "structural", ("economic", "social"),
              "Ningún país mide si la reintegración se sostiene en el tiempo: faltan indicadores comunes y el "
              "seguimiento se acaba cuando se acaba la asistencia.", same_as="indicators"),
    Challenge("indicators-us", "US-2", "structural", ("economic", "social"),
              "We have little evidence of what works: reintegration is rarely measured once the assistance ends, "
              "and there are no common indicators of sustainability.", same_as="indicators"),
    # s000 Cuadro 4.1 (gobiernos locales, enlace con lo nacional); s003 §4 (gobierno en su conjunto)
    Challenge("local", "MX-2", "structural", ("social",),
              "La coordinación entre el gobierno nacional y los municipios es débil: las oficinas locales reciben a "
              "las personas retornadas sin presupuesto ni lineamientos nacionales."),
    # s003 §4 (muchas carteras implicadas; nuevas estructuras dedicadas a la diáspora)
    Challenge("ministries", "US-2", "structural", ("social",),
              "Responsibility for returnees is spread across foreign affairs, labour, social development and "
              "health, and new diaspora offices add another layer, so no one clearly leads."),
    # s000 Cuadro 4.8 (empresas y finanzas: requisitos de crédito y de registro de empresas)
    Challenge("credit", "DO-2", "structural", ("economic",),
              "Las personas retornadas no cumplen los requisitos de los bancos para abrir una cuenta o pedir un "
              "crédito, porque no tienen historial ni garantías en el país."),
    # s000 Cuadro 4.8 (trabajo: incluir a las personas retornadas entre los beneficiarios de los servicios)
    Challenge("policy", "BZ-2", "structural", ("economic",),
              "National labour and training policies do not name returnees as a target group, so public employment "
              "services and vocational institutes have neither the mandate nor the budget to serve them."),
    # s002 §4.1 (asistencia a los propios nacionales no sistematizada, con carácter ad hoc)
    Challenge("adhoc", "IOM", "structural", ("social", "economic"),
              "In several countries, help for returning nationals is still arranged case by case, with no standard "
              "procedures or referral mechanism behind it.", attribution="named"),
    # s000 Cuadro 4.8 (género: necesidades de las mujeres en planificación y presupuestos); s004 nota 6: a matter
    # of plans and budgets, hence structural (the gender recommendation of table C answers it)
    Challenge("women", "GT-1", "structural", ("economic", "social"),
              "Los programas no toman en cuenta la situación de las mujeres retornadas, muchas de ellas jefas de "
              "hogar: pocas llegan a la formación para el empleo y sus necesidades no figuran en los planes ni en "
              "los presupuestos.", groups=("women",)),
    # s000 Estudio de caso 16 (migrantes cuyas necesidades sobrepasan la asistencia de los programas de cada país)
    Challenge("exceeds", "NI-2", "structural", ("economic", "social"),
              "Cuando regresa una niña o un niño no acompañado con necesidades que el programa nacional no cubre, "
              "cada país resuelve como puede: no hay criterios comunes en la región sobre quién recibe apoyo "
              "adicional ni con qué recursos.", groups=("unaccompanied_children",)),
    # s003 §4 (remesas y ahorros destinados sobre todo al consumo; fondos de la diáspora, incentivos fiscales)
    Challenge("diaspora", "DO-2", "structural", ("economic",),
              "Lo que la diáspora ahorra y envía se va casi todo en el consumo de los hogares: ningún fondo público "
              "ni incentivo lo orienta hacia proyectos productivos en las zonas a las que se retorna."),
)

PRACTICES: tuple[Practice, ...] = (
    # -- individual level ---------------------------------------------------------------------------------
    # s004 Contexto, nota 9 (protocolo y ventanillas de atención a mujeres migrantes retornadas, El Salvador)
    Practice("ventanillas", "SV-1", "Protocolo y Ventanillas de Atención a Mujeres Migrantes Retornadas",
             "El Salvador", "Gobierno de El Salvador",
             "Un protocolo con enfoque de género y ventanillas donde las mujeres retornadas reciben orientación y "
             "son referidas a servicios desde que llegan.", "individual", ("social", "psychosocial"),
             document="Anexo-I-El-Salvador.pdf", groups=("women",)),
    Practice("ventanillas-rrocm", "RROCM-1", "Ventanillas de atención para mujeres retornadas", "El Salvador",
             "Instituciones salvadoreñas de recepción",
             "Atención diferenciada a las mujeres retornadas en un solo lugar: orientación, referencia a servicios "
             "y un protocolo pensado para su situación.", "individual", ("social", "psychosocial"),
             groups=("women",), attribution="named", same_as="ventanillas"),
    # s004 Contexto, nota 9 (plan de atención y protección integral a la niñez retornada, El Salvador)
    Practice("plan-nna", "UNICEF",
             "Plan de Atención y Protección Integral a Niñas, Niños y Adolescentes Migrantes Retornados y sus "
             "Familias", "El Salvador", "Gobierno de El Salvador",
             "Fija la ruta de atención y protección de la niñez retornada y de su familia, desde la recepción hasta "
             "el seguimiento en su comunidad.", "individual", ("social", "psychosocial"),
             groups=("unaccompanied_children", "families"), attribution="named"),
    # s004 Contexto, nota 6 (certificación en gastronomía del PMA; empleo en ámbitos de alta demanda)
    Practice("gastronomia", "WFP", "Programa de certificación en gastronomía", "Norte de Centroamérica",
             "Programa Mundial de Alimentos (PMA)",
             "Personas retornadas se forman y se certifican en cocina, un oficio con mucha demanda de mano de obra.",
             "individual", ("economic",), attribution="named"),
    # s004 Contexto, nota 6 (programa piloto en El Salvador: 33 mujeres certificadas en ofimática y mercadeo)
    Practice("ofimatica", "ILO", "Formación para la empleabilidad de mujeres migrantes en Centroamérica",
             "El Salvador (programa piloto)", "Organización Internacional del Trabajo (OIT)",
             "33 mujeres migrantes obtuvieron una certificación en ofimática y mercadeo.", "individual",
             ("economic",), groups=("women",), attribution="named"),
    # s004 Contexto, nota 6 (Guate te incluye: vacantes del sector privado y certificación de habilidades)
    Practice("guate", "GT-1", "Guate te incluye", "Guatemala", "Gobierno de Guatemala, con empresas privadas",
             "Conecta a personas retornadas con vacantes de empresas privadas y las ayuda a certificar las "
             "habilidades que traen.", "individual", ("economic",), document="Guate-te-incluye.pdf"),
    # s004 Contexto, nota 6 (Programa Integral de Inserción para la Población Salvadoreña Retornada)
    Practice("integral", "SV-2", "Programa Integral de Inserción para la Población Salvadoreña Retornada",
             "El Salvador", "Gobierno de El Salvador",
             "Reúne en un solo programa orientación laboral, capacitación y apoyo a los emprendimientos de las "
             "personas retornadas.", "individual", ("economic",)),
    # -- community level ----------------------------------------------------------------------------------
    # s004 Contexto, nota 6 (Centros de formación Quédate)
    Practice("quedate", "GT-2", "Centros de formación Quédate", "Guatemala", "Gobierno de Guatemala",
             "Capacitación técnica para jóvenes en oficios con demanda laboral, como alternativa a la migración "
             "irregular.", "community", ("economic",)),
    # s004 Contexto, nota 9 (Unidades Municipales de Atención al Migrante Retornado, UMAR, Honduras)
    Practice("umar", "HN-2", "Unidades Municipales de Atención al Migrante Retornado (UMAR)",
             "Municipios de Honduras con alto retorno", "Municipalidades de Honduras",
             "Oficinas municipales que reciben a las personas retornadas en su territorio y las refieren a los "
             "servicios locales de empleo, salud y educación.", "community", ("social",),
             document="UMAR-Honduras.pdf"),
    Practice("umar-rrocm", "RROCM-2", "Oficinas municipales de atención a personas retornadas (UMAR)", "Honduras",
             "Alcaldías hondureñas",
             "Las alcaldías atienden a quienes regresan a su municipio y los refieren a servicios de salud, "
             "educación y empleo del territorio.", "community", ("social",), attribution="named",
             same_as="umar"),
    # s004 Contexto, nota 7 (Proyecto Pepita: mensajes psicoeducativos con teatro y lúdica); the only item
    # of the community × psychosocial cell
    Practice("pepita", "IOM", "Pepita Project", "Return communities in northern Central America",
             "IOM with local partners",
             "Psychoeducational messages through theatre and games that help communities learn to look after "
             "their mental health.", "community", ("psychosocial",), attribution="named"),
    # s004 Contexto, notas 7 y 8 (Reintegración sobre Ruedas: unidades móviles, actividades lúdicas)
    Practice("ruedas", "HN-1", "Reintegración sobre Ruedas", "Norte de Centroamérica", "OIM con socios locales",
             "Unidades móviles que recorren las comunidades con actividades lúdicas y educativas para informar "
             "sobre los riesgos de la migración irregular.", "community", ("social",)),
    # s000 §4.1.2, Estudio de caso 14 (Serbia: consejos locales de migración, planes de acción local)
    Practice("serbia", "CA-1", "Local migration councils and local action plans", "Serbia",
             "Municipalities, with IOM and the national agency for refugees and migrants",
             "From 2001 to 2012, municipalities assessed their own housing and livelihood needs and updated their "
             "local action plans to include nationals coming back; neighbouring towns grouped their plans.",
             "community",
             ("social",)),
    # -- structural level ---------------------------------------------------------------------------------
    # s000 §4.2, Estudio de caso 16 y Recursos útiles (CRM 2014, principios orientadores, San José)
    # (its name as the RCM titled it, the one the briefing's regional frameworks give; where it applies, and
    # in what it achieved when and where it was agreed)
    Practice("principios", "CR-2", "Principios orientadores de la CRM para la elaboración de políticas migratorias "
             "sobre integración, retorno y reintegración", "Los 11 países miembros de la CRM",
             "Conferencia Regional sobre Migración (CRM)",
             "Un entendimiento común, acordado en San José en 2014, que cada país miembro se comprometió a adaptar "
             "a su legislación y a sus políticas de retorno y reintegración.", "structural", ("social",),
             link=CRM_PRINCIPLES_URL),
    Practice("principios-mx", "MX-2", "Principios orientadores sobre integración, retorno y reintegración "
             "(CRM, 2014)", "Países miembros de la CRM", "Conferencia Regional sobre Migración",
             "Bases comunes para formular políticas de retorno y reintegración, acordadas por los países miembros "
             "tras los talleres de consulta de 2014.", "structural", ("social",), same_as="principios"),
    # s000 §4.2, Estudio de caso 16 (fondo de reserva de la CRM para migrantes en alta vulnerabilidad, OIM)
    Practice("fondo", "IOM", "RCM reserve fund for migrants in highly vulnerable situations", "RCM member countries",
             "IOM, on behalf of the RCM",
             "Financial and operational support for vulnerable people who return voluntarily, above all "
             "unaccompanied and separated children, when their needs go beyond national programmes.", "structural",
             ("economic", "social"), groups=("unaccompanied_children",), attribution="named"),
    # s004 Contexto, nota 9 (Política Nacional de El Salvador, 2017); s000 Estudio de caso 16 (protocolos)
    Practice("politica-sv", "SV-1", "Política Nacional para la Protección y Desarrollo de la Persona Migrante "
             "Salvadoreña y su Familia", "El Salvador (2017)", "Gobierno de El Salvador",
             "Marco nacional de protección de la población migrante y retornada, que el país acompaña con "
             "protocolos y mecanismos de coordinación para la reintegración.", "structural", ("social",),
             link=SV_POLICY_URL),
    # s000 Estudio de caso 16 y Recursos útiles (OIM 2015, manual para políticas nacionales de reintegración)
    Practice("manual", "PA-1", "Manual para la elaboración de políticas nacionales de reintegración",
             "Países miembros de la CRM, desde la Oficina Regional de la OIM en San José",
             "Organización Internacional para las Migraciones (OIM)",
             "Una guía para que cada gobierno redacte su estrategia nacional en las dimensiones económica, social "
             "y psicosocial; El Salvador la aplicó en sus protocolos.", "structural", ("social",)),
    # s000 §4.1.2, Estudio de caso 13 (Georgia: centros de inserción y orientación laboral)
    Practice("georgia", "MPI", "Employment counselling centres for returnees and internally displaced people",
             "Georgia, six areas with many returnees and displaced people",
             "IOM Georgia, now the Ministry of Health, Labour and Social Affairs",
             "A labour market assessment, trained local career counsellors, job fairs and a jobseeker database "
             "matched to employers' needs; the ministry has since taken the centres over.", "structural",
             ("economic",), attribution="named"),
    # s000 §4.1.3, Estudio de caso 15 (Côte d'Ivoire: comité de gestión de casos, procedimientos operativos)
    Practice("cotedivoire", "US-2", "Case management committee and standard operating procedures", "Côte d’Ivoire",
             "Government of Côte d’Ivoire, with IOM",
             "Ministries and a civil-society organisation adapted standard procedures, drafted a national return "
             "and reintegration plan and share out the cases, each partner within its budget and role.",
             "structural", ("social",)),
)

RECOMMENDATIONS: tuple[Recommendation, ...] = (
    # -- table A, individual level --------------------------------------------------------------------------
    # s002 §4.1 (plan de reintegración propio; seguimiento durante 12 meses); s002 §4.4 (opinión de beneficiarios)
    Recommendation(
        "plan", "BZ-1", "Assign every returnee a case worker and an individual reintegration plan agreed with them "
        "at reception, with follow-up for at least the first twelve months.", ("social", "psychosocial"),
        "national", ("national_authorities", "local_governments", "civil_society"), "medium", answers=("followup",),
        builds_on=("integral",), crosscutting=("data_monitoring",),
        amend=("Assign every returnee a case worker and an individual reintegration plan agreed with them at "
               "reception, with follow-up for at least the first twelve months that ends with the returnee's own "
               "assessment of the support received.",
               "The plenary asked for returnees' own views to be part of the follow-up."), priority=3),
    Recommendation(
        "plan-sv", "SV-1", "Que cada persona retornada tenga, desde la recepción, un plan individual de "
        "reintegración acordado con ella y el seguimiento de una persona gestora de casos durante al menos doce "
        "meses.",
        ("social", "psychosocial"), "national", ("national_authorities", "local_governments", "civil_society"),
        "medium", answers=("followup",), crosscutting=("data_monitoring",), same_as="plan",
        amend=("Que cada persona retornada tenga, desde la recepción, un plan individual de reintegración acordado "
               "con ella y el seguimiento de una persona gestora de casos durante al menos doce meses, que cierre "
               "con su propia valoración del apoyo recibido.",
               "La plenaria pidió que la opinión de las personas retornadas forme parte del seguimiento."), priority=3),
    # s000 Cuadro 4.8 (documentos personales para acceder a servicios; certificados escolares)
    Recommendation(
        "docs", "GT-1", "Reponer en el mismo punto de recepción el documento de identidad, la partida de nacimiento "
        "y las constancias de estudio, con un trámite gratuito que no tarde más de unos días.", ("social", "economic"),
        "national", ("national_authorities",), "short", answers=("docs",), crosscutting=("rights",), priority=3),
    # s002 §4.1 (vulnerabilidades específicas); s000 §4.1.3 (mecanismos de derivación); s004 Objetivos
    Recommendation(
        "screening", "HN-1", "Identificar en los centros de recepción, desde el primer momento, las necesidades de "
        "protección (víctimas de trata, personas amenazadas que no pueden volver a su comunidad, niñez no "
        "acompañada) y derivar cada caso a servicios especializados.", ("social", "psychosocial"), "national",
        ("national_authorities", "civil_society", "international_organisations"), "short",
        answers=("trafficking", "displaced"), crosscutting=("protection",),
        groups=("trafficking_victims", "displaced_on_arrival", "unaccompanied_children")),
    # s002 §4.1 y s003 §2 (bienestar psicosocial; sentimientos de pérdida, fracaso o ansiedad)
    Recommendation(
        "psych", "MX-1", "Ofrecer atención psicosocial en los puntos de recepción y en los servicios de salud de las "
        "zonas de retorno, con prioridad para quienes sufrieron violencia, abuso o explotación.", ("psychosocial",),
        "national", ("national_authorities", "civil_society"), "medium", answers=("trauma",),
        builds_on=("ventanillas",), crosscutting=("protection",), groups=("violence_survivors", "health_needs"),
        priority=2),
    # s000 Cuadro 4.8 (salud: acceso al sistema nacional en condiciones de igualdad)
    Recommendation(
        "health", "NI-2", "Inscribir a cada persona retornada en el sistema público de salud en el momento de la "
        "recepción, para que no interrumpa tratamientos de enfermedades crónicas.", ("social",), "national",
        ("national_authorities",), "short", answers=("health",), crosscutting=("rights",), groups=("health_needs",)),
    # s003 §4 (certificación de competencias adquiridas en destino; reconocimiento mutuo)
    Recommendation(
        "certify", "RROCM-1", "Evaluar y certificar las competencias que las personas retornadas adquirieron fuera, "
        "reconocer su aprendizaje previo y negociar acuerdos de reconocimiento mutuo entre países de origen y de "
        "destino.", ("economic",), "regional",
        ("national_authorities", "private_sector", "international_organisations"), "medium", answers=("skills",),
        builds_on=("gastronomia", "guate"), attribution="named", priority=2),
    # s004 Objetivos (desplazamiento forzoso a la llegada); s000 §4.1.3 (derivación)
    Recommendation(
        "refuge", "UNHCR", "Give returnees who cannot go back to their community because of threats a safe referral "
        "route, with temporary shelter and help to settle elsewhere, so that they are not left displaced.",
        ("social", "psychosocial"), "national",
        ("national_authorities", "local_governments", "international_organisations"), "short",
        answers=("displaced",), crosscutting=("protection",), groups=("displaced_on_arrival",),
        attribution="named"),
    # s000 Cuadro 4.8 (educación: certificados para inscribir a menores que retornan en edad escolar)
    Recommendation(
        "enrol", "UNICEF", "Matricular en pocos días a niñas, niños y adolescentes retornados no acompañados o "
        "separados, aceptando documentos provisionales mientras llegan sus certificados, y darles seguimiento en su "
        "comunidad.", ("social",), "national", ("national_authorities", "local_governments"), "short",
        answers=("school",), builds_on=("plan-nna",), crosscutting=("protection", "rights"),
        groups=("unaccompanied_children",), attribution="named", priority=3),

    # -- table B, community level ---------------------------------------------------------------------------
    # s002 §4.2 (actividades conjuntas de generación de ingresos; obras de infraestructura a pequeña escala)
    Recommendation(
        "projects", "CA-2", "Fund community projects, such as small infrastructure works, local employment schemes "
        "and joint income-generating activities, that returnees and neighbours who never migrated plan and run "
        "together.", ("economic", "social"), "national", ("local_governments", "donors", "civil_society"), "medium",
        answers=("tension", "jobs"), crosscutting=("rights",), priority=3),
    Recommendation(
        "projects-cr", "CR-1", "Financiar proyectos comunitarios de pequeñas obras de infraestructura, empleo local y "
        "generación de ingresos, que las personas retornadas y los vecinos que no migraron planifiquen y ejecuten "
        "juntos.", ("economic", "social"),
        "national", ("local_governments", "donors"), "medium", answers=("tension",), same_as="projects", priority=3),
    # s002 §4.2 (perfiles comunitarios en las comunidades con más retornos)
    Recommendation(
        "profiles", "SV-2", "Antes de diseñar programas, elaborar un perfil de cada municipio con muchos retornos: "
        "servicios disponibles, mercado de trabajo por sector y necesidades de la población local.",
        ("economic", "social"), "national", ("local_governments", "academia", "international_organisations"),
        "short", answers=("jobs", "services"), crosscutting=("data_monitoring",)),
    # s000 Cuadro 4.3 (campañas de información conjuntas con relatos de reintegración satisfactoria)
    Recommendation(
        "campaigns", "US-1", "Run joint information campaigns with local media that tell real stories of "
        "reintegration that benefited the whole community, to counter the stigma against deported people.",
        ("social",), "national", ("private_sector", "civil_society", "local_governments"), "short",
        answers=("stigma",)),
    # s004 Contexto, nota 9 (UMAR); s000 Cuadro 4.1 (gobiernos locales: prestar servicio a quienes retornan)
    Recommendation(
        "umar", "HN-2", "Fortalecer las unidades municipales de atención a personas retornadas y abrir otras en los "
        "municipios de mayor retorno, con personal formado y presupuesto propio.", ("social",), "national",
        ("local_governments", "national_authorities"), "medium", answers=("services",), builds_on=("umar",),
        priority=2),
    # s003 §4 (vincular la reintegración a las iniciativas de desarrollo local; sin estructuras paralelas)
    Recommendation(
        "devplans", "NI-1", "Ejecutar los proyectos de reintegración a través de los planes de desarrollo local "
        "existentes, sin crear estructuras paralelas que compitan por los mismos recursos.", ("economic", "social"),
        "national", ("local_governments",), "medium", answers=("tension",)),
    # s000 Cuadro 4.8 (salud: capacidad en zonas de alto retorno, centros ambulantes)
    Recommendation(
        "capacity", "PA-2", "Ampliar la capacidad de los centros de salud y de las escuelas en las zonas de alto "
        "retorno y llevar unidades móviles a donde esos servicios no llegan.", ("social",), "national",
        ("national_authorities", "local_governments"), "medium", answers=("services",), builds_on=("ruedas",),
        priority=2),
    # s002 §4.2 (restablecer redes con familia, amigos y población local); s003 §3 (redes de retornados)
    Recommendation(
        "networks", "DO-1", "Formar en cada municipio redes de personas retornadas y grupos de apoyo entre pares, "
        "abiertos a sus familias y a sus vecinos.", ("social",), "national",
        ("migrant_associations", "civil_society", "local_governments"), "short", answers=("stigma",)),
    # s002 §4.2 (foros de diálogo); s003 §4 (enfoque participativo con migrantes y administraciones locales)
    Recommendation(
        "forums", "RROCM-2", "Abrir foros comunitarios en los que la población retornada, la que no migró y las "
        "autoridades locales decidan juntas qué apoyo necesita el municipio.", ("social",), "national",
        ("local_governments", "civil_society", "migrant_associations"), "short", answers=("tension",),
        crosscutting=("rights",), attribution="named"),
    # s000 Cuadro 4.3 y s003 §4 (sector privado: aprendizaje en el empleo y mentoría)
    Recommendation(
        "apprentices", "ILO", "Acordar con las cámaras empresariales locales programas de aprendizaje en el puesto de "
        "trabajo y de mentoría que incluyan a personas retornadas y a jóvenes de la comunidad.", ("economic",),
        "national", ("private_sector", "local_governments"), "medium", answers=("jobs",), builds_on=("quedate",),
        attribution="named", priority=2),
    # s000 Cuadro 4.3 (efectivo por trabajo); s003 §3 (comunidades que ya no reciben remesas)
    Recommendation(
        "cashwork", "WFP", "Ofrecer efectivo por trabajo en obras comunitarias a los hogares que dejaron de recibir "
        "remesas, mientras sus integrantes retornados encuentran empleo.", ("economic",), "national",
        ("local_governments", "donors", "international_organisations"), "short", answers=("remittances",),
        attribution="named"),

    # -- table C, structural level --------------------------------------------------------------------------
    # s000 Cuadro 4.8 (trabajo: servicios públicos de empleo y formación profesional)
    Recommendation(
        "policy", "BZ-2", "Name returnees as a target group in national labour, training and social protection "
        "policies, so that public employment services and vocational institutes have the mandate and budget to "
        "serve them.", ("economic", "social"), "national", ("national_authorities",), "medium", answers=("policy",),
        priority=2),
    # s003 §4 (programación basada en datos; encuestas por mensajes de texto); s002 §4.4
    Recommendation(
        "indicators", "CA-1", "Agree on a short list of regional indicators of sustainable reintegration and follow "
        "returnees over several years, including through brief text-message surveys.", ("economic", "social"),
        "regional", ("national_authorities", "international_organisations", "academia"), "medium",
        answers=("indicators",), crosscutting=("data_monitoring",), priority=2),
    # s003 §5 (homogeneidad de la asistencia a la reintegración entre países de acogida)
    Recommendation(
        "harmonise", "CR-2", "Que los países de la región armonicen los montos y las modalidades de la asistencia "
        "para el retorno y la reintegración, para que las diferencias entre programas no pesen en las decisiones "
        "de las personas.", ("economic",), "regional", ("national_authorities", "donors"), "long", contested=True,
        set_aside="Varios Estados señalaron que los montos dependen de cada presupuesto y de cada programa; se pide "
                  "a la SE-CRM un estudio comparativo antes de retomarla.", priority=0),
    # s002 §4.3 (comités interministeriales, mecanismos de remisión); s000 Estudio de caso 15
    Recommendation(
        "committee", "US-2", "Set up an inter-ministerial committee on return and reintegration in each country, "
        "with standard operating procedures and one national referral mechanism that every agency and partner "
        "organisation uses.", ("social",), "national",
        ("national_authorities", "civil_society", "international_organisations"), "medium",
        answers=("ministries", "adhoc"), builds_on=("cotedivoire",), priority=3),
    Recommendation(
        "committee-gt", "GT-2", "Crear en cada país un comité interinstitucional de retorno y reintegración, con "
        "procedimientos operativos estándar y un mecanismo nacional de referencia que usen todas las "
        "instituciones.", ("social",), "national", ("national_authorities", "civil_society"), "medium",
        answers=("ministries",), same_as="committee", priority=3),
    # s002 §4.4 (datos armonizados); s003 §4 (mecanismos efectivos de protección de datos)
    Recommendation(
        "registry", "MX-2", "Crear un registro interinstitucional único de personas retornadas, con protección de "
        "datos personales, para seguir cada caso desde la recepción hasta los servicios municipales.", ("social",),
        "national", ("national_authorities", "local_governments"), "medium", answers=("records", "local"),
        crosscutting=("data_monitoring",), priority=2),
    # s002 §4.4 (aprendizaje a partir de los datos de seguimiento); s000 Estudio de caso 16 (la CRM como foro)
    # (by GT-2, whose other recommendation repeats one and goes in the second round: the tables send at once)
    Recommendation(
        "report", "GT-2", "Presentar cada año ante la CRM los datos de seguimiento de la reintegración de cada "
        "país, con los mismos indicadores, para comparar resultados y aprender de lo que funciona en la región.",
        ("economic", "social"), "regional", ("national_authorities", "international_organisations"), "medium",
        answers=("indicators",), crosscutting=("data_monitoring",)),
    # s000 Cuadro 4.8 (empresas y finanzas: criterios de registro de empresas y de acceso al crédito)
    Recommendation(
        "credit", "PA-1", "Revisar con la banca y las microfinancieras los requisitos de crédito y de registro de "
        "empresas, para que las personas retornadas puedan abrir cuentas, pedir préstamos y formalizar sus "
        "negocios.", ("economic",), "national", ("national_authorities", "private_sector"), "medium",
        answers=("credit",)),
    # s000 §4.1.1 (gobiernos que complementan los aportes de la diáspora); s003 §4 (incentivos fiscales)
    Recommendation(
        "diaspora", "DO-2", "Crear fondos en los que el gobierno nacional y los municipios complementen los aportes "
        "de la diáspora a proyectos de desarrollo local en zonas de retorno, con incentivos fiscales para quienes "
        "inviertan.", ("economic",), "national", ("diaspora", "national_authorities", "local_governments"), "long",
        answers=("diaspora",)),
    # s000 Estudio de caso 16 (fondo de reserva de la CRM, menores no acompañados y separados)
    Recommendation(
        "fund", "IOM", "Strengthen the RCM reserve fund for migrants in highly vulnerable situations and agree "
        "regional criteria for its use, with priority for unaccompanied and separated children.",
        ("economic", "social"), "regional", ("international_organisations", "national_authorities", "donors"),
        "medium", answers=("exceeds",), builds_on=("fondo",), crosscutting=("protection",),
        groups=("unaccompanied_children",),
        attribution="named", priority=2),
    # s000 Cuadro 4.8 (género: planificación, presupuestación e implementación con perspectiva de género)
    Recommendation(
        "gender", "MPI", "Build gender-responsive planning and budgeting into national reintegration strategies, with "
        "targets for returning women's access to training and credit.", ("economic", "social"), "national",
        ("national_authorities", "international_organisations"), "medium", answers=("women",),
        crosscutting=("gender",), groups=("women",), attribution="named", priority=2),
)

CONSOLIDATIONS: tuple[Consolidation, ...] = (
    # s002 §4.1; s000 §4.1.3; s004 Objetivos (grupos en mayor situación de vulnerabilidad)
    Consolidation("A", "SV-1", ("screening", "psych", "refuge"),
                  "Incorporar en cada centro de recepción una valoración temprana de las necesidades de protección y "
                  "de salud mental y, según el perfil de cada persona, derivarla a atención psicosocial, a un refugio "
                  "temporal o a servicios especializados, con prioridad para víctimas de violencia o de trata, niñez "
                  "no acompañada y personas que no pueden volver a su comunidad."),
    # s002 §4.2 (perfiles comunitarios); s003 §4 (desarrollo local, sin estructuras paralelas)
    Consolidation("B", "CR-1", ("profiles", "devplans"),
                  "Basar la respuesta comunitaria en un perfil de cada municipio con muchos retornos (servicios, "
                  "mercado de trabajo por sector y necesidades de la población) y ejecutar los proyectos de "
                  "reintegración a través de sus planes de desarrollo local, sin montar estructuras paralelas."),
    # s002 §4.4; s003 §3 y §4 (datos, indicadores, protección de datos)
    Consolidation("C", "CA-1", ("indicators", "registry", "report"),
                  "Build the evidence for reintegration policy: in each country, a single inter-agency record of "
                  "returnees that protects personal data; across the region, a short list of shared indicators of "
                  "sustainable reintegration, measured through several years of follow-up and reported to the RCM "
                  "every year."),
)

COMMENTS: tuple[Comment, ...] = (
    Comment("HN-1", "plan", "Que el seguimiento recoja también la opinión de la persona retornada sobre el apoyo "
                            "que recibió."),                                          # s002 §4.4
    Comment("UNHCR", "plan", "The plan should also cover family members who come back with the returnee."),  # s002 §4.1
    Comment("UNICEF", "@A", "Que a la niñez no acompañada la valore personal formado en protección de la "
                            "infancia, en un espacio aparte del de las personas adultas."),  # s000 Estudio de caso 15
    Comment("WFP", "projects", "Que los proyectos se elijan con la comunidad y respeten el principio de no causar "
                               "daño, en lugar de decidirse desde la capital."),      # s003 §3, §4
    Comment("DO-1", "campaigns", "Las campañas deberían contar con las propias personas retornadas y con sus "
                                 "testimonios en foto y video."),                     # s003 §4
    Comment("ILO", "@B", "Sumar a las organizaciones de empleadores y de trabajadores cuando se analice el mercado de "
                         "trabajo de cada municipio."),                               # s003 §3
    Comment("CA-2", "apprentices", "Co-financing apprentices' wages for a few months would help small employers "
                                   "take part."),                                     # s000 Cuadro 4.3
    Comment("MX-2", "committee", "El comité debería incluir a los gobiernos locales, que son quienes reciben a las "
                                 "personas en el territorio."),                       # s000 Cuadro 4.1
    Comment("PA-1", "@C", "Definir desde el inicio quién puede consultar el registro y con qué fines."),  # s003 §4
    Comment("MPI", "@C", "Publish the indicators and the yearly figures so that civil society can follow progress "
                         "as well."),                                                 # s002 §4.4
    Comment("GT-1", "harmonise", "Los montos dependen de cada presupuesto nacional; antes de armonizar conviene "
                                 "comparar lo que ofrece cada país."),                # s003 §5
    Comment("US-1", "harmonise", "Harmonisation may suit destination countries, but countries of origin need room "
                                 "to adapt support to local needs."),                 # s003 §3
    Comment("SV-2", "fund", "Que el fondo cubra también a las personas con necesidades médicas "
                            "complejas."),                                            # s000 Estudio de caso 16
    Comment("RROCM-2", "policy", "Las organizaciones de personas retornadas deberían participar en el diseño de esas "
                                 "políticas."),                                       # s000 Cuadro 4.1
    Comment("RROCM-1", "gender", "Que la planificación con enfoque de género tome en cuenta también a las personas "
                                 "LGBTI retornadas."),                                # s000 Cuadro 4.8
    Comment("BZ-2", "credit", "The review should let a record of remittances sent home count as a credit "
                              "history."),                                            # s003 §3 (remesas)
)

# The moderator of table A, to the whole table, before the plenary (both languages: the table has both).
ANNOUNCEMENT = ("Quedan 15 minutos: revisen sus recomendaciones antes de la plenaria. / "
                "15 minutes left: please review your recommendations before the plenary.")


def root(key: str, items: tuple) -> str:
    """The first item of a set of near-duplicates: what ``same_as`` leads to in the end."""
    by_key = {i.key: i for i in items}
    while by_key[key].same_as:
        key = by_key[key].same_as
    return key
