"""The demo's editorial work, in both languages: the other language of every recommendation, challenge and good
practice the roadmap prints, the tables' syntheses, the secretariat's conclusions and next steps.

The translations are of the demo's own texts (``phrases``), written for the demo; the syntheses, conclusions and
next steps draw together what the demo's delegates sent, from the same sources cited there (s000, s002, s003,
s004). In the demo some translations are typed by their authors, some by the translator, some come from the
machine translation service (the offline fake, which knows these texts) and are confirmed by a person, and a few
are left to the secretariat's machine drafts, which the translator then confirms: the roadmap is published, so it
carries no text nobody checked (the mark on an unconfirmed one is tested apart, tests/test_translation*.py);
most challenges and good practices are machine drafts the translator confirms, so that each edition prints them
in its own language: a good practice's where, who runs it and what it achieved as well as its name.
"""

from __future__ import annotations

# The other language of each recommendation that is published (near-duplicates are merged into the first), keyed
# like ``phrases.RECOMMENDATIONS``; "@A" is table A's consolidated recommendation.
OTHER_LANGUAGE: dict[str, str] = {
    "plan": "Asignar a cada persona retornada una persona gestora de casos y un plan individual de reintegración "
            "acordado con ella en la recepción, con seguimiento durante al menos los primeros doce meses.",
    "docs": "Reissue identity cards, birth certificates and school records at the reception point itself, free of "
            "charge and within a few days.",
    "screening": "Identify protection needs at reception centres from the outset (victims of trafficking, people "
                 "under threat who cannot return to their community, unaccompanied children) and refer each case "
                 "to specialised services.",
    "psych": "Provide psychosocial care at reception points and in the health services of return areas, giving "
             "priority to those who suffered violence, abuse or exploitation.",
    "health": "Enrol every returnee in the public health system at reception, so that treatment for chronic "
              "illness is not interrupted.",
    "certify": "Assess and certify the skills returnees gained abroad, recognise their prior learning and negotiate "
               "mutual recognition agreements between countries of origin and destination.",
    "refuge": "Dar a las personas retornadas que no pueden volver a su comunidad por amenazas una ruta de "
              "derivación segura, con albergue temporal y apoyo para asentarse en otro lugar, para que no queden "
              "desplazadas.",
    "enrol": "Enrol unaccompanied or separated returning children and adolescents in school within a few days, "
             "accepting provisional documents until their certificates arrive, and follow them up in their "
             "community.",
    "projects": "Financiar proyectos comunitarios (pequeñas obras de infraestructura, planes de empleo local, "
                "actividades conjuntas de generación de ingresos) que planifiquen y lleven adelante juntos las "
                "personas retornadas y los vecinos que nunca migraron.",
    "profiles": "Before designing programmes, draw up a profile of each municipality with many returns: the "
                "services available, the labour market by sector and the needs of the local population.",
    "campaigns": "Realizar con los medios locales campañas de información conjuntas que cuenten historias reales "
                 "de reintegración que beneficiaron a toda la comunidad, para contrarrestar el estigma contra las "
                 "personas deportadas.",
    "umar": "Strengthen the municipal units that assist returnees and open new ones in the municipalities with the "
            "most returns, with trained staff and a budget of their own.",
    "devplans": "Run reintegration projects through the existing local development plans, without creating "
                "parallel structures that compete for the same resources.",
    "capacity": "Expand the capacity of health centres and schools in high-return areas and send mobile units where "
                "those services do not reach.",
    "networks": "Form networks of returnees and peer support groups in every municipality, open to their families "
                "and neighbours.",
    "forums": "Open community forums where returnees, those who never migrated and the local authorities decide "
              "together what support the municipality needs.",
    "apprentices": "Agree on-the-job apprenticeship and mentoring programmes for returnees and young people from "
                   "the community with local chambers of commerce.",
    "cashwork": "Offer cash for work on community projects to households that no longer receive remittances, while "
                "their returning members find employment.",
    "policy": "Incluir a las personas retornadas como grupo destinatario en las políticas nacionales de empleo, "
              "formación y protección social, para que los servicios públicos de empleo y los institutos de "
              "formación profesional tengan el mandato y el presupuesto para atenderlas.",
    "indicators": "Acordar una lista breve de indicadores regionales de reintegración sostenible y dar seguimiento "
                  "a las personas retornadas durante varios años, también mediante encuestas breves por mensaje de "
                  "texto.",
    "harmonise": "The countries of the region should harmonise the amounts and forms of return and reintegration "
                 "assistance, so that differences between programmes do not weigh on people's decisions.",
    "committee": "Establecer en cada país un comité interministerial de retorno y reintegración, con procedimientos "
                 "operativos estándar y un único mecanismo nacional de referencia que usen todos los organismos y "
                 "las organizaciones asociadas.",
    "report": "Present each country's reintegration follow-up data to the RCM every year, using the same "
              "indicators, so that results can be compared and the region can learn from what works.",
    "registry": "Create a single inter-agency register of returnees, with protection of personal data, to follow "
                "each case from reception to municipal services.",
    "credit": "Review with banks and microfinance institutions the requirements for credit and for registering a "
              "business, so that returnees can open accounts, borrow and formalise their businesses.",
    "diaspora": "Create funds in which the national government and municipalities match diaspora contributions to "
                "local development projects in return areas, with tax incentives for those who invest.",
    "fund": "Fortalecer el fondo de reserva de la CRM para migrantes en situación de alta "
            "vulnerabilidad y acordar criterios regionales para su uso, con prioridad para la niñez no acompañada "
            "y separada.",
    "gender": "Incorporar la planificación y la presupuestación con perspectiva de género en las estrategias "
              "nacionales de reintegración, con metas de acceso de las mujeres retornadas a la formación y al "
              "crédito.",
    "@A": "Introduce at every reception centre an early assessment of protection and mental health needs and, "
          "according to each person's profile, refer them to psychosocial care, temporary shelter or specialised "
          "services, with priority for victims of violence or trafficking, unaccompanied children and people who "
          "cannot return to their community.",
    "@B": "Base the community response on a profile of each municipality with many returns (services, labour "
          "market by sector and the population's needs) and run reintegration projects through its local "
          "development plans, without setting up parallel structures.",
    "@C": "Construir la evidencia para la política de reintegración: en cada país, un registro interinstitucional "
          "único de personas retornadas que proteja los datos personales; en la región, una lista breve de "
          "indicadores compartidos de reintegración sostenible, medidos con varios años de seguimiento y "
          "presentados a la CRM cada año.",
}

# After the joint reading amended a recommendation, its new wording in the other language.
AMENDED_OTHER_LANGUAGE: dict[str, str] = {
    "plan": "Asignar a cada persona retornada una persona gestora de casos y un plan individual de reintegración "
            "acordado con ella en la recepción, con seguimiento durante al menos los primeros doce meses, que "
            "termine con su propia valoración del apoyo recibido.",
}

# Who gives each translation in the demo: "author" (the recommendation's author, or the table's rapporteur for a
# consolidated one), "translator", "machine" (a machine draft its author confirms) or "draft" (left to the
# secretariat's machine drafts for all that is missing, which the translator then confirms at the desk). Whatever
# is not named here is given by the translator.
GIVEN_BY: dict[str, str] = {
    "plan": "author", "docs": "author", "refuge": "author", "projects": "author", "campaigns": "author",
    "policy": "author", "fund": "author", "@A": "author", "@C": "author",
    "screening": "machine", "psych": "machine", "umar": "machine", "indicators": "machine", "gender": "machine",
    "cashwork": "draft", "diaspora": "draft", "profiles": "draft",  # (consolidated in the full cast;
    # published in the quick one of tests/test_demo.py, where it shows the drafts confirmed)
}

# The other language of the main text (``editorial.ITEM_PARTS``, first) of every challenge (its description) and good
# practice (its name) that is published, keyed like ``phrases.CHALLENGES`` and ``phrases.PRACTICES``; the
# near-duplicates merged into an earlier item and the rejected question have none. A programme's own name stays
# as it is known where it runs, with its meaning beside it where that helps the other language's reader.
CHALLENGES_OTHER_LANGUAGE: dict[str, str] = {
    # -- individual level
    "docs": "Many deported people arrive without an identity document, a birth certificate or school records; "
            "without those papers they cannot sign up for employment programmes or go back to school.",
    "trauma": "Those who suffered violence, abuse or exploitation along the route come back with lasting effects on "
              "their mental health, and reception points offer no specialised psychosocial care.",
    "school": "Unaccompanied or separated returning children and adolescents lose months of schooling: enrolment "
              "requires certificates that are slow to arrive and, once they are back with their families, nobody "
              "follows them up.",
    "skills": "Las personas retornadas que aprendieron un oficio en el extranjero, en la construcción, la cocina o "
              "la mecánica, no tienen cómo demostrarlo, y los empleadores solo les ofrecen trabajos no "
              "calificados.",
    "followup": "La mayoría de las personas retornadas se va de la recepción con una ayuda en efectivo por única "
                "vez y sin ningún seguimiento; nadie sabe si, seis meses después, se gana la vida.",
    "displaced": "Hay personas deportadas que no pueden regresar a su hogar porque quienes las amenazaron siguen "
                 "ahí: acaban desplazadas dentro de su propio país y la recepción no las identifica.",
    "debt": "Many families went into debt to pay for the journey; a person who is deported comes back with a debt "
            "they cannot repay and under pressure from those who lent the money, and experiences it as a failure.",
    "trafficking": "Returning victims of trafficking are almost never identified at reception, so they are not "
                   "referred to protection or to specialised services.",
    "predeparture": "Las personas deportadas desde los Estados Unidos no suelen recibir, antes de la salida, "
                    "información sobre los servicios disponibles en su país, y los primeros días tras la llegada "
                    "se pierden.",
    "lgbti": "Returning LGBTI people meet rejection in their families and in the services themselves, and no "
             "reception protocol takes their situation into account.",
    "health": "People who come back with a chronic illness break off their treatment because, on arrival, nobody "
              "connects them with the public health system.",
    # -- community level
    "tension": "In municipalities that receive many returns, tension is growing with neighbours who never migrated "
               "and who see the help given to returnees as a privilege.",
    "stigma": "En su barrio, a las personas deportadas se las tacha a menudo de delincuentes o de fracasadas, y ese "
              "estigma las deja fuera del trabajo y de la vida de la comunidad.",
    "jobs": "In rural return communities there is hardly any formal employment or market for new businesses, "
            "whether for those who come back or for those who stayed.",
    "services": "Health centres and schools in the areas with the most returns cannot cope, and they receive no "
                "additional resources when a large group arrives.",
    "remittances": "When people return, the remittances stop: many households in the community suddenly lose "
                   "their main source of income.",
    # -- structural level
    "records": "No existe un sistema de información compartido: cada institución que recibe a personas retornadas "
               "lleva sus propios registros, así que a la gente se la entrevista una y otra vez y los casos se "
               "extravían de una institución a otra.",
    "indicators": "En la región, ningún país mide si la reintegración es duradera: no hay indicadores acordados y "
                  "el seguimiento se interrumpe en cuanto termina la asistencia.",
    "local": "Coordination between the national government and the municipalities is weak: local offices receive "
             "returnees with neither a budget nor national guidelines.",
    "ministries": "La responsabilidad sobre las personas retornadas está repartida entre relaciones exteriores, "
                  "trabajo, desarrollo social y salud, y las nuevas oficinas para la diáspora suman otra capa, de "
                  "modo que nadie ejerce un liderazgo claro.",
    "credit": "Returnees do not meet the banks' requirements to open an account or take out a loan, because they "
              "have no credit history and no collateral in the country.",
    "policy": "Las políticas nacionales de empleo y de formación no nombran a las personas retornadas como grupo "
              "destinatario, por lo que los servicios públicos de empleo y los institutos de formación "
              "profesional no tienen ni el mandato ni el presupuesto para atenderlas.",
    "adhoc": "En varios países, la asistencia a los nacionales que retornan todavía se resuelve caso por caso, "
             "sin procedimientos estándar ni un mecanismo de referencia que la respalde.",
    "women": "Programmes overlook the situation of returning women, many of whom head their households: few of them "
             "reach job training, and their needs appear neither in plans nor in budgets.",
    "exceeds": "When an unaccompanied child comes back with needs the national programme does not cover, each "
               "country copes as best it can: the region has no shared criteria on who gets extra support or "
               "from what resources.",
    "diaspora": "Almost everything the diaspora saves and sends home goes on household consumption: no public fund "
                "or incentive steers it towards productive projects in the areas people return to.",
}

PRACTICES_OTHER_LANGUAGE: dict[str, str] = {
    # -- individual level
    "ventanillas": "Protocol and Service Desks for Returning Migrant Women",
    "plan-nna": "Plan for the Comprehensive Care and Protection of Returning Migrant Children and Adolescents and "
                "their Families",
    "gastronomia": "Culinary certification programme",
    "ofimatica": "Employability training for migrant women in Central America",
    "guate": "Guate te incluye (“Guatemala includes you”)",
    "integral": "Comprehensive Integration Programme for the Returning Salvadoran Population",
    # -- community level
    "quedate": "Quédate (“Stay”) training centres",
    "umar": "Municipal Units for Assistance to Returned Migrants (UMAR)",
    "pepita": "Proyecto Pepita",
    "ruedas": "Reintegration on Wheels",
    "serbia": "Consejos locales de migración y planes de acción local",
    # -- structural level
    "principios": "RCM guiding principles for drafting migration policies on integration, return and reintegration",
    "fondo": "Fondo de reserva de la CRM para migrantes en situación de alta vulnerabilidad",
    "politica-sv": "National Policy for the Protection and Development of Salvadoran Migrants and their Families",
    "manual": "Manual for the Drafting of National Reintegration Policies",  # IOM's own title (s000 Useful resources)
    "georgia": "Centros de orientación laboral para personas retornadas y desplazadas internas",
    "cotedivoire": "Comité de gestión de casos y procedimientos operativos estándar",
}

# The other language of the other fields a good practice prints (where it runs, who runs it, what it achieved),
# keyed like ``PRACTICES_OTHER_LANGUAGE``. A place's own name that reads the same in both languages is given as it
# is (``SAME_IN_BOTH``); an organisation is named as it calls itself in that language.
PRACTICE_FIELDS_OTHER_LANGUAGE: dict[str, dict[str, str]] = {
    # -- individual level
    "ventanillas": {"where": "El Salvador", "run_by": "Government of El Salvador",
                    "achieved": "A gender-sensitive protocol and service desks where returning women are advised and "
                                "referred to services from the moment they arrive."},
    "plan-nna": {"where": "El Salvador", "run_by": "Government of El Salvador",
                 "achieved": "It sets out how returning children and their families are cared for and protected, "
                             "from reception through to follow-up in their community."},
    "gastronomia": {"where": "Northern Central America", "run_by": "World Food Programme (WFP)",
                    "achieved": "Returnees are trained and certified as cooks, a trade in which workers are in "
                                "high demand."},
    "ofimatica": {"where": "El Salvador (pilot programme)", "run_by": "International Labour Organization (ILO)",
                  "achieved": "Thirty-three migrant women earned a certificate in office software and marketing."},
    "guate": {"where": "Guatemala", "run_by": "Government of Guatemala, with private companies",
              "achieved": "It puts returnees in touch with private companies' vacancies and helps them certify "
                          "the skills they bring back."},
    "integral": {"where": "El Salvador", "run_by": "Government of El Salvador",
                 "achieved": "One programme brings together job guidance, training and support for the businesses "
                             "returnees start."},
    # -- community level
    "quedate": {"where": "Guatemala", "run_by": "Government of Guatemala",
                "achieved": "Technical training for young people in trades employers are looking for, as an "
                            "alternative to irregular migration."},
    "umar": {"where": "Honduran municipalities with many returns", "run_by": "Municipal governments of Honduras",
             "achieved": "Town hall offices receive returnees in their area and refer them to local employment, "
                         "health and education services."},
    "pepita": {"where": "Comunidades de retorno del norte de Centroamérica", "run_by": "OIM con socios locales",
               "achieved": "Mensajes psicoeducativos transmitidos con teatro y juegos, que ayudan a las comunidades "
                           "a aprender a cuidar su salud mental."},
    "ruedas": {"where": "Northern Central America", "run_by": "IOM with local partners",
               "achieved": "Mobile units tour the communities with games and learning activities that explain "
                           "the risks of irregular migration."},
    "serbia": {"where": "Serbia",
               "run_by": "Los municipios, con la OIM y la agencia nacional para personas refugiadas y migrantes",
               "achieved": "Entre 2001 y 2012, los municipios evaluaron por sí mismos sus necesidades de vivienda y "
                           "de medios de vida y actualizaron sus planes de acción local para incluir a los nacionales "
                           "que regresaban; las localidades vecinas agruparon sus planes."},
    # -- structural level
    "principios": {"where": "The 11 RCM member countries",
                   "run_by": "Regional Conference on Migration (RCM)",
                   "achieved": "A shared understanding, agreed in San José in 2014, that each member country "
                               "undertook to build into its laws and its return and reintegration policies."},
    "fondo": {"where": "Los países miembros de la CRM", "run_by": "OIM, en nombre de la CRM",
              "achieved": "Apoyo económico y operativo a personas vulnerables que retornan de forma voluntaria, "
                          "sobre todo a la niñez no acompañada y separada, cuando sus necesidades superan lo que "
                          "cubren los programas nacionales."},
    "politica-sv": {"where": "El Salvador (2017)", "run_by": "Government of El Salvador",
                    "achieved": "A national framework protecting migrants and returnees, which the country backs "
                                "with protocols and coordination mechanisms for reintegration."},
    "manual": {"where": "RCM member countries, from the IOM Regional Office in San José",
               "run_by": "International Organization for Migration (IOM)",
               "achieved": "A guide for each government to draft its national strategy across the economic, social "
                           "and psychosocial dimensions; El Salvador drew on it for its protocols."},
    "georgia": {"where": "Georgia, en seis zonas con muchas personas retornadas y desplazadas",
                "run_by": "OIM Georgia; hoy, el Ministerio de Salud, Trabajo y Asuntos Sociales",
                "achieved": "Un estudio del mercado laboral, orientadores laborales locales capacitados, ferias de "
                            "empleo y una base de datos de personas que buscan trabajo, cruzada con lo que piden "
                            "los empleadores; el ministerio ya asumió los centros."},
    "cotedivoire": {"where": "Côte d’Ivoire", "run_by": "Gobierno de Côte d’Ivoire, con la OIM",
                    "achieved": "Los ministerios y una organización de la sociedad civil adaptaron procedimientos "
                                "estándar, redactaron un plan nacional de retorno y reintegración y se reparten los "
                                "casos, cada socio según su presupuesto y su función."},
}

# The places whose own name reads the same in both languages: given as they are, with one press.
SAME_IN_BOTH: frozenset[str] = frozenset({"El Salvador", "Guatemala", "El Salvador (2017)", "Côte d’Ivoire", "Serbia"})

# Who gives the other language of a challenge or good practice, keyed ("challenge" | "practice", key): "author"
# (typed by the one who sent it) or "translator" (typed by the translator). Whatever is not named here is a
# machine draft the translator confirms as it is: the day-1 items are many and short, the drafts serve them well.
MAPPING_GIVEN_BY: dict[tuple[str, str], str] = {
    ("challenge", "followup"): "author", ("practice", "ventanillas"): "author",
    ("challenge", "debt"): "translator", ("challenge", "ministries"): "translator",
    ("challenge", "lgbti"): "translator", ("practice", "guate"): "translator", ("practice", "pepita"): "translator",
    ("practice", "politica-sv"): "translator",
}

# Each table's synthesis, by its rapporteur, in the rapporteur's language, and its other language. The moderator
# of table A sends the first version back (``SENT_BACK``); the rapporteur adds the opportunities.
SYNTHESES: dict[str, dict[str, tuple[str, str]]] = {
    "A": {
        "challenges": (
            "La mesa coincidió en que el primer contacto decide mucho: quien llega sin documentos, sin atención de "
            "salud y sin una persona de referencia tarda meses en acceder a cualquier servicio. Preocupan en "
            "especial la niñez no acompañada, las víctimas de violencia o de trata y quienes no pueden volver a su "
            "comunidad por amenazas.\n\n"
            "También se señaló que la atención psicosocial llega tarde o no llega, y que el seguimiento se corta "
            "cuando termina la asistencia inmediata.",
            "The table agreed that the first contact decides a great deal: people who arrive without documents, "
            "without health care and without a reference person take months to reach any service. Of particular "
            "concern are unaccompanied children, victims of violence or trafficking, and those who cannot return "
            "to their community because of threats.\n\n"
            "Participants also noted that psychosocial care comes late or not at all, and that follow-up stops "
            "when immediate assistance ends."),
        "opportunities": (
            "Varios países ya reponen documentos o inscriben en salud en el punto de recepción, y hay modelos de "
            "gestión de casos que pueden ampliarse. La red de organizaciones de la sociedad civil ofrece "
            "acompañamiento cercano en las comunidades.",
            "Several countries already reissue documents or enrol people in health care at the reception point, "
            "and there are case-management models that can be scaled up. The network of civil-society "
            "organisations offers close support in the communities."),
        "actions": (
            "La mesa propone un plan individual con gestión de casos desde la recepción, una valoración temprana de "
            "las necesidades de protección y de salud mental con derivación según el perfil, y la reposición "
            "gratuita de documentos en pocos días.",
            "The table proposes an individual plan with case management from reception, an early assessment of "
            "protection and mental health needs with referral according to each profile, and free replacement of "
            "documents within a few days."),
    },
    "B": {
        "challenges": (
            "En los municipios de mayor retorno la llegada de personas retornadas se suma a servicios ya saturados y "
            "a un mercado de trabajo estrecho; cuando solo ellas reciben apoyo, crecen las tensiones con los "
            "vecinos que no migraron. El estigma contra las personas deportadas dificulta el empleo y la "
            "convivencia.",
            "In the municipalities with the most returns, returnees arrive to services already stretched and a "
            "narrow labour market; when only they receive support, tension with neighbours who never migrated "
            "grows. Stigma against deported people gets in the way of jobs and of living together."),
        "opportunities": (
            "Las unidades municipales de atención, las redes de personas retornadas y los planes de desarrollo "
            "local existentes son una base sobre la que construir, y el sector privado local está dispuesto a "
            "ofrecer aprendizaje en el empleo.",
            "Municipal assistance units, returnee networks and existing local development plans are a base to build "
            "on, and local businesses are willing to offer on-the-job learning."),
        "actions": (
            "La mesa propone conocer primero cada municipio con un perfil de servicios y de mercado de trabajo, "
            "financiar proyectos que la comunidad y las personas retornadas decidan y ejecuten juntas, y hacerlo "
            "dentro de los planes de desarrollo local.",
            "The table proposes first getting to know each municipality through a profile of its services and "
            "labour market, funding projects that the community and returnees decide on and carry out together, "
            "and doing so within the local development plans."),
    },
    "C": {
        "challenges": (
            "Reintegration rarely appears in national labour, training and social protection policies, and each "
            "ministry works with its own procedures and records. Without shared indicators or follow-up over "
            "several years, no country can tell whether reintegration is sustainable.",
            "La reintegración rara vez figura en las políticas nacionales de empleo, formación y protección social, "
            "y cada ministerio trabaja con sus propios procedimientos y registros. Sin indicadores compartidos ni "
            "seguimiento durante varios años, ningún país puede saber si la reintegración es sostenible."),
        "opportunities": (
            "The RCM already has a reserve fund and a forum where countries agree common criteria; inter-agency "
            "coordination bodies exist in several countries and can take on return and reintegration.",
            "La CRM ya cuenta con un fondo de reserva y con un foro en el que los países acuerdan criterios comunes; "
            "en varios países existen instancias de coordinación interinstitucional que pueden asumir el retorno y "
            "la reintegración."),
        "actions": (
            "The table proposes an inter-ministerial committee with one referral mechanism in each country, a "
            "single protected record of returnees, regional indicators reported to the RCM every year, and "
            "gender-responsive budgets in national strategies.",
            "La mesa propone un comité interministerial con un único mecanismo de referencia en cada país, un "
            "registro único y protegido de personas retornadas, indicadores regionales presentados a la CRM cada "
            "año y presupuestos con perspectiva de género en las estrategias nacionales."),
    },
}

# The language each table's synthesis is written in above (the first of each pair): its rapporteur's.
SYNTHESIS_LANGUAGE = {"A": "es", "B": "es", "C": "en"}

# The first version table A's rapporteur submits has no opportunities; the moderator sends it back with this note.
SENT_BACK = ("Falta la parte de oportunidades: ¿qué experiencias de los países se pueden ampliar?",
             "The opportunities are missing: which countries' experiences can be scaled up?")

# What the secretariat adds after the prefilled facts of the introduction (es, en).
INTRODUCTION_ADDED = (
    "El taller dio continuidad al trabajo de la CRM sobre retorno y reintegración y buscó acordar acciones "
    "nacionales y regionales para una reintegración sostenible en sus tres niveles: individual, comunitario y "
    "estructural.",
    "The workshop continued the RCM's work on return and reintegration and sought to agree national and regional "
    "actions for sustainable reintegration at its three levels: individual, community and structural.")

CONCLUSIONS = (
    "Las delegaciones coincidieron en que la reintegración sostenible empieza en la recepción y no termina con la "
    "asistencia inmediata: requiere un plan para cada persona, comunidades que participen en las decisiones y "
    "políticas públicas que incluyan a las personas retornadas.\n\n"
    "La armonización regional de los montos de asistencia no alcanzó consenso y se pidió un estudio comparativo "
    "antes de retomarla. Las delegaciones subrayaron la necesidad de datos comparables en la región para saber "
    "qué funciona.",
    "Delegations agreed that sustainable reintegration starts at reception and does not end with immediate "
    "assistance: it requires a plan for each person, communities that take part in decisions, and public "
    "policies that include returnees.\n\n"
    "Regional harmonisation of assistance amounts did not reach consensus, and a comparative study was requested "
    "before taking it up again. Delegations stressed the need for comparable data across the region to know what "
    "works.")

# (step, who, by when) in Spanish and English; by when in days after the workshop ends (the rehearsal is held
# today, bot/offline/demo/calendar.py, so the deadlines follow it).
# The comparative study goes to the body the joint reading asked for it when it set the harmonisation aside
# (``phrases``, its reason: the RCM Executive Secretariat), with the IOM's technical support.
NEXT_STEPS: tuple[tuple[tuple[str, str], tuple[str, str], int], ...] = (
    (("Circular la hoja de ruta adoptada a los puntos focales de los 11 países miembros.",
      "Circulate the adopted roadmap to the focal points of the 11 member countries."),
     ("Secretaría Ejecutiva de la CRM", "RCM Executive Secretariat"), 30),
    (("Preparar el estudio comparativo de los montos y modalidades de asistencia pedido en la lectura conjunta.",
      "Prepare the comparative study of assistance amounts and forms requested at the joint reading."),
     ("Secretaría Ejecutiva de la CRM, con el apoyo técnico de la OIM",
      "RCM Executive Secretariat, with technical support from IOM"), 120),
    (("Presentar un primer informe de avance de cada país en la reunión viceministerial.",
      "Present a first progress report from each country at the Vice-Ministerial Meeting."),
     ("Presidencia Pro Tempore y delegaciones", "Pro Tempore Presidency and delegations"), 210),
)
